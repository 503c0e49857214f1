//! The one error type that crosses the wire: a short message and an HTTP status. A variant
//! either carries its message, already in the visitor's language, or has a fixed one named by
//! a catalogue id (the browser finds its text in the page: see `components::words`).
//!
//! Internal errors keep their full cause in the server logs; what reaches the visitor is
//! only what is here, so Cal.com's raw answers and our token can never leak through it.

use std::fmt;

use leptos::server_fn::{codec::JsonEncoding, error::FromServerFnError, error::ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::json_read::{tagged, JsonRead};

/// "Log the cause, answer [`AppError::Internal`]", written once: `db.call().await
/// .or_internal("booking lookup")?`. The cause goes to the log with `what` (never to the
/// visitor); callers keep personal data and keys out of their error types.
#[cfg(feature = "ssr")]
pub trait OrInternal<T> {
    /// `Ok` as is; an error logged under `what` and turned into [`AppError::Internal`].
    fn or_internal(self, what: &'static str) -> Result<T, AppError>;
}

#[cfg(feature = "ssr")]
impl<T, E: fmt::Display> OrInternal<T> for Result<T, E> {
    fn or_internal(self, what: &'static str) -> Result<T, AppError> {
        self.map_err(|error| {
            tracing::error!(%error, "{what}");
            AppError::Internal
        })
    }
}

/// An error shown to a visitor or an API client.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    /// The request is malformed; the message names the field or parameter.
    BadRequest(String),
    /// The request could not be read at all.
    Malformed,
    /// The thing asked for does not exist.
    NotFound(String),
    /// Cal.com refused our API key or does not know the configured event type.
    CalendarMisconfigured(String),
    /// Cal.com cannot be reached or answers with errors; the message says what to do.
    CalendarUnavailable(String),
    /// Too many requests; try again later.
    RateLimited,
    /// The request's body is larger than any form sends.
    TooLarge,
    /// The request (or its body) took longer than the server waits.
    TimedOut,
    /// The server handles as many requests as it may at once.
    Busy,
    /// Anything else: the cause is in the server logs.
    Internal,
    /// The request to a server function failed in transit.
    Transport(String),
}

impl AppError {
    /// The HTTP status that goes with this error.
    pub fn status(&self) -> u16 {
        match self {
            Self::BadRequest(_) | Self::Malformed => 400,
            Self::NotFound(_) => 404,
            Self::CalendarMisconfigured(_) => 502,
            Self::CalendarUnavailable(_) => 503,
            Self::RateLimited => 429,
            Self::TooLarge => 413,
            Self::TimedOut => 408,
            Self::Busy => 503,
            Self::Internal | Self::Transport(_) => 500,
        }
    }

    /// The catalogue id of the fixed message, for variants that carry none.
    pub fn message_id(&self) -> Option<&'static str> {
        Some(match self {
            Self::BadRequest(_)
            | Self::NotFound(_)
            | Self::CalendarMisconfigured(_)
            | Self::CalendarUnavailable(_) => return None,
            Self::Malformed => "error-malformed",
            Self::RateLimited => "error-rate-limited",
            Self::TooLarge => "error-too-large",
            Self::TimedOut => "error-timed-out",
            Self::Busy => "error-busy",
            Self::Internal => "error-internal",
            Self::Transport(_) => "error-transport",
        })
    }

    /// The short message for the visitor or the site owner; `say` gives a catalogue id's text.
    pub fn message(&self, say: impl Fn(&str) -> String) -> String {
        match self {
            Self::BadRequest(m)
            | Self::NotFound(m)
            | Self::CalendarMisconfigured(m)
            | Self::CalendarUnavailable(m) => m.clone(),
            fixed => fixed.message_id().map(say).unwrap_or_default(),
        }
    }
}

impl AppError {
    /// Reads what serde wrote (`"RateLimited"`, `{"BadRequest":"…"}`…), for the browser.
    pub fn read<J: JsonRead>(json: &J) -> Option<Self> {
        let (tag, content) = tagged(json)?;
        let message = || content.as_ref().and_then(JsonRead::text);
        Some(match tag.as_str() {
            "BadRequest" => Self::BadRequest(message()?),
            "Malformed" => Self::Malformed,
            "NotFound" => Self::NotFound(message()?),
            "CalendarMisconfigured" => Self::CalendarMisconfigured(message()?),
            "CalendarUnavailable" => Self::CalendarUnavailable(message()?),
            "RateLimited" => Self::RateLimited,
            "TooLarge" => Self::TooLarge,
            "TimedOut" => Self::TimedOut,
            "Busy" => Self::Busy,
            "Internal" => Self::Internal,
            "Transport" => Self::Transport(message()?),
            _ => return None,
        })
    }
}

impl AppError {
    /// The catalogue id of the error's page title, when it is shown as a page of its own.
    pub fn title_id(&self) -> &'static str {
        match self {
            Self::BadRequest(_) | Self::Malformed => "title-bad-request",
            Self::NotFound(_) => "title-not-found",
            Self::CalendarMisconfigured(_) | Self::CalendarUnavailable(_) => {
                "title-calendar-unavailable"
            }
            Self::RateLimited => "title-rate-limited",
            Self::TooLarge => "title-too-large",
            Self::TimedOut => "title-timed-out",
            Self::Busy => "title-busy",
            Self::Internal | Self::Transport(_) => "title-error",
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Logs name a fixed message by its id.
        f.write_str(&self.message(str::to_string))
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::Deserialization(_) => Self::Malformed,
            other => Self::Transport(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every variant (the `match` fails to compile when one is added) goes through serde and
    /// back through the browser's reader unchanged.
    #[test]
    fn the_browser_reads_every_error_serde_writes() {
        let errors = [
            AppError::BadRequest("Non.".into()),
            AppError::Malformed,
            AppError::NotFound("Introuvable.".into()),
            AppError::CalendarMisconfigured("Clé.".into()),
            AppError::CalendarUnavailable("Plus tard.".into()),
            AppError::RateLimited,
            AppError::TooLarge,
            AppError::TimedOut,
            AppError::Busy,
            AppError::Internal,
            AppError::Transport("coupé".into()),
        ];
        for error in errors {
            match &error {
                AppError::BadRequest(_)
                | AppError::Malformed
                | AppError::NotFound(_)
                | AppError::CalendarMisconfigured(_)
                | AppError::CalendarUnavailable(_)
                | AppError::RateLimited
                | AppError::TooLarge
                | AppError::TimedOut
                | AppError::Busy
                | AppError::Internal
                | AppError::Transport(_) => {}
            }
            let json = serde_json::to_value(&error).unwrap();
            assert_eq!(AppError::read(&json), Some(error));
        }
    }
}
