//! Cal.com's webhooks: signed deliveries keep the offer and the stored bookings true;
//! anything unsigned is refused.

use hmac::{Hmac, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

use crate::support::{
    booking_form, fake_calcom::webhooks, first_free, location, offered, post_html, spawn_app,
    AppOptions, TestApp,
};

const SECRET: &str = "whsec-0123456789abcdef";

async fn app() -> TestApp {
    spawn_app(AppOptions {
        env: vec![("CAL_COM_WEBHOOK_SECRET", SECRET.into())],
        ..AppOptions::default()
    })
    .await
}

fn signature(body: &str, secret: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(body.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

async fn deliver(app: &TestApp, body: &Value, signature: Option<String>) -> reqwest::Response {
    let body = body.to_string();
    let mut request = app
        .http
        .post(app.url("/webhooks/calcom"))
        .header("content-type", "application/json");
    if let Some(s) = signature {
        request = request.header("x-cal-signature-256", s);
    }
    request.body(body).send().await.unwrap()
}

#[tokio::test]
async fn a_signed_booking_created_elsewhere_removes_the_hour_at_once() {
    let app = app().await;
    let (date, hour) = first_free(&app, "appel").await;
    let start = crate::booking::utc_of(&date, &hour);
    // Booked by phone in Cal.com: our cache does not know yet.
    let uid = webhooks::book_elsewhere(app.fake(), 2283473, start.parse().unwrap(), "Au téléphone");
    assert!(offered(&app, &date, &hour).await);
    let body = webhooks::delivery(app.fake(), webhooks::Trigger::Created, &uid);
    let wrong = deliver(
        &app,
        &body,
        Some(signature(&body.to_string(), "another-secret-xyz")),
    )
    .await;
    assert_eq!(wrong.status().as_u16(), 401);
    assert_eq!(deliver(&app, &body, None).await.status().as_u16(), 401);
    assert_eq!(
        deliver(&app, &body, Some("no-secret-provided".into()))
            .await
            .status()
            .as_u16(),
        401
    );
    assert!(offered(&app, &date, &hour).await, "nothing changed yet");
    let good = deliver(&app, &body, Some(signature(&body.to_string(), SECRET))).await;
    assert_eq!(good.status().as_u16(), 200);
    assert!(!offered(&app, &date, &hour).await, "gone at once");
    // A replay is harmless; an unknown trigger is ignored.
    let again = deliver(&app, &body, Some(signature(&body.to_string(), SECRET))).await;
    assert_eq!(again.status().as_u16(), 200);
    let other = json!({"triggerEvent": "MEETING_ENDED", "payload": {}});
    let r = deliver(&app, &other, Some(signature(&other.to_string(), SECRET))).await;
    assert_eq!(r.status().as_u16(), 200);
}

#[tokio::test]
async fn a_booking_cancelled_or_moved_in_cal_com_says_so_on_its_page() {
    let app = app().await;
    let mut pages = Vec::new();
    for email in ["a@example.fr", "b@example.fr"] {
        let (date, hour) = first_free(&app, "appel").await;
        let shown = app.booking_token("appel", &date, &hour).await;
        let to = location(
            &post_html(
                &app,
                "/api/fn/book",
                &booking_form(&shown, &date, &hour, email),
            )
            .await,
        );
        assert!(to.contains("/confirmation/"), "{to}");
        pages.push(to);
    }
    // Cancelled by the business in Cal.com.
    webhooks::cancel_elsewhere(app.fake(), "fake-booking-1");
    let cancelled = webhooks::delivery(app.fake(), webhooks::Trigger::Cancelled, "fake-booking-1");
    assert_eq!(cancelled["payload"]["status"], "CANCELLED");
    let r = deliver(
        &app,
        &cancelled,
        Some(signature(&cancelled.to_string(), SECRET)),
    )
    .await;
    assert_eq!(r.status().as_u16(), 200);
    let page = app.get(&pages[0]).await.text().await.unwrap();
    assert!(page.contains("Rendez-vous annulé"), "{page}");

    // Moved by the business in Cal.com to a free hour at least two days ahead.
    let days: Value = app
        .get("/api/calcom/slots?type=appel&range=14")
        .await
        .json()
        .await
        .unwrap();
    let later = days
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|d| d["hours"].as_array().is_some_and(|h| !h.is_empty()))
        .expect("a free day");
    let (new_date, new_hour) = (
        later["date"].as_str().unwrap().to_string(),
        later["hours"][0].as_str().unwrap().to_string(),
    );
    let new_uid = webhooks::reschedule_elsewhere(
        app.fake(),
        "fake-booking-2",
        crate::booking::utc_of(&new_date, &new_hour)
            .parse()
            .unwrap(),
    );
    let moved = webhooks::delivery(app.fake(), webhooks::Trigger::Rescheduled, &new_uid);
    assert_eq!(moved["payload"]["rescheduleUid"], "fake-booking-2");
    for _ in 0..2 {
        let r = deliver(&app, &moved, Some(signature(&moved.to_string(), SECRET))).await;
        assert_eq!(r.status().as_u16(), 200);
    }
    let old = app.get(&pages[1]).await.text().await.unwrap();
    assert!(old.contains("Rendez-vous déplacé"), "{old}");
    let new = crate::support::html::attr(&old, "a.primary-link", "href").unwrap();
    let new_page = app.get(&new).await.text().await.unwrap();
    let label = crate::support::french_date(&new_date);
    assert!(new_page.contains(&label), "{label}: {new_page}");
    assert!(new_page.contains(&new_hour), "{new_hour}: {new_page}");
    let pool = crate::support::raw_db(&app.db_url).await;
    let (rows,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM bookings")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 3, "a replayed reschedule is recorded once");
}

#[tokio::test]
async fn without_a_secret_there_is_no_webhook() {
    let app = spawn_app(AppOptions::default()).await;
    let body = json!({"triggerEvent": "BOOKING_CREATED", "payload": {}});
    let r = deliver(&app, &body, Some(signature(&body.to_string(), SECRET))).await;
    assert_eq!(r.status().as_u16(), 404);
}

#[tokio::test]
async fn deliveries_have_their_own_limit_not_the_visitors() {
    let app = spawn_app(AppOptions {
        env: vec![("CAL_COM_WEBHOOK_SECRET", SECRET.into())],
        posts_per_minute: 2,
        ..AppOptions::default()
    })
    .await;
    let body = json!({"triggerEvent": "BOOKING_REQUESTED", "payload": {"eventTypeId": 2283473}});
    for _ in 0..5 {
        let r = deliver(&app, &body, Some(signature(&body.to_string(), SECRET))).await;
        assert_eq!(r.status().as_u16(), 200);
    }
}
