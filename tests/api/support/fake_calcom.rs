//! A fake Cal.com API v2 over real HTTP on 127.0.0.1, behaving as Cal.com's source does
//! (shared/calcom/CALCOM_API_NOTES.md §9, §12), with the `{status: "error", error: {code,
//! message}}` envelope on failures:
//! - one rate-limit quota per key across every endpoint, with its headers on every answer
//!   (`fake_quota.rs`);
//! - `cal-api-version` checked per endpoint family as Cal.com routes it;
//! - availability in the host's own zone (Europe/Paris), whatever zone a caller reads it in;
//!   a booking or a move refused with Cal.com's 400 unless its start is a free slot now (not
//!   past, on the grid, a weekday, not taken or held by someone else) (`fake_bookings.rs`);
//! - bookings listed with their status (cancelled and moved ones too), `status`, `take` and
//!   `skip` honoured; webhook bodies built from what it recorded (`fake_webhooks.rs`).
//!
//! Used by the Rust integration tests (as a module) and, through `examples/fake_calcom.rs`,
//! by the Playwright tests and the benchmark (as a process driven over `/__fake/*`).
#![allow(dead_code)]

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    net::SocketAddr,
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex,
    },
    time::Duration,
};

use axum::{
    extract::{Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post, put},
    Json, Router,
};
use chrono::{DateTime, Datelike, Days, NaiveTime, SecondsFormat, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;
use serde_json::{json, Value};

#[path = "fake_bookings.rs"]
pub mod bookings;
#[path = "fake_life.rs"]
pub mod life;
#[path = "fake_quota.rs"]
pub mod quota;
#[path = "fake_webhooks.rs"]
pub mod webhooks;

/// The zone of the host's schedule: availability is computed there, then keyed by date in
/// the zone the caller asks for (Cal.com's `timeZone` changes the keys, not the instants).
pub const HOST_ZONE: Tz = chrono_tz::Europe::Paris;

/// How the fake answers `GET /v2/slots`.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum Behaviour {
    /// Weekdays 09:00–17:00 every 30 min in the requested zone, minus a fixed share.
    Generated,
    /// Exactly this `data` object, whatever the window.
    Fixed { data: Value },
    /// `{"status":"success","data":{}}`.
    Empty,
    /// This status with Cal.com's error envelope; a 429 carries Cal.com's rate-limit
    /// headers (`X-RateLimit-*-Default`, 60 s to the reset) and, as in Cal.com's source, no
    /// `Retry-After`.
    Status { status: u16 },
    /// Waits this long before answering normally (a slow or hung Cal.com).
    Slow { millis: u64 },
    /// A 200 whose body is not JSON.
    Malformed,
}

/// `CreateBookingAttendee.language`'s allowed values in Cal.com's source.
const ATTENDEE_LANGUAGES: [&str; 43] = [
    "ar", "ca", "de", "es", "eu", "he", "id", "ja", "lv", "pl", "ro", "sr", "th", "vi", "az", "cs",
    "el", "es-419", "fi", "hr", "it", "km", "nl", "pt", "ru", "sv", "tr", "zh-CN", "bg", "da",
    "en", "et", "fr", "hu", "iw", "ko", "no", "pt-BR", "sk", "ta", "uk", "zh-TW", "bn",
];

/// How the fake answers `POST /v2/bookings`.
#[derive(Clone, Debug, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum BookingBehaviour {
    /// Books the slot unless it is taken, `accepted`.
    Accepted,
    /// Books it as `pending`: the event type requires the host's confirmation.
    Pending,
    /// Answers this status with Cal.com's error envelope, booking nothing.
    Status { status: u16 },
    /// Books it, then answers this status (a 5xx after Cal.com wrote the booking: a
    /// calendar or an email failed afterwards, or a proxy gave up).
    BookedThen { status: u16 },
    /// Answers 400 with this message, booking nothing.
    Refuse { message: String },
    /// Books it at once, but answers only after this long (calendars, video links and emails
    /// come first on Cal.com, and are slow on some instances).
    Slow { millis: u64 },
}

/// What the fake saw and how it behaves.
pub struct FakeState {
    /// Current behaviour of `GET /v2/slots`.
    pub behaviour: Mutex<Behaviour>,
    /// Current behaviour of `POST /v2/bookings`.
    pub booking: Mutex<BookingBehaviour>,
    /// Length of each event type in Cal.com, in minutes (30 when not set).
    pub durations: Mutex<HashMap<u64, u32>>,
    /// Booking fields each event type adds to Cal.com's defaults (raw `bookingFields` items).
    pub booking_fields: Mutex<HashMap<u64, Vec<Value>>>,
    /// Fields an event type sets beyond the defaults (`disableCancelling`,
    /// `disableRescheduling`, `locations`…), merged into its `GET /v2/event-types/{id}`.
    pub event_type_settings: Mutex<HashMap<u64, serde_json::Map<String, Value>>>,
    /// Seconds until the rate-limit window resets, as a forced 429 (`Behaviour::Status`)
    /// says it.
    pub rate_limit_reset: Mutex<u64>,
    /// The rate limit of every API call (one quota per key).
    pub quota: Mutex<quota::Quota>,
    /// Added latency on every answer (the benchmark's Cal.com round trip).
    pub latency: Mutex<Duration>,
    /// Known event type ids; others answer 404.
    pub event_types: Mutex<HashSet<u64>>,
    /// When set, a request with another Bearer token answers 401.
    pub expected_token: Mutex<Option<String>>,
    /// Number of `GET /v2/slots` requests received.
    pub slot_calls: AtomicUsize,
    /// Every API call so far (all endpoints: what Cal.com's quota counts).
    pub all_calls: AtomicUsize,
    /// Number of `POST /v2/bookings` requests received.
    pub booking_calls: AtomicUsize,
    /// Every `Authorization` header received (None when absent).
    pub auth_headers: Mutex<Vec<Option<String>>>,
    /// Every `cal-api-version` header received.
    pub versions: Mutex<Vec<Option<String>>>,
    /// Query strings of slots requests.
    pub slot_queries: Mutex<Vec<String>>,
    /// Bodies of accepted `POST /v2/bookings`.
    pub bookings: Mutex<Vec<Value>>,
    /// Starts (UTC, RFC 3339 with Z) that are already taken: booking them answers 400.
    pub taken: Mutex<HashSet<String>>,
    /// Reservations, cancellations and reschedules.
    pub life: Mutex<life::Life>,
}

impl FakeState {
    /// A fake with generated availability for the given event type ids.
    pub fn new(event_types: &[u64]) -> Arc<Self> {
        Arc::new(Self {
            behaviour: Mutex::new(Behaviour::Generated),
            booking: Mutex::new(BookingBehaviour::Accepted),
            durations: Mutex::new(HashMap::new()),
            booking_fields: Mutex::new(HashMap::new()),
            event_type_settings: Mutex::new(HashMap::new()),
            rate_limit_reset: Mutex::new(60),
            quota: Mutex::new(quota::Quota::default()),
            latency: Mutex::new(Duration::ZERO),
            event_types: Mutex::new(event_types.iter().copied().collect()),
            expected_token: Mutex::new(None),
            slot_calls: AtomicUsize::new(0),
            all_calls: AtomicUsize::new(0),
            booking_calls: AtomicUsize::new(0),
            auth_headers: Mutex::new(Vec::new()),
            versions: Mutex::new(Vec::new()),
            slot_queries: Mutex::new(Vec::new()),
            bookings: Mutex::new(Vec::new()),
            taken: Mutex::new(HashSet::new()),
            life: Mutex::new(life::Life::default()),
        })
    }

    /// Replaces the slots behaviour.
    pub fn set(&self, behaviour: Behaviour) {
        *lock(&self.behaviour) = behaviour;
    }

    /// Number of slots calls so far.
    pub fn calls(&self) -> usize {
        self.slot_calls.load(Ordering::SeqCst)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The fake's router (control endpoints under `/__fake`).
pub fn router(state: Arc<FakeState>) -> Router {
    let api = Router::new()
        .route("/v2/slots", get(slots))
        .route("/v2/bookings", post(bookings::create).get(bookings::list))
        .route("/v2/bookings/{uid}/cancel", post(life::cancel))
        .route("/v2/bookings/{uid}/mark-absent", post(life::mark_absent))
        .route("/v2/bookings/{uid}/reschedule", post(life::reschedule))
        .route("/v2/slots/reservations", post(life::reserve))
        .route(
            "/v2/slots/reservations/{uid}",
            axum::routing::patch(life::extend).delete(life::release),
        )
        .route("/v2/event-types/{id}", get(event_type))
        .route("/v2/event-types", get(public_event_types))
        .layer(axum::middleware::from_fn_with_state(state.clone(), gate));
    Router::new()
        .merge(api)
        .route("/__fake/behaviour", put(set_behaviour))
        .route("/__fake/taken", put(set_taken))
        .route("/__fake/latency", put(set_latency))
        .route("/__fake/quota", put(set_quota))
        .route("/__fake/state", get(report))
        .route("/__fake/reset", post(reset))
        .route("/__fake/host.html", get(host_page))
        .with_state(state)
}

/// The endpoint families of `cal-api-version` (CALCOM_API_NOTES.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Slots,
    Bookings,
    EventTypes,
}

impl Family {
    fn of(path: &str) -> Option<Self> {
        if path.starts_with("/v2/slots") {
            Some(Self::Slots)
        } else if path.starts_with("/v2/bookings") {
            Some(Self::Bookings)
        } else if path.starts_with("/v2/event-types") {
            Some(Self::EventTypes)
        } else {
            None
        }
    }

    /// The versions whose controllers serve these paths.
    fn versions(self) -> &'static [&'static str] {
        match self {
            Self::Slots => &["2024-09-04"],
            Self::Bookings => &["2024-08-13", "2026-02-25"],
            Self::EventTypes => &["2024-06-14"],
        }
    }
}

/// What Cal.com does before any handler: count the call against the caller's quota (and
/// send its headers on every answer), route by `cal-api-version`, check the key.
async fn gate(
    State(state): State<Arc<FakeState>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let headers = request.headers().clone();
    let path = request.uri().path().to_string();
    let method = request.method().clone();
    state.all_calls.fetch_add(1, Ordering::SeqCst);
    let counted = lock(&state.quota).count(&headers);
    let mut response = if counted.refused {
        error(
            StatusCode::TOO_MANY_REQUESTS,
            "ThrottlerException",
            "Too Many Requests",
        )
    } else if let Some(refused) = refusal(&state, &headers, &method, &path) {
        refused
    } else {
        next.run(request).await
    };
    for (name, value) in counted.headers {
        // A forced 429 (`Behaviour::Status`) keeps its own.
        response.headers_mut().entry(name).or_insert(value);
    }
    response
}

/// The version and key checks of every API call: the refusal, if any.
fn refusal(
    state: &FakeState,
    headers: &HeaderMap,
    method: &axum::http::Method,
    path: &str,
) -> Option<Response> {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let version = headers
        .get("cal-api-version")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    lock(&state.auth_headers).push(auth.clone());
    lock(&state.versions).push(version.clone());
    let family = Family::of(path)?;
    match version.as_deref() {
        Some(v) if family.versions().contains(&v) => {}
        // Without the header, bookings fall to an old controller that fails
        // (calcom/cal.diy#16924).
        None if family == Family::Bookings => {
            return Some(error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerErrorException",
                "Internal server error",
            ))
        }
        // Another (or no) version routes to the 2024-04-15 controllers, which do not
        // serve these paths.
        _ => {
            return Some(error(
                StatusCode::NOT_FOUND,
                "NotFoundException",
                &format!("Cannot {method} {path}"),
            ))
        }
    }
    if let (Some(expected), Some(auth)) = (lock(&state.expected_token).as_ref(), auth.as_ref()) {
        if auth != &format!("Bearer {expected}") {
            return Some(error(
                StatusCode::UNAUTHORIZED,
                "UnauthorizedException",
                "Invalid API key",
            ));
        }
    }
    None
}

/// For the endpoints that need an API key: its absence.
fn keyed_refusal(headers: &HeaderMap) -> Option<Response> {
    headers.get(header::AUTHORIZATION).is_none().then(|| {
        error(
            StatusCode::UNAUTHORIZED,
            "UnauthorizedException",
            "No API key provided",
        )
    })
}

/// Serves the fake on `addr` (port 0 for any) and returns the bound address.
pub async fn spawn(state: Arc<FakeState>, addr: SocketAddr) -> std::io::Result<SocketAddr> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let bound = listener.local_addr()?;
    tokio::spawn(async move {
        let _ = axum::serve(listener, router(state)).await;
    });
    Ok(bound)
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({
            "status": "error",
            "timestamp": Utc::now().to_rfc3339(),
            "path": "/v2",
            "error": { "code": code, "message": message }
        })),
    )
        .into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SlotsQuery {
    event_type_id: Option<String>,
    start: Option<String>,
    end: Option<String>,
    time_zone: Option<String>,
    booking_uid_to_reschedule: Option<String>,
}

async fn slots(
    State(state): State<Arc<FakeState>>,
    raw: axum::extract::RawQuery,
    Query(q): Query<SlotsQuery>,
) -> Response {
    state.slot_calls.fetch_add(1, Ordering::SeqCst);
    lock(&state.slot_queries).push(raw.0.unwrap_or_default());
    let latency = *lock(&state.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let behaviour = lock(&state.behaviour).clone();
    match behaviour {
        Behaviour::Status { status } => {
            let code = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut r = error(code, "HttpException", "fake failure");
            if code == StatusCode::TOO_MANY_REQUESTS {
                let headers = r.headers_mut();
                for (name, value) in [
                    ("x-ratelimit-limit-default", 120u64),
                    ("x-ratelimit-remaining-default", 0),
                    ("x-ratelimit-reset-default", *lock(&state.rate_limit_reset)),
                ] {
                    headers.insert(name, axum::http::HeaderValue::from(value));
                }
            }
            return r;
        }
        Behaviour::Malformed => return (StatusCode::OK, "<html>oops</html>").into_response(),
        Behaviour::Slow { millis } => tokio::time::sleep(Duration::from_millis(millis)).await,
        _ => {}
    }
    let id = q
        .event_type_id
        .as_deref()
        .and_then(|s| s.parse::<u64>().ok());
    let Some(id) = id.filter(|id| lock(&state.event_types).contains(id)) else {
        return error(
            StatusCode::NOT_FOUND,
            "NotFoundException",
            "Event type not found",
        );
    };
    let parse = |s: Option<&str>| {
        s.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|t| t.with_timezone(&Utc))
    };
    let (Some(start), Some(end)) = (parse(q.start.as_deref()), parse(q.end.as_deref())) else {
        return error(
            StatusCode::BAD_REQUEST,
            "BadRequestException",
            "start and end are required",
        );
    };
    let tz: Tz = q
        .time_zone
        .as_deref()
        .and_then(|z| z.parse().ok())
        .unwrap_or(Tz::UTC);
    let mut data = match behaviour {
        Behaviour::Fixed { data } => data,
        Behaviour::Empty => json!({}),
        _ => generated(id, start, end, tz),
    };
    // A booked or reserved slot is no longer offered, as in Cal.com; but a booking being
    // rescheduled may stay where it is.
    let mut taken = lock(&state.taken).clone();
    taken.extend(life::reserved_starts(&state, None));
    if let Some(uid) = &q.booking_uid_to_reschedule {
        if let Some(own) = lock(&state.life).starts.get(uid) {
            taken.remove(own);
        }
    }
    if let Some(days) = data.as_object_mut() {
        for slots in days.values_mut() {
            if let Some(list) = slots.as_array_mut() {
                list.retain(|slot| {
                    let start = slot
                        .get("start")
                        .and_then(Value::as_str)
                        .unwrap_or_default();
                    DateTime::parse_from_rfc3339(start).map_or(true, |t| {
                        !taken.contains(
                            &t.with_timezone(&Utc)
                                .to_rfc3339_opts(SecondsFormat::Secs, true),
                        )
                    })
                });
            }
        }
        days.retain(|_, slots| slots.as_array().is_none_or(|l| !l.is_empty()));
    }
    Json(json!({ "status": "success", "data": data })).into_response()
}

/// Weekdays 09:00–17:00 every 30 minutes in the host's zone, minus every slot whose hash
/// says taken, between `start` and `end`, keyed by their date in `tz` with offsets like
/// Cal.com's (`2026-11-26T09:00:00.000+01:00`).
pub fn generated(id: u64, start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> Value {
    let mut days: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for utc in generated_starts(id, start, end) {
        let at = utc.with_timezone(&tz);
        days.entry(at.date_naive().to_string())
            .or_default()
            .push(json!({ "start": at.to_rfc3339_opts(SecondsFormat::Millis, false) }));
    }
    json!(days)
}

/// The generated free starts between `start` and `end` (both included), in order.
pub fn generated_starts(id: u64, start: DateTime<Utc>, end: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let mut starts = Vec::new();
    let Some(mut date) = start
        .with_timezone(&HOST_ZONE)
        .date_naive()
        .checked_sub_days(Days::new(1))
    else {
        return starts;
    };
    let last = end.with_timezone(&HOST_ZONE).date_naive();
    while date <= last {
        if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            for half_hours in 18..34u32 {
                let Some(time) = NaiveTime::from_hms_opt(half_hours / 2, (half_hours % 2) * 30, 0)
                else {
                    continue;
                };
                let Some(at) = HOST_ZONE
                    .from_local_datetime(&date.and_time(time))
                    .earliest()
                else {
                    continue;
                };
                let utc = at.with_timezone(&Utc);
                let taken = (utc.timestamp() / 1800 + id as i64) % 3 == 0;
                if utc >= start && utc <= end && !taken {
                    starts.push(utc);
                }
            }
        }
        let Some(next) = date.checked_add_days(Days::new(1)) else {
            break;
        };
        date = next;
    }
    starts
}

async fn set_behaviour(
    State(state): State<Arc<FakeState>>,
    Json(b): Json<Behaviour>,
) -> StatusCode {
    state.set(b);
    StatusCode::NO_CONTENT
}

async fn set_taken(
    State(state): State<Arc<FakeState>>,
    Json(starts): Json<Vec<String>>,
) -> StatusCode {
    let mut taken = lock(&state.taken);
    for s in starts {
        if let Ok(t) = DateTime::parse_from_rfc3339(&s) {
            taken.insert(
                t.with_timezone(&Utc)
                    .to_rfc3339_opts(SecondsFormat::Secs, true),
            );
        }
    }
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct Latency {
    millis: u64,
}

async fn set_latency(State(state): State<Arc<FakeState>>, Json(l): Json<Latency>) -> StatusCode {
    *lock(&state.latency) = Duration::from_millis(l.millis);
    StatusCode::NO_CONTENT
}

async fn report(State(state): State<Arc<FakeState>>) -> Json<Value> {
    Json(json!({
        "slotCalls": state.calls(),
        "bookings": *lock(&state.bookings),
        "authHeaders": *lock(&state.auth_headers),
        "reservations": lock(&state.life).reserved.clone(),
        "cancelled": lock(&state.life).cancelled.iter().map(|(uid, _)| uid.clone()).collect::<Vec<_>>(),
        "rescheduled": lock(&state.life).rescheduled.iter().map(|(from, to, _)| json!({"from": from, "to": to})).collect::<Vec<_>>(),
    }))
}

#[derive(Deserialize)]
struct QuotaSettings {
    limit: u64,
}

/// `PUT /__fake/quota {"limit": N}`: calls per key and minute.
async fn set_quota(
    State(state): State<Arc<FakeState>>,
    Json(q): Json<QuotaSettings>,
) -> StatusCode {
    lock(&state.quota).limit = q.limit;
    StatusCode::NO_CONTENT
}

async fn reset(State(state): State<Arc<FakeState>>) -> StatusCode {
    lock(&state.quota).clear();
    state.set(Behaviour::Generated);
    *lock(&state.booking) = BookingBehaviour::Accepted;
    lock(&state.durations).clear();
    *lock(&state.rate_limit_reset) = 60;
    state.slot_calls.store(0, Ordering::SeqCst);
    lock(&state.bookings).clear();
    lock(&state.taken).clear();
    *lock(&state.life) = life::Life::default();
    lock(&state.auth_headers).clear();
    StatusCode::NO_CONTENT
}

/// An event type as `GET /v2/event-types/{id}` describes it, if the fake knows it.
fn event_type_json(state: &FakeState, id: u64) -> Option<Value> {
    if !lock(&state.event_types).contains(&id) {
        return None;
    }
    let length = lock(&state.durations).get(&id).copied().unwrap_or(30);
    let mut fields = vec![
        json!({"type": "name", "slug": "name", "label": "Your name", "required": true, "isDefault": true}),
        json!({"type": "email", "slug": "email", "label": "Email", "required": true, "isDefault": true}),
        json!({"type": "phone", "slug": "attendeePhoneNumber", "label": "Phone", "required": false, "hidden": true, "isDefault": true}),
        json!({"type": "textarea", "slug": "notes", "label": "Notes", "required": false, "isDefault": true}),
    ];
    fields.extend(
        lock(&state.booking_fields)
            .get(&id)
            .cloned()
            .unwrap_or_default(),
    );
    // Cal.com's defaults: changes allowed, a Cal Video meeting.
    let mut data = json!({
        "id": id, "lengthInMinutes": length, "title": "Rendez-vous", "slug": format!("rdv-{id}"),
        "bookingFields": fields,
        "disableCancelling": { "disabled": false },
        "disableRescheduling": { "disabled": false },
        "locations": [{ "type": "integration", "integration": "cal-video" }]
    });
    if let (Some(object), Some(own)) = (
        data.as_object_mut(),
        lock(&state.event_type_settings).get(&id),
    ) {
        object.extend(own.clone());
    }
    Some(data)
}

/// `GET /v2/event-types/{id}` (key required): the length and booking fields.
async fn event_type(
    State(state): State<Arc<FakeState>>,
    headers: HeaderMap,
    axum::extract::Path(id): axum::extract::Path<u64>,
) -> Response {
    if let Some(r) = keyed_refusal(&headers) {
        return r;
    }
    match event_type_json(&state, id) {
        Some(data) => Json(json!({ "status": "success", "data": data })).into_response(),
        None => error(
            StatusCode::NOT_FOUND,
            "NotFoundException",
            "Event type not found",
        ),
    }
}

/// `GET /v2/event-types?username=…&eventSlug=rdv-<id>` (no key needed): a list of one.
async fn public_event_types(
    State(state): State<Arc<FakeState>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let id = query
        .get("eventSlug")
        .and_then(|s| s.strip_prefix("rdv-"))
        .and_then(|id| id.parse::<u64>().ok());
    let data: Vec<Value> = id
        .filter(|_| query.contains_key("username"))
        .and_then(|id| event_type_json(&state, id))
        .into_iter()
        .collect();
    Json(json!({ "status": "success", "data": data })).into_response()
}

#[derive(Deserialize)]
struct HostQuery {
    /// The tunnel's origin (`http://127.0.0.1:3112`).
    app: String,
    /// `popup`: the snippet's pop-up mode.
    #[serde(default)]
    mode: String,
    /// The snippet's `data-lang`.
    #[serde(default)]
    lang: String,
    /// The snippet's `data-accent` (`#rrggbb`).
    #[serde(default)]
    accent: String,
}

/// A page of another site that pastes the embed snippet (the embed tests' host), with a
/// script of its own that must keep working.
async fn host_page(Query(q): Query<HostQuery>) -> Response {
    let app: String = q
        .app
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || ":/.".contains(*c))
        .collect();
    let mut options = String::new();
    if q.mode == "popup" {
        options.push_str(" data-mode=\"popup\"");
    }
    if q.lang.len() == 2 && q.lang.bytes().all(|b| b.is_ascii_lowercase()) {
        options.push_str(&format!(" data-lang=\"{}\"", q.lang));
    }
    let hex = q.accent.strip_prefix('#').unwrap_or_default();
    if hex.len() == 6 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        options.push_str(&format!(" data-accent=\"#{hex}\""));
    }
    let html = format!(
        "<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Cabinet Dupont</title><link rel=\"icon\" href=\"data:,\"></head>\
         <body><h1>Cabinet Dupont</h1><p id=\"host\">avant</p>\
         <a href=\"{app}/prendre-rendez-vous\" data-rdv-tunnel>Prendre rendez-vous</a>\
         <script src=\"{app}/embed.js\" data-type=\"appel\"{options} async></script>\
         <script>document.getElementById('host').textContent = 'script de la page actif';</script>\
         <footer>Pied de page</footer></body></html>"
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}
