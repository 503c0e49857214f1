//! The fake Cal.com refuses what Cal.com's source refuses (CALCOM_API_NOTES.md §9, §12): the
//! tests of the app are only as true as it is strict.

use chrono::{Datelike, Duration, SecondsFormat, Utc, Weekday};
use serde_json::{json, Value};

use crate::support::{
    fake_calcom::{self, bookings, generated_starts, HOST_ZONE},
    FakeState,
};

const ID: u64 = 2283473;

async fn fake() -> (std::sync::Arc<FakeState>, String) {
    let state = FakeState::new(&[ID]);
    let addr = fake_calcom::spawn(state.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    (state, format!("http://{addr}"))
}

fn booking(start: chrono::DateTime<Utc>) -> Value {
    json!({
        "start": start.to_rfc3339_opts(SecondsFormat::Secs, true),
        "eventTypeId": ID,
        "attendee": {"name": "Zoé", "email": "zoe@example.fr", "timeZone": "Europe/Paris"}
    })
}

async fn book(base: &str, body: &Value) -> (u16, Value) {
    let r = reqwest::Client::new()
        .post(format!("{base}/v2/bookings"))
        .header("cal-api-version", "2024-08-13")
        .header("authorization", "Bearer cal_test")
        .json(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.json().await.unwrap())
}

#[tokio::test]
async fn a_start_that_is_not_a_free_slot_now_is_refused_with_cal_coms_400() {
    let (state, base) = fake().await;
    let now = Utc::now();
    let free = generated_starts(ID, now + Duration::hours(1), now + Duration::days(14));
    let past = generated_starts(ID, now - Duration::days(14), now - Duration::hours(1));
    let saturday = (1..=7)
        .map(|d| now + Duration::days(d))
        .find(|t| t.with_timezone(&HOST_ZONE).weekday() == Weekday::Sat)
        .unwrap();
    let off_grid = free[0] + Duration::minutes(10);
    for (what, start, message) in [
        ("past", *past.last().unwrap(), bookings::OUT_OF_BOUNDS),
        ("off the grid", off_grid, bookings::NOT_AVAILABLE),
        ("a Saturday", saturday, bookings::NOT_AVAILABLE),
    ] {
        let (status, body) = book(&base, &booking(start)).await;
        assert_eq!(status, 400, "{what}: {body}");
        assert_eq!(body["error"]["message"], message, "{what}");
    }
    assert!(state.bookings.lock().unwrap().is_empty());
    let (status, body) = book(&base, &booking(free[0])).await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = book(&base, &booking(free[0])).await;
    assert_eq!(status, 400, "taken: {body}");
    assert_eq!(body["error"]["message"], bookings::NOT_AVAILABLE);
}

#[tokio::test]
async fn the_version_header_is_checked_per_endpoint_family() {
    let (_state, base) = fake().await;
    let http = reqwest::Client::new();
    let slots = |version: Option<&'static str>| {
        let mut r = http.get(format!(
            "{base}/v2/slots?eventTypeId={ID}&start=2030-01-07T00:00:00Z&end=2030-01-08T00:00:00Z"
        ));
        if let Some(v) = version {
            r = r.header("cal-api-version", v);
        }
        r.send()
    };
    assert_eq!(slots(Some("2024-09-04")).await.unwrap().status(), 200);
    assert_eq!(slots(Some("2024-08-13")).await.unwrap().status(), 404);
    assert_eq!(slots(None).await.unwrap().status(), 404);
    let start = generated_starts(
        ID,
        Utc::now() + Duration::hours(1),
        Utc::now() + Duration::days(14),
    )[0];
    for (version, expected) in [(None, 500), (Some("2024-09-04"), 404)] {
        let mut r = http
            .post(format!("{base}/v2/bookings"))
            .json(&booking(start));
        if let Some(v) = version {
            r = r.header("cal-api-version", v);
        }
        assert_eq!(r.send().await.unwrap().status(), expected, "{version:?}");
    }
    let event_type = http
        .get(format!("{base}/v2/event-types/{ID}"))
        .header("authorization", "Bearer cal_test")
        .header("cal-api-version", "2024-09-04")
        .send()
        .await
        .unwrap();
    assert_eq!(event_type.status(), 404);
}

#[tokio::test]
async fn one_quota_per_key_across_every_endpoint_with_its_headers() {
    let (state, base) = fake().await;
    state.quota.lock().unwrap().limit = 3;
    let http = reqwest::Client::new();
    let call = |path: &'static str, version: &'static str| {
        http.get(format!("{base}{path}"))
            .header("authorization", "Bearer cal_test")
            .header("cal-api-version", version)
            .send()
    };
    let first = call("/v2/event-types/2283473", "2024-06-14").await.unwrap();
    assert_eq!(first.status(), 200);
    assert_eq!(first.headers()["x-ratelimit-limit-default"], "3");
    assert_eq!(first.headers()["x-ratelimit-remaining-default"], "2");
    let reset: u64 = first.headers()["x-ratelimit-reset-default"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        (1..=60).contains(&reset),
        "seconds to the reset, not a time: {reset}"
    );
    assert_eq!(
        call("/v2/bookings", "2024-08-13").await.unwrap().status(),
        200
    );
    assert_eq!(
        call("/v2/event-types/2283473", "2024-06-14")
            .await
            .unwrap()
            .status(),
        200
    );
    // The fourth call of the key, whatever the endpoint: refused, without Retry-After.
    let refused = call("/v2/bookings", "2024-08-13").await.unwrap();
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().get("retry-after").is_none());
    assert_eq!(refused.headers()["x-ratelimit-remaining-default"], "0");
    // Another key has its own quota.
    let other = http
        .get(format!("{base}/v2/event-types/2283473"))
        .header("authorization", "Bearer cal_other")
        .header("cal-api-version", "2024-06-14")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);
    assert_eq!(state.quota.lock().unwrap().refused(), 1);
}

#[tokio::test]
async fn bookings_are_listed_with_their_status_and_take_status_and_skip_are_honoured() {
    let (state, base) = fake().await;
    let free = generated_starts(
        ID,
        Utc::now() + Duration::hours(1),
        Utc::now() + Duration::days(14),
    );
    for start in &free[..3] {
        assert_eq!(book(&base, &booking(*start)).await.0, 201);
    }
    let cancel = reqwest::Client::new()
        .post(format!("{base}/v2/bookings/fake-booking-1/cancel"))
        .header("cal-api-version", "2024-08-13")
        .json(&json!({"cancellationReason": "test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), 200);
    let moved = reqwest::Client::new()
        .post(format!("{base}/v2/bookings/fake-booking-2/reschedule"))
        .header("cal-api-version", "2024-08-13")
        .json(&json!({"start": free[3].to_rfc3339_opts(SecondsFormat::Secs, true)}))
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 201);
    let list = |query: &'static str| {
        let base = base.clone();
        async move {
            let body: Value = reqwest::Client::new()
                .get(format!("{base}/v2/bookings?{query}"))
                .header("cal-api-version", "2024-08-13")
                .header("authorization", "Bearer cal_test")
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            body["data"]
                .as_array()
                .unwrap()
                .iter()
                .map(|b| {
                    format!(
                        "{}:{}",
                        b["uid"].as_str().unwrap(),
                        b["status"].as_str().unwrap()
                    )
                })
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        list("").await,
        [
            "fake-booking-1:cancelled",
            "fake-booking-2:cancelled",
            "fake-booking-3:accepted",
            "fake-booking-4:accepted"
        ]
    );
    assert_eq!(
        list("status=upcoming").await,
        ["fake-booking-3:accepted", "fake-booking-4:accepted"]
    );
    assert_eq!(
        list("status=cancelled").await,
        ["fake-booking-1:cancelled", "fake-booking-2:cancelled"]
    );
    assert_eq!(list("take=1&skip=1").await, ["fake-booking-2:cancelled"]);
    let old = bookings::output(&state, "fake-booking-2").unwrap();
    assert_eq!(old["rescheduledToUid"], "fake-booking-4");
    // A move to a start that is not free is refused like a booking.
    let refused = reqwest::Client::new()
        .post(format!("{base}/v2/bookings/fake-booking-3/reschedule"))
        .header("cal-api-version", "2024-08-13")
        .json(&json!({"start": (free[4] + Duration::minutes(7)).to_rfc3339_opts(SecondsFormat::Secs, true)}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 400);
}

#[tokio::test]
async fn webhook_bodies_are_built_as_cal_com_sends_them() {
    let (state, _base) = fake().await;
    let free = generated_starts(
        ID,
        Utc::now() + Duration::hours(1),
        Utc::now() + Duration::days(14),
    );
    let uid = fake_calcom::webhooks::book_elsewhere(&state, ID, free[0], "Au téléphone");
    let moved = fake_calcom::webhooks::reschedule_elsewhere(&state, &uid, free[1]);
    let body = fake_calcom::webhooks::delivery(
        &state,
        fake_calcom::webhooks::Trigger::Rescheduled,
        &moved,
    );
    assert_eq!(body["triggerEvent"], "BOOKING_RESCHEDULED");
    assert!(body["createdAt"].is_string());
    let p = &body["payload"];
    assert_eq!(p["uid"], moved.as_str());
    assert_eq!(p["bookingId"], 2);
    assert_eq!(p["eventTypeId"], ID);
    assert_eq!(p["status"], "ACCEPTED");
    assert_eq!(p["rescheduleUid"], uid.as_str());
    assert_eq!(
        p["startTime"],
        free[1].to_rfc3339_opts(SecondsFormat::Secs, true)
    );
    assert_eq!(
        p["rescheduleStartTime"],
        free[0].to_rfc3339_opts(SecondsFormat::Secs, true)
    );
    assert_eq!(p["attendees"][0]["name"], "Au téléphone");
    assert!(p["endTime"].is_string() && p["organizer"]["timeZone"] == "Europe/Paris");
}
