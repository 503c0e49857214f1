//! The log's shape: text for a terminal, or one JSON object per line (`RDV_LOG_FORMAT=json`)
//! for a collector; and one access line per request at `info` (method, path without its query,
//! status, duration, request id), the id also sent back as `X-Request-Id`. No line names a
//! visitor and no key: paths carry no personal data (their queries, which may hold a draft's
//! token or a hold id, are left out), a path segment that is a key (the confirmation id that
//! cancels and moves an appointment) is written `:id`, and the code logs no email, phone or
//! name at any level.

use std::time::Duration;

use axum::http::{HeaderValue, Request, Response};
use tower_http::{
    request_id::{MakeRequestId, RequestId},
    trace::{MakeSpan, OnResponse},
};
use tracing::Span;

/// How log lines are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines (the default).
    Text,
    /// One JSON object per line.
    Json,
}

impl LogFormat {
    /// `RDV_LOG_FORMAT`: unset or `text`, or `json`; anything else is named as an error.
    pub fn from_env(value: Option<&str>) -> Result<Self, String> {
        match value.map(str::trim) {
            None | Some("") | Some("text") => Ok(Self::Text),
            Some("json") => Ok(Self::Json),
            Some(other) => Err(format!(
                "RDV_LOG_FORMAT must be \"text\" or \"json\" (got {other:?})"
            )),
        }
    }
}

/// Starts logging in `format`, filtered by `RUST_LOG` (default `info`).
pub fn init(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,rdv_tunnel=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

/// A random request id (128 bits, hex), unless a proxy in front already gave one.
#[derive(Clone, Copy, Debug, Default)]
pub struct NewRequestId;

impl MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _: &Request<B>) -> Option<RequestId> {
        let id: u128 = rand::random();
        HeaderValue::from_str(&format!("{id:032x}"))
            .ok()
            .map(RequestId::new)
    }
}

/// `path` as logs may hold it: every segment that is a key (a random token of the tunnel's,
/// such as the confirmation id) replaced by `:id`.
pub fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if crate::domain::token::Token::parse(segment).is_some() {
                ":id"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The span of a request: its id, method and path (never its query; keys masked).
#[derive(Clone, Copy, Debug)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, request: &Request<B>) -> Span {
        let id = request
            .headers()
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("-");
        tracing::info_span!(
            "request",
            id = %id,
            method = %request.method(),
            path = %loggable_path(request.uri().path()),
        )
    }
}

/// The access line, once the response is ready.
#[derive(Clone, Copy, Debug)]
pub struct AccessLine;

impl<B> OnResponse<B> for AccessLine {
    fn on_response(self, response: &Response<B>, latency: Duration, _: &Span) {
        tracing::info!(
            status = response.status().as_u16(),
            ms = u64::try_from(latency.as_millis()).unwrap_or(u64::MAX),
            "access"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_paths_are_masked() {
        let id = "0123456789abcdef0123456789abcdef";
        assert_eq!(
            loggable_path(&format!(
                "/prendre-rendez-vous/confirmation/{id}/rendez-vous.ics"
            )),
            "/prendre-rendez-vous/confirmation/:id/rendez-vous.ics"
        );
        assert_eq!(
            loggable_path("/prendre-rendez-vous"),
            "/prendre-rendez-vous"
        );
        assert_eq!(loggable_path("/"), "/");
    }

    #[test]
    fn the_format_is_named_or_refused() {
        assert_eq!(LogFormat::from_env(None), Ok(LogFormat::Text));
        assert_eq!(LogFormat::from_env(Some("json")), Ok(LogFormat::Json));
        assert_eq!(LogFormat::from_env(Some("text")), Ok(LogFormat::Text));
        assert!(LogFormat::from_env(Some("yaml"))
            .unwrap_err()
            .contains("RDV_LOG_FORMAT"));
    }
}
