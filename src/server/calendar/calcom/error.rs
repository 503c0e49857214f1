//! What can go wrong when talking to Cal.com, classified for callers.

use std::time::Duration;

/// A Cal.com call failure. Messages hold status codes and short excerpts only:
/// never the API key.
#[derive(Clone, Debug, thiserror::Error)]
pub enum CalComError {
    /// 401 or 403 without a key: this event type (or endpoint) needs one.
    #[error("Cal.com requires an API key here (HTTP {status}); none is configured")]
    KeyNeeded {
        /// The HTTP status.
        status: u16,
    },
    /// 401 or 403: the API key is wrong or lacks the scope.
    #[error("Cal.com refused the API key (HTTP {status})")]
    InvalidKey {
        /// The HTTP status.
        status: u16,
    },
    /// 404: the event type (or booking) does not exist for Cal.com.
    #[error("Cal.com does not know this event type (HTTP 404): {message}")]
    NotFound {
        /// Cal.com's error message, if any.
        message: String,
    },
    /// 429: rate limited; `retry_after` from the header when present.
    #[error("Cal.com rate limit reached (retry after {retry_after:?})")]
    RateLimited {
        /// How long Cal.com asked us to wait.
        retry_after: Option<Duration>,
    },
    /// 5xx, timeout, refused connection.
    #[error("Cal.com unavailable: {0}")]
    Unavailable(String),
    /// The answer is not the documented shape.
    #[error("malformed Cal.com response: {0}")]
    Malformed(String),
    /// Another 4xx: the request was refused (e.g. the slot is no longer bookable).
    #[error("Cal.com rejected the request (HTTP {status}): {message}")]
    Rejected {
        /// The HTTP status.
        status: u16,
        /// Cal.com's error message, if any (for logs, never for visitors).
        message: String,
    },
}
