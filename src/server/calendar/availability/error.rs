//! Why availability could not be read, and what the visitor is told.

use crate::server::calendar::calcom::CalComError;
use crate::{domain::lang::Words, error::AppError};

/// Why availability could not be read (the full cause is in the message, for logs).
#[derive(Clone, Debug, thiserror::Error)]
pub enum AvailabilityError {
    /// Cal.com refused the API key.
    #[error("Cal.com refused the API key: {0}")]
    InvalidKey(String),
    /// Cal.com requires a key for this event type, and none is configured.
    #[error("Cal.com requires an API key: {0}")]
    KeyNeeded(String),
    /// Cal.com does not know the configured event type.
    #[error("Cal.com does not know event type {id}: {detail}")]
    UnknownEventType {
        /// The configured Cal.com id.
        id: u64,
        /// Cal.com's message.
        detail: String,
    },
    /// Cal.com asks us to slow down.
    #[error("Cal.com rate limit: {0}")]
    RateLimited(String),
    /// Cal.com is down, slow or unreachable.
    #[error("Cal.com unavailable: {0}")]
    Unavailable(String),
    /// Cal.com answered something that is not the documented shape.
    #[error("Cal.com answer unreadable: {0}")]
    Malformed(String),
}

impl AvailabilityError {
    pub(super) fn from_calcom(error: CalComError, event_type_id: u64) -> Self {
        let detail = error.to_string();
        match error {
            CalComError::InvalidKey { .. } => Self::InvalidKey(detail),
            CalComError::KeyNeeded { .. } => Self::KeyNeeded(detail),
            CalComError::NotFound { .. } => Self::UnknownEventType {
                id: event_type_id,
                detail,
            },
            CalComError::RateLimited { .. } => Self::RateLimited(detail),
            CalComError::Unavailable(_) => Self::Unavailable(detail),
            CalComError::Malformed(_) | CalComError::Rejected { .. } => Self::Malformed(detail),
        }
    }

    /// True when the owner must fix the configuration (as opposed to a passing outage).
    pub fn is_misconfiguration(&self) -> bool {
        matches!(
            self,
            Self::InvalidKey(_) | Self::KeyNeeded(_) | Self::UnknownEventType { .. }
        )
    }
}

impl AvailabilityError {
    /// What the visitor reads, in `words` (the request's language, handed down by the edge
    /// that answers: a domain error becomes visitor words there, not deeper).
    pub fn said(&self, words: &Words) -> AppError {
        let say = |id| words.say(id);
        match self {
            Self::InvalidKey(_) => AppError::CalendarMisconfigured(say("calendar-key-refused")),
            Self::KeyNeeded(_) => AppError::CalendarMisconfigured(say("calendar-key-needed")),
            Self::UnknownEventType { .. } => {
                AppError::CalendarMisconfigured(say("calendar-unknown-type"))
            }
            Self::Malformed(_) => AppError::CalendarMisconfigured(say("calendar-unreadable")),
            Self::RateLimited(_) => AppError::CalendarUnavailable(say("calendar-rate-limited")),
            Self::Unavailable(_) => AppError::CalendarUnavailable(say("calendar-unavailable")),
        }
    }
}
