//! An iCalendar (RFC 5545) file for a booked appointment, written by the `icalendar` crate
//! (escaping, line folding, CRLF).

use chrono::{DateTime, Utc};
use icalendar::{Alarm, Calendar, Component, Event, EventLike};

use crate::domain::{place::Place, token::Token};

/// The UID of an appointment's calendar event: a domain-separated digest of the first
/// confirmation id of its chain of moves (128 random bits, so the digest reveals nothing
/// and cannot be turned back into the id).
pub fn appointment_uid(first_public_id: &Token) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(b"rdv-tunnel calendar event\0")
        .chain_update(first_public_id.as_str().as_bytes())
        .finalize();
    hex::encode(&digest[..16])
}

/// What the calendar event says.
pub struct Appointment<'a> {
    /// Stable across downloads and moves (see [`appointment_uid`]).
    pub uid: &'a str,
    /// The number of moves so far: a calendar app replaces its copy when it grows.
    pub sequence: u32,
    pub start: DateTime<Utc>,
    pub minutes: i64,
    pub summary: &'a str,
    /// Where (`LOCATION`, and `URL` for a link).
    pub place: Option<&'a Place>,
    /// What the reminder an hour before says.
    pub reminder: &'a str,
}

/// One VEVENT in a VCALENDAR.
pub fn event(a: &Appointment<'_>) -> String {
    let end = a.start + chrono::Duration::minutes(a.minutes);
    let mut event = Event::new();
    event
        .uid(&format!("{}@rdv-tunnel", a.uid))
        .sequence(a.sequence)
        .summary(a.summary)
        .starts(a.start)
        .ends(end)
        .alarm(Alarm::display(a.reminder, -chrono::Duration::hours(1)));
    if let Some(place) = a.place {
        event.location(place.text());
        if let Place::Link(link) = place {
            event.url(link);
        }
    }
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//rdv-tunnel//FR"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .push(event.done());
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uid_is_neither_the_id_nor_reversible_and_is_stable() {
        let id = Token::parse("0123456789abcdef0123456789abcdef").unwrap();
        let uid = appointment_uid(&id);
        assert_eq!(uid, appointment_uid(&id));
        assert_eq!(uid.len(), 32);
        assert_ne!(uid, id.as_str());
        let other = Token::parse("0123456789abcdef0123456789abcdee").unwrap();
        assert_ne!(uid, appointment_uid(&other));
    }

    #[test]
    fn builds_a_valid_event_in_utc() {
        let start = DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let ics = event(&Appointment {
            uid: "abc",
            sequence: 2,
            start,
            minutes: 30,
            summary: "Appel, avec; Zoé\nEt",
            place: Some(&Place::Link("https://app.cal.com/video/abc".into())),
            reminder: "Rendez-vous dans une heure",
        });
        assert!(
            ics.contains("LOCATION:https://app.cal.com/video/abc\r\n"),
            "{ics}"
        );
        assert!(
            ics.contains("URL:https://app.cal.com/video/abc\r\n"),
            "{ics}"
        );
        assert!(
            ics.contains("BEGIN:VALARM\r\n") && ics.contains("TRIGGER:-PT3600S\r\n"),
            "{ics}"
        );
        assert!(ics.contains("ACTION:DISPLAY\r\n"), "{ics}");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART:20261126T080000Z\r\n"));
        assert!(ics.contains("DTEND:20261126T083000Z\r\n"));
        assert!(ics.contains("SUMMARY:Appel\\, avec\\; Zoé\\nEt\r\n"));
        assert!(ics.contains("UID:abc@rdv-tunnel\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(ics.contains("DTSTAMP:"));
        assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    }

    #[test]
    fn long_lines_are_folded_at_75_octets() {
        let start = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let summary = "Rendez-vous très long ".repeat(10);
        let ics = event(&Appointment {
            uid: "abc",
            sequence: 0,
            start,
            minutes: 30,
            summary: &summary,
            place: None,
            reminder: "Rendez-vous dans une heure",
        });
        assert!(ics.split("\r\n").all(|line| line.len() <= 75), "{ics}");
        assert!(
            ics.contains("\r\n "),
            "continuation lines start with a space"
        );
    }
}
