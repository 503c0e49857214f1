//! The pages in English beside French: from the browser's `Accept-Language`, from `?lang=`
//! (the switch), carried through every step, without JavaScript too.

use crate::support::{booking_form, first_free, html, location, spawn_app, AppOptions, Shown};

async fn page(app: &crate::support::TestApp, path: &str, accept: &str) -> String {
    app.http
        .get(app.url(path))
        .header("accept-language", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_english_browser_reads_english_a_french_one_french() {
    let app = spawn_app(AppOptions::default()).await;
    let english = page(&app, "/prendre-rendez-vous", "en-GB,en;q=0.9").await;
    assert!(english.contains("<html lang=\"en\""), "{english}");
    assert!(english.contains("Choose a date"));
    assert!(!english.contains("Choisissez une date"));
    // Dates named in English, as "Thursday 26 November".
    let dates = html::texts(&english, "a[data-date]");
    assert!(!dates.is_empty());
    let weekdays = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    assert!(
        dates
            .iter()
            .all(|d| weekdays.iter().any(|w| d.starts_with(w))),
        "{dates:?}"
    );
    // The switch leads to French, chosen (and so carried) from then on.
    let switch = html::attrs(&english, "nav.lang-switch a", "href");
    assert_eq!(switch.len(), 1, "{switch:?}");
    assert!(switch[0].ends_with("lang=fr"), "{switch:?}");
    assert_eq!(html::texts(&english, "nav.lang-switch a"), ["Français"]);

    let french = page(&app, "/prendre-rendez-vous", "fr-FR,fr;q=0.9,en;q=0.5").await;
    assert!(french.contains("<html lang=\"fr\""));
    assert!(french.contains("Choisissez une date"));
    assert_eq!(html::texts(&french, "nav.lang-switch a"), ["English"]);
    // A language without a catalogue gets the business language.
    let other = page(&app, "/prendre-rendez-vous", "ja").await;
    assert!(other.contains("<html lang=\"fr\""));
}

#[tokio::test]
async fn the_chosen_language_is_carried_through_every_step() {
    let app = spawn_app(AppOptions::default()).await;
    // A French browser that chose English with the switch.
    let dates = page(&app, "/prendre-rendez-vous?lang=en", "fr").await;
    assert!(dates.contains("<html lang=\"en\""));
    let date_links = html::attrs(&dates, "a[data-date]", "href");
    assert!(
        date_links.iter().all(|h| h.contains("lang=en")),
        "{date_links:?}"
    );
    let hour_links = html::attrs(&dates, "ul.hours a", "href");
    assert!(
        hour_links.iter().all(|h| h.contains("lang=en")),
        "{hour_links:?}"
    );
    let types = html::attrs(&dates, "nav.type-switch a", "href");
    assert!(types.iter().all(|h| h.contains("lang=en")), "{types:?}");

    let (date, hour) = first_free(&app, "appel").await;
    let contact = page(
        &app,
        &format!("/prendre-rendez-vous?type=appel&date={date}&hour={hour}&lang=en"),
        "fr",
    )
    .await;
    assert!(contact.contains("Your details"));
    assert!(contact.contains("Full name"));
    assert_eq!(
        html::attr(&contact, "form#form-contact", "action").as_deref(),
        Some("/api/fn/book?lang=en")
    );
    // The islands' words come with the page, in its language.
    assert!(contact.contains("\"email-invalid\":\"Invalid email address"));

    // Without JavaScript: a refused form comes back in English.
    let shown = Shown::read(&contact);
    let form = booking_form(&shown, &date, &hour, "zoe@@example");
    let r = app
        .http
        .post(app.url("/api/fn/book?lang=en"))
        .header("accept", "text/html")
        .header("accept-language", "fr")
        .header("referer", app.url("/prendre-rendez-vous"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 302);
    let back = location(&r);
    assert!(
        back.contains("lang=en") && back.contains("draft="),
        "{back}"
    );
    let again = page(&app, &back, "fr").await;
    assert!(again.contains("Invalid email address"), "{again}");
    assert!(!again.contains("Adresse e-mail invalide"));

    // With JavaScript: the reply's words are English too.
    let shown = Shown::read(&again);
    let form = booking_form(&shown, &date, &hour, "zoe@@example");
    let reply: serde_json::Value = app
        .http
        .post(app.url("/api/fn/book?lang=en"))
        .header("accept", "application/json")
        .header("referer", app.url("/prendre-rendez-vous"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        reply["Invalid"]["fields"][0][1],
        "Invalid email address (for example: name@domain.com)."
    );
}

#[tokio::test]
async fn an_english_booking_asks_cal_com_to_write_in_english() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let contact = page(
        &app,
        &format!("/prendre-rendez-vous?type=appel&date={date}&hour={hour}&lang=en"),
        "en",
    )
    .await;
    let shown = Shown::read(&contact);
    let form = booking_form(&shown, &date, &hour, "zoe@example.fr");
    let r = app
        .http
        .post(app.url("/api/fn/book?lang=en"))
        .header("accept", "text/html")
        .header("referer", app.url("/prendre-rendez-vous"))
        .form(&form)
        .send()
        .await
        .unwrap();
    let next = location(&r);
    assert!(
        next.contains("/confirmation/") && next.ends_with("lang=en"),
        "{next}"
    );
    let bookings = app.fake().bookings.lock().unwrap().clone();
    assert_eq!(bookings.len(), 1);
    assert_eq!(bookings[0]["attendee"]["language"], "en");
    let confirmation = page(&app, &next, "fr").await;
    assert!(
        confirmation.contains("Appointment confirmed"),
        "{confirmation}"
    );
    assert!(confirmation.contains("Cancel the appointment"));
    let ics = html::attr(&confirmation, "a[download]", "href").unwrap();
    assert!(ics.ends_with("rendez-vous.ics?lang=en"), "{ics}");
}

#[tokio::test]
async fn pages_outside_the_routes_speak_the_visitors_language_too() {
    let app = spawn_app(AppOptions::default()).await;
    let missing = page(&app, "/nulle-part", "en").await;
    assert!(missing.contains("Page not found"), "{missing}");
    let missing = page(&app, "/nulle-part", "fr").await;
    assert!(missing.contains("Page introuvable"), "{missing}");
    let privacy = page(&app, "/confidentialite?lang=en", "fr").await;
    assert!(privacy.contains("What we keep"), "{privacy}");
    let thanks = page(&app, "/prendre-rendez-vous/merci", "en").await;
    assert!(thanks.contains("What happens next?"), "{thanks}");
}
