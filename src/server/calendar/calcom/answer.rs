//! Reading Cal.com's answers: statuses, failures, headers, excerpts for the logs.

use std::time::Duration;

use reqwest::{header::RETRY_AFTER, Response, StatusCode};

use chrono::{DateTime, Utc};

use super::{
    booking::BookingCreated,
    error::CalComError,
    wire::{BookingData, ErrorResponse},
};
use crate::server::store::kinds::BookingStatus;

/// Cal.com's status word; none means accepted, and an unknown word is kept as pending (the
/// owner checks it) and logged.
pub(super) fn booking_status(status: Option<&str>) -> BookingStatus {
    match status {
        None => BookingStatus::Accepted,
        Some(word) => BookingStatus::from_calcom(word).unwrap_or_else(|| {
            tracing::warn!(status = %excerpt(word, 40), "unknown Cal.com booking status");
            BookingStatus::Pending
        }),
    }
}

pub(super) fn transport_error(e: reqwest::Error) -> CalComError {
    let kind = if e.is_timeout() {
        "timeout"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_decode() || e.is_body() {
        "broken response body"
    } else {
        "request failed"
    };
    // reqwest's message names the URL (never the key, which travels in a header).
    CalComError::Unavailable(format!("{kind}: {e}"))
}

/// How long a 429 asks us to wait: Cal.com sends `X-RateLimit-Reset-<throttler>` (seconds
/// until that window resets; the longest counts) and no `Retry-After`, which a proxy in front
/// of a self-hosted instance may send instead.
pub(super) fn retry_after(response: &Response) -> Option<Duration> {
    let seconds =
        |value: &reqwest::header::HeaderValue| value.to_str().ok()?.trim().parse::<u64>().ok();
    let headers = response.headers();
    headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("x-ratelimit-reset"))
        .filter_map(|(_, value)| seconds(value))
        .max()
        .or_else(|| headers.get(RETRY_AFTER).and_then(seconds))
        .map(Duration::from_secs)
}

/// Turns a non-2xx answer into a typed error, keeping Cal.com's message for logs only.
pub(super) fn classify(
    status: StatusCode,
    retry_after: Option<Duration>,
    body: &str,
    with_key: bool,
) -> CalComError {
    let message = serde_json::from_str::<ErrorResponse>(body)
        .ok()
        .and_then(|e| e.error.and_then(|b| b.message).or(e.message))
        .unwrap_or_else(|| excerpt(body, 200));
    match status.as_u16() {
        401 | 403 if !with_key => CalComError::KeyNeeded {
            status: status.as_u16(),
        },
        401 | 403 => CalComError::InvalidKey {
            status: status.as_u16(),
        },
        404 => CalComError::NotFound { message },
        429 => CalComError::RateLimited { retry_after },
        s if s >= 500 => CalComError::Unavailable(format!("HTTP {s}: {message}")),
        s => CalComError::Rejected { status: s, message },
    }
}

/// JSON keys whose string values may hold a person's name or words (Cal.com writes the
/// attendee's name into booking titles, and the visitor's message into notes), or a key:
/// a booking's uid cancels and moves it at Cal.com, a reservation's uid releases the hour.
const PERSONAL_KEYS: [&str; 11] = [
    "name",
    "firstName",
    "lastName",
    "attendeeName",
    "title",
    "notes",
    "description",
    "uid",
    "reservationUid",
    "rescheduledFromUid",
    "rescheduledToUid",
];

/// `text` with the string value of each [`PERSONAL_KEYS`] key replaced by `***`.
fn without_personal_values(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'scan: while let Some(at) = rest.find('"') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        for key in PERSONAL_KEYS {
            let Some(after_key) = rest
                .strip_prefix('"')
                .and_then(|r| r.strip_prefix(key))
                .and_then(|r| r.strip_prefix('"'))
            else {
                continue;
            };
            let Some(value) = after_key
                .trim_start()
                .strip_prefix(':')
                .map(str::trim_start)
                .and_then(|r| r.strip_prefix('"'))
            else {
                continue;
            };
            // The value's end: the first quote not escaped (or the end of the excerpt).
            let mut escaped = false;
            let end = value
                .char_indices()
                .find(|&(_, c)| {
                    let found = c == '"' && !escaped;
                    escaped = c == '\\' && !escaped;
                    found
                })
                .map_or(value.len(), |(i, _)| i);
            out.push_str(&format!("\"{key}\":\"***"));
            rest = &value[end..];
            continue 'scan;
        }
        out.push('"');
        rest = &rest[1..];
    }
    out.push_str(rest);
    out
}

/// `text` with what could be personal data masked, for logs: names and free text in JSON
/// (see [`PERSONAL_KEYS`]), every word holding an `@` (emails), and every phone-like run
/// (from `+` or `0`, at least 8 digits, spaces, dots, dashes and parentheses allowed).
pub(super) fn masked(text: &str) -> String {
    let text = &without_personal_values(text);
    // Emails: a word (between spaces, quotes and punctuation) holding an `@`.
    let mut no_emails = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(if word.contains('@') { "***@***" } else { word });
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || "\"',;{}[]<>".contains(c) {
            flush(&mut word, &mut no_emails);
            no_emails.push(c);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut no_emails);
    // Phones: a run from `+` or `0` of digits and their usual separators, 8 digits or more.
    let chars: Vec<char> = no_emails.chars().collect();
    let phone_like = |c: &char| c.is_ascii_digit() || " .()-".contains(*c);
    let mut out = String::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if matches!(chars[i], '+' | '0') {
            let end = i + 1 + chars[i + 1..].iter().take_while(|c| phone_like(c)).count();
            if chars[i..end].iter().filter(|c| c.is_ascii_digit()).count() >= 8 {
                out.push_str("***");
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// The first `max` characters of `text`, on a character boundary.
pub(super) fn excerpt(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// An RFC 3339 instant as Cal.com writes it.
pub(super) fn instant(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// The booking Cal.com answered, its start read back (`asked` if unreadable), its length
/// from its end.
pub(super) fn created(data: BookingData, asked: DateTime<Utc>) -> BookingCreated {
    let start = instant(&data.start).unwrap_or(asked);
    let duration_minutes = data
        .end
        .as_deref()
        .and_then(instant)
        .map(|end| (end - start).num_minutes())
        .filter(|m| *m > 0)
        .or(data.duration.map(i64::from));
    BookingCreated {
        uid: data.uid,
        start,
        duration_minutes,
        status: booking_status(data.status.as_deref()),
        location: data
            .location
            .or(data.meeting_url)
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_statuses() {
        assert!(matches!(
            classify(StatusCode::UNAUTHORIZED, None, "{}", false),
            CalComError::KeyNeeded { status: 401 }
        ));
        let e = classify(StatusCode::UNAUTHORIZED, None, "{}", true);
        assert!(matches!(e, CalComError::InvalidKey { status: 401 }));
        let e = classify(
            StatusCode::NOT_FOUND,
            None,
            r#"{"status":"error","error":{"code":"NOT_FOUND","message":"Event type not found"}}"#,
            true,
        );
        assert!(
            matches!(e, CalComError::NotFound { ref message } if message == "Event type not found")
        );
        let e = classify(
            StatusCode::TOO_MANY_REQUESTS,
            Some(Duration::from_secs(7)),
            "",
            true,
        );
        assert!(matches!(e, CalComError::RateLimited { retry_after: Some(d) } if d.as_secs() == 7));
        assert!(matches!(
            classify(StatusCode::BAD_GATEWAY, None, "<html>", true),
            CalComError::Unavailable(_)
        ));
        assert!(matches!(
            classify(StatusCode::BAD_REQUEST, None, "{}", true),
            CalComError::Rejected { status: 400, .. }
        ));
    }

    #[test]
    fn personal_data_is_masked_in_logs() {
        let body = r#"{"message":"attendee zoe.dupont@example.fr, phone +33 6 12 34 56 78 or 0690123456, at 2026-11-26T09:00:00Z"}"#;
        let logged = masked(body);
        assert!(!logged.contains("zoe.dupont"), "{logged}");
        assert!(!logged.contains("12 34 56"), "{logged}");
        assert!(!logged.contains("0690123456"), "{logged}");
        assert!(
            logged.contains("2026-11-26T09:00:00Z"),
            "dates stay: {logged}"
        );
        assert!(logged.contains("\"message\""), "{logged}");
        let booking = r#"{"attendees":[{"name": "Zoé \"Zo\" Dupont","timeZone":"Europe/Paris"}],"title":"Appel entre Cabinet et Zoé Dupont","status":"accepted","responses":{"notes":"Rappel l'après-midi"}}"#;
        let logged = masked(booking);
        assert!(
            !logged.contains("Dupont") && !logged.contains("après-midi"),
            "{logged}"
        );
        assert!(logged.contains(r#""name":"***""#), "{logged}");
        assert!(logged.contains(r#""timeZone":"Europe/Paris""#), "{logged}");
        assert!(logged.contains(r#""status":"accepted""#), "{logged}");
        // An excerpt cut inside a value masks what there is.
        assert_eq!(masked(r#"{"name":"Zoé Dup"#), r#"{"name":"***"#);
        // Keys to a booking or a reservation at Cal.com.
        let created = r#"{"data":{"uid":"bk_8f3a","reservationUid":"rs_91c2","rescheduledFromUid":"bk_0001"}}"#;
        let logged = masked(created);
        assert!(
            !logged.contains("bk_") && !logged.contains("rs_"),
            "{logged}"
        );
    }

    #[test]
    fn excerpt_respects_char_boundaries() {
        assert_eq!(excerpt("éèà", 2), "éè");
    }
}
