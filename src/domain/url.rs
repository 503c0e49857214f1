//! The tunnel's state as carried in the page URL.

use chrono::NaiveDate;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use super::{
    checks::{is_slug, parse_date},
    hour_minute::HourMinute,
    lang::{Lang, Words},
    token::Token,
};

/// Path of the booking page.
pub const PAGE_PATH: &str = "/prendre-rendez-vous";
/// Path of the privacy page.
pub const PRIVACY_PATH: &str = "/confidentialite";

/// `path` for this visit: with `?lang=` when the visitor chose the language.
pub fn with_lang(path: &str, words: &Words) -> String {
    match words.carried() {
        Some(lang) => {
            let joint = if path.contains('?') { '&' } else { '?' };
            format!("{path}{joint}lang={lang}")
        }
        None => path.to_string(),
    }
}

/// `path` as a link that stays on this site: leading slashes and backslashes collapsed to
/// one slash, so that a request for `//evil.example/x` (or `/\evil.example/x`, which browsers
/// read the same way) never becomes a link to another host.
pub fn site_path(path: &str) -> String {
    format!("/{}", path.trim_start_matches(['/', '\\']))
}

/// The privacy page, in the visit's language.
pub fn privacy_href(words: &Words) -> String {
    with_lang(PRIVACY_PATH, words)
}

/// Longest value accepted for any query parameter; longer ones are ignored.
const MAX_PARAM_LEN: usize = 64;
/// Longest campaign value kept.
const MAX_UTM_LEN: usize = 200;

/// What a query value keeps as it is: RFC 3986's unreserved characters.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The campaign parameters kept from the landing URL.
pub const UTM_KEYS: [&str; 5] = [
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
];

/// Where the visitor is in the tunnel, as read from the page URL.
///
/// Parsing is lenient: a missing or malformed value is treated as absent, so a shared or
/// mistyped link still opens the page at its first step.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "super::query_wire::TunnelQueryWire")]
pub struct TunnelQuery {
    /// Event type slug (`appel`, `visio`); the first configured type when absent.
    pub event_type: Option<String>,
    /// Index of the week window (0 = first with availability).
    pub week: usize,
    /// Seed of the random pick, fixed for the visit.
    pub seed: Option<u64>,
    /// The chosen date, once picked.
    pub date: Option<NaiveDate>,
    /// The chosen hour, once picked.
    pub hour: Option<HourMinute>,
    /// Go straight to the proposal form (`proposer=1`).
    pub propose: bool,
    /// Opaque token of a refused submission to show again (never personal data).
    pub draft: Option<Token>,
    /// Opaque id of the hour this visit holds at Cal.com (never the reservation itself).
    pub hold: Option<Token>,
    /// Campaign parameters the visitor arrived with (`utm_source`…), carried along the visit.
    pub utm: Vec<(String, String)>,
    /// The language the visitor chose (`lang=en`), carried along the visit.
    pub lang: Option<Lang>,
}

/// Percent-encodes a query value (unreserved characters kept as they are).
pub fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, QUERY_VALUE).to_string()
}

/// `utm_source=…&utm_medium=…`, encoded, for links and hidden form fields.
pub fn utm_query(utm: &[(String, String)]) -> String {
    utm.iter()
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// A campaign value worth keeping: present, short, no control characters.
fn is_campaign_value(v: &str) -> bool {
    !v.is_empty() && v.chars().count() <= MAX_UTM_LEN && !v.chars().any(char::is_control)
}

/// The campaign parameters of a form's hidden `utm` field: known keys only, each once,
/// bounded values.
pub fn utm_from_field(raw: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.as_bytes()).take(UTM_KEYS.len() * 2) {
        let known = UTM_KEYS.contains(&k.as_ref());
        let fresh = !pairs.iter().any(|(key, _)| key == k.as_ref());
        if known && fresh && is_campaign_value(&v) {
            pairs.push((k.into_owned(), v.into_owned()));
        }
    }
    pairs
}

impl TunnelQuery {
    /// Reads the query from a parameter lookup (the router's query map or axum's).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        let get = |k: &str| get(k).filter(|v| !v.is_empty() && v.len() <= MAX_PARAM_LEN);
        Self {
            event_type: get("type").filter(|t| is_slug(t)),
            week: get("week")
                .and_then(|w| w.parse::<u8>().ok())
                .map_or(0, usize::from),
            seed: get("seed").and_then(|s| s.parse().ok()),
            date: get("date").and_then(|d| parse_date(&d)),
            hour: get("hour").and_then(|h| h.parse().ok()),
            propose: get("proposer").is_some_and(|v| v == "1"),
            draft: get("draft").and_then(|d| Token::parse(&d)),
            hold: get("hold").and_then(|h| Token::parse(&h)),
            utm: UTM_KEYS
                .iter()
                .filter_map(|k| {
                    get(k)
                        .filter(|v| is_campaign_value(v))
                        .map(|v| (k.to_string(), v))
                })
                .collect(),
            lang: get("lang").and_then(|l| Lang::parse(&l)),
        }
    }

    /// The page URL for this state, parameters in a fixed order. Every value but the
    /// campaign's was validated when read, so only those need encoding.
    pub fn href(&self) -> String {
        let mut params: Vec<(&str, String)> = Vec::new();
        if let Some(t) = &self.event_type {
            params.push(("type", t.clone()));
        }
        if self.week > 0 {
            params.push(("week", self.week.to_string()));
        }
        if let Some(s) = self.seed {
            params.push(("seed", s.to_string()));
        }
        if let Some(d) = self.date {
            params.push(("date", d.to_string()));
        }
        if let Some(h) = self.hour {
            params.push(("hour", h.to_string()));
        }
        if self.propose {
            params.push(("proposer", "1".to_string()));
        }
        if let Some(d) = &self.draft {
            params.push(("draft", d.as_str().to_string()));
        }
        if let Some(h) = &self.hold {
            params.push(("hold", h.as_str().to_string()));
        }
        for (k, v) in &self.utm {
            if let Some(key) = UTM_KEYS.iter().find(|u| *u == k) {
                params.push((key, encode_component(v)));
            }
        }
        if let Some(lang) = &self.lang {
            params.push(("lang", lang.to_string()));
        }
        if params.is_empty() {
            return PAGE_PATH.to_string();
        }
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        format!("{PAGE_PATH}?{}", query.join("&"))
    }

    /// The same visit at another step: keeps type, seed and campaign, replaces the rest.
    pub fn at(&self, week: usize, date: Option<NaiveDate>, hour: Option<HourMinute>) -> Self {
        Self {
            event_type: self.event_type.clone(),
            week,
            seed: self.seed,
            date,
            hour,
            propose: false,
            draft: None,
            hold: self.hold.clone(),
            utm: self.utm.clone(),
            lang: self.lang.clone(),
        }
    }

    /// The proposal step of this visit, optionally showing a draft.
    pub fn proposal_step(&self, draft: Option<Token>) -> Self {
        Self {
            propose: true,
            draft,
            ..self.at(0, None, None)
        }
    }

    /// This state showing a draft.
    pub fn with_draft(&self, draft: Token) -> Self {
        Self {
            draft: Some(draft),
            ..self.clone()
        }
    }
}

#[cfg(test)]
mod site_path_tests {
    use super::site_path;

    #[test]
    fn links_built_from_a_path_stay_on_the_site() {
        assert_eq!(site_path("//evil.example/x"), "/evil.example/x");
        assert_eq!(site_path("/\\evil.example/x"), "/evil.example/x");
        assert_eq!(site_path("///\\/x"), "/x");
        assert_eq!(site_path("/prendre-rendez-vous"), "/prendre-rendez-vous");
        assert_eq!(site_path(""), "/");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lookup;

    #[test]
    fn parses_valid_query_and_round_trips() {
        let q = TunnelQuery::from_lookup(lookup(&[
            ("type", "visio"),
            ("week", "1"),
            ("seed", "42"),
            ("date", "2026-11-26"),
            ("hour", "09:30"),
        ]));
        assert_eq!(q.event_type.as_deref(), Some("visio"));
        assert_eq!(q.week, 1);
        assert_eq!(q.seed, Some(42));
        assert_eq!(q.hour.map(|h| h.to_string()).as_deref(), Some("09:30"));
        assert_eq!(
            q.href(),
            "/prendre-rendez-vous?type=visio&week=1&seed=42&date=2026-11-26&hour=09:30"
        );
    }

    #[test]
    fn campaign_parameters_are_carried_encoded() {
        let q = TunnelQuery::from_lookup(lookup(&[
            ("type", "appel"),
            ("utm_source", "lettre d’info"),
            ("utm_medium", "e&mail"),
            ("utm_bogus", "x"),
        ]));
        assert_eq!(q.utm.len(), 2);
        let next = q.at(1, None, None).href();
        assert!(
            next.ends_with("&utm_source=lettre%20d%E2%80%99info&utm_medium=e%26mail"),
            "{next}"
        );
        assert_eq!(
            utm_query(&q.utm),
            "utm_source=lettre%20d%E2%80%99info&utm_medium=e%26mail"
        );
        assert_eq!(utm_from_field(&utm_query(&q.utm)), q.utm, "round trip");
    }

    #[test]
    fn a_form_carries_known_campaign_keys_only() {
        assert_eq!(
            utm_from_field("utm_source=lettre&utm_campaign=no%C3%ABl&evil=1&utm_source=x"),
            [
                ("utm_source".to_string(), "lettre".to_string()),
                ("utm_campaign".to_string(), "noël".to_string())
            ]
        );
        assert!(utm_from_field(&format!("utm_term={}", "x".repeat(201))).is_empty());
    }

    #[test]
    fn ignores_malformed_values() {
        let q = TunnelQuery::from_lookup(lookup(&[
            ("type", "<script>"),
            ("week", "-1"),
            ("seed", "abc"),
            ("date", "2026-13-40"),
            ("hour", "25:00"),
        ]));
        assert_eq!(q, TunnelQuery::default());
        assert_eq!(q.href(), PAGE_PATH);
        let long = "a".repeat(65);
        assert_eq!(
            TunnelQuery::from_lookup(lookup(&[("type", &long)])).event_type,
            None
        );
        assert_eq!(
            TunnelQuery::from_lookup(lookup(&[("week", "99999")])).week,
            0
        );
    }
}
