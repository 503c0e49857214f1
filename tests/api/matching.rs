//! Proposals that turn into appointments: an hour freed inside a visitor's range is offered
//! to them once, by email (a real SMTP server), and its link books it in one click.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::notifications::{read_maildir, smtpd_on_free_port, Smtpd};
use crate::support::{
    fake_calcom::webhooks, html, location, post_html, raw_db, spawn_app, AppOptions, TestApp,
};

const SECRET: &str = "whsec-matching-0123456789";
const PUBLIC: &str = "https://www.exemple.fr/prendre-rendez-vous";

/// A day a week or more ahead and two of its hours, as the app offers them (the fake's
/// hours depend on the day): the hour to free, and one outside the range.
async fn day_and_hours(app: &TestApp) -> (String, String, String) {
    let body: serde_json::Value = app
        .get("/api/calcom/slots?type=appel&range=30")
        .await
        .json()
        .await
        .unwrap();
    let week = (chrono::Utc::now().date_naive() + chrono::Days::new(7)).to_string();
    let days = body.as_array().expect("days");
    let day = days
        .iter()
        .find(|d| {
            d["date"].as_str().unwrap() >= week.as_str()
                && d["hours"].as_array().unwrap().len() >= 3
        })
        .expect("a day with hours a week ahead");
    let hours: Vec<&str> = day["hours"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    (
        day["date"].as_str().unwrap().to_string(),
        hours[0].to_string(),
        hours[hours.len() - 1].to_string(),
    )
}

/// `hour` plus one minute, `HH:MM`: the end of a range that holds `hour` only.
fn just_after(hour: &str) -> String {
    let t =
        chrono::NaiveTime::parse_from_str(hour, "%H:%M").unwrap() + chrono::Duration::minutes(1);
    t.format("%H:%M").to_string()
}

fn options(smtp_port: u16, db_url: Option<String>) -> AppOptions {
    AppOptions {
        env: vec![
            ("CAL_COM_WEBHOOK_SECRET", SECRET.to_string()),
            ("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}")),
            ("NOTIFY_EMAIL_TO", "patronne@exemple.fr".to_string()),
            ("NOTIFY_EMAIL_FROM", "rdv@exemple.fr".to_string()),
        ],
        settings: vec![(
            "# public_url = \"https://www.exemple.fr/prendre-rendez-vous\"",
            "public_url = \"https://www.exemple.fr/prendre-rendez-vous\"",
        )],
        db_url,
        ..AppOptions::default()
    }
}

/// Posts Cal.com's signed delivery of `trigger` for the booking `uid`.
async fn webhook(app: &TestApp, trigger: webhooks::Trigger, uid: &str) {
    let body = webhooks::delivery(app.fake(), trigger, uid).to_string();
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    let response = app
        .http
        .post(app.url("/webhooks/calcom"))
        .header("content-type", "application/json")
        .header(
            "x-cal-signature-256",
            hex::encode(mac.finalize().into_bytes()),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}

/// Zoé's proposal of `day`, `from`–`to`, as a browser without JavaScript posts it.
async fn propose(app: &TestApp, day: &str, from: &str, to: &str) {
    let token = app.form_token().await;
    let fields = [
        ("form[type]", "appel"),
        ("form[issued]", token.as_str()),
        ("form[website]", ""),
        ("form[slots][0][date]", day),
        ("form[slots][0][from]", from),
        ("form[slots][0][to]", to),
        ("form[name]", "Zoé Dupont"),
        ("form[email]", "zoe@example.fr"),
        ("form[phone]", "06 12 34 56 78"),
        ("form[message]", "Le matin si possible"),
        ("form[consent]", "on"),
    ];
    let to = location(&post_html(app, "/api/fn/propose", &fields).await);
    assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
}

/// The messages Zoé received.
fn zoes(smtpd: &Smtpd) -> Vec<serde_json::Value> {
    read_maildir(&smtpd.maildir.path().join("mail"))
        .into_iter()
        .filter(|m| m["to"] == "zoe@example.fr")
        .collect()
}

#[tokio::test]
async fn a_freed_hour_is_offered_once_and_its_link_books_it_in_one_click() {
    let (smtpd, port) = smtpd_on_free_port().await;
    let first = spawn_app(options(port, None)).await;
    // A second instance on the same database: still one email.
    let second = spawn_app(AppOptions {
        fake: first.fake.clone().zip(first.fake_addr),
        ..options(port, Some(first.db_url.clone()))
    })
    .await;
    let (day, hour, late) = day_and_hours(&first).await;
    let ten = crate::booking::utc_of(&day, &hour).parse().unwrap();
    let two = crate::booking::utc_of(&day, &late).parse().unwrap();
    // Both hours taken in Cal.com: Zoé proposes a range around the first, which nothing fits.
    let taken = webhooks::book_elsewhere(first.fake(), 2283473, ten, "Au téléphone");
    let other = webhooks::book_elsewhere(first.fake(), 2283473, two, "Au téléphone");
    // As Cal.com tells it: the app read the day before.
    webhook(&first, webhooks::Trigger::Created, &taken).await;
    webhook(&first, webhooks::Trigger::Created, &other).await;
    propose(&first, &day, &hour, &just_after(&hour)).await;
    // The later hour comes free: outside her range, nothing is sent.
    webhooks::cancel_elsewhere(first.fake(), &other);
    webhook(&first, webhooks::Trigger::Cancelled, &other).await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert!(
        zoes(&smtpd).is_empty(),
        "no email for an hour outside her ranges"
    );

    // Her hour comes free: one email, within 30 s, from either instance.
    webhooks::cancel_elsewhere(first.fake(), &taken);
    webhook(&second, webhooks::Trigger::Cancelled, &taken).await;
    let mut mails = Vec::new();
    for _ in 0..300 {
        mails = zoes(&smtpd);
        if !mails.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(mails.len(), 1, "one email");
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(zoes(&smtpd).len(), 1, "once, across both instances");
    let mail = &mails[0];
    assert_eq!(mail["from"], "rdv@exemple.fr");
    let body = mail["body"].as_str().unwrap();
    assert!(body.contains("Bonjour Zoé Dupont"), "{body}");
    assert!(body.contains(&hour), "the hour: {body}");
    assert!(
        !body.contains("06 12"),
        "no personal data but the name: {body}"
    );
    let links: Vec<&str> = body
        .split_whitespace()
        .filter(|w| w.starts_with(&format!("{PUBLIC}/offre/")))
        .collect();
    assert_eq!(
        links.len(),
        2,
        "the hour's link and the withdrawal's: {body}"
    );
    let path = links[0].trim_start_matches("https://www.exemple.fr");

    // The link: the contact step of that hour, details filled in, hour held.
    let opened = first.get(path).await;
    assert_eq!(opened.status(), 303);
    let step = location(&opened);
    assert!(
        step.contains(&format!("date={day}")) && step.contains(&format!("hour={hour}")),
        "{step}"
    );
    assert!(
        !step.contains("zoe") && !step.contains("Zo"),
        "no details in the URL: {step}"
    );
    let page = first.get(&step).await.text().await.unwrap();
    let field = |name: &str| html::attr(&page, &format!("input[name='form[{name}]']"), "value");
    assert_eq!(field("name").as_deref(), Some("Zoé Dupont"));
    assert_eq!(field("email").as_deref(), Some("zoe@example.fr"));
    let (token, hold, offer) = (
        field("issued").unwrap(),
        field("hold").unwrap_or_default(),
        field("offer").expect("the offer travels with the form"),
    );
    assert!(!hold.is_empty(), "the hour is held for her");
    let book = |token: String, hour: String, day: String| {
        let (hold, offer) = (hold.clone(), offer.clone());
        let app = &first;
        async move {
            let fields = [
                ("form[issued]", token.as_str()),
                ("form[hold]", hold.as_str()),
                ("form[offer]", offer.as_str()),
                ("form[website]", ""),
                ("form[type]", "appel"),
                ("form[week]", "0"),
                ("form[seed]", "1"),
                ("form[date]", day.as_str()),
                ("form[hour]", hour.as_str()),
                ("form[tz]", ""),
                ("form[name]", "Zoé Dupont"),
                ("form[email]", "zoe@example.fr"),
                ("form[phone]", "+33612345678"),
                ("form[message]", "Le matin si possible"),
            ];
            location(&post_html(app, "/api/fn/book", &fields).await)
        }
    };
    // One click on the button: booked in Cal.com, and the proposal with it.
    let booked = book(token, hour.clone(), day.clone()).await;
    assert!(booked.contains("/confirmation/"), "{booked}");
    let calls = first
        .fake()
        .booking_calls
        .load(std::sync::atomic::Ordering::SeqCst);
    let pool = raw_db(&first.db_url).await;
    let (status, booking): (String, Option<String>) =
        sqlx::query_as("SELECT status, booking_id FROM proposals")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "booked");
    assert!(booked.contains(&booking.expect("linked to its appointment")));

    // The link used again books nothing more: its appointment's page.
    let again = first.get(path).await;
    assert_eq!(again.status(), 303);
    assert!(location(&again).contains("/confirmation/"));
    let shown = first.booking_token("appel", &day, &late).await;
    let twice = book(shown.token, late.clone(), day.clone()).await;
    assert_eq!(twice, booked, "the same appointment");
    assert_eq!(
        first
            .fake()
            .booking_calls
            .load(std::sync::atomic::Ordering::SeqCst),
        calls,
        "Cal.com asked once"
    );
    // The owner's inbox says so, with its appointment.
    let inbox_has = sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM proposals WHERE status = 'booked' AND offered_at IS NOT NULL",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(inbox_has, 1);
}

#[tokio::test]
async fn a_withdrawn_or_expired_proposal_is_never_matched() {
    let (smtpd, port) = smtpd_on_free_port().await;
    let app = spawn_app(options(port, None)).await;
    let (day, hour, _) = day_and_hours(&app).await;
    let ten = crate::booking::utc_of(&day, &hour).parse().unwrap();
    let taken = webhooks::book_elsewhere(app.fake(), 2283473, ten, "Au téléphone");
    webhook(&app, webhooks::Trigger::Created, &taken).await;
    propose(&app, &day, &hour, &just_after(&hour)).await;
    propose(&app, &day, &hour, &just_after(&hour)).await;
    let pool = raw_db(&app.db_url).await;
    // One withdrawn, the other one's last day past.
    sqlx::query("UPDATE proposals SET status = 'withdrawn' WHERE id = 1")
        .execute(&pool)
        .await
        .unwrap();
    let past = r#"[{"date":"2020-01-06","from":"10:00","to":"10:30"}]"#;
    let set_past = if app.db_url.starts_with("postgres") {
        "UPDATE proposals SET availabilities = CAST($1 AS JSONB) WHERE id = 2"
    } else {
        "UPDATE proposals SET availabilities = $1 WHERE id = 2"
    };
    sqlx::query(set_past)
        .bind(past)
        .execute(&pool)
        .await
        .unwrap();
    webhooks::cancel_elsewhere(app.fake(), &taken);
    webhook(&app, webhooks::Trigger::Cancelled, &taken).await;
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(zoes(&smtpd).is_empty(), "nothing sent");
    let offered: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM offers")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(offered, 0);
}
