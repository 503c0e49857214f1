//! The appointment's life after its booking, from its confirmation page and without
//! JavaScript: cancel it, move it, an hour taken meanwhile, an expired link.

use crate::support::{
    booking_form, first_free, html, location, offered, post_html, spawn_app, AppOptions, TestApp,
};

/// Books the first free hour; returns (confirmation path, date, hour).
async fn booked(app: &TestApp) -> (String, String, String) {
    let (date, hour) = first_free(app, "appel").await;
    let shown = app.booking_token("appel", &date, &hour).await;
    let to = location(
        &post_html(
            app,
            "/api/fn/book",
            &booking_form(&shown, &date, &hour, "zoe@example.fr"),
        )
        .await,
    );
    assert!(to.contains("/confirmation/"), "{to}");
    (to, date, hour)
}

async fn page(app: &TestApp, path: &str) -> String {
    app.get(path).await.text().await.unwrap()
}

async fn outbox_events(app: &TestApp) -> Vec<String> {
    let pool = crate::support::raw_db(&app.db_url).await;
    sqlx::query_as::<_, (String,)>("SELECT event FROM outbox ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap()
        .into_iter()
        .map(|(e,)| e)
        .collect()
}

#[tokio::test]
async fn cancelling_from_the_confirmation_cancels_in_cal_com_and_gives_the_hour_back() {
    let app = spawn_app(AppOptions {
        env: vec![("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hook".into())],
        ..AppOptions::default()
    })
    .await;
    let (confirmation, date, hour) = booked(&app).await;
    assert!(!offered(&app, &date, &hour).await);
    let summary = page(&app, &confirmation).await;
    let cancel_href = html::attr(&summary, "a[href$='?action=annuler']", "href").unwrap();
    let form = page(&app, &cancel_href).await;
    assert_eq!(
        html::attr(&form, "form", "action").as_deref(),
        Some("/api/fn/cancel")
    );
    let id = html::attr(&form, "input[name='id']", "value").unwrap();
    let r = post_html(
        &app,
        "/api/fn/cancel",
        &[("id", id.as_str()), ("reason", "Un empêchement")],
    )
    .await;
    assert_eq!(r.status().as_u16(), 302);
    assert_eq!(location(&r), confirmation);
    {
        let life = app.fake().life.lock().unwrap();
        assert_eq!(
            life.cancelled,
            [(
                "fake-booking-1".to_string(),
                Some("Un empêchement".to_string())
            )]
        );
    }
    // Offered again (well within 2 s: at once).
    let started = std::time::Instant::now();
    assert!(offered(&app, &date, &hour).await);
    assert!(started.elapsed() < std::time::Duration::from_secs(2));
    let after = page(&app, &confirmation).await;
    assert!(after.contains("Rendez-vous annulé"), "{after}");
    assert!(!after.contains("?action=annuler"), "nothing left to cancel");
    assert_eq!(
        outbox_events(&app).await,
        ["booking.created", "booking.cancelled"]
    );
    // A second post changes nothing and calls Cal.com no more.
    post_html(&app, "/api/fn/cancel", &[("id", id.as_str())]).await;
    assert_eq!(app.fake().life.lock().unwrap().cancelled.len(), 1);
}

#[tokio::test]
async fn moving_goes_through_the_hours_then_one_confirmation_and_shows_the_new_hour() {
    let app = spawn_app(AppOptions::default()).await;
    let (confirmation, date, hour) = booked(&app).await;
    let old_uid =
        crate::booking::ics_uid(&page(&app, &format!("{confirmation}/rendez-vous.ics")).await);
    // A few dates, then the chosen date's hours (never the appointment's own), then one
    // confirmation.
    let dates = page(&app, &format!("{confirmation}?action=deplacer")).await;
    let date_links = html::attrs(&dates, "ul.choices a", "href");
    assert!(
        (1..=4).contains(&date_links.len()),
        "a few dates: {date_links:?}"
    );
    assert!(date_links
        .iter()
        .all(|l| l.contains("action=deplacer&date=") && !l.contains("hour=")));
    for link in &date_links {
        let hours = page(&app, link).await;
        let hour_links = html::attrs(&hours, "ul.choices a", "href");
        assert!(!hour_links.is_empty(), "{link}: {hours}");
        assert!(
            !hour_links
                .iter()
                .any(|l| l.ends_with(&format!("date={date}&hour={hour}"))),
            "not its own hour"
        );
    }
    let hours = page(&app, &date_links[0]).await;
    let choice = html::attr(&hours, "ul.choices a", "href").unwrap();
    assert!(
        choice.contains("action=deplacer&date=") && choice.contains("&hour="),
        "{choice}"
    );
    let confirm = page(&app, &choice).await;
    let field =
        |name: &str| html::attr(&confirm, &format!("input[name='{name}']"), "value").unwrap();
    let (id, new_date, new_hour) = (field("id"), field("date"), field("hour"));
    let r = post_html(
        &app,
        "/api/fn/move",
        &[
            ("id", id.as_str()),
            ("date", new_date.as_str()),
            ("hour", new_hour.as_str()),
        ],
    )
    .await;
    let moved = location(&r);
    assert!(
        moved.contains("/confirmation/") && moved != confirmation,
        "{moved}"
    );
    {
        let life = app.fake().life.lock().unwrap();
        assert_eq!(life.rescheduled.len(), 1);
        assert_eq!(life.rescheduled[0].0, "fake-booking-1");
        assert_eq!(
            life.rescheduled[0].2["start"],
            crate::booking::utc_of(&new_date, &new_hour)
        );
    }
    let new_page = page(&app, &moved).await;
    assert!(new_page.contains(&format!("{new_hour} (")), "{new_page}");
    let ics = page(&app, &format!("{moved}/rendez-vous.ics")).await;
    assert_eq!(
        crate::booking::ics_uid(&ics),
        old_uid,
        "the calendar updates the same event"
    );
    assert!(ics.contains("SEQUENCE:1\r\n"), "{ics}");
    assert!(!ics.contains("fake-booking-"), "{ics}");
    let old = page(&app, &confirmation).await;
    assert!(old.contains("Rendez-vous déplacé"));
    assert_eq!(
        html::attr(&old, "a.primary-link", "href").as_deref(),
        Some(moved.as_str())
    );
    assert!(
        offered(&app, &date, &hour).await,
        "the old hour is free again"
    );
    assert!(!offered(&app, &new_date, &new_hour).await);
}

#[tokio::test]
async fn the_move_step_offers_a_few_dates_at_a_time_as_the_tunnel_does() {
    let app = spawn_app(AppOptions::default()).await;
    let (confirmation, _, _) = booked(&app).await;
    let first = page(&app, &format!("{confirmation}?action=deplacer")).await;
    let dates = |html: &str| html::attrs(html, "ul.choices a", "href");
    let step_links = |html: &str| html::attrs(html, "section.step a, section.step button", "href");
    let first_dates = dates(&first);
    assert_eq!(first_dates.len(), 4, "{first}");
    // Four dates, the next ones, and keeping the appointment: at most 8 choices (the
    // recap's own links aside).
    let choices = step_links(&first).len() - html::attrs(&first, "dl.recap a", "href").len();
    assert!(choices <= 8, "{choices} choices: {first}");
    let later = html::attr(&first, "p.next a[href*='page=1']", "href").expect("later dates");
    let second = page(&app, &later).await;
    let second_dates = dates(&second);
    assert!(!second_dates.is_empty(), "{second}");
    assert!(
        second_dates.iter().all(|d| !first_dates.contains(d)),
        "other dates"
    );
    assert!(
        second_dates[0] > first_dates[3],
        "later dates: {second_dates:?}"
    );
    let earlier = html::attr(&second, "p.next a[href*='page=0']", "href").expect("earlier");
    assert_eq!(dates(&page(&app, &earlier).await), first_dates);
    // A date's hours lead back to the page of that date.
    let hours = page(&app, &second_dates[0]).await;
    let back = html::attr(&hours, "p.next a[href*='page=']", "href").unwrap();
    assert!(back.ends_with("page=1"), "{back}");
    // A page past the last shows the last.
    let last = dates(&page(&app, &format!("{confirmation}?action=deplacer&page=30")).await);
    assert!(
        !last.is_empty() && last.iter().all(|d| *d >= second_dates[0]),
        "{last:?}"
    );
}

#[tokio::test]
async fn moving_onto_an_hour_taken_meanwhile_changes_nothing_and_says_so() {
    let app = spawn_app(AppOptions::default()).await;
    let (confirmation, _, _) = booked(&app).await;
    let dates = page(&app, &format!("{confirmation}?action=deplacer")).await;
    let hours = page(&app, &html::attr(&dates, "ul.choices a", "href").unwrap()).await;
    let choice = html::attr(&hours, "ul.choices a", "href").unwrap();
    let confirm = page(&app, &choice).await;
    let field =
        |name: &str| html::attr(&confirm, &format!("input[name='{name}']"), "value").unwrap();
    let (id, date, hour) = (field("id"), field("date"), field("hour"));
    app.fake()
        .taken
        .lock()
        .unwrap()
        .insert(crate::booking::utc_of(&date, &hour));
    let r = post_html(
        &app,
        "/api/fn/move",
        &[
            ("id", id.as_str()),
            ("date", date.as_str()),
            ("hour", hour.as_str()),
        ],
    )
    .await;
    let back = location(&r);
    assert!(back.ends_with("?action=deplacer&retour=pris"), "{back}");
    assert!(page(&app, &back).await.contains("vient d’être pris"));
    assert!(app.fake().life.lock().unwrap().rescheduled.is_empty());
    assert!(page(&app, &confirmation)
        .await
        .contains("Rendez-vous confirmé"));
}

#[tokio::test]
async fn the_link_stops_working_days_after_the_appointment() {
    let app = spawn_app(AppOptions::default()).await;
    let (confirmation, _, _) = booked(&app).await;
    assert_eq!(app.get(&confirmation).await.status(), 200);
    let pool = crate::support::raw_db(&app.db_url).await;
    let long_ago = (chrono::Utc::now() - chrono::Duration::days(8))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    sqlx::query(&format!("UPDATE bookings SET start_utc = '{long_ago}'"))
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(app.get(&confirmation).await.status(), 404);
    // Its actions too (the form post goes back to where it came from, with the error).
    post_html(
        &app,
        "/api/fn/cancel",
        &[("id", confirmation.rsplit('/').next().unwrap())],
    )
    .await;
    assert!(app.fake().life.lock().unwrap().cancelled.is_empty());
}

/// A post as a script sends it (no page, no referrer): the server function's own answer.
async fn forge(app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.http
        .post(app.url(path))
        .form(form)
        .send()
        .await
        .unwrap()
}

/// An app whose Cal.com event type `appel` has `settings` (read at startup, as Cal.com's).
async fn app_with(settings: serde_json::Value) -> TestApp {
    use crate::support::fake_calcom::{spawn, FakeState};
    let fake = FakeState::new(&[2283473, 2283474]);
    let object = settings.as_object().unwrap().clone();
    fake.event_type_settings
        .lock()
        .unwrap()
        .insert(2283473, object);
    let addr = spawn(fake.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    spawn_app(AppOptions {
        fake: Some((fake, addr)),
        token: Some("cal_live_rules"),
        ..AppOptions::default()
    })
    .await
}

#[tokio::test]
async fn an_event_type_that_forbids_cancelling_offers_no_cancel_and_refuses_a_forged_one() {
    let app = app_with(serde_json::json!({ "disableCancelling": { "disabled": true } })).await;
    let (confirmation, _, _) = booked(&app).await;
    let summary = page(&app, &confirmation).await;
    assert!(!summary.contains("?action=annuler"), "no cancel offered");
    assert!(
        summary.contains("?action=deplacer"),
        "moving is still allowed"
    );
    assert!(
        summary.contains("ne peut pas être annulé en ligne"),
        "the rule is stated"
    );
    // Asked by its URL: the summary, not the form.
    let asked = page(&app, &format!("{confirmation}?action=annuler")).await;
    assert!(!asked.contains("/api/fn/cancel"), "no cancel form");
    let id = confirmation.rsplit('/').next().unwrap();
    // As a script would post it (a page without the button sends no such form).
    let forged = forge(&app, "/api/fn/cancel", &[("id", id), ("reason", "x")]).await;
    assert_eq!(forged.status().as_u16(), 400);
    assert!(forged
        .text()
        .await
        .unwrap()
        .contains("ne peut pas être annulé en ligne"));
    assert!(
        app.fake().life.lock().unwrap().cancelled.is_empty(),
        "untouched at Cal.com"
    );
}

#[tokio::test]
async fn a_move_inside_cal_coms_notice_is_not_offered_and_a_forged_one_is_refused() {
    // A notice longer than any appointment the tunnel offers is away.
    let minutes = 60 * 24 * 400;
    let app = app_with(serde_json::json!({
        "disableRescheduling": { "disabled": false, "minutesBefore": minutes }
    }))
    .await;
    let (confirmation, date, _) = booked(&app).await;
    let summary = page(&app, &confirmation).await;
    assert!(!summary.contains("?action=deplacer"), "no move offered");
    assert!(
        summary.contains("?action=annuler"),
        "cancelling is still allowed"
    );
    assert!(
        summary.contains("ne peut plus être déplacé en ligne"),
        "{summary}"
    );
    let id = confirmation.rsplit('/').next().unwrap();
    let forged = forge(
        &app,
        "/api/fn/move",
        &[("id", id), ("date", date.as_str()), ("hour", "16:00")],
    )
    .await;
    assert_eq!(forged.status().as_u16(), 400);
    assert!(forged.text().await.unwrap().contains("déplacé en ligne"));
    assert!(
        app.fake().life.lock().unwrap().rescheduled.is_empty(),
        "untouched at Cal.com"
    );
}
