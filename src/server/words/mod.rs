//! The message catalogues (`locales/<lang>.ftl`, Fluent, embedded at build time) and the
//! language of each request: `?lang=` (the switch, the embed's `data-lang`), then the
//! browser's `Accept-Language`, then `business.language`.

use std::{
    collections::BTreeMap,
    sync::{Arc, LazyLock},
};

use fluent_bundle::{concurrent::FluentBundle, FluentArgs, FluentResource, FluentValue};
use http::{header, request::Parts, HeaderMap};

use crate::domain::{
    fields::BROWSER_WORDS,
    lang::{accepted, Arg, Catalogue, Lang, Words},
};

/// Every `locales/*.ftl` file, as `(language, text)` (listed by `build.rs`).
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// A catalogue that cannot be read, named.
#[derive(Debug, thiserror::Error)]
#[error("the catalogue locales/{lang}.ftl {problem}")]
pub struct CatalogueError {
    lang: String,
    problem: String,
}

/// The catalogues of every language the pages can be read in.
pub struct Catalogues {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
    ids: BTreeMap<Lang, Vec<String>>,
}

impl Catalogues {
    /// The catalogues built into the binary.
    pub fn embedded() -> Result<Self, CatalogueError> {
        Self::from_sources(EMBEDDED)
    }

    /// Catalogues from `(language, Fluent text)` pairs. French must be one of them: it is
    /// the fallback of every message.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Self, CatalogueError> {
        let mut bundles = BTreeMap::new();
        let mut ids = BTreeMap::new();
        for (code, text) in sources {
            let error = |problem: String| CatalogueError {
                lang: (*code).to_string(),
                problem,
            };
            let lang = Lang::parse(code)
                .filter(|l| l.as_str() == *code)
                .ok_or_else(|| error("is not named by a language code (e.g. en.ftl)".into()))?;
            let resource = FluentResource::try_new((*text).to_string())
                .map_err(|(_, errors)| error(format!("has syntax errors: {errors:?}")))?;
            let messages = resource
                .entries()
                .filter_map(|entry| match entry {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            let id = code
                .parse()
                .map_err(|_| error("is not named by a language code".into()))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // No invisible isolation marks around values: the pages are left-to-right.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| error(format!("defines a message twice: {errors:?}")))?;
            ids.insert(lang.clone(), messages);
            bundles.insert(lang, bundle);
        }
        if !bundles.contains_key(&Lang::french()) {
            return Err(CatalogueError {
                lang: "fr".into(),
                problem: "is missing (French is every message's fallback)".into(),
            });
        }
        Ok(Self { bundles, ids })
    }

    /// The languages there is a catalogue for.
    pub fn langs(&self) -> impl Iterator<Item = &Lang> {
        self.bundles.keys()
    }

    /// True when the pages can be read in `lang`.
    pub fn has(&self, lang: &Lang) -> bool {
        self.bundles.contains_key(lang)
    }

    /// The ids of `lang`'s messages.
    pub fn ids(&self, lang: &Lang) -> &[String] {
        self.ids.get(lang).map_or(&[], Vec::as_slice)
    }

    fn format(&self, lang: &Lang, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let bundle = self.bundles.get(lang)?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(*text),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(%lang, id, ?errors, "a message was formatted with errors");
        }
        Some(text.into_owned())
    }

    /// The language of a request, and whether the visit chose it: `?lang=` when there is a
    /// catalogue for it, else the first of the browser's languages there is one for, else
    /// `default`.
    pub fn resolve(
        &self,
        query: Option<&str>,
        accept: Option<&str>,
        default: &Lang,
    ) -> (Lang, bool) {
        if let Some(lang) = query.and_then(Lang::parse).filter(|l| self.has(l)) {
            return (lang, true);
        }
        let browser = accept
            .map(accepted)
            .unwrap_or_default()
            .into_iter()
            .find(|l| self.has(l));
        (browser.unwrap_or_else(|| default.clone()), false)
    }
}

impl Catalogue for Catalogues {
    fn say(&self, lang: &Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.format(lang, id, args)
            .or_else(|| self.format(&Lang::french(), id, args))
            .unwrap_or_else(|| {
                tracing::error!(id, "no catalogue has this message");
                id.to_string()
            })
    }

    fn langs(&self) -> Vec<Lang> {
        self.bundles.keys().cloned().collect()
    }
}

/// The query parameter that names the language.
pub const LANG_PARAM: &str = "lang";

/// The `?lang=` value of a query string, if any.
pub fn query_lang(query: Option<&str>) -> Option<String> {
    form_urlencoded::parse(query?.as_bytes())
        .find(|(k, _)| k == LANG_PARAM)
        .map(|(_, v)| v.into_owned())
}

/// The built-in catalogues, read once (startup checks they could be: see [`check`]).
static BUILT_IN: LazyLock<Result<Arc<Catalogues>, CatalogueError>> =
    LazyLock::new(|| Catalogues::embedded().map(Arc::new));

/// Fails, naming the file, when a built-in catalogue cannot be read.
pub fn check() -> Result<(), &'static CatalogueError> {
    BUILT_IN.as_ref().map(|_| ())
}

/// True when the pages can be read in `lang`.
pub fn is_known(lang: &Lang) -> bool {
    BUILT_IN.as_ref().is_ok_and(|c| c.has(lang))
}

/// The words of `lang`, not chosen by the visitor (the business's side, background work).
pub fn words_in(lang: &Lang) -> Words {
    match BUILT_IN.as_ref() {
        Ok(catalogues) => Words::new(lang.clone(), false, catalogues.clone()),
        Err(_) => Words::default(),
    }
}

/// The words of a request (its headers and query string): `?lang=`, `Accept-Language`,
/// then `default`.
pub fn words_for(default: &Lang, headers: &HeaderMap, query: Option<&str>) -> Words {
    let Ok(catalogues) = BUILT_IN.as_ref() else {
        return Words::default();
    };
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok());
    let (lang, chosen) = catalogues.resolve(query_lang(query).as_deref(), accept, default);
    Words::new(lang, chosen, catalogues.clone())
}

/// The words of the request being answered (a page or a server function): those the
/// server provided for it (`startup`), else the request's own with French as the default,
/// else French.
pub fn words_now() -> Words {
    use leptos::prelude::use_context;
    if let Some(words) = use_context::<Words>() {
        return words;
    }
    match use_context::<Parts>() {
        Some(parts) => words_for(&Lang::french(), &parts.headers, parts.uri.query()),
        None => words_in(&Lang::french()),
    }
}

/// The words the islands may need in the browser (`BROWSER_WORDS`), as a JSON object safe
/// inside a `<script>` element.
pub fn browser_json(words: &Words) -> String {
    let said: serde_json::Map<String, serde_json::Value> = BROWSER_WORDS
        .iter()
        .map(|id| ((*id).to_string(), words.say(id).into()))
        .collect();
    // `<` escaped: no `</script>` can close the element early.
    serde_json::Value::Object(said)
        .to_string()
        .replace('<', "\\u003c")
}

#[cfg(test)]
mod tests;
mod visit;

pub use visit::Visit;

/// "heure de Paris": a zone named by the city of its IANA name.
pub fn city_zone_label(zone: chrono_tz::Tz, words: &Words) -> String {
    let iana = zone.name();
    let city = iana.rsplit('/').next().unwrap_or(iana).replace('_', " ");
    words.say_with("zone-label", &[("city", &city)])
}
