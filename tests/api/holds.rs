//! The hour held while the visitor types: reserved at Cal.com when the contact step is
//! shown, gone from what everyone else is offered, used by the booking, released when the
//! visitor goes back, and never fatal when it cannot be made or ran out.

use serde_json::Value;

use crate::support::{
    booking_form, first_free, location, offered, post_html, spawn_app, wait_for, AppOptions, Shown,
    TestApp,
};

/// The contact step of `date` at `hour` in the visit `hold` (a new visit when `None`).
async fn contact(app: &TestApp, date: &str, hour: &str, hold: Option<&str>) -> String {
    let visit = hold.map(|h| format!("&hold={h}")).unwrap_or_default();
    app.get(&format!(
        "/prendre-rendez-vous?type=appel&date={date}&hour={hour}{visit}"
    ))
    .await
    .text()
    .await
    .unwrap()
}

#[tokio::test]
async fn choosing_an_hour_holds_it_for_this_visitor_only_and_the_booking_uses_the_hold() {
    let app = spawn_app(AppOptions {
        token: Some("cal_live_test"),
        ..AppOptions::default()
    })
    .await;
    let (date, hour) = first_free(&app, "appel").await;
    let page = contact(&app, &date, &hour, None).await;
    assert!(
        page.contains("Cet horaire vous est réservé jusqu’à"),
        "{page}"
    );
    let shown = Shown::read(&page);
    assert_eq!(shown.hold.len(), 32, "the visit's own hold id");
    let (uid, body) = {
        let life = app.fake().life.lock().unwrap();
        assert_eq!(life.reserved.len(), 1);
        let uid = life.reserved[0].clone();
        (uid.clone(), life.reservations[&uid].body.clone())
    };
    assert_eq!(
        body["reservationDuration"], 10,
        "tunnel.hold_minutes, with a key"
    );
    assert!(
        !page.contains(&uid),
        "the reservation uid never reaches the browser"
    );
    // Everyone else: not offered, and the contact step says it is gone.
    assert!(!offered(&app, &date, &hour).await);
    let other = contact(&app, &date, &hour, None).await;
    assert!(other.contains("n’est plus disponible"), "{other}");
    // The visitor, coming back to the form: still theirs.
    let again = contact(&app, &date, &hour, Some(&shown.hold)).await;
    assert!(again.contains("Cet horaire vous est réservé"));
    assert_eq!(
        app.fake().life.lock().unwrap().reserved.len(),
        1,
        "one hold, made once"
    );

    let to = location(
        &post_html(
            &app,
            "/api/fn/book",
            &booking_form(&shown, &date, &hour, "zoe@example.fr"),
        )
        .await,
    );
    assert!(to.contains("/confirmation/"), "{to}");
    let booked = app.fake().bookings.lock().unwrap()[0].clone();
    assert_eq!(booked["reservedSlotUid"], uid.as_str());
}

#[tokio::test]
async fn another_hour_or_the_dates_release_the_hold_and_the_hour_comes_back() {
    let app = spawn_app(AppOptions {
        token: None,
        ..AppOptions::default()
    })
    .await;
    let days: Value = app
        .get("/api/calcom/slots?type=appel&range=14")
        .await
        .json()
        .await
        .unwrap();
    // The first day with two free hours (late in the day, today may have only one left).
    let day = days
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["hours"].as_array().is_some_and(|h| h.len() >= 2))
        .expect("a day with two free hours");
    let date = day["date"].as_str().unwrap().to_string();
    let (first, second) = (
        day["hours"][0].as_str().unwrap().to_string(),
        day["hours"][1].as_str().unwrap().to_string(),
    );
    let shown = Shown::read(&contact(&app, &date, &first, None).await);
    let body = {
        let life = app.fake().life.lock().unwrap();
        life.reservations.values().next().unwrap().body.clone()
    };
    assert!(
        body.get("reservationDuration").is_none(),
        "without a key, Cal.com's own 5 minutes"
    );
    assert!(!offered(&app, &date, &first).await);
    // Another hour in the same visit: the first is released, the second held.
    let page = contact(&app, &date, &second, Some(&shown.hold)).await;
    assert!(page.contains("Cet horaire vous est réservé"));
    assert!(offered(&app, &date, &first).await, "the first hour is back");
    assert!(!offered(&app, &date, &second).await);
    // Back to the dates: released too (after the page answered).
    let dates = app
        .get(&format!(
            "/prendre-rendez-vous?type=appel&hold={}",
            shown.hold
        ))
        .await;
    assert_eq!(dates.status(), 200);
    dates.text().await.unwrap();
    wait_for("the hold released", || {
        app.fake().life.lock().unwrap().reservations.is_empty()
    })
    .await;
    assert!(offered(&app, &date, &second).await);
}

#[tokio::test]
async fn an_expired_or_stolen_hold_is_not_fatal() {
    let app = spawn_app(AppOptions {
        ttl: std::time::Duration::from_millis(300),
        ..AppOptions::default()
    })
    .await;
    let (date, hour) = first_free(&app, "appel").await;
    let shown = Shown::read(&contact(&app, &date, &hour, None).await);
    // The hold ran out, here and at Cal.com: the booking goes through as without a hold.
    {
        let mut life = app.fake().life.lock().unwrap();
        for r in life.reservations.values_mut() {
            r.until = chrono::Utc::now() - chrono::Duration::seconds(1);
        }
    }
    let pool = crate::support::raw_db(&app.db_url).await;
    sqlx::query("UPDATE holds SET until = '2020-01-01T00:00:00.000Z'")
        .execute(&pool)
        .await
        .unwrap();
    // Once the cache has read Cal.com again.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let to = location(
        &post_html(
            &app,
            "/api/fn/book",
            &booking_form(&shown, &date, &hour, "zoe@example.fr"),
        )
        .await,
    );
    assert!(to.contains("/confirmation/"), "{to}");
    assert!(app.fake().bookings.lock().unwrap()[0]
        .get("reservedSlotUid")
        .is_none());

    // Someone else holds the next hour at Cal.com after our page was read: no hold here,
    // and the booking ends on the nearest free hours.
    let (date, hour) = first_free(&app, "appel").await;
    let start = crate::booking::utc_of(&date, &hour);
    app.fake().life.lock().unwrap().reservations.insert(
        "someone-else".into(),
        crate::support::fake_calcom::life::Reserved {
            event_type_id: 2283473,
            start,
            until: chrono::Utc::now() + chrono::Duration::minutes(5),
            body: Value::Null,
        },
    );
    let page = contact(&app, &date, &hour, None).await;
    assert!(!page.contains("vous est réservé"));
    let shown = Shown::read(&page);
    let back = location(
        &post_html(
            &app,
            "/api/fn/book",
            &booking_form(&shown, &date, &hour, "eloise@example.fr"),
        )
        .await,
    );
    assert!(back.contains("draft="), "{back}");
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("n’est plus disponible"), "{html}");
    assert!(html.contains("class=\"choices alternatives\""));
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn one_client_holds_at_most_two_hours_at_once() {
    let app = spawn_app(AppOptions::default()).await;
    let hours: Vec<(String, String)> = free_hours(&app).await.into_iter().take(3).collect();
    let mut held = 0;
    for (date, hour) in &hours {
        // Each in a new visit, as a crawler following every hour link would.
        if contact(&app, date, hour, None)
            .await
            .contains("vous est réservé")
        {
            held += 1;
        }
    }
    assert_eq!(held, 2);
    assert_eq!(app.fake().life.lock().unwrap().reservations.len(), 2);
}

/// Every free hour of the next two weeks, in order.
pub async fn free_hours(app: &TestApp) -> Vec<(String, String)> {
    let days: Value = app
        .get("/api/calcom/slots?type=appel&range=14")
        .await
        .json()
        .await
        .unwrap();
    days.as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            let date = d["date"].as_str().unwrap().to_string();
            d["hours"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |h| (date.clone(), h.as_str().unwrap().to_string()))
        })
        .collect()
}

#[tokio::test]
async fn twenty_contact_steps_at_once_from_one_client_hold_at_most_its_limit() {
    let app = spawn_app(AppOptions::default()).await;
    // Cal.com answers reservations slowly: every request is at Cal.com at the same time.
    *app.fake().latency.lock().unwrap() = std::time::Duration::from_millis(300);
    let hours: Vec<(String, String)> = free_hours(&app).await.into_iter().take(20).collect();
    assert_eq!(hours.len(), 20);
    let mut requests = tokio::task::JoinSet::new();
    for (n, (date, hour)) in hours.iter().enumerate() {
        // Each a new visit; half of them with a hold id of their own choosing.
        let chosen = if n % 2 == 0 {
            format!("&hold={n:032x}")
        } else {
            String::new()
        };
        let url = app.url(&format!(
            "/prendre-rendez-vous?type=appel&date={date}&hour={hour}{chosen}"
        ));
        let http = app.http.clone();
        requests.spawn(async move { http.get(url).send().await.unwrap().text().await.unwrap() });
    }
    let pages = requests.join_all().await;
    for page in &pages {
        let hold = Shown::read(page).hold;
        assert!(
            !hold.starts_with("0000000000"),
            "the server issues hold ids: {hold}"
        );
    }
    let held = pages
        .iter()
        .filter(|p| p.contains("vous est réservé"))
        .count();
    assert_eq!(held, 2, "spam.holds_per_client");
    assert_eq!(
        app.fake().life.lock().unwrap().reserved.len(),
        2,
        "Cal.com was asked for two holds only"
    );
}

#[tokio::test]
async fn a_visit_holds_for_a_bounded_time_however_often_it_comes_back() {
    let app = spawn_app(AppOptions::default()).await;
    let hours = free_hours(&app).await;
    let (date, hour) = hours[0].clone();
    let shown = Shown::read(&contact(&app, &date, &hour, None).await);
    assert_eq!(app.fake().life.lock().unwrap().reserved.len(), 1);
    // Coming back after most of the hold ran out extends it...
    let pool = crate::support::raw_db(&app.db_url).await;
    let stamp =
        |t: chrono::DateTime<chrono::Utc>| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    let soon = stamp(chrono::Utc::now() + chrono::Duration::minutes(2));
    sqlx::query(&format!("UPDATE holds SET until = '{soon}'"))
        .execute(&pool)
        .await
        .unwrap();
    assert!(contact(&app, &date, &hour, Some(&shown.hold))
        .await
        .contains("vous est réservé"));
    assert_eq!(
        app.fake().life.lock().unwrap().reserved.len(),
        2,
        "extended once"
    );
    // ...but not once the visit has held hours for three holds' length (10 minutes each).
    let began = stamp(chrono::Utc::now() - chrono::Duration::minutes(25));
    sqlx::query(&format!(
        "UPDATE holds SET until = '{soon}', created_at = '{began}'"
    ))
    .execute(&pool)
    .await
    .unwrap();
    contact(&app, &date, &hour, Some(&shown.hold)).await;
    assert_eq!(
        app.fake().life.lock().unwrap().reserved.len(),
        2,
        "not extended past its life"
    );
    // Nor does another hour, or the dates and the same hour again, start a new life.
    let (other_date, other_hour) = hours[1].clone();
    let page = contact(&app, &other_date, &other_hour, Some(&shown.hold)).await;
    assert!(!page.contains("vous est réservé"));
    // (The whole page is read, as a browser does: the server renders it while it streams.)
    let dates = app
        .get(&format!(
            "/prendre-rendez-vous?type=appel&hold={}",
            shown.hold
        ))
        .await;
    assert_eq!(dates.status(), 200);
    dates.text().await.unwrap();
    let page = contact(&app, &date, &hour, Some(&shown.hold)).await;
    assert!(!page.contains("vous est réservé"));
    assert_eq!(app.fake().life.lock().unwrap().reserved.len(), 2);
}
