//! The contact form (booking through Cal.com) and the own-availability form, posted the way a
//! browser without JavaScript posts them, and the way the islands do.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use serde_json::Value;
use support::{
    booking_form, first_free, location, post_html, spawn_app, AppOptions, Behaviour, TestApp,
};

fn utc_of(date: &str, hour: &str) -> String {
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
    let token = app.form_token().await;
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
    assert!(html.contains("Rendez-vous confirmé"));
    assert!(html.contains(&hour));
    assert!(
        html.contains("Zoé &lt;b&gt;Dupont&lt;/b&gt;"),
        "markup must be text"
    );
    assert!(!html.contains("<b>Dupont</b>"));

    let ics = app.get(&format!("{confirmation}/rendez-vous.ics")).await;
    assert_eq!(
        ics.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let ics = ics.text().await.unwrap();
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
    let token = app.form_token().await;
    let r = app
        .http
        .post(app.url("/api/fn/book"))
        .form(&booking_form(&token, &date, &hour, "zoe@example.fr"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let reply: Value = r.json().await.unwrap();
    assert!(reply["Booked"]["url"]
        .as_str()
        .unwrap()
        .starts_with("/prendre-rendez-vous/confirmation/"));

    let r = app
        .http
        .post(app.url("/api/fn/book"))
        .form(&booking_form(&token, &date, "23:59", "pas-un-email"))
        .send()
        .await
        .unwrap();
    let reply: Value = r.json().await.unwrap();
    let fields = reply["Invalid"]["fields"].as_array().unwrap();
    assert_eq!(fields[0][0], "email");
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn invalid_fields_come_back_with_what_was_typed() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = first_free(&app, "appel").await;
    let token = app.form_token().await;
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
    let token = app.form_token().await;
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
    let alt_href = html
        .split("class=\"choices alternatives\"")
        .nth(1)
        .and_then(|s| s.split("href=\"").nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap()
        .replace("&amp;", "&");
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
    let token = app.form_token().await;
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

async fn proposals_count(app: &TestApp) -> i64 {
    let pool = sqlx::SqlitePool::connect(&app.db_url).await.unwrap();
    let n = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM proposals")
        .fetch_one(&pool)
        .await
        .unwrap();
    pool.close().await;
    n
}

#[tokio::test]
async fn a_proposal_is_stored_before_the_thank_you() {
    let app = spawn_app(AppOptions::default()).await;
    let day = (Utc::now().with_timezone(&Paris).date_naive() + chrono::Days::new(3)).to_string();
    let token = app.form_token().await;
    let form = [
        ("form[issued]", token.as_str()),
        ("form[type]", "visio"),
        ("form[name]", "Zoé 🌷 Dupont"),
        ("form[email]", "zoe@example.fr"),
        ("form[phone]", ""),
        ("form[message]", "<script>alert(1)</script>"),
        ("form[slots][0][date]", day.as_str()),
        ("form[slots][0][from]", "09:00"),
        ("form[slots][0][to]", "11:30"),
        ("form[slots][1][date]", ""),
        ("form[slots][1][from]", ""),
        ("form[slots][1][to]", ""),
        ("form[consent]", "on"),
        ("form[utm]", "utm_medium=email"),
    ];
    let r = post_html(&app, "/api/fn/propose", &form).await;
    assert_eq!(r.status().as_u16(), 302);
    assert_eq!(location(&r), "/prendre-rendez-vous/merci?type=visio");
    assert_eq!(proposals_count(&app).await, 1);

    let pool = sqlx::SqlitePool::connect(&app.db_url).await.unwrap();
    let (name, message, slots, event, utm): (String, String, String, String, String) =
        sqlx::query_as("SELECT name, message, availabilities, event_type, utm FROM proposals")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(name, "Zoé 🌷 Dupont");
    assert_eq!(message, "<script>alert(1)</script>");
    assert_eq!(event, "visio");
    assert_eq!(utm, r#"{"utm_medium":"email"}"#);
    let slots: Value = serde_json::from_str(&slots).unwrap();
    assert_eq!(
        slots,
        serde_json::json!([{ "date": day, "from": "09:00", "to": "11:30" }])
    );

    let thanks = app.get("/prendre-rendez-vous/merci?type=visio").await;
    assert!(thanks.text().await.unwrap().contains("bien enregistrées"));
}

#[tokio::test]
async fn an_invalid_proposal_is_not_stored_and_comes_back() {
    let app = spawn_app(AppOptions::default()).await;
    let token = app.form_token().await;
    let form = [
        ("form[issued]", token.as_str()),
        ("form[type]", "appel"),
        ("form[name]", "Zoé"),
        ("form[email]", "zoe@example.fr"),
        ("form[slots][0][date]", "2020-01-01"),
        ("form[slots][0][from]", "09:00"),
        ("form[slots][0][to]", "10:00"),
    ];
    let r = post_html(&app, "/api/fn/propose", &form).await;
    let back = location(&r);
    assert!(
        back.contains("proposer=1") && back.contains("draft="),
        "{back}"
    );
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("entre aujourd’hui et dans un an"));
    assert!(html.contains("Cochez la case"));
    assert!(html.contains("value=\"2020-01-01\""));
    assert_eq!(proposals_count(&app).await, 0);
}

#[tokio::test]
async fn the_fallback_is_reached_when_nothing_is_available() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().set(Behaviour::Empty);
    let html = app.get("/prendre-rendez-vous").await.text().await.unwrap();
    assert!(html.contains("Aucun créneau n’est libre"));
    assert!(html.contains("form[consent]"));
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
    let token = app.form_token().await;
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

#[tokio::test]
async fn oversized_bodies_are_refused_and_headers_are_set() {
    let app = spawn_app(AppOptions::default()).await;
    let big = "x".repeat(70 * 1024);
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .form(&[("form[message]", big.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 413);
    assert_eq!(proposals_count(&app).await, 0);
    let page = app.get("/prendre-rendez-vous").await;
    assert_eq!(page.headers()["x-content-type-options"], "nosniff");
    assert_eq!(
        page.headers()["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
}

#[tokio::test]
async fn personal_data_older_than_the_retention_is_purged() {
    let app = spawn_app(AppOptions::default()).await;
    let day = (Utc::now().with_timezone(&Paris).date_naive() + chrono::Days::new(3)).to_string();
    let token = app.form_token().await;
    for name in ["Ancienne", "Récente"] {
        let form = [
            ("form[issued]", token.as_str()),
            ("form[type]", "appel"),
            ("form[name]", name),
            ("form[email]", "zoe@example.fr"),
            ("form[slots][0][date]", day.as_str()),
            ("form[slots][0][from]", "09:00"),
            ("form[slots][0][to]", "10:00"),
            ("form[consent]", "on"),
        ];
        assert_eq!(
            post_html(&app, "/api/fn/propose", &form)
                .await
                .status()
                .as_u16(),
            302
        );
    }
    let pool = sqlx::SqlitePool::connect(&app.db_url).await.unwrap();
    sqlx::query("UPDATE proposals SET created_at = '2020-01-01T00:00:00Z' WHERE name = 'Ancienne'")
        .execute(&pool)
        .await
        .unwrap();
    let db = rdv_tunnel::server::store::Database::connect(&app.db_url)
        .await
        .unwrap();
    let deleted = db.purge(90).await.unwrap();
    assert_eq!(deleted, 1);
    let left: Vec<String> = sqlx::query_scalar("SELECT name FROM proposals")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(left, ["Récente"]);
}

#[tokio::test]
async fn bots_are_kept_out() {
    let app = spawn_app(AppOptions {
        min_fill: std::time::Duration::from_secs(30),
        ..AppOptions::default()
    })
    .await;
    let day = (Utc::now().with_timezone(&Paris).date_naive() + chrono::Days::new(3)).to_string();
    let proposal = |token: String, honeypot: &'static str| {
        vec![
            ("form[issued]".to_string(), token),
            ("form[website]".to_string(), honeypot.to_string()),
            ("form[type]".to_string(), "appel".to_string()),
            ("form[name]".to_string(), "Zoé".to_string()),
            ("form[email]".to_string(), "zoe@example.fr".to_string()),
            ("form[slots][0][date]".to_string(), day.clone()),
            ("form[slots][0][from]".to_string(), "09:00".to_string()),
            ("form[slots][0][to]".to_string(), "10:00".to_string()),
            ("form[consent]".to_string(), "on".to_string()),
        ]
    };
    let send =
        |form: Vec<(String, String)>| app.http.post(app.url("/api/fn/propose")).form(&form).send();
    // Sent within a second of the page: too fast for a person.
    let reply: Value = send(proposal(app.form_token().await, ""))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let retry = &reply["Retry"];
    assert!(retry["notice"].as_str().unwrap().contains("trop rapide"));
    assert!(
        retry["issued"].as_str().unwrap().contains('.'),
        "a fresh token comes back"
    );
    // A forged or missing token.
    let reply: Value = send(proposal("1.00".into(), ""))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(reply["Retry"]["notice"]
        .as_str()
        .unwrap()
        .contains("expiré"));
    // The honeypot: thanked, not stored.
    let reply: Value = send(proposal(app.form_token().await, "http://spam.example"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(reply["Saved"]["url"].is_string());
    assert_eq!(proposals_count(&app).await, 0);
}

#[tokio::test]
async fn posts_are_rate_limited_per_client_with_a_french_429() {
    let app = spawn_app(AppOptions {
        posts_per_minute: 3,
        ..AppOptions::default()
    })
    .await;
    let token = app.form_token().await;
    let form = [("form[issued]", token.as_str()), ("form[type]", "appel")];
    for _ in 0..3 {
        let r = post_html(&app, "/api/fn/propose", &form).await;
        assert_eq!(r.status().as_u16(), 302);
    }
    let r = post_html(&app, "/api/fn/propose", &form).await;
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(r.headers()["retry-after"], "60");
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("default-src 'none'"));
    assert!(r.text().await.unwrap().contains("Trop de demandes"));
    // With JavaScript the island gets the error in its own encoding.
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    assert_eq!(
        r.json::<Value>().await.unwrap(),
        serde_json::json!("RateLimited")
    );
    // A forged X-Forwarded-For from an untrusted peer changes nothing.
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .header("x-forwarded-for", "203.0.113.7")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 429);
    // Pages are not limited.
    assert_eq!(app.get("/prendre-rendez-vous").await.status(), 200);
}

#[tokio::test]
async fn cross_site_posts_are_refused_and_pages_carry_a_csp() {
    let app = spawn_app(AppOptions::default()).await;
    let token = app.form_token().await;
    let form = [("form[issued]", token.as_str()), ("form[type]", "appel")];
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .header("origin", "https://evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 403);
    assert!(r.text().await.unwrap().contains("Envoi refusé"));
    let r = app
        .http
        .post(app.url("/api/fn/propose"))
        .header("origin", format!("http://{}", app.addr))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);

    let page = app.get("/prendre-rendez-vous").await;
    let csp = page.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    let html = page.text().await.unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|s| s.split('\'').next())
        .unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "the script carries the header's nonce"
    );
    assert!(csp.contains("frame-ancestors 'self'"));
    assert!(csp.contains("form-action 'self'"));
}

#[tokio::test]
async fn malformed_form_posts_are_4xx_with_a_french_message() {
    let app = spawn_app(AppOptions::default()).await;
    for (path, body) in [
        ("/api/fn/book", "form[week]=abc"),
        ("/api/fn/book", "%%%"),
        ("/api/fn/book", ""),
        ("/api/fn/propose", "form[consent][x]=1&form[name][]=a"),
        ("/api/fn/book", "form[type]=appel&form[seed]=1"),
    ] {
        let r = app
            .http
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status().as_u16();
        assert!((400..500).contains(&status), "{path} {body:?}: {status}");
        let text = r.text().await.unwrap();
        assert!(text.contains("BadRequest"), "{text}");
    }
}
