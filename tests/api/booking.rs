//! The contact form: booking through Cal.com, posted the way a browser without JavaScript
//! posts it, and the way the islands do.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use serde_json::Value;

use crate::support::{
    booking_form, first_free, location, post_html, spawn_app, AppOptions, BookingBehaviour,
};

pub fn utc_of(date: &str, hour: &str) -> String {
    let d: NaiveDate = date.parse().unwrap();
    let t = NaiveTime::parse_from_str(hour, "%H:%M").unwrap();
    Paris
        .from_local_datetime(&d.and_time(t))
        .earliest()
        .unwrap()
        .with_timezone(&Utc)
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[tokio::test]
async fn booking_without_javascript_reaches_calcom_and_the_confirmation() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let r = post_html(
        &app,
        "/api/fn/book",
        &booking_form(&token, &date, &hour, "zoe@example.fr"),
    )
    .await;
    assert_eq!(r.status().as_u16(), 302);
    let confirmation = location(&r);
    assert!(
        confirmation.starts_with("/prendre-rendez-vous/confirmation/"),
        "{confirmation}"
    );

    let bookings = app.fake().bookings.lock().unwrap().clone();
    assert_eq!(bookings.len(), 1);
    let b = &bookings[0];
    assert_eq!(b["start"], utc_of(&date, &hour));
    assert_eq!(b["eventTypeId"], 2283473);
    assert_eq!(b["attendee"]["email"], "zoe@example.fr");
    assert_eq!(b["attendee"]["language"], "fr");
    assert_eq!(b["attendee"]["timeZone"], "Europe/Paris");
    assert_eq!(b["attendee"]["phoneNumber"], "+33612345678");
    assert_eq!(
        b["bookingFieldsResponses"]["notes"],
        "Rappel l’après-midi, merci."
    );
    assert_eq!(b["metadata"]["source"], "rdv-tunnel");
    assert_eq!(b["metadata"]["utm_source"], "lettre");
    assert_eq!(b["metadata"]["utm_campaign"], "noël");
    assert!(b["metadata"].get("evil").is_none());
    assert_eq!(
        app.fake()
            .versions
            .lock()
            .unwrap()
            .last()
            .cloned()
            .flatten()
            .as_deref(),
        Some("2024-08-13")
    );

    let page = app.get(&confirmation).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(
        !html.contains("fake-booking-"),
        "Cal.com's uid stays on the server"
    );
    let page = app.get(&confirmation).await;
    // Personal data: kept by no cache, shown by no search engine.
    assert_eq!(page.headers()["cache-control"], "no-store");
    assert!(page.headers()["x-robots-tag"]
        .to_str()
        .unwrap()
        .contains("noindex"));
    let html = page.text().await.unwrap();
    assert!(html.contains("Rendez-vous confirmé"));
    assert!(html.contains(&hour));
    assert!(
        html.contains("Zoé &lt;b&gt;Dupont&lt;/b&gt;"),
        "markup must be text"
    );
    assert!(!html.contains("<b>Dupont</b>"));

    let ics = app.get(&format!("{confirmation}/rendez-vous.ics")).await;
    assert_eq!(ics.headers()["cache-control"], "no-store");
    assert_eq!(
        ics.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let ics = ics.text().await.unwrap();
    let public_id = confirmation.rsplit('/').next().unwrap();
    assert!(
        !ics.contains(public_id),
        "the confirmation token stays out of calendars"
    );
    let uid = ics_uid(&ics);
    assert_eq!(uid.len(), 32 + "@rdv-tunnel".len(), "{ics}");
    assert!(
        !ics.contains("fake-booking-"),
        "Cal.com's uid (a key to cancel at Cal.com) stays out: {ics}"
    );
    let again = app
        .get(&format!("{confirmation}/rendez-vous.ics"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(ics_uid(&again), uid, "stable across downloads");
    let start: DateTime<Utc> = utc_of(&date, &hour).parse().unwrap();
    assert!(
        ics.contains(&format!("DTSTART:{}", start.format("%Y%m%dT%H%M%SZ"))),
        "{ics}"
    );

    // The booked hour is no longer offered.
    let calls = app.fake().calls();
    let days: Value = app
        .get("/api/calcom/slots?type=appel&range=14")
        .await
        .json()
        .await
        .unwrap();
    let same_day = days
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date"] == date.as_str());
    assert!(app.fake().calls() > calls, "cache refreshed after booking");
    assert!(
        same_day.is_none_or(|d| !d["hours"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h == hour.as_str())),
        "{days}"
    );
}

#[tokio::test]
async fn booking_with_javascript_gets_a_reply_to_show() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    // A second tab of the same visit, on the same hour (held for it).
    let again = crate::support::Shown::read(
        &app.get(&format!(
            "/prendre-rendez-vous?type=appel&date={date}&hour={hour}&hold={}",
            token.hold
        ))
        .await
        .text()
        .await
        .unwrap(),
    );
    let r = app
        .http
        .post(app.url("/api/fn/book"))
        .form(&booking_form(&token, &date, &hour, "zoe@example.fr"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let text = r.text().await.unwrap();
    assert!(
        !text.contains("fake-booking-"),
        "Cal.com's uid stays on the server: {text}"
    );
    let reply: Value = serde_json::from_str(&text).unwrap();
    assert!(reply["Booked"]["url"]
        .as_str()
        .unwrap()
        .starts_with("/prendre-rendez-vous/confirmation/"));

    // The form's token is good for its own hour only.
    let reply: Value = app
        .http
        .post(app.url("/api/fn/book"))
        .form(&booking_form(&token, &date, "23:59", "pas-un-email"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        reply["Retry"]["notice"]
            .as_str()
            .unwrap()
            .contains("expiré"),
        "{reply}"
    );
    let reply: Value = app
        .http
        .post(app.url("/api/fn/book"))
        .form(&booking_form(&again, &date, &hour, "pas-un-email"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let fields = reply["Invalid"]["fields"].as_array().unwrap();
    assert_eq!(fields[0][0], "email");
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn invalid_fields_come_back_with_what_was_typed() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let mut form = booking_form(&token, &date, &hour, "zoe@@example");
    form.retain(|(k, _)| *k != "form[phone]");
    let r = post_html(&app, "/api/fn/book", &form).await;
    assert_eq!(r.status().as_u16(), 302);
    let back = location(&r);
    assert!(
        back.contains("draft=") && back.contains(&format!("hour={hour}")),
        "{back}"
    );
    assert!(!back.contains("zoe"), "no personal data in the URL: {back}");
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("Adresse e-mail invalide"));
    assert!(html.contains("Indiquez un numéro de téléphone"));
    assert!(html.contains("value=\"zoe@@example\""), "typed email kept");
    assert!(
        html.contains("Zoé &lt;b&gt;Dupont&lt;/b&gt;"),
        "typed name kept, as text"
    );
    assert!(app.fake().bookings.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_slot_taken_meanwhile_offers_the_nearest_hours() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    // Someone else books it in Cal.com after our page was cached.
    app.fake()
        .taken
        .lock()
        .unwrap()
        .insert(utc_of(&date, &hour));
    let r = post_html(
        &app,
        "/api/fn/book",
        &booking_form(&token, &date, &hour, "zoe@example.fr"),
    )
    .await;
    let back = location(&r);
    assert!(back.contains("draft="), "{back}");
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("n’est plus disponible"));
    assert!(html.contains("class=\"choices alternatives\""));
    assert!(
        !html.contains("Confirmer le rendez-vous"),
        "no form for a taken hour"
    );
    // The alternatives keep the typed details.
    let alt_href = crate::support::html::attr(&html, ".choices.alternatives a", "href").unwrap();
    assert!(alt_href.contains("draft="), "{alt_href}");
    let alt = app.get(&alt_href).await.text().await.unwrap();
    assert!(alt.contains("Confirmer le rendez-vous"));
    assert!(alt.contains("value=\"zoe@example.fr\""));
    assert!(app.fake().bookings.lock().unwrap().is_empty());
}

#[tokio::test]
async fn a_calcom_failure_leads_to_the_prefilled_fallback() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    // Slots are cached; bookings now fail with a server error.
    app.fake().event_types.lock().unwrap().clear();
    let r = post_html(
        &app,
        "/api/fn/book",
        &booking_form(&token, &date, &hour, "zoe@example.fr"),
    )
    .await;
    let back = location(&r);
    assert!(
        back.contains("proposer=1") && back.contains("draft="),
        "{back}"
    );
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("Proposez vos disponibilités"));
    assert!(html.contains("value=\"zoe@example.fr\""));
    assert!(html.contains("laissez-nous vos disponibilités"));
}

#[tokio::test]
async fn demo_mode_books_locally() {
    let app = spawn_app(AppOptions {
        calcom: false,
        token: None,
        ..AppOptions::default()
    })
    .await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let r = post_html(
        &app,
        "/api/fn/book",
        &booking_form(&token, &date, &hour, "zoe@example.fr"),
    )
    .await;
    let confirmation = location(&r);
    let html = app.get(&confirmation).await.text().await.unwrap();
    assert!(html.contains("Mode démonstration"));
}

/// Books the first free hour without JavaScript and returns where the server sent the
/// browser.
async fn book_first_free(app: &crate::support::TestApp) -> String {
    let (date, hour) = first_free(app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let form = booking_form(&token, &date, &hour, "zoe@example.fr");
    location(&post_html(app, "/api/fn/book", &form).await)
}

#[tokio::test]
async fn a_booking_cal_com_answers_with_a_5xx_and_does_not_have_leads_to_the_fallback() {
    for behaviour in [
        BookingBehaviour::Status { status: 500 },
        BookingBehaviour::Status { status: 503 },
    ] {
        let app = spawn_app(AppOptions::default()).await;
        *app.fake().booking.lock().unwrap() = behaviour.clone();
        let back = book_first_free(&app).await;
        assert!(
            back.contains("proposer=1") && back.contains("draft="),
            "{behaviour:?}: {back}"
        );
        let html = app.get(&back).await.text().await.unwrap();
        assert!(
            html.contains("La réservation n’a pas pu aboutir"),
            "{behaviour:?}"
        );
        assert!(html.contains("value=\"zoe@example.fr\""), "{behaviour:?}");
        assert!(
            !html.contains("fake booking failure"),
            "Cal.com's body leaked"
        );
    }
}

#[tokio::test]
async fn a_booking_the_host_must_confirm_says_so() {
    let app = spawn_app(AppOptions::default()).await;
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Pending;
    let confirmation = book_first_free(&app).await;
    assert!(
        confirmation.starts_with("/prendre-rendez-vous/confirmation/"),
        "{confirmation}"
    );
    let html = app.get(&confirmation).await.text().await.unwrap();
    assert!(html.contains("Demande de rendez-vous enregistrée"));
    assert!(html.contains("doit encore être accepté"));
    assert!(!html.contains("Rendez-vous confirmé"));
    assert_eq!(
        crate::support::html::texts(&html, "title"),
        ["Votre rendez-vous · rdv-tunnel"]
    );
}

#[tokio::test]
async fn an_unknown_or_expired_draft_shows_the_empty_form() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let expired = "0123456789abcdef0123456789abcdef";
    for path in [
        format!("/prendre-rendez-vous?type=appel&date={date}&hour={hour}&draft={expired}"),
        format!("/prendre-rendez-vous?proposer=1&draft={expired}"),
    ] {
        let page = app.get(&path).await;
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        let email = crate::support::html::attr(&html, "input[name='form[email]']", "value");
        assert_eq!(email.as_deref(), Some(""), "{path}: an empty form");
        let errors = crate::support::html::texts(&html, ".field-error");
        assert!(errors.iter().all(String::is_empty), "{path}: {errors:?}");
    }
}

#[tokio::test]
async fn a_booking_cal_com_answers_after_8_s_is_confirmed_once() {
    let app = spawn_app(AppOptions::default()).await;
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Slow { millis: 8_000 };
    let confirmation = book_first_free(&app).await;
    assert!(confirmation.contains("/confirmation/"), "{confirmation}");
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_booking_unanswered_within_its_budget_is_looked_up_before_anything_is_said() {
    let app = spawn_app(AppOptions {
        booking_timeout: Some(std::time::Duration::from_secs(5)),
        ..AppOptions::default()
    })
    .await;
    // Cal.com books at once but answers after 7 s: the client gives up after 5 s, and finds
    // the booking that exists.
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Slow { millis: 7_000 };
    let confirmation = book_first_free(&app).await;
    assert!(confirmation.contains("/confirmation/"), "{confirmation}");
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
    let html = app.get(&confirmation).await.text().await.unwrap();
    assert!(html.contains("Rendez-vous confirmé"));
}

#[tokio::test]
async fn a_booking_cal_com_made_but_answered_with_a_5xx_is_confirmed_once() {
    for status in [500, 502, 503] {
        let app = spawn_app(AppOptions::default()).await;
        // Cal.com wrote the booking, then failed (an email, a calendar, a proxy's timeout).
        *app.fake().booking.lock().unwrap() = BookingBehaviour::BookedThen { status };
        let confirmation = book_first_free(&app).await;
        assert!(
            confirmation.contains("/confirmation/"),
            "{status}: {confirmation}"
        );
        assert_eq!(
            app.fake().bookings.lock().unwrap().len(),
            1,
            "{status}: booked once, never again"
        );
        let html = app.get(&confirmation).await.text().await.unwrap();
        assert!(html.contains("Rendez-vous confirmé"), "{status}");
    }
}

#[tokio::test]
async fn two_posts_of_one_form_at_the_same_moment_book_once() {
    let app = spawn_app(AppOptions::default()).await;
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Slow { millis: 1_000 };
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let form = booking_form(&token, &date, &hour, "zoe@example.fr");
    let (first, second) = tokio::join!(
        post_html(&app, "/api/fn/book", &form),
        post_html(&app, "/api/fn/book", &form)
    );
    let (first, second) = (location(&first), location(&second));
    assert!(first.contains("/confirmation/"), "{first}");
    assert_eq!(
        first, second,
        "the second post gets the first one's confirmation"
    );
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
    // Sent again later (the back button, a reload), the same form still books nothing more.
    let again = location(&post_html(&app, "/api/fn/book", &form).await);
    assert_eq!(again, first);
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn one_contact_form_sent_with_three_emails_books_once() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    for email in ["zoe@example.fr", "victime@example.org", "autre@example.net"] {
        let to = location(
            &post_html(
                &app,
                "/api/fn/book",
                &booking_form(&token, &date, &hour, email),
            )
            .await,
        );
        assert!(to.contains("/confirmation/"), "{to}");
    }
    let bookings = app.fake().bookings.lock().unwrap();
    assert_eq!(bookings.len(), 1, "one form, one booking");
}

#[tokio::test]
async fn the_booked_length_is_cal_coms() {
    let app = spawn_app(AppOptions::default()).await;
    // 45 minutes in Cal.com, 30 in Leptos.toml.
    app.fake().durations.lock().unwrap().insert(2283473, 45);
    let confirmation = book_first_free(&app).await;
    let html = app.get(&confirmation).await.text().await.unwrap();
    assert!(html.contains("Appel (45 min)"), "{html}");
    let ics = app
        .get(&format!("{confirmation}/rendez-vous.ics"))
        .await
        .text()
        .await
        .unwrap();
    let field = |name: &str| {
        ics.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(|v| chrono::NaiveDateTime::parse_from_str(v.trim(), "%Y%m%dT%H%M%SZ").unwrap())
            .unwrap()
    };
    assert_eq!(
        field("DTEND:") - field("DTSTART:"),
        chrono::Duration::minutes(45)
    );
}

#[tokio::test]
async fn every_page_says_cal_com_s_length_not_leptos_toml_s() {
    use crate::support::fake_calcom::{spawn, FakeState};
    // 20 minutes in Cal.com, 30 in Leptos.toml: read at startup.
    let fake = FakeState::new(&[2283473, 2283474]);
    fake.durations.lock().unwrap().insert(2283473, 20);
    let addr = spawn(fake.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    let app = spawn_app(AppOptions {
        fake: Some((fake, addr)),
        ..AppOptions::default()
    })
    .await;
    let (date, hour) = first_free(&app, "appel").await;
    for step in [
        "/prendre-rendez-vous?type=appel".to_string(),
        format!("/prendre-rendez-vous?type=appel&date={date}"),
        format!("/prendre-rendez-vous?type=appel&date={date}&hour={hour}"),
    ] {
        let html = app.get(&step).await.text().await.unwrap();
        let lengths: Vec<&str> = html
            .split("<span class=\"type-duration\">")
            .skip(1)
            .filter_map(|s| s.split('<').next())
            .collect();
        assert_eq!(lengths, ["20 min", "30 min"], "{step}: {html}");
    }
    let confirmation = book_first_free(&app).await;
    let html = app.get(&confirmation).await.text().await.unwrap();
    assert!(html.contains("Appel (20 min)"), "{html}");
}

#[tokio::test]
async fn phones_are_read_as_libphonenumber_and_cal_com_read_them() {
    let app = spawn_app(AppOptions::default()).await;
    let book = |phone: &'static str| {
        let app = &app;
        async move {
            let (date, hour) = first_free(app, "appel").await;
            let token = app.booking_token("appel", &date, &hour).await;
            let mut form = booking_form(&token, &date, &hour, "zoe@example.fr");
            form.retain(|(k, _)| *k != "form[phone]");
            form.push(("form[phone]", phone));
            let r = app
                .http
                .post(app.url("/api/fn/book"))
                .form(&form)
                .send()
                .await
                .unwrap();
            r.json::<Value>().await.unwrap()
        }
    };
    // A Guadeloupe mobile, written the national way.
    let reply = book("0690 12 34 56").await;
    assert!(reply["Booked"]["url"].is_string(), "{reply}");
    let sent = app.fake().bookings.lock().unwrap()[0].clone();
    assert_eq!(sent["attendee"]["phoneNumber"], "+590690123456");
    // Too short: the phone field says so, and nothing reaches Cal.com.
    let calls = app
        .fake()
        .booking_calls
        .load(std::sync::atomic::Ordering::SeqCst);
    let reply = book("06 12 34").await;
    assert_eq!(reply["Invalid"]["fields"][0][0], "phone", "{reply}");
    // A number that looks right but is no real one (libphonenumber says so).
    let reply = book("+262 1 23 45 67 89").await;
    assert_eq!(reply["Invalid"]["fields"][0][0], "phone", "{reply}");
    assert!(reply["Invalid"]["fields"][0][1]
        .as_str()
        .unwrap()
        .contains("ne semble pas valide"));
    assert_eq!(
        app.fake()
            .booking_calls
            .load(std::sync::atomic::Ordering::SeqCst),
        calls
    );
}

#[tokio::test]
async fn a_phone_cal_com_refuses_is_the_phone_fields_error_and_the_form_can_be_sent_again() {
    let app = spawn_app(AppOptions::default()).await;
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Refuse {
        message: "attendee.phoneNumber must be a valid phone number".into(),
    };
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let form = booking_form(&token, &date, &hour, "zoe@example.fr");
    let send = || app.http.post(app.url("/api/fn/book")).form(&form).send();
    let reply: Value = send().await.unwrap().json().await.unwrap();
    assert_eq!(reply["Invalid"]["fields"][0][0], "phone", "{reply}");
    // Corrected (here: Cal.com accepts it now), the same form books.
    *app.fake().booking.lock().unwrap() = BookingBehaviour::Accepted;
    let reply: Value = send().await.unwrap().json().await.unwrap();
    assert!(reply["Booked"]["url"].is_string(), "{reply}");
}

#[tokio::test]
async fn a_booking_on_one_instance_stops_the_other_offering_that_hour_within_a_second() {
    let first = spawn_app(AppOptions::default()).await;
    let second = spawn_app(AppOptions {
        db_url: Some(first.db_url.clone()),
        fake: Some((first.fake.clone().unwrap(), first.fake_addr.unwrap())),
        ..AppOptions::default()
    })
    .await;
    let (date, hour) = first_free(&second, "appel").await;
    let offered = |days: Value| {
        days.as_array().unwrap().iter().any(|d| {
            d["date"] == date.as_str()
                && d["hours"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|h| h == hour.as_str())
        })
    };
    let slots = "/api/calcom/slots?type=appel&range=14";
    assert!(
        offered(second.get(slots).await.json().await.unwrap()),
        "cached by the second"
    );
    // Booked on the first instance.
    let token = first.booking_token("appel", &date, &hour).await;
    let form = booking_form(&token, &date, &hour, "zoe@example.fr");
    assert!(location(&post_html(&first, "/api/fn/book", &form).await).contains("/confirmation/"));
    // The second, whose cache lives 60 s, stops offering it within a second or so.
    let started = std::time::Instant::now();
    while offered(second.get(slots).await.json().await.unwrap()) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(3),
            "still offered"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn one_address_books_at_most_the_daily_cap() {
    let app = spawn_app(AppOptions {
        per_email_per_day: 1,
        ..AppOptions::default()
    })
    .await;
    book_first_free(&app).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let form = booking_form(&token, &date, &hour, "zoe@example.fr");
    let back = location(&post_html(&app, "/api/fn/book", &form).await);
    assert!(back.contains("draft="), "{back}");
    let html = app.get(&back).await.text().await.unwrap();
    assert!(
        html.contains("déjà réservé plusieurs rendez-vous"),
        "{html}"
    );
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn one_client_books_and_asks_at_most_its_daily_cap_whatever_the_emails() {
    let app = spawn_app(AppOptions {
        per_client_per_day: 2,
        ..AppOptions::default()
    })
    .await;
    for email in ["a@example.fr", "b@example.fr"] {
        let (date, hour) = first_free(&app, "appel").await;
        let token = app.booking_token("appel", &date, &hour).await;
        let to = location(
            &post_html(
                &app,
                "/api/fn/book",
                &booking_form(&token, &date, &hour, email),
            )
            .await,
        );
        assert!(to.contains("/confirmation/"), "{to}");
    }
    // A third, with yet another address: the form again, with a notice, nothing booked.
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let form = booking_form(&token, &date, &hour, "c@example.fr");
    let reply: Value = app
        .http
        .post(app.url("/api/fn/book"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        reply["Retry"]["notice"]
            .as_str()
            .unwrap()
            .contains("depuis votre connexion"),
        "{reply}"
    );
    assert_eq!(
        reply["Retry"]["issued"],
        token.token.as_str(),
        "the same form"
    );
    let back = location(&post_html(&app, "/api/fn/book", &form).await);
    assert!(back.contains("draft="), "{back}");
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("depuis votre connexion"));
    assert!(
        html.contains("value=\"c@example.fr\""),
        "what was typed stays"
    );
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 2);

    // Requests have their own count.
    let day = crate::support::in_days(4);
    for (i, email) in ["d@example.fr", "e@example.fr", "f@example.fr"]
        .into_iter()
        .enumerate()
    {
        let token = app.form_token().await;
        let form = crate::support::proposal_form(&token, "Zoé", email, &day);
        let to = location(&post_html(&app, "/api/fn/propose", &form).await);
        if i < 2 {
            assert!(to.contains("/merci"), "{to}");
        } else {
            assert!(to.contains("draft="), "{to}");
            let html = app.get(&to).await.text().await.unwrap();
            assert!(html.contains("depuis votre connexion"));
        }
    }
    let pool = crate::support::raw_db(&app.db_url).await;
    let buckets: Vec<(String,)> = sqlx::query_as(
        "SELECT bucket FROM rate_counters \
             WHERE bucket LIKE 'daily %' AND bucket NOT LIKE 'daily holds %' \
             AND bucket NOT LIKE 'daily email %'",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(buckets.len(), 2, "{buckets:?}");
    assert!(
        buckets.iter().all(|(b,)| !b.contains("127.0.0.1")),
        "no address stored: {buckets:?}"
    );
}

/// The UID line's value of an `.ics` file.
pub fn ics_uid(ics: &str) -> String {
    ics.lines()
        .find_map(|line| line.strip_prefix("UID:"))
        .expect("a UID")
        .trim_end()
        .to_string()
}
