//! Where the meeting happens, read from Cal.com's `location` of a booking: a link (the
//! video call: Cal Video, Google Meet, Zoom…), a phone number, or an address.
//! And the links that add the appointment to Google's and Outlook's calendars.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::url::encode_component;

/// Longest location kept (an address is short; anything longer is not one).
const MAX_LEN: usize = 300;

/// Where the meeting happens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// A web link (the video call, or a page): shown as "Rejoindre la visio".
    Link(String),
    /// A phone number: a `tel:` link.
    Phone(String),
    /// An address: text, with a map link.
    Address(String),
}

impl Place {
    /// Reads Cal.com's `location`: `None` for nothing, an internal placeholder
    /// (`integrations:daily` before the call's link exists) or anything unreadable.
    pub fn read(raw: &str) -> Option<Self> {
        let raw = raw.trim();
        if raw.is_empty() || raw.chars().count() > MAX_LEN || raw.chars().any(char::is_control) {
            return None;
        }
        let lower = raw.to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return (!raw.contains(char::is_whitespace)).then(|| Self::Link(raw.to_string()));
        }
        if lower.starts_with("integrations:") || lower.contains("://") {
            return None;
        }
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        let phone_like = raw
            .chars()
            .all(|c| c.is_ascii_digit() || " +-.()".contains(c));
        if phone_like && (6..=15).contains(&digits) {
            return Some(Self::Phone(raw.to_string()));
        }
        Some(Self::Address(raw.to_string()))
    }

    /// The text a calendar's `LOCATION` holds.
    pub fn text(&self) -> &str {
        match self {
            Self::Link(s) | Self::Phone(s) | Self::Address(s) => s,
        }
    }

    /// The `tel:` link of a phone (its `+` and digits).
    pub fn tel(phone: &str) -> String {
        let dialled: String = phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect();
        format!("tel:{dialled}")
    }

    /// A map of an address (OpenStreetMap's search: no script, no account).
    pub fn map(address: &str) -> String {
        format!(
            "https://www.openstreetmap.org/search?query={}",
            encode_component(address)
        )
    }
}

/// What a calendar link says of the appointment.
pub struct CalendarEvent<'a> {
    /// Its title.
    pub title: &'a str,
    /// Start and end.
    pub span: (DateTime<Utc>, DateTime<Utc>),
    /// Where, if known.
    pub place: Option<&'a Place>,
    /// A sentence for its description.
    pub details: &'a str,
}

impl CalendarEvent<'_> {
    /// `base` followed by the title, the instants (written by `instant`), the details and
    /// the place, under the names a calendar's link reads them.
    fn link(
        &self,
        base: &str,
        [title, start, end, details]: [&str; 4],
        instant: impl Fn(DateTime<Utc>) -> String,
    ) -> String {
        let mut href = format!(
            "{base}&{title}={}&{start}={}{end}{}&{details}={}",
            encode_component(self.title),
            instant(self.span.0),
            instant(self.span.1),
            encode_component(self.details),
        );
        if let Some(place) = self.place {
            href.push_str(&format!("&location={}", encode_component(place.text())));
        }
        href
    }

    /// Google Calendar's "add an event" link (instants in UTC, `…Z`, as `start/end`).
    pub fn google(&self) -> String {
        self.link(
            "https://calendar.google.com/calendar/render?action=TEMPLATE",
            ["text", "dates", "/", "details"],
            |t| t.format("%Y%m%dT%H%M%SZ").to_string(),
        )
    }

    /// Outlook's "add an event" link (instants in UTC, RFC 3339 with `Z`).
    pub fn outlook(&self) -> String {
        self.link(
            "https://outlook.live.com/calendar/0/deeplink/compose?path=%2Fcalendar%2Faction%2Fcompose&rru=addevent",
            ["subject", "startdt", "&enddt=", "body"],
            |t| encode_component(&t.format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_are_read_as_what_they_are() {
        assert_eq!(
            Place::read("https://app.cal.com/video/abc"),
            Some(Place::Link("https://app.cal.com/video/abc".into()))
        );
        assert_eq!(
            Place::read("+33 6 12 34 56 78"),
            Some(Place::Phone("+33 6 12 34 56 78".into()))
        );
        assert_eq!(
            Place::read("12 rue de la Paix, 75002 Paris"),
            Some(Place::Address("12 rue de la Paix, 75002 Paris".into()))
        );
        assert_eq!(Place::read("integrations:daily"), None, "no link yet");
        assert_eq!(
            Place::read("javascript:alert(1)"),
            Some(Place::Address("javascript:alert(1)".into()))
        );
        assert_eq!(Place::read("ftp://x"), None);
        assert_eq!(Place::read(""), None);
        assert_eq!(Place::tel("+33 6 12 34 56 78"), "tel:+33612345678");
    }

    #[test]
    fn calendar_links_carry_the_instants_in_utc() {
        let place = Place::Link("https://app.cal.com/video/abc".into());
        let event = CalendarEvent {
            title: "Appel – Cabinet",
            span: (
                "2031-03-04T09:00:00Z".parse().unwrap(),
                "2031-03-04T09:30:00Z".parse().unwrap(),
            ),
            place: Some(&place),
            details: "Rendez-vous",
        };
        let google = event.google();
        assert!(
            google.contains("dates=20310304T090000Z/20310304T093000Z"),
            "{google}"
        );
        assert!(
            google.contains("location=https%3A%2F%2Fapp.cal.com%2Fvideo%2Fabc"),
            "{google}"
        );
        let outlook = event.outlook();
        assert!(
            outlook.contains("startdt=2031-03-04T09%3A00%3A00Z"),
            "{outlook}"
        );
        assert!(
            outlook.contains("enddt=2031-03-04T09%3A30%3A00Z"),
            "{outlook}"
        );
    }
}
