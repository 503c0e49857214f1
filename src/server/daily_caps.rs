//! Daily caps on what a form sends, so that nobody fills the calendar or the owner's inbox:
//! - per email address: at most `spam.per_email_per_day` bookings, and as many
//!   own-availability requests, in 24 hours (Cal.com emails the person named: a stranger
//!   cannot book in someone else's name again and again);
//! - per client (its address, an IPv6 client by /64): at most `spam.per_client_per_day`
//!   bookings, and as many requests, in 24 hours, whatever emails it types. Counted in the
//!   database (every instance together) per hour, under a keyed digest of the address: the
//!   table holds no address, and forgets each count after a day.

use std::net::IpAddr;

use chrono::Utc;

use crate::domain::{fields::FieldErrors, forms::FormReply};

use super::{rate_limit::client_key, state::AppState};

/// What is being sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sending {
    /// A booking.
    Booking,
    /// An own-availability request.
    Proposal,
}

impl Sending {
    fn word(self) -> &'static str {
        match self {
            Self::Booking => "booking",
            Self::Proposal => "proposal",
        }
    }
}

/// The field error to show when `email` reached its cap for `sending`; `None` when it may
/// go on (or when the count cannot be read: the post is not refused for that).
pub async fn over_cap(state: &AppState, email: &str, sending: Sending) -> Option<FieldErrors> {
    let since = Utc::now() - chrono::Duration::hours(24);
    let sent = match state.db.sent_by(email, since).await {
        Ok(sent) => sent,
        Err(error) => {
            tracing::error!(%error, "daily cap per email unreadable");
            return None;
        }
    };
    let cap = i64::from(state.config.per_email_per_day.get());
    let (count, message) = match sending {
        Sending::Booking => (sent.bookings, "cap-email-bookings"),
        Sending::Proposal => (sent.proposals, "cap-email-proposals"),
    };
    if count < cap {
        return None;
    }
    tracing::warn!(?sending, count, "daily cap per email reached");
    let mut errors = FieldErrors::default();
    errors.add("email", message);
    Some(errors)
}

/// The counter of `client`'s `sending`s (a digest: no address is stored).
fn bucket(state: &AppState, client: IpAddr, sending: Sending) -> String {
    let digest = state.guard.pseudonym(&client_key(client));
    format!("{}{} {digest}", super::store::DAILY_PREFIX, sending.word())
}

/// The reply when `client` reached its cap for `sending` (the same form again, with a
/// notice above it: what was typed stays); `None` when it may go on, when the client is
/// unknown, or when the count cannot be read.
pub async fn client_over_cap(
    state: &AppState,
    client: Option<IpAddr>,
    sending: Sending,
    issued: &str,
) -> Option<FormReply> {
    let client = client?;
    let count = match state
        .db
        .daily_hits(&bucket(state, client, sending), Utc::now(), false)
        .await
    {
        Ok(count) => count,
        Err(error) => {
            tracing::error!(%error, "daily cap per client unreadable");
            return None;
        }
    };
    if count < i64::from(state.config.per_client_per_day.get()) {
        return None;
    }
    tracing::warn!(?sending, count, "daily cap per client reached");
    let notice = match sending {
        Sending::Booking => "cap-client-bookings",
        Sending::Proposal => "cap-client-proposals",
    };
    Some(FormReply::Retry {
        notice: notice.to_string(),
        issued: issued.to_string(),
    })
}

/// Counts one `sending` made by `client` (after it was made: refusals and failures do not
/// count).
pub async fn count(state: &AppState, client: Option<IpAddr>, sending: Sending) {
    let Some(client) = client else { return };
    if let Err(error) = state
        .db
        .daily_hits(&bucket(state, client, sending), Utc::now(), true)
        .await
    {
        tracing::error!(%error, "daily cap per client not counted");
    }
}
