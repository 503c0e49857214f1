//! Plain axum routes (not rendered by Leptos): the slots API, health, root redirect.

use axum::{
    extract::{RawQuery, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Json,
};
use serde::Serialize;

use crate::{
    domain::{lang::Lang, url::PAGE_PATH},
    error::AppError,
};

use crate::server::words::{words_for, words_in};
use crate::server::{
    config::{Config, EventType},
    state::AppState,
};

/// Longest query string the slots API reads; anything longer is refused.
const MAX_QUERY_LEN: usize = 512;

/// `GET /healthz`: 200 when the server and its database are usable, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if state.db.is_healthy().await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// `GET /readyz`: whether this instance should get traffic. 503 when its database does not
/// answer or lacks a migration; Cal.com's state is reported but never makes it unready (the
/// page still answers without Cal.com, with the cached hours or the proposal form, and
/// every instance shares the same Cal.com: taking them all out would serve nothing instead).
pub async fn readyz(State(state): State<AppState>) -> Response {
    let database = state.db.is_healthy().await;
    let migrated = database && state.db.is_migrated().await;
    let health = state.availability.health();
    let calendar = if state.availability.is_demo() {
        "demo".to_string()
    } else {
        match (health.failing_since, health.last_ok) {
            (Some(since), _) => format!("failing since {}", since.to_rfc3339()),
            (None, Some(_)) => "ok".to_string(),
            (None, None) => "not read yet".to_string(),
        }
    };
    let ready = database && migrated;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = serde_json::json!({
        "ready": ready,
        "database": if database { "ok" } else { "unavailable" },
        "migrations": if migrated { "applied" } else { "missing" },
        "calendar": calendar,
        "calendar_last_ok": health.last_ok.map(|t| t.to_rfc3339()),
    });
    (status, Json(body)).into_response()
}

/// `GET /metrics` (see `server::ops::metrics`): behind `METRICS_TOKEN` (404 without one), wrong
/// tokens counted and limited with the admin's failures.
pub async fn metrics(
    State(state): State<AppState>,
    axum::extract::ConnectInfo(peer): axum::extract::ConnectInfo<std::net::SocketAddr>,
    headers: axum::http::HeaderMap,
) -> Response {
    use crate::server::abuse::admin_gate::Access;
    let client = state.admin.client(peer.ip(), &headers);
    let challenge = [(header::WWW_AUTHENTICATE, "Bearer")];
    match state.admin.check_metrics(&headers, client).await {
        Access::Granted => {}
        Access::Disabled => return StatusCode::NOT_FOUND.into_response(),
        Access::Blocked => {
            return (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::RETRY_AFTER, "60")],
                "too many wrong tokens: try again in a minute",
            )
                .into_response()
        }
        Access::Missing | Access::Denied => {
            return (
                StatusCode::UNAUTHORIZED,
                challenge,
                "a bearer token is needed",
            )
                .into_response()
        }
    }
    match state.db.outbox_counts().await {
        Ok((pending, failed)) => crate::server::ops::metrics::set_outbox(pending, failed),
        Err(error) => tracing::warn!(%error, "outbox unreadable for /metrics"),
    }
    match crate::server::ops::metrics::render() {
        Some(text) => {
            let kind = "application/openmetrics-text; version=1.0.0; charset=utf-8";
            ([(header::CONTENT_TYPE, kind)], text).into_response()
        }
        None => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `GET /`: the site's only page is the booking page.
pub async fn root() -> Redirect {
    Redirect::to(PAGE_PATH)
}

/// One day of the slots API: the seed's contract `{date, hours}`.
#[derive(Debug, Serialize)]
struct ApiDay {
    date: String,
    hours: Vec<String>,
}

/// JSON error body of the API: `{"error": "<message en français>"}`.
#[derive(Debug, Serialize)]
struct ApiError {
    error: String,
}

fn api_error(error: &AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        Json(ApiError {
            // The API speaks the business language.
            error: error.message(|id| words_in(&Lang::french()).say(id)),
        }),
    )
        .into_response()
}

/// `GET /api/calcom/slots?type=appel&range=14`: free days and hours from now to now + range
/// days, in the business time zone.
///
/// 400 for a bad parameter, 502/503 when Cal.com fails with nothing cached; a cached answer
/// served during a failure carries `X-Availability-Stale: 1`.
pub async fn slots(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let (event, range) = match parse_slots_query(query.as_deref(), &state.config) {
        Ok(p) => p,
        Err(e) => return api_error(&e),
    };
    match state.availability.days(event, range).await {
        Ok(av) => {
            let days = crate::server::booking::holds::offered(&state, event, av.days, None).await;
            let body: Vec<ApiDay> = days
                .into_iter()
                .map(|d| ApiDay {
                    date: d.date.to_string(),
                    hours: d.hours.into_iter().map(|h| h.time.to_string()).collect(),
                })
                .collect();
            let mut response = Json(body).into_response();
            let headers = response.headers_mut();
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if av.stale {
                headers.insert("x-availability-stale", HeaderValue::from_static("1"));
            }
            response
        }
        Err(error) => {
            if error.is_misconfiguration() {
                tracing::error!(%error, event = %event.slug, "slots API");
            } else {
                tracing::warn!(%error, event = %event.slug, "slots API");
            }
            // The API speaks French, as its 400s do.
            let french = crate::server::words::words_in(&crate::domain::lang::Lang::french());
            api_error(&error.said(&french))
        }
    }
}

/// Reads and validates `type` and `range`; the messages name the parameter and never echo
/// the input back.
fn parse_slots_query<'c>(
    query: Option<&str>,
    config: &'c Config,
) -> Result<(&'c EventType, u32), AppError> {
    let query = query.unwrap_or("");
    if query.len() > MAX_QUERY_LEN {
        return Err(AppError::BadRequest(
            "Requête trop longue : seuls les paramètres « type » et « range » sont attendus."
                .to_string(),
        ));
    }
    let mut event_type = None;
    let mut range = None;
    for (key, value) in form_urlencoded::parse(query.as_bytes()) {
        match key.as_ref() {
            "type" if event_type.is_none() => event_type = Some(value.into_owned()),
            "range" if range.is_none() => range = Some(value.into_owned()),
            _ => {}
        }
    }
    let slugs: Vec<&str> = config.event_types.iter().map(|e| e.slug.as_str()).collect();
    let expected = slugs.join(", ");
    let event = match event_type.as_deref() {
        None | Some("") => {
            return Err(AppError::BadRequest(format!(
                "Paramètre « type » manquant : valeurs possibles {expected}."
            )))
        }
        Some(t) => config.event_type(Some(t)).ok_or_else(|| {
            AppError::BadRequest(format!(
                "Paramètre « type » inconnu : valeurs possibles {expected}."
            ))
        })?,
    };
    let max = config.tunnel.max_range_days;
    let range = match range.as_deref() {
        None | Some("") => config.tunnel.range_days,
        Some(r) => r
            .parse::<u32>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| {
                AppError::BadRequest(format!(
                    "Paramètre « range » invalide : un nombre entier de jours entre 1 et {max}."
                ))
            })?,
    };
    Ok((event, range))
}

/// `GET /prendre-rendez-vous/confirmation/{id}/rendez-vous.ics`: the appointment as a file.
pub async fn ics(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let words = words_for(&state.config.business.language, &headers, uri.query());
    let file = match crate::server::booking::confirmation::id_of(&id, &words) {
        Ok(id) => crate::server::booking::confirmation::ics(&state, &id, &words).await,
        Err(not_found) => Err(not_found),
    };
    match file {
        Ok(body) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"rendez-vous.ics\"",
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => (
            StatusCode::from_u16(e.status()).unwrap_or(StatusCode::NOT_FOUND),
            e.message(|id| words.say(id)),
        )
            .into_response(),
    }
}

/// `GET /prendre-rendez-vous/confirmation/{id}/visio`: on to the video call, whose link
/// holds Cal.com's uid (a key at Cal.com) and so is in no page.
pub async fn video(
    State(state): State<AppState>,
    axum::extract::Path(id): axum::extract::Path<String>,
    headers: axum::http::HeaderMap,
) -> Response {
    let words = words_for(&state.config.business.language, &headers, None);
    let link = match crate::server::booking::confirmation::id_of(&id, &words) {
        Ok(id) => crate::server::booking::confirmation::video_link(&state, &id, &words).await,
        Err(not_found) => Err(not_found),
    };
    match link {
        Ok(link) => axum::response::Redirect::to(&link).into_response(),
        Err(e) => (StatusCode::NOT_FOUND, e.message(|id| words.say(id))).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let text = std::fs::read_to_string("Leptos.toml").unwrap();
        Config::from_toml(&text, "Leptos.toml", |_| None).unwrap()
    }

    #[test]
    fn valid_and_default() {
        let c = config();
        let (e, r) = parse_slots_query(Some("type=visio&range=7"), &c).unwrap();
        assert_eq!((e.slug.as_str(), r), ("visio", 7));
        let (e, r) = parse_slots_query(Some("type=appel"), &c).unwrap();
        assert_eq!((e.slug.as_str(), r), ("appel", 14));
        let (_, r) = parse_slots_query(Some("type=appel&range=60"), &c).unwrap();
        assert_eq!(r, 60);
    }

    #[test]
    fn each_bad_parameter_is_named() {
        let c = config();
        for (q, param) in [
            (None, "type"),
            (Some(""), "type"),
            (Some("type="), "type"),
            (Some("type=%3Cscript%3E"), "type"),
            (Some("type=APPEL"), "type"),
            (Some("type=appel&range=0"), "range"),
            (Some("type=appel&range=61"), "range"),
            (Some("type=appel&range=-1"), "range"),
            (Some("type=appel&range=1e3"), "range"),
            (Some("type=appel&range=99999999999999999999"), "range"),
            (Some("type=appel&range=%3Cb%3E"), "range"),
        ] {
            let e = parse_slots_query(q, &c).unwrap_err();
            assert_eq!(e.status(), 400);
            assert!(
                e.message(str::to_string).contains(&format!("« {param} »")),
                "{q:?}: {e}"
            );
            assert!(!e.message(str::to_string).contains('<'));
        }
        let huge = format!("type=appel&x={}", "a".repeat(1000));
        assert_eq!(
            parse_slots_query(Some(&huge), &c).unwrap_err().status(),
            400
        );
    }
}
