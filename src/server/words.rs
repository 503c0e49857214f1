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
static BUILT_IN: LazyLock<Option<Arc<Catalogues>>> =
    LazyLock::new(|| Catalogues::embedded().ok().map(Arc::new));

/// Fails, naming the file, when a built-in catalogue cannot be read.
pub fn check() -> Result<(), CatalogueError> {
    Catalogues::embedded().map(|_| ())
}

/// True when the pages can be read in `lang`.
pub fn is_known(lang: &Lang) -> bool {
    BUILT_IN.as_ref().is_some_and(|c| c.has(lang))
}

/// The words of `lang`, not chosen by the visitor (the business's side, background work).
pub fn words_in(lang: &Lang) -> Words {
    match BUILT_IN.as_ref() {
        Some(catalogues) => Words::new(lang.clone(), false, catalogues.clone()),
        None => Words::default(),
    }
}

/// The words of a request (its headers and query string): `?lang=`, `Accept-Language`,
/// then `default`.
pub fn words_for(default: &Lang, headers: &HeaderMap, query: Option<&str>) -> Words {
    let Some(catalogues) = BUILT_IN.as_ref() else {
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
mod tests {
    use super::*;

    /// A third language is a third file: this test catalogue has two messages, the rest
    /// falls back to French.
    const GERMAN: &str = include_str!("../../tests/locales/de.ftl");

    fn with_german() -> Arc<Catalogues> {
        let mut sources = EMBEDDED.to_vec();
        sources.push(("de", GERMAN));
        Arc::new(Catalogues::from_sources(&sources).unwrap())
    }

    #[test]
    fn the_catalogues_build_and_english_says_everything_french_does() {
        let catalogues = Catalogues::embedded().unwrap();
        let french = catalogues.ids(&Lang::french());
        assert!(french.len() > 100, "{} messages", french.len());
        for lang in catalogues.langs() {
            let ids = catalogues.ids(lang);
            let missing: Vec<_> = french.iter().filter(|id| !ids.contains(id)).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            let extra: Vec<_> = ids.iter().filter(|id| !french.contains(id)).collect();
            assert!(extra.is_empty(), "{lang} has unknown ids {extra:?}");
        }
    }

    /// Every message the code names exists in French (the fallback of all): ids passed to
    /// `say`/`say_with`, the islands' words, and the refusals and notices the code returns.
    #[test]
    fn every_message_the_code_names_is_in_the_catalogue() {
        let catalogues = Catalogues::embedded().unwrap();
        let french = catalogues.ids(&Lang::french());
        let is_id = |s: &str| {
            s.contains('-')
                && s.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        };
        let mut named: Vec<String> = BROWSER_WORDS.iter().map(|s| s.to_string()).collect();
        let markers = [
            "say(\"",
            "say_with(\"",
            "Err(\"",
            "ok_or(\"",
            "failed(\"",
            "=> \"",
        ];
        let mut files = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(path) = files.pop() {
            if path.is_dir() {
                files.extend(std::fs::read_dir(&path).unwrap().map(|e| e.unwrap().path()));
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Multi-line calls: `say_with(\n    "id"` reads as `say_with("id"`.
            let text = text.replace("(\n", "(").replace(|c: char| c == '\n', " ");
            let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let text = text.replace("( \"", "(\"");
            for marker in markers {
                for (at, _) in text.match_indices(marker) {
                    let rest = &text[at + marker.len()..];
                    if let Some(id) = rest.split('"').next().filter(|id| is_id(id)) {
                        named.push(id.to_string());
                    }
                }
            }
        }
        named.sort();
        named.dedup();
        assert!(named.len() > 100, "{} ids found", named.len());
        let missing: Vec<_> = named.iter().filter(|id| !french.contains(id)).collect();
        assert!(missing.is_empty(), "not in locales/fr.ftl: {missing:?}");
    }

    #[test]
    fn dates_in_each_language() {
        let catalogues = Arc::new(Catalogues::embedded().unwrap());
        let words = |code| Words::new(Lang::parse(code).unwrap(), false, catalogues.clone());
        let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
        assert_eq!(words("fr").date(d("2026-11-26")), "jeudi 26 novembre");
        assert_eq!(words("fr").date(d("2026-12-01")), "mardi 1er décembre");
        assert_eq!(words("en").date(d("2026-11-26")), "Thursday 26 November");
        assert_eq!(words("en").date(d("2026-12-01")), "Tuesday 1 December");
        assert_eq!(
            words("fr").date_with_year(d("2027-08-15")),
            "dimanche 15 août 2027"
        );
        let at = d("2026-12-01").and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(words("fr").date_time(at), "mardi 1er décembre 2026 à 09:05");
        assert_eq!(
            words("en").date_time(at),
            "Tuesday 1 December 2026 at 09:05"
        );
    }

    #[test]
    fn a_third_language_is_one_more_file() {
        let catalogues = with_german();
        let fr = Lang::french();
        let (lang, chosen) = catalogues.resolve(None, Some("de-CH, en;q=0.8"), &fr);
        assert_eq!((lang.as_str(), chosen), ("de", false));
        let words = Words::new(lang, false, catalogues.clone());
        assert_eq!(words.say("page-title"), "Termin vereinbaren");
        // What the test catalogue does not say comes in French.
        assert_eq!(words.say("choose-date"), "Choisissez une date");
    }

    #[test]
    fn the_language_comes_from_the_query_then_the_browser_then_the_business() {
        let catalogues = Catalogues::embedded().unwrap();
        let fr = Lang::french();
        let pick = |q, a| {
            let (lang, chosen) = catalogues.resolve(q, a, &fr);
            (lang.as_str().to_string(), chosen)
        };
        assert_eq!(pick(Some("en"), Some("fr")), ("en".into(), true));
        assert_eq!(pick(Some("fr"), Some("en")), ("fr".into(), true));
        assert_eq!(pick(Some("xx"), Some("en-GB")), ("en".into(), false));
        assert_eq!(pick(None, Some("es, en;q=0.5")), ("en".into(), false));
        assert_eq!(pick(None, Some("es")), ("fr".into(), false));
        assert_eq!(pick(None, None), ("fr".into(), false));
    }
}
