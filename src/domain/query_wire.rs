//! How a [`TunnelQuery`] arrives in a server function's body (`/api/fn/tunnel`): as the same
//! fields, each read again through [`TunnelQuery::from_lookup`], so a direct post cannot skip
//! the rules of the URL (a hold id or a draft token that is not one, an unknown campaign key,
//! an out-of-range week…). One parser, whichever way the query comes.

use chrono::NaiveDate;
use serde::Deserialize;

use super::{hour_minute::HourMinute, lang::Lang, url::TunnelQuery};

/// The fields as the browser sends them (what `TunnelQuery`'s `Serialize` writes).
#[derive(Default, Deserialize)]
#[serde(default)]
pub struct TunnelQueryWire {
    event_type: Option<String>,
    week: usize,
    seed: Option<u64>,
    date: Option<NaiveDate>,
    hour: Option<HourMinute>,
    propose: bool,
    draft: Option<String>,
    hold: Option<String>,
    utm: Vec<(String, String)>,
    lang: Option<Lang>,
}

impl From<TunnelQueryWire> for TunnelQuery {
    fn from(wire: TunnelQueryWire) -> Self {
        let mut pairs: Vec<(String, String)> = wire.utm;
        let mut put = |key: &str, value: Option<String>| {
            if let Some(value) = value {
                pairs.insert(0, (key.to_string(), value));
            }
        };
        put("type", wire.event_type);
        put("week", Some(wire.week.to_string()));
        put("seed", wire.seed.map(|s| s.to_string()));
        put("date", wire.date.map(|d| d.to_string()));
        put("hour", wire.hour.map(|h| h.to_string()));
        put("proposer", wire.propose.then(|| "1".to_string()));
        put("draft", wire.draft);
        put("hold", wire.hold);
        put("lang", wire.lang.map(|l| l.as_str().to_string()));
        TunnelQuery::from_lookup(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_posted_directly_keeps_the_urls_rules() {
        let sent = serde_json::json!({
            "event_type": "appel<script>",
            "week": 9999,
            "seed": 7,
            "date": "2030-01-07",
            "hour": "09:30",
            "propose": false,
            "draft": "not-a-token",
            "hold": "0123456789abcdef0123456789abcdef",
            "utm": [["utm_source", "mail"], ["evil", "x"]],
            "lang": "en"
        });
        let query: TunnelQuery = serde_json::from_value(sent).unwrap();
        assert_eq!(query.event_type, None, "not a slug");
        assert_eq!(query.week, 0, "out of range");
        assert_eq!(query.seed, Some(7));
        assert_eq!(
            query.date.map(|d| d.to_string()).as_deref(),
            Some("2030-01-07")
        );
        assert_eq!(query.hour.map(|h| h.to_string()).as_deref(), Some("09:30"));
        assert_eq!(query.draft, None, "not a token");
        assert_eq!(
            query.hold.as_ref().map(|h| h.as_str()),
            Some("0123456789abcdef0123456789abcdef")
        );
        assert_eq!(query.utm, [("utm_source".to_string(), "mail".to_string())]);
        assert_eq!(
            query.lang.map(|l| l.as_str().to_string()).as_deref(),
            Some("en")
        );
    }

    #[test]
    fn what_the_browser_sends_comes_back_the_same() {
        let query = TunnelQuery::from_lookup(|k| {
            [
                ("type", "visio"),
                ("week", "2"),
                ("seed", "42"),
                ("date", "2030-01-07"),
                ("hour", "14:00"),
                ("hold", "0123456789abcdef0123456789abcdef"),
                ("utm_source", "lettre"),
            ]
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.to_string())
        });
        let json = serde_json::to_value(&query).unwrap();
        assert_eq!(serde_json::from_value::<TunnelQuery>(json).unwrap(), query);
    }
}
