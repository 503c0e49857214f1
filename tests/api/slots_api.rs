//! `GET /api/calcom/slots` and the availability service against a real HTTP fake of Cal.com.

use std::time::Duration;

use crate::support::{spawn_app, AppOptions, Behaviour, SENTINEL_TOKEN};
use chrono::{Days, NaiveTime, SecondsFormat, TimeZone, Utc};
use chrono_tz::{America::New_York, Europe::Paris};
use serde_json::{json, Value};

fn paris_slot(days_ahead: u64, h: u32, m: u32) -> chrono::DateTime<chrono_tz::Tz> {
    let date = Utc::now()
        .with_timezone(&Paris)
        .date_naive()
        .checked_add_days(Days::new(days_ahead))
        .unwrap();
    Paris
        .from_local_datetime(&date.and_time(NaiveTime::from_hms_opt(h, m, 0).unwrap()))
        .earliest()
        .unwrap()
}

async fn json_of(r: reqwest::Response) -> (u16, Value) {
    let status = r.status().as_u16();
    let body = r.json::<Value>().await.expect("JSON body");
    (status, body)
}

#[tokio::test]
async fn returns_exactly_the_fake_availability_in_the_business_zone() {
    let app = spawn_app(AppOptions::default()).await;
    let d1 = paris_slot(2, 9, 0);
    let d1b = paris_slot(2, 14, 30);
    let d2 = paris_slot(3, 10, 0);
    let past = Utc::now() - chrono::Duration::hours(30);
    let ms = |t: chrono::DateTime<chrono_tz::Tz>| t.to_rfc3339_opts(SecondsFormat::Millis, false);
    // One slot given in New York's offset and one in UTC: grouping goes by the instant.
    app.fake().set(Behaviour::Fixed {
        data: json!({
            d1.date_naive().to_string(): [
                { "start": ms(d1) },
                { "start": d1b.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true) }
            ],
            d2.date_naive().to_string(): [
                { "start": d2.with_timezone(&New_York).to_rfc3339_opts(SecondsFormat::Millis, false) },
                { "start": d2.to_rfc3339() }
            ],
            "2000-01-01": [ { "start": past.to_rfc3339() } ]
        }),
    });
    let (status, body) = json_of(app.get("/api/calcom/slots?type=appel&range=14").await).await;
    assert_eq!(status, 200);
    assert_eq!(
        body,
        json!([
            { "date": d1.date_naive().to_string(), "hours": ["09:00", "14:30"] },
            { "date": d2.date_naive().to_string(), "hours": ["10:00"] }
        ])
    );

    // The request to Cal.com: v2 slots, version header, Bearer token, UTC window, zone.
    let fake = app.fake();
    let query = fake.slot_queries.lock().unwrap().last().cloned().unwrap();
    assert!(query.contains("eventTypeId=2283473"), "{query}");
    assert!(query.contains("timeZone=Europe%2FParis"), "{query}");
    assert!(
        query.contains("start=") && query.contains("Z&end="),
        "{query}"
    );
    assert_eq!(
        fake.versions
            .lock()
            .unwrap()
            .last()
            .cloned()
            .flatten()
            .as_deref(),
        Some("2024-09-04")
    );
    assert_eq!(
        fake.auth_headers.lock().unwrap().last().cloned().flatten(),
        Some(format!("Bearer {SENTINEL_TOKEN}"))
    );
}

#[tokio::test]
async fn generated_week_is_sorted_and_in_business_hours() {
    let app = spawn_app(AppOptions::default()).await;
    let (status, body) = json_of(app.get("/api/calcom/slots?type=visio&range=7").await).await;
    assert_eq!(status, 200);
    let days = body.as_array().unwrap();
    assert!(!days.is_empty());
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    for d in days {
        let hours: Vec<&str> = d["hours"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap())
            .collect();
        assert!(!hours.is_empty());
        assert!(hours.windows(2).all(|w| w[0] < w[1]));
        assert!(
            hours.iter().all(|h| ("09:00".."17:00").contains(h)),
            "{hours:?}"
        );
    }
}

#[tokio::test]
async fn empty_availability_is_an_empty_list() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().set(Behaviour::Empty);
    let (status, body) = json_of(app.get("/api/calcom/slots?type=appel").await).await;
    assert_eq!(status, 200);
    assert_eq!(body, json!([]));
}

#[tokio::test]
async fn upstream_failures_map_to_502_or_503_with_a_french_message() {
    let cases: Vec<(Behaviour, u16, &str)> = vec![
        (
            Behaviour::Status { status: 401 },
            502,
            "Clé API Cal.com refusée",
        ),
        (
            Behaviour::Status { status: 403 },
            502,
            "Clé API Cal.com refusée",
        ),
        (
            Behaviour::Status { status: 500 },
            503,
            "Cal.com ne répond pas",
        ),
        (
            Behaviour::Status { status: 503 },
            503,
            "Cal.com ne répond pas",
        ),
        (
            Behaviour::Status { status: 429 },
            503,
            "Cal.com limite les requêtes",
        ),
        (Behaviour::Malformed, 502, "Réponse de Cal.com illisible"),
        (
            Behaviour::Fixed {
                data: json!({"2026-01-01": [{"start": "pas une date"}]}),
            },
            502,
            "illisible",
        ),
    ];
    for (behaviour, expected, message) in cases {
        let app = spawn_app(AppOptions::default()).await;
        app.fake().set(behaviour.clone());
        let r = app.get("/api/calcom/slots?type=appel").await;
        assert_eq!(r.headers()["content-type"], "application/json");
        let (status, body) = json_of(r).await;
        assert_eq!(status, expected, "{behaviour:?}");
        let error = body["error"].as_str().unwrap();
        assert!(error.contains(message), "{behaviour:?}: {error}");
        assert!(
            !error.contains("fake failure") && !error.contains("oops"),
            "Cal.com's body leaked: {error}"
        );
    }
}

#[tokio::test]
async fn unknown_event_type_at_calcom_is_a_502_naming_the_setting() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().event_types.lock().unwrap().clear();
    let (status, body) = json_of(app.get("/api/calcom/slots?type=appel").await).await;
    assert_eq!(status, 502);
    assert!(
        body["error"].as_str().unwrap().contains("calcom_id"),
        "{body}"
    );
}

#[tokio::test]
async fn a_rate_limit_is_waited_out_from_calcoms_reset_header() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().set(Behaviour::Status { status: 429 });
    assert_eq!(
        app.get("/api/calcom/slots?type=appel&range=5")
            .await
            .status(),
        503
    );
    assert_eq!(app.fake().calls(), 1);
    // Cal.com is fine again, but its 429 said the window resets in 60 s (no Retry-After,
    // as in Cal.com's source): no new call goes out.
    app.fake().set(Behaviour::Generated);
    assert_eq!(
        app.get("/api/calcom/slots?type=appel&range=6")
            .await
            .status(),
        503
    );
    assert_eq!(app.fake().calls(), 1);
}

#[tokio::test]
async fn a_hung_calcom_answers_503_within_six_seconds() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().set(Behaviour::Slow { millis: 20_000 });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(6))
        .build()
        .unwrap();
    let r = client
        .get(app.url("/api/calcom/slots?type=appel"))
        .send()
        .await
        .expect("answer within 6 s");
    let (status, body) = json_of(r).await;
    assert_eq!(status, 503);
    assert!(body["error"].as_str().unwrap().contains("ne répond pas"));
}

#[tokio::test]
async fn each_bad_parameter_is_a_400_naming_it() {
    let app = spawn_app(AppOptions::default()).await;
    for (query, param) in [
        ("", "type"),
        ("?type=", "type"),
        ("?type=rendez-vous", "type"),
        ("?type=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "type"),
        ("?type=appel&range=", "type"),
        ("?type=appel&range=abc", "range"),
        ("?type=appel&range=0", "range"),
        ("?type=appel&range=61", "range"),
        ("?type=appel&range=1.5", "range"),
        ("?type=appel&range=%00", "range"),
        ("?type=appel&range=99999999999999999999999", "range"),
    ] {
        let r = app.get(&format!("/api/calcom/slots{query}")).await;
        let (status, body) = json_of(r).await;
        if query == "?type=appel&range=" {
            // An empty range means the default.
            assert_eq!(status, 200, "{query}");
            continue;
        }
        assert_eq!(status, 400, "{query}");
        let error = body["error"].as_str().unwrap();
        assert!(error.contains(&format!("« {param} »")), "{query}: {error}");
        assert!(!error.contains('<'), "{query}: {error}");
    }
    let long = format!("/api/calcom/slots?type=appel&pad={}", "x".repeat(4000));
    assert_eq!(app.get(&long).await.status(), 400);
    // No Cal.com call was made for any refused request.
    assert_eq!(app.fake().calls(), 1);
}

#[tokio::test]
async fn hundred_concurrent_cold_requests_make_one_upstream_call() {
    let app = spawn_app(AppOptions::default()).await;
    *app.fake().latency.lock().unwrap() = Duration::from_millis(300);
    let url = app.url("/api/calcom/slots?type=appel&range=14");
    let requests = (0..100).map(|_| {
        let http = app.http.clone();
        let url = url.clone();
        tokio::spawn(async move { http.get(url).send().await.map(|r| r.status().as_u16()) })
    });
    let statuses: Vec<u16> = futures_join(requests).await;
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(app.fake().calls(), 1);
}

async fn futures_join(
    handles: impl Iterator<Item = tokio::task::JoinHandle<reqwest::Result<u16>>>,
) -> Vec<u16> {
    let mut out = Vec::new();
    for h in handles.collect::<Vec<_>>() {
        out.push(h.await.unwrap().unwrap());
    }
    out
}

#[tokio::test]
async fn stale_answer_is_served_when_calcom_fails_after_expiry() {
    let app = spawn_app(AppOptions {
        ttl: Duration::from_millis(300),
        ..AppOptions::default()
    })
    .await;
    let first = app.get("/api/calcom/slots?type=appel").await;
    assert!(first.headers().get("x-availability-stale").is_none());
    let fresh: Value = first.json().await.unwrap();
    app.fake().set(Behaviour::Status { status: 500 });
    tokio::time::sleep(Duration::from_millis(400)).await;
    let r = app.get("/api/calcom/slots?type=appel").await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["x-availability-stale"], "1");
    assert_eq!(r.json::<Value>().await.unwrap(), fresh);
    assert_eq!(app.fake().calls(), 2);
}

#[tokio::test]
async fn without_a_token_no_authorization_header_is_sent() {
    let app = spawn_app(AppOptions {
        token: None,
        ..AppOptions::default()
    })
    .await;
    assert_eq!(app.get("/api/calcom/slots?type=appel").await.status(), 200);
    assert_eq!(app.fake().auth_headers.lock().unwrap().as_slice(), &[None]);
}

#[tokio::test]
async fn the_token_never_appears_in_any_response() {
    let app = spawn_app(AppOptions::default()).await;
    let mut paths = vec![
        "/api/calcom/slots?type=appel".to_string(),
        "/api/calcom/slots?type=nope".to_string(),
        "/prendre-rendez-vous".to_string(),
        "/prendre-rendez-vous?type=visio".to_string(),
        "/healthz".to_string(),
        "/nope".to_string(),
    ];
    app.fake().set(Behaviour::Status { status: 401 });
    paths.push("/api/calcom/slots?type=appel&range=3".to_string());
    paths.push("/prendre-rendez-vous?type=appel&week=1".to_string());
    for p in paths {
        let r = app.get(&p).await;
        let headers = format!("{:?}", r.headers());
        let body = r.text().await.unwrap();
        assert!(
            !headers.contains(SENTINEL_TOKEN) && !body.contains(SENTINEL_TOKEN),
            "{p}"
        );
        assert!(!body.contains("SENTINEL"), "{p}");
    }
}

#[tokio::test]
async fn the_page_shows_dates_from_the_same_service() {
    let app = spawn_app(AppOptions::default()).await;
    let day = paris_slot(4, 11, 0);
    app.fake().set(Behaviour::Fixed {
        data: json!({ day.date_naive().to_string(): [ { "start": day.to_rfc3339() } ] }),
    });
    let r = app.get("/prendre-rendez-vous").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    let french = rdv_tunnel::server::words::words_in(&rdv_tunnel::domain::lang::Lang::french());
    let label = french.date(day.date_naive());
    assert!(html.contains(&label), "{label} not in page");
    assert!(!html.contains("mode démonstration"));
    // The API reads the same cache per range: a second page view makes no new call.
    let calls = app.fake().calls();
    app.get("/prendre-rendez-vous").await;
    assert_eq!(app.fake().calls(), calls);
}

#[tokio::test]
async fn page_still_answers_when_calcom_is_down() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().set(Behaviour::Status { status: 500 });
    let r = app.get("/prendre-rendez-vous").await;
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("Proposez vos disponibilités"));
}

#[tokio::test]
async fn demo_mode_serves_the_page_and_api() {
    let app = spawn_app(AppOptions {
        calcom: false,
        token: None,
        ..AppOptions::default()
    })
    .await;
    let html = app.get("/prendre-rendez-vous").await.text().await.unwrap();
    assert!(html.contains("mode démonstration"));
    assert!(html.contains("lang=\"fr\""));
    let (status, body) = json_of(app.get("/api/calcom/slots?type=appel&range=14").await).await;
    assert_eq!(status, 200);
    assert!(!body.as_array().unwrap().is_empty());
    assert_eq!(app.get("/healthz").await.status(), 200);
    let root = app.get("/").await;
    assert_eq!(root.headers()["location"], "/prendre-rendez-vous");
}

#[tokio::test]
async fn the_page_answers_within_four_seconds_when_calcom_hangs() {
    let app = spawn_app(AppOptions::default()).await;
    app.fake().set(Behaviour::Slow { millis: 20_000 });
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(4))
        .build()
        .unwrap();
    let r = client
        .get(app.url("/prendre-rendez-vous"))
        .send()
        .await
        .expect("the page answers within 4 s");
    assert_eq!(r.status(), 200);
    let html = r.text().await.unwrap();
    assert!(html.contains("ne peuvent pas être affichées pour le moment"));
    assert!(html.contains("Envoyer mes disponibilités"));
}

#[tokio::test]
async fn the_page_shows_the_last_known_availability_marked_to_confirm() {
    let app = spawn_app(AppOptions {
        ttl: Duration::from_millis(300),
        ..AppOptions::default()
    })
    .await;
    let fresh = app.get("/prendre-rendez-vous").await.text().await.unwrap();
    assert!(!fresh.contains("à confirmer"));
    for behaviour in [
        Behaviour::Status { status: 500 },
        Behaviour::Status { status: 401 },
        Behaviour::Malformed,
    ] {
        app.fake().set(behaviour);
        tokio::time::sleep(Duration::from_millis(400)).await;
        let html = app.get("/prendre-rendez-vous").await.text().await.unwrap();
        assert!(
            html.contains("Disponibilités à confirmer"),
            "stale dates are marked"
        );
        assert!(html.contains("Choisissez une date"));
    }
}

#[tokio::test]
async fn responses_are_compressed_when_the_browser_accepts_it() {
    let app = spawn_app(AppOptions::default()).await;
    for encoding in ["br", "gzip"] {
        let r = app
            .http
            .get(app.url("/prendre-rendez-vous"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["content-encoding"], encoding);
    }
    let plain = app.get("/api/calcom/slots?type=appel").await;
    assert!(plain.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn a_booking_during_a_fetch_does_not_let_the_old_answer_back_in() {
    use rdv_tunnel::server::{
        calendar::availability::{AvailabilityService, Source},
        calendar::calcom::CalComClient,
        config::{CalComSettings, EventType},
    };
    let fake = crate::support::FakeState::new(&[2283473]);
    *fake.latency.lock().unwrap() = Duration::from_millis(300);
    let addr = crate::support::fake_calcom::spawn(fake.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    let client = CalComClient::new(&CalComSettings {
        booking_timeout: Duration::from_secs(20),
        api_url: format!("http://{addr}"),
        token: None,
        slots_api_version: "2024-09-04".into(),
        bookings_api_version: "2024-08-13".into(),
        webhook_secret: None,
    })
    .unwrap();
    let service =
        AvailabilityService::new(Source::CalCom(client), Paris, 60, Duration::from_secs(60));
    let event = EventType {
        public_page: None,
        slug: "appel".into(),
        calcom_id: 2283473,
        label: "Appel".into(),
        duration_minutes: 30,
        phone_required: true,
        changes_until_minutes: None,
    };
    // A read is on its way to Cal.com when a booking changes the availability.
    let in_flight = {
        let (service, event) = (service.clone(), event.clone());
        tokio::spawn(async move { service.days(&event, 7).await.map(|_| ()) })
    };
    crate::support::wait_for("the read to reach Cal.com", || fake.calls() > 0).await;
    service.invalidate(&event).await;
    in_flight.await.unwrap().unwrap();
    assert_eq!(fake.calls(), 1);
    // The answer fetched before the booking is not served as fresh: the next read asks again.
    service.days(&event, 7).await.unwrap();
    assert_eq!(fake.calls(), 2);
    // And that one is cached.
    service.days(&event, 7).await.unwrap();
    assert_eq!(fake.calls(), 2);
}

#[tokio::test]
async fn calls_resume_when_cal_coms_rate_limit_window_resets() {
    let app = spawn_app(AppOptions::default()).await;
    *app.fake().rate_limit_reset.lock().unwrap() = 3;
    app.fake().set(Behaviour::Status { status: 429 });
    let limited = std::time::Instant::now();
    assert_eq!(
        app.get("/api/calcom/slots?type=appel&range=5")
            .await
            .status(),
        503
    );
    app.fake().set(Behaviour::Generated);
    // Still within the 3 s window: no call goes out.
    assert_eq!(
        app.get("/api/calcom/slots?type=appel&range=6")
            .await
            .status(),
        503
    );
    assert_eq!(app.fake().calls(), 1);
    let mut range = 7;
    while app
        .get(&format!("/api/calcom/slots?type=appel&range={range}"))
        .await
        .status()
        != 200
    {
        assert!(limited.elapsed() < Duration::from_secs(10), "still blocked");
        tokio::time::sleep(Duration::from_millis(250)).await;
        range += 1;
    }
    let waited = limited.elapsed();
    assert!(
        waited >= Duration::from_millis(2_500),
        "resumed after {waited:?}"
    );
}

/// Cal.com counts every call of a key against one quota (120 a minute, then a 60 s block):
/// availability reads stop while the window's last `BOOKING_RESERVE` calls are left, so a
/// burst of uncached reads never makes Cal.com refuse the booking that follows.
#[tokio::test]
async fn availability_reads_leave_the_last_calls_of_cal_coms_quota_to_bookings() {
    use rdv_tunnel::server::calendar::calcom::BOOKING_RESERVE;
    let app = spawn_app(AppOptions {
        ttl: Duration::from_millis(1),
        ..AppOptions::default()
    })
    .await;
    app.fake().quota.lock().unwrap().limit = BOOKING_RESERVE + 6;
    let (date, hour) = crate::support::first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    // Uncached reads of both event types, far more than the quota has left.
    for range in 1..=40 {
        for event in ["appel", "visio"] {
            app.get(&format!("/api/calcom/slots?type={event}&range={range}"))
                .await;
        }
    }
    assert_eq!(
        app.fake().quota.lock().unwrap().refused(),
        0,
        "Cal.com never had to refuse a call"
    );
    let form = crate::support::booking_form(&token, &date, &hour, "zoe@example.fr");
    let r = crate::support::post_html(&app, "/api/fn/book", &form).await;
    assert!(crate::support::location(&r).contains("/confirmation/"));
    assert_eq!(app.fake().bookings.lock().unwrap().len(), 1);
}

/// When Cal.com refuses a booking for its rate limit all the same (another client of the
/// key spent it), the visitor is not lost: the proposal form, filled in.
#[tokio::test]
async fn a_booking_cal_com_refuses_for_its_rate_limit_leads_to_the_filled_in_form() {
    let app = spawn_app(AppOptions::default()).await;
    let (date, hour) = crate::support::first_free(&app, "appel").await;
    let token = app.booking_token("appel", &date, &hour).await;
    app.fake().quota.lock().unwrap().limit = 0;
    let form = crate::support::booking_form(&token, &date, &hour, "zoe@example.fr");
    let back =
        crate::support::location(&crate::support::post_html(&app, "/api/fn/book", &form).await);
    assert!(
        back.contains("proposer=1") && back.contains("draft="),
        "{back}"
    );
    assert!(app.fake().bookings.lock().unwrap().is_empty());
    let html = app.get(&back).await.text().await.unwrap();
    assert!(html.contains("value=\"zoe@example.fr\""), "{html}");
}

#[tokio::test]
async fn an_event_type_that_needs_a_key_says_so_when_none_is_set() {
    let app = spawn_app(AppOptions {
        token: None,
        ..AppOptions::default()
    })
    .await;
    app.fake().set(Behaviour::Status { status: 401 });
    let (status, body) = json_of(app.get("/api/calcom/slots?type=appel").await).await;
    assert_eq!(status, 502);
    let error = body["error"].as_str().unwrap();
    assert!(
        error.contains("demande une clé API") && error.contains("CAL_COM_TOKEN"),
        "{error}"
    );
}

#[tokio::test]
async fn every_range_of_both_event_types_comes_from_one_calcom_call_each() {
    let app = spawn_app(AppOptions::default()).await;
    for range in 1..=60 {
        for event in ["appel", "visio"] {
            let r = app
                .get(&format!("/api/calcom/slots?type={event}&range={range}"))
                .await;
            assert_eq!(r.status(), 200, "{event} {range}");
        }
    }
    assert_eq!(app.fake().calls(), 2, "one window per event type");
    // Each range is still its own cut: one day ahead holds at most two dates.
    let (_, one_day) = json_of(app.get("/api/calcom/slots?type=appel&range=1").await).await;
    assert!(one_day.as_array().unwrap().len() <= 2, "{one_day}");
    let (_, sixty) = json_of(app.get("/api/calcom/slots?type=appel&range=60").await).await;
    assert!(sixty.as_array().unwrap().len() > one_day.as_array().unwrap().len());
}
