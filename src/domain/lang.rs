//! The visitor's language, and the words of the pages in it.
//!
//! The words themselves live in the server's message catalogues (`locales/<lang>.ftl`,
//! read by `server::words`): views ask a [`Words`] for them by message id. Nothing here
//! holds a catalogue, so none reaches the browser bundle; what the islands must say in the
//! browser comes with the server's HTML (see `components::words`).

use std::{fmt, sync::Arc};

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::hour_minute::HourMinute;

/// A language the pages can be read in: a lower-case ISO 639 code (`fr`, `en`). Which ones
/// exist is decided by the catalogues the server has.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Lang(String);

impl Lang {
    /// The default and fallback language of the pages.
    pub fn french() -> Self {
        Self("fr".to_string())
    }

    /// Reads a language code: the primary subtag of a tag (`en-GB` → `en`), 2 or 3 ASCII
    /// letters, any case.
    pub fn parse(tag: &str) -> Option<Self> {
        let primary = tag.trim().split(['-', '_']).next()?;
        ((2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_alphabetic()))
            .then(|| Self(primary.to_ascii_lowercase()))
    }

    /// The code (`fr`).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The languages an `Accept-Language` header asks for, most wanted first (`q=0` left out).
pub fn accepted(header: &str) -> Vec<Lang> {
    let mut wanted: Vec<(Lang, u16)> = header
        .split(',')
        .take(16)
        .filter_map(|item| {
            let mut parts = item.split(';');
            let lang = Lang::parse(parts.next()?)?;
            let weight = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .map_or(Some(1000), |q| {
                    q.trim().parse::<f32>().ok().map(|q| (q * 1000.0) as u16)
                })?;
            (weight > 0).then_some((lang, weight))
        })
        .collect();
    // Stable: equal weights keep the header's order.
    wanted.sort_by_key(|w| std::cmp::Reverse(w.1));
    let mut langs: Vec<Lang> = Vec::new();
    for (lang, _) in wanted {
        if !langs.contains(&lang) {
            langs.push(lang);
        }
    }
    langs
}

/// What gives the words of a language: the server's catalogues.
pub trait Catalogue: Send + Sync {
    /// The message `id` in `lang` (falling back to the default language), with `args`.
    fn say(&self, lang: &Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String;
    /// Every language there is a catalogue for.
    fn langs(&self) -> Vec<Lang>;
}

/// A value put into a message.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// Text, as it is.
    Text(&'a str),
    /// A number (messages may choose their wording by it: "1er", plurals).
    Number(i64),
}

/// No catalogue: every message is its id. Only what runs without the server's context
/// (never a page the server renders) sees it.
struct Ids;

impl Catalogue for Ids {
    fn say(&self, _: &Lang, id: &str, _: &[(&str, Arg<'_>)]) -> String {
        id.to_string()
    }
    fn langs(&self) -> Vec<Lang> {
        vec![Lang::french()]
    }
}

/// The words of one visit: its language, whether the visitor chose it (then every link
/// carries it), and the catalogue.
#[derive(Clone)]
pub struct Words {
    lang: Lang,
    chosen: bool,
    catalogue: Arc<dyn Catalogue>,
}

impl fmt::Debug for Words {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Words")
            .field("lang", &self.lang)
            .field("chosen", &self.chosen)
            .finish()
    }
}

impl Default for Words {
    fn default() -> Self {
        Self::new(Lang::french(), false, Arc::new(Ids))
    }
}

impl Words {
    /// The words of `lang` from `catalogue`; `chosen` when the visit asked for it (`?lang=`).
    pub fn new(lang: Lang, chosen: bool, catalogue: Arc<dyn Catalogue>) -> Self {
        Self {
            lang,
            chosen,
            catalogue,
        }
    }

    /// The language.
    pub fn lang(&self) -> &Lang {
        &self.lang
    }

    /// The language the visit's links carry (`?lang=`): the one it chose, if it did.
    pub fn carried(&self) -> Option<Lang> {
        self.chosen.then(|| self.lang.clone())
    }

    /// The words of each other language the pages can be read in, as the visitor would
    /// choose them (for the language switch).
    pub fn others(&self) -> Vec<Words> {
        self.catalogue
            .langs()
            .into_iter()
            .filter(|lang| lang != &self.lang)
            .map(|lang| Self::new(lang, true, self.catalogue.clone()))
            .collect()
    }

    /// The message `id`.
    pub fn say(&self, id: &str) -> String {
        self.catalogue.say(&self.lang, id, &[])
    }

    /// The message `id` with text values.
    pub fn say_with(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(k, v)| (*k, Arg::Text(v))).collect();
        self.catalogue.say(&self.lang, id, &args)
    }

    /// "jeudi 26 novembre", "Thursday 26 November".
    pub fn date(&self, date: NaiveDate) -> String {
        self.catalogue.say(&self.lang, "date", &date_args(date))
    }

    /// "jeudi 26 novembre 2026": for what is kept beyond the visit.
    pub fn date_with_year(&self, date: NaiveDate) -> String {
        let mut args = date_args(date);
        args.push(("year", Arg::Number(i64::from(date.year()))));
        self.catalogue.say(&self.lang, "date-with-year", &args)
    }

    /// A date already worded, at a time: "jeudi 26 novembre à 10:05".
    pub fn at(&self, date: &str, time: &str) -> String {
        self.say_with("date-time", &[("date", date), ("time", time)])
    }

    /// "jeudi 26 novembre 2026 à 10:05".
    pub fn date_time(&self, at: NaiveDateTime) -> String {
        self.at(
            &self.date_with_year(at.date()),
            &HourMinute::of(&at).to_string(),
        )
    }

    /// "jeudi 26 novembre à 10:05" (the year left out).
    pub fn date_hour(&self, date: NaiveDate, time: HourMinute) -> String {
        self.at(&self.date(date), &time.to_string())
    }
}

fn date_args(date: NaiveDate) -> Vec<(&'static str, Arg<'static>)> {
    vec![
        (
            "weekday",
            Arg::Number(i64::from(date.weekday().number_from_monday())),
        ),
        ("day", Arg::Number(i64::from(date.day()))),
        ("month", Arg::Number(i64::from(date.month()))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_read_from_tags() {
        assert_eq!(Lang::parse("en-GB").unwrap().as_str(), "en");
        assert_eq!(Lang::parse(" FR ").unwrap().as_str(), "fr");
        assert_eq!(Lang::parse("fr_CA").unwrap().as_str(), "fr");
        assert!(Lang::parse("*").is_none());
        assert!(Lang::parse("english").is_none());
        assert!(Lang::parse("e1").is_none());
    }

    #[test]
    fn accept_language_is_read_by_weight() {
        let langs = |h| accepted(h).into_iter().map(|l| l.0).collect::<Vec<_>>();
        assert_eq!(langs("en-US,en;q=0.9,fr;q=0.8"), ["en", "fr"]);
        assert_eq!(langs("fr;q=0.5, de, en;q=0.7"), ["de", "en", "fr"]);
        assert_eq!(langs("de;q=0, en"), ["en"]);
        assert_eq!(langs("*"), Vec::<String>::new());
        assert_eq!(langs(""), Vec::<String>::new());
    }
}
