//! `[translations.<lang>]`: the owner's own words (name, description, zone, event type
//! labels) in the other languages of the pages, and which of them a visit reads.

use std::collections::BTreeMap;

use super::{
    error::{ConfigError, Keys},
    raw::RawTranslation,
    Business, EventType,
};
use crate::{
    domain::lang::{Lang, Words},
    server::words,
};

/// What the owner wrote in one other language; what is missing is the business
/// language's (a name, a label) or the catalogue's (a description, a zone).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translation {
    /// The business's name.
    pub name: Option<String>,
    /// What search results and link previews say of the page.
    pub description: Option<String>,
    /// How hours are qualified ("Paris time").
    pub zone_label: Option<String>,
    /// Event type labels by slug.
    pub event_types: BTreeMap<String, String>,
}

/// Adds the translations to `business`, checking each names a known language and event
/// types that exist.
pub(super) fn translated(
    file: Keys<'_>,
    mut business: Business,
    raw: BTreeMap<String, RawTranslation>,
    event_types: &[EventType],
) -> Result<Business, ConfigError> {
    for (code, t) in raw {
        let key = format!("translations.{code}");
        let lang = Lang::parse(&code)
            .filter(|l| l.as_str() == code && words::is_known(l))
            .ok_or_else(|| file.invalid(&key, "names no language with a catalogue in locales/"))?;
        if let Some(slug) = t
            .event_types
            .keys()
            .find(|slug| !event_types.iter().any(|e| &e.slug == *slug))
        {
            return Err(file.invalid(
                &format!("{key}.event_types.{slug}"),
                "is not a configured event type",
            ));
        }
        business.translations.insert(
            lang,
            Translation {
                name: t.name,
                description: t.description,
                zone_label: t.zone_label,
                event_types: t.event_types,
            },
        );
    }
    Ok(business)
}

impl Business {
    /// The site of the page (`https://www.exemple.fr`), from `business.public_url`: what
    /// the links of emails start with.
    pub fn site(&self) -> Option<String> {
        let url = self.public_url.as_deref()?;
        let after_scheme = url.find("://")? + 3;
        let end = url[after_scheme..]
            .find('/')
            .map_or(url.len(), |i| after_scheme + i);
        Some(url[..end].to_string())
    }

    /// The owner's words in the visit's language, if any: none in the business language,
    /// whose words are the settings themselves.
    fn translation(&self, words: &Words) -> Option<&Translation> {
        self.translations.get(words.lang())
    }

    fn in_business_language(&self, words: &Words) -> bool {
        words.lang() == &self.language
    }

    /// The business's name.
    pub fn name_in(&self, words: &Words) -> String {
        self.translation(words)
            .and_then(|t| t.name.clone())
            .unwrap_or_else(|| self.name.clone())
    }

    /// What the page says of itself to search engines and link previews.
    pub fn description_in(&self, words: &Words) -> String {
        let own = self
            .in_business_language(words)
            .then(|| self.description.clone());
        self.translation(words)
            .and_then(|t| t.description.clone())
            .or(own.flatten())
            .unwrap_or_else(|| {
                words.say_with("page-description", &[("name", &self.name_in(words))])
            })
    }

    /// How hours are qualified ("heure de Paris", "Paris time").
    pub fn zone_label_in(&self, words: &Words) -> String {
        let own = self
            .in_business_language(words)
            .then(|| self.zone_label.clone());
        self.translation(words)
            .and_then(|t| t.zone_label.clone())
            .or(own.flatten())
            .unwrap_or_else(|| crate::server::words::city_zone_label(self.time_zone, words))
    }

    /// An event type's label.
    pub fn type_label_in(&self, event_type: &EventType, words: &Words) -> String {
        self.translation(words)
            .and_then(|t| t.event_types.get(&event_type.slug).cloned())
            .unwrap_or_else(|| event_type.label.clone())
    }
}

impl super::Config {
    /// The label of the event type `slug` as configured, in the business's language (the
    /// owner's side); the slug itself when that type is not configured any more.
    pub fn label_of(&self, slug: &str) -> String {
        self.event_type(Some(slug))
            .map_or_else(|| slug.to_string(), |e| e.label.clone())
    }
}
