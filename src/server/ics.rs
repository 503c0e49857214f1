//! An iCalendar (RFC 5545) file for a booked appointment.

use chrono::{DateTime, Utc};

/// Escapes a TEXT value (backslash, semicolon, comma, newline).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// One VEVENT in a VCALENDAR, lines ending in CRLF.
pub fn event(uid: &str, start: DateTime<Utc>, minutes: i64, summary: &str) -> String {
    let end = start + chrono::Duration::minutes(minutes);
    [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//rdv-tunnel//FR".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}@rdv-tunnel", escape(uid)),
        format!("DTSTAMP:{}", stamp(Utc::now())),
        format!("DTSTART:{}", stamp(start)),
        format!("DTEND:{}", stamp(end)),
        format!("SUMMARY:{}", escape(summary)),
        "END:VEVENT".to_string(),
        "END:VCALENDAR".to_string(),
    ]
    .join("\r\n")
        + "\r\n"
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
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
    }
}
