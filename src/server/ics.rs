//! An iCalendar (RFC 5545) file for a booked appointment, written by the `icalendar` crate
//! (escaping, line folding, CRLF).

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike};

/// One VEVENT in a VCALENDAR.
pub fn event(uid: &str, start: DateTime<Utc>, minutes: i64, summary: &str) -> String {
    let end = start + chrono::Duration::minutes(minutes);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", "-//rdv-tunnel//FR"))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        .push(
            Event::new()
                .uid(&format!("{uid}@rdv-tunnel"))
                .summary(summary)
                .starts(start)
                .ends(end)
                .done(),
        );
    calendar.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_a_valid_event_in_utc() {
        let start = DateTime::parse_from_rfc3339("2026-11-26T08:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let ics = event("abc", start, 30, "Appel, avec; Zoé\nEt");
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(ics.contains("DTSTART:20261126T080000Z\r\n"));
        assert!(ics.contains("DTEND:20261126T083000Z\r\n"));
        assert!(ics.contains("SUMMARY:Appel\\, avec\\; Zoé\\nEt\r\n"));
        assert!(ics.contains("UID:abc@rdv-tunnel\r\n"));
        assert!(ics.contains("DTSTAMP:"));
        assert!(ics.trim_end().ends_with("END:VCALENDAR"));
    }

    #[test]
    fn long_lines_are_folded_at_75_octets() {
        let start = DateTime::<Utc>::from_timestamp(1_800_000_000, 0).unwrap();
        let ics = event("abc", start, 30, &"Rendez-vous très long ".repeat(10));
        assert!(ics.split("\r\n").all(|line| line.len() <= 75), "{ics}");
        assert!(
            ics.contains("\r\n "),
            "continuation lines start with a space"
        );
    }
}
