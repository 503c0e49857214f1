//! The operator's side: readiness, JSON logs with one access line per request and no visitor
//! in them, and a backup taken while the server writes.

use std::time::Duration;

use crate::support::{
    in_days,
    process::{place, start_anywhere, token},
    proposal_form, spawn_app, AppOptions,
};

#[tokio::test]
async fn readyz_says_the_database_is_ready_and_how_cal_com_answers() {
    let app = spawn_app(AppOptions::default()).await;
    let r = app.get("/readyz").await;
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["ready"], true);
    assert_eq!(body["database"], "ok");
    assert_eq!(body["migrations"], "applied");
    assert_eq!(body["calendar"], "not read yet");
    app.get("/prendre-rendez-vous").await;
    let body: serde_json::Value = app.get("/readyz").await.json().await.unwrap();
    assert_eq!(body["calendar"], "ok", "{body}");
    assert!(body["calendar_last_ok"].is_string());
    assert_eq!(app.get("/healthz").await.status(), 200);
}

#[tokio::test]
async fn json_logs_have_an_access_line_per_request_and_no_visitor() {
    let place = place().await;
    let env = [
        ("RDV_LOG_FORMAT", "json".to_string()),
        ("RUST_LOG", "info".to_string()),
    ];
    let (server, port) = start_anywhere(&place, "", &env).await;
    let http = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let page = http
        .get(format!("{base}/prendre-rendez-vous?utm_source=lettre"))
        .header("x-request-id", "from-the-proxy-42")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["x-request-id"], "from-the-proxy-42");
    let own = http.get(format!("{base}/healthz")).send().await.unwrap();
    let own_id = own.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(own_id.len(), 32, "a new id: {own_id}");

    let email = "zoe.secret-visitor@example.fr";
    let token = token(&http, port).await;
    let day = in_days(3);
    let sent = http
        .post(format!("{base}/api/fn/propose"))
        .header("accept", "application/json")
        .form(&proposal_form(&token, "Zoé Secrète", email, &day))
        .send()
        .await
        .unwrap();
    assert_eq!(sent.status(), 200, "{}", sent.text().await.unwrap());
    server.terminate();
    let log = server.1.clone();
    assert!(server.wait_ended(Duration::from_secs(20)).await);

    let text = std::fs::read_to_string(log).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    assert!(lines.len() > 5, "{text}");
    let access = |path: &str| {
        lines
            .iter()
            .find(|l| l["fields"]["message"] == "access" && l["span"]["path"] == path)
    };
    let line = access("/prendre-rendez-vous").expect("an access line for the page");
    assert_eq!(line["level"], "INFO");
    assert_eq!(line["fields"]["status"], 200);
    assert!(line["fields"]["ms"].is_u64());
    assert_eq!(line["span"]["id"], "from-the-proxy-42");
    assert_eq!(line["span"]["method"], "GET");
    assert!(access("/api/fn/propose").is_some(), "{text}");
    assert!(access("/healthz").is_some_and(|l| l["span"]["id"] == own_id.as_str()));
    // Nobody's address, name or campaign in any line.
    for needle in [email, "Zoé", "Secrète", "utm_source"] {
        assert!(!text.contains(needle), "{needle} in the logs");
    }
}

#[tokio::test]
async fn a_backup_taken_while_the_server_writes_holds_every_acknowledged_request() {
    let place = place().await;
    if !place.db_url.starts_with("sqlite:") {
        // PostgreSQL is backed up with pg_dump (README).
        return;
    }
    let (server, port) = start_anywhere(&place, "", &[]).await;
    let http = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let day = in_days(3);
    let send = move |n: usize| {
        let (http, base, day) = (http.clone(), base.clone(), day.clone());
        async move {
            let token = token(&http, port).await;
            let email = format!("backup{n}@example.fr");
            let r = http
                .post(format!("{base}/api/fn/propose"))
                .header("accept", "application/json")
                .form(&proposal_form(&token, "Zoé", &email, &day))
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
        }
    };
    for n in 0..20 {
        send(n).await;
    }
    // More requests keep coming while the backup runs.
    let writing = tokio::spawn({
        let send = send.clone();
        async move {
            for n in 20..60 {
                send(n).await;
            }
        }
    });
    let file = place.dir.path().join("backup.db");
    let mut backup = crate::support::process::binary();
    backup
        .arg("backup")
        .arg(&file)
        .current_dir(place.dir.path())
        .env("DATABASE_URL", &place.db_url)
        .env("RUST_LOG", "warn");
    let output = tokio::task::spawn_blocking(move || backup.output())
        .await
        .unwrap()
        .unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{said} {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("integrity check: ok"), "{said}");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "visitors' details for the owner only");
    }
    writing.await.unwrap();
    drop(server);

    let copy = crate::support::raw_db(&format!("sqlite://{}?mode=ro", file.display())).await;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&copy)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    let proposals: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM proposals")
        .fetch_one(&copy)
        .await
        .unwrap();
    // Every request acknowledged before the backup began is in it.
    assert!((20..=60).contains(&proposals), "{proposals}");
    let emails: Vec<String> = sqlx::query_scalar("SELECT email FROM proposals")
        .fetch_all(&copy)
        .await
        .unwrap();
    for n in 0..20 {
        assert!(
            emails.contains(&format!("backup{n}@example.fr")),
            "backup{n} missing"
        );
    }
    // A second backup to the same file is refused rather than overwriting it.
    let again = crate::support::process::binary()
        .arg("backup")
        .arg(&file)
        .env("DATABASE_URL", &place.db_url)
        .output()
        .unwrap();
    assert!(!again.status.success());
}

fn booked_count(scrape: &prometheus_parse::Scrape) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == "rdv_bookings_total" && s.labels.get("outcome") == Some("booked"))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v) | prometheus_parse::Value::Untyped(v) => v,
            _ => 0.0,
        })
        .sum()
}

/// The registry is the process's: a server of its own (no other test counts in it), so
/// the deltas are exact.
#[tokio::test]
async fn metrics_need_the_token_parse_as_prometheus_text_and_count_a_booking() {
    const TOKEN: &str = "metrics-test-token-0123456789abcdef";
    let place = place().await;
    let (_fake, calcom) = crate::support::process::fake_calcom_for_processes().await;
    let (_server, port) = start_anywhere(
        &place,
        "",
        &[
            calcom,
            ("CAL_COM_TOKEN", "cal_live_metrics".to_string()),
            ("METRICS_TOKEN", TOKEN.to_string()),
        ],
    )
    .await;
    let http = reqwest::Client::new();
    crate::support::process::wait_healthy(&http, port).await;
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    let scrape = |token: Option<&'static str>| {
        let mut request = http.get(url("/metrics"));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    assert_eq!(scrape(None).await.unwrap().status(), 401);
    assert_eq!(scrape(Some("wrong")).await.unwrap().status(), 401);
    let read = || async {
        let r = scrape(Some(TOKEN)).await.unwrap();
        assert_eq!(r.status(), 200);
        let text = r.text().await.unwrap();
        let lines = text.lines().map(|l| Ok(l.to_string()));
        (
            prometheus_parse::Scrape::parse(lines).expect("Prometheus text"),
            text,
        )
    };
    let (date, hour) = crate::support::process::first_free(&http, port).await;
    let (before, _) = read().await;

    let shown = crate::support::process::booking_token(&http, port, &date, &hour).await;
    let form = crate::support::booking_form(&shown, &date, &hour, "metrics@example.fr");
    let r = http
        .post(url("/api/fn/book"))
        .header("referer", url("/prendre-rendez-vous"))
        .header("accept", "application/json")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Booked"));

    let (after, text) = read().await;
    assert_eq!(
        booked_count(&after),
        booked_count(&before) + 1.0,
        "exactly one booking more: {text}"
    );
    let contact_steps = |s: &prometheus_parse::Scrape| {
        counter(
            s,
            "rdv_http_requests_total",
            "route",
            "/prendre-rendez-vous",
        )
    };
    assert_eq!(
        contact_steps(&after),
        contact_steps(&before) + 1.0,
        "the contact step, once: {text}"
    );
    // Cal.com's durations as a histogram, per endpoint; the outbox as gauges.
    assert!(
        after
            .samples
            .iter()
            .any(|s| s.metric == "rdv_calcom_request_duration_seconds"
                && s.labels.get("endpoint") == Some("slots")
                && matches!(s.value, prometheus_parse::Value::Histogram(_))),
        "{text}"
    );
    assert!(text.contains("# TYPE rdv_outbox gauge"), "{text}");
    assert!(after
        .samples
        .iter()
        .any(|s| s.metric == "rdv_outbox" && s.labels.get("state") == Some("pending")));
    assert!(!text.contains("metrics@example.fr"));
}

/// The sum of the counter `metric` over the samples whose `label` is `value`.
fn counter(scrape: &prometheus_parse::Scrape, metric: &str, label: &str, value: &str) -> f64 {
    scrape
        .samples
        .iter()
        .filter(|s| s.metric == metric && s.labels.get(label) == Some(value))
        .map(|s| match s.value {
            prometheus_parse::Value::Counter(v) | prometheus_parse::Value::Untyped(v) => v,
            _ => 0.0,
        })
        .sum()
}

#[tokio::test]
async fn without_a_token_there_are_no_metrics() {
    const ADMIN: &str = "metrics-admin-token-0123456789abcdef";
    let mut options = AppOptions::default();
    options.env.push(("ADMIN_TOKEN", ADMIN.to_string()));
    let app = spawn_app(options).await;
    assert_eq!(app.get("/metrics").await.status(), 404);
    let with_admin = app
        .http
        .get(app.url("/metrics"))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap();
    assert_eq!(
        with_admin.status(),
        404,
        "the admin's token opens no metrics"
    );
}

#[tokio::test]
async fn metrics_open_with_their_own_token_only_and_wrong_tokens_are_limited() {
    const ADMIN: &str = "metrics-admin-token-0123456789abcdef";
    const METRICS: &str = "metrics-own-token-0123456789abcdef";
    let mut options = AppOptions::default();
    options.env.push(("ADMIN_TOKEN", ADMIN.to_string()));
    options.env.push(("METRICS_TOKEN", METRICS.to_string()));
    let app = spawn_app(options).await;
    let scrape = |token: &'static str| app.http.get(app.url("/metrics")).bearer_auth(token).send();
    assert_eq!(scrape(METRICS).await.unwrap().status(), 200);
    assert_eq!(
        scrape(ADMIN).await.unwrap().status(),
        401,
        "not the admin's"
    );
    // `admin.failures_per_minute` (5) wrong tokens in all, then the client is refused,
    // even with the right token, and the admin counts the same failures.
    for _ in 0..4 {
        assert_eq!(scrape("guess").await.unwrap().status(), 401);
    }
    let blocked = scrape(METRICS).await.unwrap();
    assert_eq!(blocked.status(), 429);
    assert_eq!(blocked.headers()["retry-after"], "60");
    let admin = app
        .http
        .get(app.url("/admin"))
        .bearer_auth(ADMIN)
        .send()
        .await
        .unwrap();
    assert_eq!(admin.status(), 429, "one count of failures per client");
}

#[tokio::test]
async fn without_an_admin_wrong_metrics_tokens_follow_the_configured_limit() {
    const METRICS: &str = "metrics-alone-token-0123456789abcdef";
    let mut options = AppOptions {
        failures_per_minute: Some(2),
        ..AppOptions::default()
    };
    options.env.push(("METRICS_TOKEN", METRICS.to_string()));
    let app = spawn_app(options).await;
    let scrape = |token: &'static str| app.http.get(app.url("/metrics")).bearer_auth(token).send();
    for _ in 0..2 {
        assert_eq!(scrape("guess").await.unwrap().status(), 401);
    }
    let blocked = scrape(METRICS).await.unwrap();
    assert_eq!(
        blocked.status(),
        429,
        "admin.failures_per_minute (2) holds without ADMIN_TOKEN too"
    );
}

/// Debug logs of a booking, its confirmation page and its `.ics`: no key in any line (the
/// confirmation id, the visit's hold id, Cal.com's booking and reservation uids).
#[tokio::test]
async fn no_key_is_written_to_the_logs_of_a_booking_and_its_views() {
    let place = place().await;
    let (fake, calcom) = crate::support::process::fake_calcom_for_processes().await;
    let env = [
        calcom,
        ("CAL_COM_TOKEN", "cal_live_logs".to_string()),
        ("RDV_LOG_FORMAT", "json".to_string()),
        ("RUST_LOG", "debug".to_string()),
    ];
    let (server, port) = start_anywhere(&place, "", &env).await;
    // A browser's own navigation, so that the contact step really holds the hour.
    let mut own = reqwest::header::HeaderMap::new();
    own.insert("sec-fetch-site", "same-origin".parse().unwrap());
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(own)
        .build()
        .unwrap();
    let url = |path: &str| format!("http://127.0.0.1:{port}{path}");
    let text_of = |path: String| {
        let http = http.clone();
        async move {
            let r = http.get(url(&path)).send().await.unwrap();
            assert_eq!(r.status(), 200, "{path}");
            r.text().await.unwrap()
        }
    };
    let (date, hour) = crate::support::process::first_free(&http, port).await;
    let shown = crate::support::process::booking_token(&http, port, &date, &hour).await;
    assert_eq!(shown.hold.len(), 32, "the visit holds the hour");
    assert_eq!(
        fake.life.lock().unwrap().reserved.len(),
        1,
        "the contact step held the hour at Cal.com"
    );
    // A refused post keeps what was typed under a draft token.
    let mut wrong = crate::support::booking_form(&shown, &date, &hour, "logs@@example");
    wrong.retain(|(k, _)| *k != "form[phone]");
    let refused = http
        .post(url("/api/fn/book"))
        .header("referer", url("/prendre-rendez-vous"))
        .header("accept", "text/html")
        .form(&wrong)
        .send()
        .await
        .unwrap();
    let back = refused.headers()["location"].to_str().unwrap().to_string();
    let draft = back
        .split(['?', '&'])
        .find_map(|pair| pair.strip_prefix("draft="))
        .expect("a draft token")
        .to_string();
    let again = text_of(back.clone()).await;
    assert!(again.contains("logs@@example"), "what was typed comes back");
    let shown = crate::support::Shown::read(&again);
    let form = crate::support::booking_form(&shown, &date, &hour, "logs@example.fr");
    let booked = http
        .post(url("/api/fn/book"))
        .header("referer", url("/prendre-rendez-vous"))
        .header("accept", "text/html")
        .form(&form)
        .send()
        .await
        .unwrap();
    let confirmation = booked.headers()["location"].to_str().unwrap().to_string();
    let id = confirmation.rsplit('/').next().unwrap().to_string();
    assert_eq!(id.len(), 32, "{confirmation}");
    for path in [
        confirmation.clone(),
        format!("{confirmation}/rendez-vous.ics"),
    ] {
        text_of(path).await;
    }
    // Moved, then the new appointment cancelled: every step's views and posts.
    let dates = text_of(format!("{confirmation}?action=deplacer")).await;
    let date = crate::support::html::attr(&dates, "ul.choices a", "href").unwrap();
    let hours = text_of(date).await;
    let choice = crate::support::html::attr(&hours, "ul.choices a", "href").unwrap();
    let confirm = text_of(choice).await;
    let field = |name: &str| {
        crate::support::html::attr(&confirm, &format!("input[name='{name}']"), "value").unwrap()
    };
    let moved = http
        .post(url("/api/fn/move"))
        .header("referer", url("/prendre-rendez-vous"))
        .header("accept", "text/html")
        .form(&[
            ("id", field("id")),
            ("date", field("date")),
            ("hour", field("hour")),
        ])
        .send()
        .await
        .unwrap();
    let moved = moved.headers()["location"].to_str().unwrap().to_string();
    let new_id = moved.rsplit('/').next().unwrap().to_string();
    assert!(new_id.len() == 32 && new_id != id, "{moved}");
    text_of(moved.clone()).await;
    text_of(format!("{moved}/rendez-vous.ics")).await;
    text_of(format!("{moved}?action=annuler")).await;
    let cancelled = http
        .post(url("/api/fn/cancel"))
        .header("referer", url("/prendre-rendez-vous"))
        .header("accept", "text/html")
        .form(&[("id", new_id.as_str()), ("reason", "Un empêchement")])
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), 302);
    assert!(text_of(moved).await.contains("Rendez-vous annulé"));
    assert_eq!(
        fake.life
            .lock()
            .unwrap()
            .cancelled
            .last()
            .unwrap()
            .1
            .as_deref(),
        Some("Un empêchement"),
        "cancelled at Cal.com"
    );
    server.terminate();
    let log = server.1.clone();
    assert!(server.wait_ended(Duration::from_secs(20)).await);
    let text = std::fs::read_to_string(log).unwrap();
    assert!(
        text.contains("Réponse Cal.com"),
        "debug lines are there: {text}"
    );
    assert!(
        text.contains("/prendre-rendez-vous/confirmation/:id"),
        "the path is logged, masked"
    );
    for (what, key) in [
        ("the confirmation id", id.as_str()),
        ("the hold id", shown.hold.as_str()),
        ("the moved appointment's id", new_id.as_str()),
        ("the draft token", draft.as_str()),
        ("Cal.com's booking uid", "fake-booking-"),
        ("Cal.com's reservation uid", "fake-reservation-"),
    ] {
        assert!(!text.contains(key), "{what} in the logs");
    }
}
