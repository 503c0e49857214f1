//! At most `spam.per_email_per_day` bookings, and as many own-availability requests, per
//! email address in 24 hours: a stranger cannot fill the calendar, or the owner's inbox, in
//! someone else's name with one address (Cal.com emails the person named).

use chrono::Utc;

use crate::domain::fields::FieldErrors;

use super::state::AppState;

/// What is being sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sending {
    /// A booking.
    Booking,
    /// An own-availability request.
    Proposal,
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
        Sending::Booking => (
            sent.bookings,
            "Cette adresse a déjà réservé plusieurs rendez-vous aujourd’hui : pour un autre, contactez-nous directement.",
        ),
        Sending::Proposal => (
            sent.proposals,
            "Cette adresse nous a déjà envoyé plusieurs demandes aujourd’hui : nous vous recontactons.",
        ),
    };
    if count < cap {
        return None;
    }
    tracing::warn!(?sending, count, "daily cap per email reached");
    let mut errors = FieldErrors::default();
    errors.add("email", message);
    Some(errors)
}
