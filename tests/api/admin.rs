//! The admin area over real HTTP: authentication, the inbox, status changes, the CSV export
//! and Cal.com's upcoming bookings (from the fake Cal.com).

use crate::support::{spawn_app, AppOptions, TestApp};
use serde_json::json;

const ADMIN: &str = "test-admin-token-0123456789abcdef";

async fn admin_app(options: AppOptions) -> TestApp {
    let mut options = options;
    options.env.push(("ADMIN_TOKEN", ADMIN.to_string()));
    spawn_app(options).await
}

async fn as_admin(app: &TestApp, path: &str) -> reqwest::Response {
    app.http
        .get(app.url(path))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn without_admin_token_the_admin_does_not_exist() {
    let app = spawn_app(AppOptions::default()).await;
    let r = app
        .http
        .get(app.url("/admin"))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404);
    assert!(r.text().await.unwrap().contains("ADMIN_TOKEN"));
}

#[tokio::test]
async fn missing_wrong_and_right_tokens() {
    let app = admin_app(AppOptions::default()).await;
    let missing = app.get("/admin").await;
    assert_eq!(missing.status(), 401);
    assert!(missing.headers()["www-authenticate"]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    let wrong = app
        .http
        .get(app.url("/admin"))
        .bearer_auth("nope")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    let csv = app.get("/admin/proposals.csv").await;
    assert_eq!(csv.status(), 401, "the export is protected too");
    let right = as_admin(&app, "/admin").await;
    assert_eq!(right.status(), 200);
    assert_eq!(right.headers()["cache-control"], "no-store");
    assert!(right
        .text()
        .await
        .unwrap()
        .contains("Demandes de disponibilités"));
}

#[tokio::test]
async fn repeated_failures_are_rate_limited() {
    let app = admin_app(AppOptions::default()).await;
    // Five failures per minute are allowed (Leptos.toml default), the next ones are not.
    for attempt in 0..6 {
        let r = app
            .http
            .post(app.url("/admin/connexion"))
            .form(&[("token", "guess")])
            .send()
            .await
            .unwrap();
        let expected = if attempt < 5 { 401 } else { 429 };
        assert_eq!(r.status(), expected, "attempt {attempt}");
    }
    let r = as_admin(&app, "/admin").await;
    assert_eq!(r.status(), 429, "even the right token waits out the minute");
    assert_eq!(r.headers()["retry-after"], "60");
}

#[tokio::test]
async fn wrong_tokens_from_the_owners_address_never_lock_out_an_open_session() {
    let app = admin_app(AppOptions::default()).await;
    let session = signed_in(&app).await;
    // Someone behind the same address (a NAT, an unconfigured proxy) guesses 8 times.
    for attempt in 0..8 {
        let r = app
            .http
            .post(app.url("/admin/connexion"))
            .form(&[("token", "guess")])
            .send()
            .await
            .unwrap();
        let expected = if attempt < 5 { 401 } else { 429 };
        assert_eq!(r.status(), expected, "attempt {attempt}");
    }
    let inbox = app
        .http
        .get(app.url("/admin"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status(), 200, "the owner's session still works");
}

#[tokio::test]
async fn browsers_sign_in_with_a_strict_http_only_cookie() {
    let app = admin_app(AppOptions::default()).await;
    let wrong = app
        .http
        .post(app.url("/admin/connexion"))
        .form(&[("token", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert!(wrong.headers().get("set-cookie").is_none());
    assert!(wrong.text().await.unwrap().contains("Jeton incorrect"));

    let ok = app
        .http
        .post(app.url("/admin/connexion"))
        .form(&[("token", ADMIN)])
        .send()
        .await
        .unwrap();
    assert_eq!(ok.status(), 303);
    assert_eq!(ok.headers()["location"], "/admin");
    let cookie = ok.headers()["set-cookie"].to_str().unwrap().to_string();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/admin"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    assert!(cookie.contains("Secure"), "Secure by default: {cookie}");
    let session = cookie.split(';').next().unwrap().to_string();
    let inbox = app
        .http
        .get(app.url("/admin"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status(), 200);
    // The database keeps a digest of the session id: a copy of it opens nothing.
    let id = session.split_once('=').unwrap().1.to_string();
    let pool = crate::support::raw_db(&app.db_url).await;
    let stored: Vec<(String,)> = sqlx::query_as("SELECT id FROM admin_sessions")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].0, id, "not the id itself");
    assert!(!stored[0].0.contains(&id));
    let copied = app
        .http
        .get(app.url("/admin"))
        .header("cookie", format!("rdv_admin={}", stored[0].0))
        .send()
        .await
        .unwrap();
    assert_eq!(copied.status(), 401);

    // Developing over plain HTTP (admin.secure_cookie = false): not Secure, unless the
    // request came through an HTTPS proxy.
    let dev = admin_app(AppOptions {
        plain_http_admin: true,
        ..AppOptions::default()
    })
    .await;
    let plain = dev
        .http
        .post(dev.url("/admin/connexion"))
        .form(&[("token", ADMIN)])
        .send()
        .await
        .unwrap();
    assert!(!plain.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Secure"));
    let https = dev
        .http
        .post(dev.url("/admin/connexion"))
        .header("x-forwarded-proto", "https")
        .form(&[("token", ADMIN)])
        .send()
        .await
        .unwrap();
    assert!(https.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("Secure"));

    // Signing out ends the session on the server, not just in the browser.
    let out = app
        .http
        .post(app.url("/admin/deconnexion"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), 303);
    let after = app
        .http
        .get(app.url("/admin"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401);
}

#[tokio::test]
async fn the_inbox_shows_what_visitors_typed_as_text_and_marks_it_handled() {
    let app = admin_app(AppOptions::default()).await;
    let name = "Zoé <script>alert(1)</script>";
    let message = "<img src=x onerror=alert(2)> Plutôt le matin";
    let to = app.propose(name, message).await;
    assert!(to.starts_with("/prendre-rendez-vous/merci"), "{to}");
    app.propose("Bob Martin", "").await;

    let html = as_admin(&app, "/admin").await.text().await.unwrap();
    assert!(
        html.contains("Zoé &lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped name"
    );
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt; Plutôt le matin"));
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("zoe@example.fr"));
    assert!(html.contains("de 09:00 à 11:00"));
    assert!(html.contains("utm_source=lettre"));
    // Newest first.
    assert!(html.find("Bob Martin").unwrap() < html.find("Zoé &lt;script").unwrap());

    let r = app
        .http
        .post(app.url("/admin/proposals/1/status"))
        .bearer_auth(ADMIN)
        .form(&[("status", "handled"), ("back", "nouveau")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin?statut=nouveau#demande-1");
    let new = as_admin(&app, "/admin?statut=nouveau")
        .await
        .text()
        .await
        .unwrap();
    assert!(new.contains("Bob Martin") && !new.contains("Zoé &lt;script"));
    let handled = as_admin(&app, "/admin?statut=traite")
        .await
        .text()
        .await
        .unwrap();
    assert!(handled.contains("Zoé &lt;script") && !handled.contains("Bob Martin"));
    let missing = app
        .http
        .post(app.url("/admin/proposals/999/status"))
        .bearer_auth(ADMIN)
        .form(&[("status", "handled")])
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn csv_export_has_one_row_per_proposal() {
    let app = admin_app(AppOptions::default()).await;
    app.propose("Zoé, « la » cliente", "ligne 1\nligne 2").await;
    app.propose("=HYPERLINK(\"x\")", "").await;
    app.propose("Zo;=2*21;é", "").await;
    let r = as_admin(&app, "/admin/proposals.csv").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/csv; charset=utf-8");
    assert!(r.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let text = r.text().await.unwrap();
    // `;`-separated, as French spreadsheets read it.
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(&reader.headers().unwrap()[3], "nom");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert!(
        rows.iter().any(|r| &r[3] == "Zo;'=2*21;é"),
        "a hidden formula is text"
    );
    // Read with `,` instead, no cell starts a formula either.
    let mut by_comma = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    for record in by_comma.records().map(Result::unwrap) {
        for part in record.iter().flat_map(|cell| cell.split(';')) {
            assert!(!part.starts_with(['=', '+', '-', '@']), "{part}");
        }
    }
    let zoe = rows.iter().find(|r| r[3].starts_with("Zoé")).unwrap();
    assert_eq!(&zoe[3], "Zoé, « la » cliente");
    assert_eq!(&zoe[7], "ligne 1\nligne 2");
    assert_eq!(&zoe[2], "Appel");
    assert!(
        rows.iter().any(|r| &r[3] == "'=HYPERLINK(\"x\")"),
        "formula defused"
    );
}

#[tokio::test]
async fn upcoming_bookings_come_from_calcom() {
    let app = admin_app(AppOptions::default()).await;
    // Fixed instants, one in winter (Paris is UTC+1) and one in summer (UTC+2), both far
    // enough ahead to stay upcoming.
    for (start, attendee) in [
        ("2099-01-15T09:00:00Z", "Léa <b>Durand</b>"),
        ("2099-07-16T09:00:00Z", "Noé Martin"),
    ] {
        // Booked in Cal.com itself (by phone, on its own page).
        crate::support::fake_calcom::bookings::record(
            app.fake(),
            json!({
                "start": start,
                "eventTypeId": 2283474,
                "attendee": { "name": attendee, "email": "lea@example.fr", "timeZone": "Europe/Paris" },
            }),
            start,
            "accepted",
        );
    }
    let html = as_admin(&app, "/admin").await.text().await.unwrap();
    assert!(html.contains("Léa &lt;b&gt;Durand&lt;/b&gt;"), "{html}");
    assert!(html.contains("lea@example.fr"));
    assert!(html.contains("Visio"), "event type label from Leptos.toml");
    assert!(
        html.contains("jeudi 15 janvier 2099 à 10:00"),
        "winter hour in the business time zone"
    );
    assert!(
        html.contains("jeudi 16 juillet 2099 à 11:00"),
        "summer hour in the business time zone"
    );
    assert!(html.contains("confirmé"));
    // The list was read with the key (GET /v2/bookings needs one).
    let auth = app.fake().auth_headers.lock().unwrap().clone();
    assert!(auth.iter().any(
        |a| a.as_deref() == Some(&format!("Bearer {}", crate::support::SENTINEL_TOKEN) as &str)
    ));
}

#[tokio::test]
async fn without_a_calcom_key_the_bookings_section_says_why() {
    let app = admin_app(AppOptions {
        token: None,
        ..AppOptions::default()
    })
    .await;
    let html = as_admin(&app, "/admin").await.text().await.unwrap();
    assert!(html.contains("Aucune clé Cal.com"), "{html}");
}

#[tokio::test]
async fn when_calcom_fails_the_inbox_still_opens() {
    let app = admin_app(AppOptions::default()).await;
    app.fake()
        .set(crate::support::Behaviour::Status { status: 503 });
    let r = as_admin(&app, "/admin").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("ne peuvent pas être lus"), "{html}");
    assert!(!html.contains(crate::support::SENTINEL_TOKEN));
}

#[tokio::test]
async fn a_long_inbox_shows_the_newest_200_and_the_export_has_them_all() {
    let app = admin_app(AppOptions::default()).await;
    let pool = crate::support::raw_db(&app.db_url).await;
    for i in 0..205 {
        // The instant as a literal: SQLite keeps it as text, PostgreSQL reads a TIMESTAMPTZ.
        let created_at = format!("2026-11-{:02}T10:{:02}:00Z", 1 + i / 60, i % 60);
        sqlx::query(&format!(
            "INSERT INTO proposals (created_at, event_type, name, email, availabilities) \
             VALUES ('{created_at}', 'appel', $1, 'x@example.fr', '[]')"
        ))
        .bind(format!("Personne {i:03}"))
        .execute(&pool)
        .await
        .unwrap();
    }
    let html = as_admin(&app, "/admin").await.text().await.unwrap();
    assert!(
        html.contains("205 demande(s) ; les 200 plus récentes"),
        "{html}"
    );
    assert_eq!(html.matches("<article").count(), 200);
    assert!(html.contains("Personne 204") && !html.contains("Personne 004"));
    let csv = as_admin(&app, "/admin/proposals.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("Personne 000") && csv.contains("Personne 204"));
}

/// A browser signed in to the admin: its session cookie (`rdv_admin=…`).
async fn signed_in(app: &TestApp) -> String {
    let ok = app
        .http
        .post(app.url("/admin/connexion"))
        .form(&[("token", ADMIN)])
        .send()
        .await
        .unwrap();
    let cookie = ok.headers()["set-cookie"].to_str().unwrap();
    cookie.split(';').next().unwrap().to_string()
}

#[tokio::test]
async fn admin_pages_run_no_script_are_never_cached_or_framed() {
    let app = admin_app(AppOptions::default()).await;
    for r in [
        as_admin(&app, "/admin").await,
        app.get("/admin/connexion").await,
    ] {
        let headers = r.headers();
        let csp = headers["content-security-policy"].to_str().unwrap();
        assert!(csp.starts_with("default-src 'none';"), "{csp}");
        assert!(!csp.contains("script-src"), "no script at all: {csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(csp.contains("form-action 'self'"), "{csp}");
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(headers["x-robots-tag"], "noindex, nofollow");
        let html = r.text().await.unwrap();
        assert!(crate::support::html::texts(&html, "script").is_empty());
    }
}

#[tokio::test]
async fn posts_to_the_admin_from_another_site_are_refused() {
    let app = admin_app(AppOptions::default()).await;
    app.propose("Zoé Dupont", "").await;
    let session = signed_in(&app).await;
    let cross_site = |path: &str| {
        app.http
            .post(app.url(path))
            .header("cookie", &session)
            .header("origin", "https://attaquant.example")
    };
    let r = cross_site("/admin/proposals/1/status")
        .form(&[("status", "handled")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = cross_site("/admin/deconnexion").send().await.unwrap();
    assert_eq!(r.status(), 403);
    // Nothing changed: the request is still new, the session still open.
    let inbox = app
        .http
        .get(app.url("/admin?statut=nouveau"))
        .header("cookie", &session)
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status(), 200);
    assert!(inbox.text().await.unwrap().contains("Zoé Dupont"));
    // From the admin's own page, the same post goes through.
    let same_site = app
        .http
        .post(app.url("/admin/proposals/1/status"))
        .header("cookie", &session)
        .header("origin", format!("http://{}", app.addr))
        .form(&[("status", "handled")])
        .send()
        .await
        .unwrap();
    assert_eq!(same_site.status(), 303);
}

#[tokio::test]
async fn the_owner_erases_everything_about_one_person() {
    let app = admin_app(AppOptions {
        env: vec![("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hook".to_string())],
        ..AppOptions::default()
    })
    .await;
    // Zoé: a request and a booking (each with its notification); Éloïse: a request.
    assert!(app.propose("Zoé Dupont", "").await.contains("/merci"));
    let (date, hour) = crate::support::first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    let form = crate::support::booking_form(&token, &date, &hour, "zoe@example.fr");
    let confirmation =
        crate::support::location(&crate::support::post_html(&app, "/api/fn/book", &form).await);
    assert!(confirmation.contains("/confirmation/"), "{confirmation}");
    let token = app.form_token().await;
    let day = crate::support::in_days(4);
    let other = crate::support::proposal_form(&token, "Éloïse Martin", "eloise@example.fr", &day);
    crate::support::post_html(&app, "/api/fn/propose", &other).await;

    let form_page = as_admin(&app, "/admin/effacement").await;
    assert_eq!(form_page.status(), 200);
    assert_eq!(form_page.headers()["cache-control"], "no-store");
    let erased = app
        .http
        .post(app.url("/admin/effacement"))
        .bearer_auth(ADMIN)
        .form(&[("email", "ZOE@example.fr")])
        .send()
        .await
        .unwrap();
    assert_eq!(erased.status(), 200);
    let text = erased.text().await.unwrap();
    assert!(
        text.contains("1 demande(s), 1 rendez-vous, 2 notification(s)"),
        "{text}"
    );
    let page = app.get(&confirmation).await.text().await.unwrap();
    assert!(
        page.contains("introuvable") && !page.contains("Dupont"),
        "the booking is gone"
    );
    let pool = crate::support::raw_db(&app.db_url).await;
    let names: Vec<String> = sqlx::query_scalar("SELECT name FROM proposals")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(names, ["Éloïse Martin"]);
    let payloads: Vec<String> = sqlx::query_scalar("SELECT payload FROM outbox")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(payloads.len(), 1);
    assert!(!payloads[0].contains("zoe@example.fr"));
    // Not an address: nothing erased, the form says why.
    let bad = app
        .http
        .post(app.url("/admin/effacement"))
        .bearer_auth(ADMIN)
        .form(&[("email", "%")])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), 400);
    // Without the token, nothing.
    let anonymous = app
        .http
        .post(app.url("/admin/effacement"))
        .form(&[("email", "eloise@example.fr")])
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), 401);
}

#[tokio::test]
async fn the_admin_shows_what_became_of_the_bookings_made_on_the_page() {
    let app = admin_app(AppOptions::default()).await;
    let mut pages = Vec::new();
    for email in ["garde@example.fr", "annule@example.fr"] {
        let (date, hour) = crate::support::first_free(&app, "appel").await;
        let shown = app.booking_token("appel", &date, &hour).await;
        let form = crate::support::booking_form(&shown, &date, &hour, email);
        pages.push(crate::support::location(
            &crate::support::post_html(&app, "/api/fn/book", &form).await,
        ));
    }
    let id = pages[1].rsplit('/').next().unwrap();
    crate::support::post_html(&app, "/api/fn/cancel", &[("id", id)]).await;
    let html = as_admin(&app, "/admin").await.text().await.unwrap();
    let section = html.split("Pris sur la page").nth(1).unwrap();
    let kept = section.find("garde@example.fr").unwrap();
    let cancelled = section.find("annule@example.fr").unwrap();
    assert!(section[..kept].contains("confirmé"), "{section}");
    assert!(section[kept..cancelled].contains("annulé"), "{section}");
}

#[tokio::test]
async fn the_owner_marks_a_missed_appointment_absent_once_it_has_passed() {
    const TOKEN: &str = "absent-admin-token-0123456789abcdef";
    let mut options = AppOptions {
        token: Some("cal_live_absent"),
        ..AppOptions::default()
    };
    options.env.push(("ADMIN_TOKEN", TOKEN.to_string()));
    options.env.push((
        "METRICS_TOKEN",
        "absent-metrics-token-0123456789abcdef".to_string(),
    ));
    let app = spawn_app(options).await;
    let (date, hour) = crate::support::first_free(&app, "appel").await;
    let shown = app.booking_token("appel", &date, &hour).await;
    let form = crate::support::booking_form(&shown, &date, &hour, "zoe@example.fr");
    let confirmation =
        crate::support::location(&crate::support::post_html(&app, "/api/fn/book", &form).await);
    let id = confirmation.rsplit('/').next().unwrap().to_string();
    let mark = || {
        app.http
            .post(app.url(&format!("/admin/bookings/{id}/absent")))
            .bearer_auth(TOKEN)
            .send()
    };
    // Still to come: refused here, Cal.com not asked.
    assert_eq!(mark().await.unwrap().status(), 409);
    assert!(app.fake().life.lock().unwrap().absent.is_empty());
    // An hour later than its start, here and at Cal.com.
    let past = (chrono::Utc::now() - chrono::Duration::hours(1))
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let pool = crate::support::raw_db(&app.db_url).await;
    let set_past = if app.db_url.starts_with("postgres") {
        "UPDATE bookings SET start_utc = CAST($1 AS TIMESTAMPTZ)"
    } else {
        "UPDATE bookings SET start_utc = $1"
    };
    sqlx::query(set_past)
        .bind(&past)
        .execute(&pool)
        .await
        .unwrap();
    for start in app.fake().life.lock().unwrap().starts.values_mut() {
        *start = past.clone();
    }
    let inbox = app
        .http
        .get(app.url("/admin"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert!(inbox.text().await.unwrap().contains("Marquer absent"));
    assert_eq!(mark().await.unwrap().status(), 303);
    assert_eq!(
        app.fake().life.lock().unwrap().absent.get("fake-booking-1"),
        Some(&vec!["zoe@example.fr".to_string()])
    );
    let inbox = app
        .http
        .get(app.url("/admin"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    let text = inbox.text().await.unwrap();
    assert!(
        text.contains("· absent") && !text.contains("Marquer absent"),
        "{text}"
    );
    // The appointments' export says it too, and holds no key.
    let csv = app
        .http
        .get(app.url("/admin/bookings.csv"))
        .bearer_auth(TOKEN)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(header.contains("\"absent\""), "{header}");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 1, "{csv}");
    assert!(
        rows[0].contains("\"zoe@example.fr\"") && rows[0].contains("\"oui\""),
        "{csv}"
    );
    assert!(
        !csv.contains(id.as_str()) && !csv.contains("fake-booking"),
        "{csv}"
    );
    let metrics = app
        .http
        .get(app.url("/metrics"))
        .bearer_auth("absent-metrics-token-0123456789abcdef")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let counted: f64 = metrics
        .lines()
        .find_map(|l| l.strip_prefix("rdv_no_shows_total "))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0.0);
    assert_eq!(counted, 1.0, "{metrics}");
}

/// The owner's side in `business.language`: the login page, the inbox, the CSV header
/// row and the owner's email, in English; French stays the default (the tests above).
#[tokio::test]
async fn with_an_english_business_the_owner_reads_english() {
    let (smtpd, port) = crate::notifications::smtpd_on_free_port().await;
    let mut options = AppOptions {
        settings: vec![("# language = \"fr\"", "language = \"en\"")],
        ..AppOptions::default()
    };
    options.env.extend([
        ("SMTP_URL", format!("smtp://127.0.0.1:{port}")),
        ("NOTIFY_EMAIL_TO", "owner@example.com".to_string()),
    ]);
    let app = admin_app(options).await;
    let login = app.get("/admin/connexion").await.text().await.unwrap();
    assert!(
        login.contains("<html lang=\"en\"")
            && login.contains("Admin token")
            && login.contains("Sign in"),
        "{login}"
    );
    assert!(!login.contains("Se connecter"), "{login}");
    app.propose("Zoé Dupont", "").await;
    let inbox = as_admin(&app, "/admin").await.text().await.unwrap();
    for english in [
        "Upcoming appointments",
        "Availability requests",
        "Mark as handled",
        "1 request(s)",
    ] {
        assert!(inbox.contains(english), "{english}: {inbox}");
    }
    for french in [
        "Rendez-vous à venir",
        "Demandes de disponibilités",
        "Marquer comme traitée",
    ] {
        assert!(!inbox.contains(french), "{french}: {inbox}");
    }
    let csv = as_admin(&app, "/admin/proposals.csv")
        .await
        .text()
        .await
        .unwrap();
    let header = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .to_string();
    assert!(
        header.starts_with("\"id\";\"received (UTC)\";\"type\";\"name\""),
        "{header}"
    );
    let bookings = as_admin(&app, "/admin/bookings.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(bookings.contains("\"start (UTC)\""), "{bookings}");
    let mut mails = Vec::new();
    for _ in 0..100 {
        mails = crate::notifications::read_maildir(&smtpd.maildir.path().join("mail"));
        if !mails.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(mails.len(), 1, "the owner's email");
    let subject = mails[0]["subject"].as_str().unwrap();
    let body = mails[0]["body"].as_str().unwrap();
    assert_eq!(subject, "New appointment request: Zoé Dupont");
    assert!(
        body.contains("Availability:") && body.contains("Name: Zoé Dupont"),
        "{body}"
    );
}
