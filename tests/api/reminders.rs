//! Reminders: one email to the visitor at the configured offset before their appointment,
//! through a real SMTP server, with two instances running; none after a cancel; one for the
//! new hour after a move. The offset is set so that the reminder falls due seconds after
//! the booking (the clock, moved forward).

use std::{sync::Arc, time::Duration};

use crate::notifications::{read_maildir, smtpd_on_free_port, Smtpd};
use crate::support::{
    booking_form,
    fake_calcom::{spawn, FakeState},
    location, post_html, raw_db, spawn_app, AppOptions, TestApp,
};

/// A fake Cal.com, and two free hours of its first day (from a first look at the offer).
async fn fake_and_hours() -> (Arc<FakeState>, std::net::SocketAddr, String, [String; 2]) {
    let fake = FakeState::new(&[2283473, 2283474]);
    let addr = spawn(fake.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    let probe = spawn_app(AppOptions {
        fake: Some((fake.clone(), addr)),
        ..AppOptions::default()
    })
    .await;
    let days: serde_json::Value = probe
        .get("/api/calcom/slots?type=appel&range=14")
        .await
        .json()
        .await
        .unwrap();
    let day = days
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["hours"].as_array().unwrap().len() >= 2)
        .unwrap();
    let hour = |i: usize| day["hours"][i].as_str().unwrap().to_string();
    (
        fake,
        addr,
        day["date"].as_str().unwrap().to_string(),
        [hour(0), hour(1)],
    )
}

/// Two instances on one database, reminding `seconds_before` an appointment.
async fn instances(
    (fake, addr): (Arc<FakeState>, std::net::SocketAddr),
    smtp_port: u16,
    seconds_before: i64,
) -> (TestApp, TestApp) {
    let options = |db_url: Option<String>| AppOptions {
        fake: Some((fake.clone(), addr)),
        env: vec![
            ("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}")),
            ("NOTIFY_EMAIL_TO", "patronne@exemple.fr".to_string()),
            ("NOTIFY_EMAIL_FROM", "rdv@exemple.fr".to_string()),
        ],
        settings: vec![
            (
                "# public_url = \"https://www.exemple.fr/prendre-rendez-vous\"",
                "public_url = \"https://www.exemple.fr/prendre-rendez-vous\"",
            ),
            (
                "before = [\"24h\"]",
                Box::leak(format!("before = [\"{seconds_before}s\"]").into_boxed_str()),
            ),
        ],
        first_retry: Duration::from_millis(200),
        db_url,
        ..AppOptions::default()
    };
    let first = spawn_app(options(None)).await;
    let second = spawn_app(options(Some(first.db_url.clone()))).await;
    (first, second)
}

/// Seconds from now until `date` `hour` (Paris), less `lead`.
fn seconds_until(date: &str, hour: &str, lead: i64) -> i64 {
    let start: chrono::DateTime<chrono::Utc> = crate::booking::utc_of(date, hour).parse().unwrap();
    (start - chrono::Utc::now()).num_seconds() - lead
}

async fn book(app: &TestApp, date: &str, hour: &str) -> String {
    let shown = app.booking_token("appel", date, hour).await;
    let form = booking_form(&shown, date, hour, "zoe@example.fr");
    let to = location(&post_html(app, "/api/fn/book", &form).await);
    assert!(to.contains("/confirmation/"), "{to}");
    to
}

fn reminders(smtpd: &Smtpd) -> Vec<serde_json::Value> {
    read_maildir(&smtpd.maildir.path().join("mail"))
        .into_iter()
        .filter(|m| {
            m["to"] == "zoe@example.fr" && m["subject"].as_str().unwrap().starts_with("Rappel")
        })
        .collect()
}

#[tokio::test]
async fn one_reminder_at_the_offset_with_the_manage_link_from_two_instances() {
    let (smtpd, port) = smtpd_on_free_port().await;
    let (fake, addr, date, [hour, _]) = fake_and_hours().await;
    // Due about 6 s from now.
    let (first, _second) = instances((fake, addr), port, seconds_until(&date, &hour, 8)).await;
    let confirmation = book(&first, &date, &hour).await;
    let mut got = Vec::new();
    for _ in 0..300 {
        got = reminders(&smtpd);
        if !got.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(got.len(), 1, "a reminder");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(reminders(&smtpd).len(), 1, "once, with two instances");
    let body = got[0]["body"].as_str().unwrap();
    assert!(body.contains(&hour), "the hour: {body}");
    let page = format!("https://www.exemple.fr{confirmation}");
    assert!(body.contains(&page), "the manage link: {body}");
    assert!(!body.contains("fake-booking"), "no Cal.com uid: {body}");
}

#[tokio::test]
async fn no_reminder_after_a_cancel_and_one_for_the_new_hour_after_a_move() {
    let (smtpd, port) = smtpd_on_free_port().await;
    let (fake, addr, date, [early, late]) = fake_and_hours().await;
    // The early hour's reminder falls due in about 8 s; the late one's much later.
    let (first, second) = instances((fake, addr), port, seconds_until(&date, &early, 10)).await;
    // Booked early, then cancelled: nothing is sent.
    let cancelled = book(&first, &date, &early).await;
    let id = cancelled.rsplit('/').next().unwrap().to_string();
    let r = post_html(&second, "/api/fn/cancel", &[("id", id.as_str())]).await;
    assert_eq!(location(&r), cancelled);
    // Booked late, then moved to the early hour (now free again): its reminder comes.
    let moved_from = book(&first, &date, &late).await;
    let id = moved_from.rsplit('/').next().unwrap().to_string();
    let r = post_html(
        &first,
        "/api/fn/move",
        &[
            ("id", id.as_str()),
            ("date", date.as_str()),
            ("hour", early.as_str()),
        ],
    )
    .await;
    let moved_to = location(&r);
    assert!(
        moved_to.contains("/confirmation/") && moved_to != moved_from,
        "{moved_to}"
    );
    let pool = raw_db(&first.db_url).await;
    let waiting: Vec<(String,)> = sqlx::query_as(
        "SELECT booking_id FROM outbox WHERE event = 'booking.reminder' AND delivered_at IS NULL",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let new_id = moved_to.rsplit('/').next().unwrap();
    assert_eq!(
        waiting.len(),
        1,
        "only the moved appointment's: {waiting:?}"
    );
    assert_eq!(waiting[0].0, new_id);
    for _ in 0..300 {
        if !reminders(&smtpd).is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let got = reminders(&smtpd);
    assert_eq!(got.len(), 1, "one reminder: the moved appointment's");
    let body = got[0]["body"].as_str().unwrap();
    assert!(body.contains(&early) && body.contains(new_id), "{body}");
}

#[tokio::test]
async fn the_reminder_speaks_the_visit_s_language_and_gives_the_visitor_s_own_hour() {
    let (smtpd, port) = smtpd_on_free_port().await;
    let (fake, addr, date, [hour, _]) = fake_and_hours().await;
    let (first, _second) = instances((fake, addr), port, seconds_until(&date, &hour, 8)).await;
    // An English visit from Montréal: the business is in Paris.
    let shown = first.booking_token("appel", &date, &hour).await;
    let mut form = booking_form(&shown, &date, &hour, "zoe@example.fr");
    form.retain(|(name, _)| *name != "form[tz]");
    form.push(("form[tz]", "America/Montreal"));
    let to = location(&post_html(&first, "/api/fn/book?lang=en", &form).await);
    assert!(to.contains("/confirmation/"), "{to}");
    let mut got = Vec::new();
    for _ in 0..300 {
        got = read_maildir(&smtpd.maildir.path().join("mail"))
            .into_iter()
            .filter(|m| m["to"] == "zoe@example.fr")
            .collect();
        if !got.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(got.len(), 1, "a reminder");
    let subject = got[0]["subject"].as_str().unwrap();
    assert!(subject.starts_with("Reminder"), "in English: {subject}");
    let body = got[0]["body"].as_str().unwrap();
    let start: chrono::DateTime<chrono::Utc> =
        crate::booking::utc_of(&date, &hour).parse().unwrap();
    let montreal = start
        .with_timezone(&chrono_tz::America::Montreal)
        .format("%H:%M")
        .to_string();
    assert!(body.contains(&hour), "the business's hour: {body}");
    assert!(
        body.contains("Your time") && body.contains(&montreal) && body.contains("Montreal"),
        "the visitor's own hour ({montreal}): {body}"
    );
}
