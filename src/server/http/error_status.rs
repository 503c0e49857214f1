//! Errors as visitors and scripts receive them: each with its real status (server functions
//! answer every error with HTTP 500; a malformed or refused request is a 4xx, as the
//! visitor's mistake it is, never a 5xx) and its French message — including the answers of
//! layers that would otherwise speak English (body limit, panics).

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::{header, HeaderMap, HeaderValue, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
    Json,
};

use crate::server::words::{words_for, words_in};
use crate::{
    domain::{
        lang::{Lang, Words},
        url::{with_lang, PAGE_PATH},
    },
    error::AppError,
};

/// Largest error body read back (errors are a short JSON value).
const MAX_ERROR_BODY: usize = 16 * 1024;

/// True when the request comes from a plain HTML form or a link (a browser without
/// JavaScript), which needs a page rather than JSON.
pub fn wants_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// The words of an error page, when the request wants a page (see [`wants_html`]).
pub fn page_for(headers: &HeaderMap, query: Option<&str>) -> Option<Words> {
    wants_html(headers).then(|| words_for(&Lang::french(), headers, query))
}

/// `error` as a short page in `page`'s words, or (`None`) as our JSON error (which server
/// functions and the browser's forms decode), with its status. The page needs no script or
/// stylesheet.
pub fn answer(error: &AppError, page: Option<Words>) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = if let Some(words) = page {
        let title = words.say(error.title_id());
        let page = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p>{}</p><p><a href=\"{}\">{}</a></p></main></body></html>",
            words.lang(),
            error.message(|id| words.say(id)),
            with_lang(PAGE_PATH, &words),
            words.say("back-to-booking"),
        );
        (status, Html(page)).into_response()
    } else {
        (status, Json(error)).into_response()
    };
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
    );
    response
}

/// Replaces the body limit's English 413 with ours.
pub async fn french_limits(request: Request<Body>, next: Next) -> Response {
    let html = page_for(request.headers(), request.uri().query());
    let response = next.run(request).await;
    match response.status() {
        StatusCode::PAYLOAD_TOO_LARGE => answer(&AppError::TooLarge, html),
        // tower-http's request and body timeouts answer an empty 408.
        StatusCode::REQUEST_TIMEOUT => answer(&AppError::TimedOut, html),
        _ => response,
    }
}

/// Refuses a request the server has no room for (`security.max_requests_in_flight`): a
/// quick 503 with a French message, rather than a wait in a queue.
pub async fn overloaded(headers: http::HeaderMap, error: tower::BoxError) -> Response {
    if error.is::<tower::load_shed::error::Overloaded>() {
        tracing::warn!("busy: a request refused (security.max_requests_in_flight)");
        let mut response = answer(&AppError::Busy, page_for(&headers, None));
        response.headers_mut().insert(
            http::header::RETRY_AFTER,
            http::HeaderValue::from_static("5"),
        );
        response
    } else {
        tracing::error!(%error, "request failed in a layer");
        answer(&AppError::Internal, page_for(&headers, None))
    }
}

/// What a panic in a handler answers (the process goes on serving).
pub fn after_panic(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    answer(&AppError::Internal, Some(words_in(&Lang::french())))
}

/// For `/api/fn/*`: a 500 whose body is one of our errors takes that error's status.
pub async fn server_fn_status(request: Request<Body>, next: Next) -> Response {
    let is_server_fn = request.uri().path().starts_with("/api/fn/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
