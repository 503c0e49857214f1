//! Form tokens: their verdicts, their purpose, their lifetime.

use super::*;

fn hour(at: &str) -> Purpose<'static> {
    Purpose::Booking {
        event_type: "appel",
        date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        hour: at.parse().unwrap(),
    }
}

const REQUEST: Purpose<'static> = Purpose::Proposal {
    event_type: "appel",
};

#[test]
fn verdicts() {
    let guard = FormGuard::random(Duration::ZERO);
    let token = guard.issue(&REQUEST);
    assert_eq!(guard.check(&token, &REQUEST, ""), Verdict::Human);
    assert_eq!(guard.check(&token, &REQUEST, "http://spam"), Verdict::Bot);
    assert_eq!(guard.check("", &REQUEST, ""), Verdict::Expired);
    assert_eq!(guard.check("123.abc", &REQUEST, ""), Verdict::Expired);
    let other = FormGuard::random(Duration::ZERO).issue(&REQUEST);
    assert_eq!(
        guard.check(&other, &REQUEST, ""),
        Verdict::Expired,
        "another key (a restart)"
    );
    let (millis, _) = token.split_once('.').unwrap();
    assert_ne!(
        guard.issue(&REQUEST),
        token,
        "each form its own token, even in one millisecond"
    );
    let unbound = {
        let mut mac = <Hmac<Sha256> as KeyInit>::new(&guard.key.into());
        mac.update(millis.as_bytes());
        format!("{millis}.{}", hex::encode(mac.finalize().into_bytes()))
    };
    assert_eq!(
        guard.check(&unbound, &REQUEST, ""),
        Verdict::Expired,
        "a signature without nonce or purpose"
    );
    let parts: Vec<&str> = token.split('.').collect();
    for (respelled, why) in [
        (format!("0{token}"), "a leading zero"),
        (format!("+{token}"), "a plus sign"),
        (token.to_uppercase(), "upper-case hex"),
        (
            format!("{}.{}.{}", parts[0], parts[1], parts[2].to_uppercase()),
            "an upper-case signature",
        ),
        (format!("{token}."), "a trailing dot"),
    ] {
        assert_eq!(
            guard.check(&respelled, &REQUEST, ""),
            Verdict::Expired,
            "one spelling per token: {why}"
        );
    }
    let other_nonce = format!("{}.{}.{}", parts[0], "ab".repeat(16), parts[2]);
    assert_eq!(
        guard.check(&other_nonce, &REQUEST, ""),
        Verdict::Expired,
        "the nonce is signed"
    );
    let forged = format!(
        "{}.{}",
        millis.parse::<i64>().unwrap() - 10_000,
        "0".repeat(64)
    );
    assert_eq!(guard.check(&forged, &REQUEST, ""), Verdict::Expired);

    let slow = FormGuard::random(Duration::from_secs(60));
    assert_eq!(
        slow.check(&slow.issue(&REQUEST), &REQUEST, ""),
        Verdict::TooFast
    );
    let nonce = "ab".repeat(16);
    let old = format!(
        "1000.{nonce}.{}",
        hex::encode(slow.mac(1_000, &nonce, &REQUEST).finalize().into_bytes())
    );
    assert_eq!(slow.check(&old, &REQUEST, ""), Verdict::Expired);
}

#[test]
fn a_token_is_good_for_its_own_form_only() {
    let guard = FormGuard::random(Duration::ZERO);
    let ten = guard.issue(&hour("10:00"));
    assert_eq!(guard.check(&ten, &hour("10:00"), ""), Verdict::Human);
    assert_eq!(guard.check(&ten, &hour("11:00"), ""), Verdict::Expired);
    assert_eq!(guard.check(&ten, &REQUEST, ""), Verdict::Expired);
    let other_type = Purpose::Booking {
        event_type: "visio",
        date: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
        hour: "10:00".parse().unwrap(),
    };
    assert_eq!(guard.check(&ten, &other_type, ""), Verdict::Expired);
    let other_day = Purpose::Booking {
        event_type: "appel",
        date: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        hour: "10:00".parse().unwrap(),
    };
    assert_eq!(guard.check(&ten, &other_day, ""), Verdict::Expired);
    let request = guard.issue(&REQUEST);
    assert_eq!(guard.check(&request, &hour("10:00"), ""), Verdict::Expired);
}

#[test]
fn a_booking_form_lives_two_hours_a_request_form_a_day() {
    let guard = FormGuard::random(Duration::ZERO);
    let shown = |ago: chrono::Duration, purpose: &Purpose| {
        let millis = (chrono::Utc::now() - ago).timestamp_millis();
        let nonce = "cd".repeat(16);
        let signature = hex::encode(guard.mac(millis, &nonce, purpose).finalize().into_bytes());
        format!("{millis}.{nonce}.{signature}")
    };
    let ten = hour("10:00");
    let early = shown(chrono::Duration::minutes(110), &ten);
    assert_eq!(guard.check(&early, &ten, ""), Verdict::Human);
    let late = shown(chrono::Duration::minutes(125), &ten);
    assert_eq!(guard.check(&late, &ten, ""), Verdict::Expired);
    let request = shown(chrono::Duration::hours(20), &REQUEST);
    assert_eq!(guard.check(&request, &REQUEST, ""), Verdict::Human);
    let stale = shown(chrono::Duration::hours(25), &REQUEST);
    assert_eq!(guard.check(&stale, &REQUEST, ""), Verdict::Expired);
}
