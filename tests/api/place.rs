//! Where the meeting happens and the calendars: Cal.com's `location` on the confirmation
//! page and in the `.ics`, Google and Outlook links at the right instant, a reminder.

use crate::support::{
    booking_form, first_free, html, location, post_html, spawn_app, AppOptions, TestApp,
};

/// Books the first free hour of `appel`; returns (confirmation path, start in UTC).
async fn booked(app: &TestApp) -> (String, String) {
    let (date, hour) = first_free(app, "appel").await;
    let shown = app.booking_token("appel", &date, &hour).await;
    let form = booking_form(&shown, &date, &hour, "zoe@example.fr");
    let to = location(&post_html(app, "/api/fn/book", &form).await);
    assert!(to.contains("/confirmation/"), "{to}");
    (to, crate::booking::utc_of(&date, &hour))
}

/// An app whose Cal.com event type `appel` has `settings` (read at startup, as Cal.com's).
async fn app_with(settings: serde_json::Value, token: Option<&'static str>) -> TestApp {
    use crate::support::fake_calcom::{spawn, FakeState};
    let fake = FakeState::new(&[2283473, 2283474]);
    fake.event_type_settings
        .lock()
        .unwrap()
        .insert(2283473, settings.as_object().unwrap().clone());
    let addr = spawn(fake.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    spawn_app(AppOptions {
        fake: Some((fake, addr)),
        token,
        ..AppOptions::default()
    })
    .await
}

#[tokio::test]
async fn a_video_booking_links_to_its_call_without_showing_cal_coms_uid() {
    let app = spawn_app(AppOptions::default()).await;
    let (confirmation, start) = booked(&app).await;
    let page = app.get(&confirmation).await.text().await.unwrap();
    assert!(page.contains("Rejoindre la visio"), "{page}");
    assert!(
        !page.contains("fake-booking-"),
        "no Cal.com uid in the page"
    );
    let join = html::attr(&page, "a[href$='/visio']", "href").expect("the join link");
    let call = app.get(&join).await;
    assert_eq!(call.status(), 303);
    assert_eq!(location(&call), "https://app.cal.com/video/fake-booking-1");
    // The calendars: the right instant in UTC, "Visio" as the place, no key.
    let google = html::attr(&page, "a[href^='https://calendar.google.com']", "href").unwrap();
    let compact = start.replace(['-', ':'], "");
    assert!(
        google.contains(&format!("dates={compact}/")),
        "{google} {start}"
    );
    let outlook = html::attr(&page, "a[href^='https://outlook.live.com']", "href").unwrap();
    assert!(
        outlook.contains(&format!("startdt={}", start.replace(':', "%3A"))),
        "{outlook}"
    );
    let id = confirmation.rsplit('/').next().unwrap();
    for link in [&google, &outlook] {
        assert!(
            !link.contains(id) && !link.contains("fake-booking"),
            "no key: {link}"
        );
    }
    let ics = app
        .get(&format!("{confirmation}/rendez-vous.ics"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ics.contains("LOCATION:Visio\r\n"), "{ics}");
    assert!(!ics.contains("fake-booking") && !ics.contains(id), "{ics}");
    assert!(
        ics.contains("BEGIN:VALARM\r\n") && ics.contains("TRIGGER:-PT3600S\r\n"),
        "{ics}"
    );
}

#[tokio::test]
async fn an_address_is_shown_with_its_map_and_written_in_the_ics() {
    let app = app_with(
        serde_json::json!({
            "locations": [{ "type": "address", "address": "12 rue de la Paix, 75002 Paris", "public": true }]
        }),
        None,
    )
    .await;
    let (confirmation, _) = booked(&app).await;
    let page = app.get(&confirmation).await.text().await.unwrap();
    assert!(page.contains("12 rue de la Paix, 75002 Paris"), "{page}");
    let map = html::attr(
        &page,
        "a[href^='https://www.openstreetmap.org/search']",
        "href",
    )
    .unwrap();
    assert!(map.contains("12%20rue%20de%20la%20Paix"), "{map}");
    let ics = app
        .get(&format!("{confirmation}/rendez-vous.ics"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        ics.contains("LOCATION:12 rue de la Paix\\, 75002 Paris\r\n"),
        "{ics}"
    );
}

#[tokio::test]
async fn a_visitor_chooses_where_when_the_event_type_offers_several_places() {
    let app = app_with(
        serde_json::json!({ "locations": [
            { "type": "integration", "integration": "cal-video" },
            { "type": "address", "address": "12 rue de la Paix, 75002 Paris", "public": true },
            { "type": "attendeeAddress" }
        ] }),
        Some("cal_live_places"),
    )
    .await;
    let (date, hour) = first_free(&app, "appel").await;
    let step = app
        .get(&format!(
            "/prendre-rendez-vous?type=appel&date={date}&hour={hour}"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        step.contains("Où se passe le rendez-vous ?"),
        "the question"
    );
    assert!(step.contains("À l’adresse : 12 rue de la Paix, 75002 Paris"));
    let shown = crate::support::Shown::read(&step);
    let mut form = booking_form(&shown, &date, &hour, "zoe@example.fr");
    // Without a choice: refused on its field, nothing booked.
    let refused = post_html(&app, "/api/fn/book", &form).await;
    assert!(!location(&refused).contains("/confirmation/"));
    assert!(app.fake().bookings.lock().unwrap().is_empty());
    // Her own address, typed.
    form.push(("form[answers][rdv-lieu]", "À votre adresse"));
    form.push((
        "form[answers][rdv-lieu-precision]",
        "3 place Bellecour, Lyon",
    ));
    // The same form, corrected (a refused post can be sent again).
    let to = location(&post_html(&app, "/api/fn/book", &form).await);
    assert!(to.contains("/confirmation/"), "{to}");
    let sent = app.fake().bookings.lock().unwrap()[0].clone();
    assert_eq!(
        sent["location"],
        serde_json::json!({ "type": "attendeeAddress", "address": "3 place Bellecour, Lyon" })
    );
    let responses = sent["bookingFieldsResponses"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    assert!(
        !responses.keys().any(|k| k.starts_with("rdv-lieu")),
        "not Cal.com fields"
    );
    let page = app.get(&to).await.text().await.unwrap();
    assert!(page.contains("3 place Bellecour, Lyon"), "where it happens");
}
