//! Test helpers: the real router on 127.0.0.1:0 with a new database (a temporary SQLite
//! file, or a new PostgreSQL database when `RDV_TEST_POSTGRES_URL` names a server), and the
//! fake Cal.com beside it.
#![allow(dead_code)]

pub mod fake_calcom;
pub mod html;
pub mod process;

use std::{net::SocketAddr, sync::Arc, time::Duration};

use leptos::prelude::LeptosOptions;
use rdv_tunnel::{server::config::Config, startup};
use serde_json::Value;

#[allow(unused_imports)]
pub use fake_calcom::{Behaviour, BookingBehaviour, FakeState};

/// The token the tests configure; no response may ever contain it.
pub const SENTINEL_TOKEN: &str = "cal_live_SENTINEL_do_not_leak_4242";

/// A running app and, when configured, its fake Cal.com.
pub struct TestApp {
    pub addr: SocketAddr,
    pub fake: Option<Arc<FakeState>>,
    /// Where the fake Cal.com listens.
    pub fake_addr: Option<SocketAddr>,
    pub http: reqwest::Client,
    pub db_url: String,
    _db_dir: tempfile::TempDir,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub fn fake(&self) -> &FakeState {
        self.fake.as_ref().expect("this app has a fake Cal.com")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.http.get(self.url(path)).send().await.expect("request")
    }

    /// Sends a proposal as a browser without JavaScript would, and
    /// returns where the server sent it (the thank-you page when stored).
    pub async fn propose(&self, name: &str, message: &str) -> String {
        let token = self.form_token().await;
        let day = (chrono::Utc::now() + chrono::Duration::days(3))
            .format("%Y-%m-%d")
            .to_string();
        let fields = [
            ("form[type]", "appel"),
            ("form[issued]", token.as_str()),
            ("form[website]", ""),
            ("form[slots][0][date]", day.as_str()),
            ("form[slots][0][from]", "09:00"),
            ("form[slots][0][to]", "11:00"),
            ("form[name]", name),
            ("form[email]", "zoe@example.fr"),
            ("form[phone]", ""),
            ("form[message]", message),
            ("form[consent]", "on"),
            ("form[utm]", "utm_source=lettre"),
        ];
        location(&post_html(self, "/api/fn/propose", &fields).await)
    }

    /// The contact form of `event_type` on `date` at `hour`, as the contact step hands it
    /// to a visitor (which holds the hour for this visit).
    pub async fn booking_token(&self, event_type: &str, date: &str, hour: &str) -> Shown {
        let html = self
            .get(&format!(
                "/prendre-rendez-vous?type={event_type}&date={date}&hour={hour}"
            ))
            .await
            .text()
            .await
            .expect("page");
        Shown::read(&html)
    }

    /// The signed token of a proposal form of `appel`, as a page hands it to a
    /// visitor.
    pub async fn form_token(&self) -> String {
        self.proposal_token("appel").await
    }

    /// The signed token of the proposal form of `event_type`.
    pub async fn proposal_token(&self, event_type: &str) -> String {
        let html = self
            .get(&format!(
                "/prendre-rendez-vous?type={event_type}&proposer=1"
            ))
            .await
            .text()
            .await
            .expect("page");
        html::attr(&html, "input[name='form[issued]']", "value").expect("a form token in the page")
    }
}

/// Waits until `done` holds (checked every 10 ms, for 10 s at most).
pub async fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Options for [`spawn_app`].
pub struct AppOptions {
    /// Use a fake Cal.com (otherwise the demo calendar).
    pub calcom: bool,
    /// Send this token (the fake then requires it).
    pub token: Option<&'static str>,
    /// Cache TTL.
    pub ttl: Duration,
    /// Shortest form fill time accepted.
    pub min_fill: Duration,
    /// Posts per client and minute.
    pub posts_per_minute: u32,
    /// More environment variables (ADMIN_TOKEN, NOTIFY_*, SMTP_URL…).
    pub env: Vec<(&'static str, String)>,
    /// Wait before the first retry of a failed notification.
    pub first_retry: Duration,
    /// Attempts before a notification is given up.
    pub max_attempts: u32,
    /// How long a booking may take before it is looked up instead (Leptos.toml's default
    /// when `None`).
    pub booking_timeout: Option<Duration>,
    /// Page and slots API reads per client and minute (high by default: tests read a lot).
    pub reads_per_minute: u32,
    /// `admin.secure_cookie = false`: development over plain HTTP.
    pub plain_http_admin: bool,
    /// `admin.failures_per_minute` (Leptos.toml's 5 by default).
    pub failures_per_minute: Option<u32>,
    /// Bookings (and requests) per email and day (high by default: tests reuse one address).
    pub per_email_per_day: u32,
    /// `spam.per_client_per_day` (lifted unless a test sets it: every test is one client).
    pub per_client_per_day: u32,
    /// Connection limits instead of Leptos.toml's.
    pub limits: Option<rdv_tunnel::server::config::ConnectionLimits>,
    /// Booking fields the fake Cal.com's event types add (by event type id), set before the
    /// app starts and reads them.
    pub booking_fields: Vec<(u64, serde_json::Value)>,
    /// Give each event type its public page in the fake Cal.com (`demo`, `rdv-<id>`).
    pub public_pages: bool,
    /// Share this SQLite database (another app's `db_url`) instead of a new one.
    pub db_url: Option<String>,
    /// Share this fake Cal.com (another app's) instead of starting one.
    pub fake: Option<(Arc<FakeState>, SocketAddr)>,
    /// Changes to Leptos.toml: each `(line, replacement)`, the first occurrence.
    pub settings: Vec<(&'static str, &'static str)>,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            calcom: true,
            token: Some(SENTINEL_TOKEN),
            ttl: Duration::from_secs(60),
            min_fill: Duration::ZERO,
            posts_per_minute: 100,
            env: Vec::new(),
            first_retry: Duration::from_secs(5),
            max_attempts: 12,
            booking_timeout: None,
            limits: None,
            reads_per_minute: 1_000_000,
            per_email_per_day: 1000,
            per_client_per_day: 10_000,
            plain_http_admin: false,
            failures_per_minute: None,
            booking_fields: Vec::new(),
            public_pages: false,
            settings: Vec::new(),
            db_url: None,
            fake: None,
        }
    }
}

/// Starts the fake Cal.com (if asked) and the real app router, each on 127.0.0.1:0.
pub async fn spawn_app(options: AppOptions) -> TestApp {
    spawn_app_with(options, axum::Router::new()).await
}

/// Like [`spawn_app`], with `extra` routes behind the application's own layers.
pub async fn spawn_app_with(
    options: AppOptions,
    routes: axum::Router<rdv_tunnel::server::state::AppState>,
) -> TestApp {
    let fake = if let Some(shared) = options.fake.clone() {
        Some(shared)
    } else if options.calcom {
        let state = FakeState::new(&[2283473, 2283474]);
        *state.expected_token.lock().unwrap() = options.token.map(str::to_string);
        for (id, field) in &options.booking_fields {
            state
                .booking_fields
                .lock()
                .unwrap()
                .entry(*id)
                .or_default()
                .push(field.clone());
        }
        let addr = fake_calcom::spawn(state.clone(), ([127, 0, 0, 1], 0).into())
            .await
            .expect("fake Cal.com");
        Some((state, addr))
    } else {
        None
    };
    let db_dir = tempfile::tempdir().expect("tempdir");
    let db_url = match options.db_url.clone() {
        Some(url) => url,
        None => new_database_url(db_dir.path()).await,
    };
    let db_url_for_app = db_url.clone();
    let calcom_url = fake.as_ref().map(|(_, addr)| format!("http://{addr}"));
    let token = options.token;
    let extra = options.env.clone();
    let mut text = std::fs::read_to_string("Leptos.toml").expect("Leptos.toml");
    for (line, replacement) in &options.settings {
        assert!(text.contains(line), "{line:?} is not in Leptos.toml");
        text = text.replacen(line, replacement, 1);
    }
    let mut config = Config::from_toml(&text, "Leptos.toml", |k| match k {
        "CAL_COM_API_URL" => calcom_url.clone(),
        "CAL_COM_TOKEN" if calcom_url.is_some() => token.map(str::to_string),
        "DATABASE_URL" => Some(db_url_for_app.clone()),
        _ => extra
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.clone()),
    })
    .expect("config");
    config.notify.first_retry = options.first_retry;
    config.notify.max_attempts = options.max_attempts;
    config.tunnel.cache_ttl = options.ttl;
    if options.public_pages {
        for event in &mut config.event_types {
            event.public_page = Some(("demo".into(), format!("rdv-{}", event.calcom_id)));
        }
    }
    if let (Some(timeout), rdv_tunnel::server::config::CalendarSource::CalCom(settings)) =
        (options.booking_timeout, &mut config.calendar)
    {
        settings.booking_timeout = timeout;
    }
    config.min_fill = options.min_fill;
    if let Some(limits) = options.limits {
        config.limits = limits;
    }
    config.posts_per_minute =
        std::num::NonZeroU32::new(options.posts_per_minute).expect("a positive limit");
    config.reads_per_minute =
        std::num::NonZeroU32::new(options.reads_per_minute).expect("a positive limit");
    if let Some(per_minute) = options.failures_per_minute {
        config.failures_per_minute = std::num::NonZeroU32::new(per_minute).expect("positive");
    }
    if let Some(admin) = &mut config.admin {
        admin.secure_cookie = !options.plain_http_admin;
    }
    config.per_email_per_day =
        std::num::NonZeroU32::new(options.per_email_per_day).expect("a positive limit");
    config.per_client_per_day =
        std::num::NonZeroU32::new(options.per_client_per_day).expect("a positive limit");

    let leptos_options = LeptosOptions::builder()
        .output_name("rdv-tunnel")
        .site_root("target/site")
        .build();
    let state = rdv_tunnel::server::setup::build_state(config, leptos_options)
        .await
        .expect("state");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let header_timeout = state.config.limits.header_timeout;
    let app = startup::protect(routes.merge(startup::routes(&state)), state);
    // The server's own connection loop (header timeout, TCP_NODELAY), as in production.
    tokio::spawn(rdv_tunnel::server::http::serve::serve(
        listener,
        app,
        header_timeout,
        std::future::pending(),
    ));
    TestApp {
        addr,
        fake_addr: fake.as_ref().map(|(_, a)| *a),
        fake: fake.map(|(s, _)| s),
        http: browser(),
        db_url,
        _db_dir: db_dir,
    }
}

/// The PostgreSQL server the tests run on, when they run on PostgreSQL.
pub fn postgres_server() -> Option<String> {
    std::env::var("RDV_TEST_POSTGRES_URL")
        .ok()
        .filter(|url| !url.is_empty())
}

/// A new, empty database for one test: a SQLite file in `dir`, or a new database on the
/// PostgreSQL server of `RDV_TEST_POSTGRES_URL`.
pub async fn new_database_url(dir: &std::path::Path) -> String {
    let Some(server) = postgres_server() else {
        return format!("sqlite://{}/test.db", dir.display());
    };
    use sqlx::Connection;
    let name = format!("rdv_test_{:016x}", rand::random::<u64>());
    let mut admin = sqlx::PgConnection::connect(&server)
        .await
        .expect("the test PostgreSQL server answers");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("a test database");
    admin.close().await.ok();
    let (base, _) = server.rsplit_once('/').expect("a URL with a database name");
    format!("{base}/{name}")
}

/// A direct connection to an app's database, to look at or age its rows (either backend).
pub async fn raw_db(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url)
        .await
        .expect("the test database")
}

/// The first free (date, hour) according to our own API.
pub async fn first_free(app: &TestApp, event: &str) -> (String, String) {
    let days: Value = app
        .get(&format!("/api/calcom/slots?type={event}&range=14"))
        .await
        .json()
        .await
        .unwrap();
    let day = &days[0];
    (
        day["date"].as_str().unwrap().to_string(),
        day["hours"][0].as_str().unwrap().to_string(),
    )
}

/// True when the slots API offers `hour` on `date` for `appel`.
pub async fn offered(app: &TestApp, date: &str, hour: &str) -> bool {
    let days: Value = app
        .get("/api/calcom/slots?type=appel&range=14")
        .await
        .json()
        .await
        .unwrap();
    days.as_array()
        .unwrap()
        .iter()
        .any(|d| d["date"] == date && d["hours"].as_array().unwrap().iter().any(|h| h == hour))
}

/// The date `days` from today, as a form sends it.
pub fn in_days(days: u64) -> String {
    (chrono::Utc::now().date_naive() + chrono::Days::new(days)).to_string()
}

/// A proposal form from `name` <`email`> offering 09:00–10:00 on `day`, as a
/// browser posts it.
pub fn proposal_form<'a>(
    token: &'a str,
    name: &'a str,
    email: &'a str,
    day: &'a str,
) -> [(&'static str, &'a str); 8] {
    [
        ("form[issued]", token),
        ("form[type]", "appel"),
        ("form[name]", name),
        ("form[email]", email),
        ("form[slots][0][date]", day),
        ("form[slots][0][from]", "09:00"),
        ("form[slots][0][to]", "10:00"),
        ("form[consent]", "on"),
    ]
}

/// A contact form as a page showed it: its signed token and the visit's hold.
#[derive(Clone, Debug)]
pub struct Shown {
    pub token: String,
    pub hold: String,
}

impl Shown {
    /// The contact form of a page.
    pub fn read(html: &str) -> Self {
        Self {
            token: html::attr(html, "input[name='form[issued]']", "value")
                .expect("a contact form in the page"),
            hold: html::attr(html, "input[name='form[hold]']", "value").unwrap_or_default(),
        }
    }
}

pub fn booking_form<'a>(
    shown: &'a Shown,
    date: &'a str,
    hour: &'a str,
    email: &'a str,
) -> Vec<(&'static str, &'a str)> {
    vec![
        ("form[issued]", shown.token.as_str()),
        ("form[hold]", shown.hold.as_str()),
        ("form[website]", ""),
        ("form[type]", "appel"),
        ("form[week]", "0"),
        ("form[seed]", "42"),
        ("form[date]", date),
        ("form[hour]", hour),
        ("form[tz]", ""),
        ("form[name]", "Zoé <b>Dupont</b>"),
        ("form[email]", email),
        ("form[phone]", "06 12 34 56 78"),
        ("form[message]", "Rappel l’après-midi, merci."),
        (
            "form[utm]",
            "utm_source=lettre&utm_campaign=no%C3%ABl&evil=1",
        ),
    ]
}

/// A plain HTML form post, as a browser without JavaScript sends it.
pub async fn post_html(app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.http
        .post(app.url(path))
        .header("accept", "text/html,application/xhtml+xml")
        .header("referer", app.url("/prendre-rendez-vous"))
        .form(form)
        .send()
        .await
        .unwrap()
}

pub fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

/// `2027-01-05` as French pages write it with its year: `5 janvier 2027`.
pub fn french_date(date: &str) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    let d: chrono::NaiveDate = date.parse().expect("a date");
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// A client as a browser navigating the site is (`Sec-Fetch-Site: same-origin`: its holds
/// are made), not following redirects.
pub fn browser() -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert(
        "sec-fetch-site",
        reqwest::header::HeaderValue::from_static("same-origin"),
    );
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("client")
}
