//! A booking made through the link of a proposal's email (see `tunnel::matching`): the
//! proposal is taken before Cal.com is asked, so that its links book once, whichever is
//! followed and however often; it becomes `booked` with its appointment, or is given back
//! when nothing was booked.

use chrono::Utc;

use crate::domain::token::Token;
use crate::server::{
    config::EventType,
    state::AppState,
    store::{OfferRow, ProposalStatus},
};

/// The label of the offers' keys (see `FormGuard::signed_key`).
pub const KEY_LABEL: &str = "offer";

/// What the offer of a booking form allows.
pub enum Offered {
    /// No offer (or one that no longer works): an ordinary booking.
    None,
    /// The proposal `id` is taken for this booking.
    Taken(i64),
    /// Its proposal was booked already (through this link or another of its email): the
    /// appointment's confirmation id when known.
    Used(Option<Token>),
}

/// The offer behind `key`, when it is one of ours that still works.
pub async fn find(state: &AppState, key: &Token) -> Option<OfferRow> {
    if !state.guard.is_signed_key(KEY_LABEL, key) {
        return None;
    }
    match state.db.find_offer(key.halves().0).await {
        Ok(offer) => offer.filter(|o| o.expires_at > Utc::now()),
        Err(error) => {
            tracing::error!(%error, "offer unreadable");
            None
        }
    }
}

/// Takes the proposal of the offer `key` for a booking of `event`.
pub async fn take(state: &AppState, key: Option<&Token>, event: &EventType) -> Offered {
    let Some(offer) = (match key {
        Some(key) => find(state, key).await,
        None => None,
    }) else {
        return Offered::None;
    };
    let proposal = &offer.proposal;
    if proposal.proposal.event_type != event.slug {
        return Offered::None;
    }
    match state.db.take_proposal(proposal.id).await {
        Ok(true) => Offered::Taken(proposal.id),
        Ok(false) if proposal.status == ProposalStatus::Booked => {
            Offered::Used(proposal.booking_id.clone())
        }
        Ok(false) => Offered::None,
        Err(error) => {
            tracing::error!(%error, "proposal not taken: booked as any visit");
            Offered::None
        }
    }
}

/// The booking through the proposal `id` was not made: it is open again.
pub async fn give_back(state: &AppState, id: i64) {
    if let Err(error) = state.db.give_back_proposal(id).await {
        tracing::error!(%error, id, "proposal not given back");
    }
}

/// The proposal `id` became the appointment `booking`.
pub async fn booked(state: &AppState, id: i64, booking: &Token) {
    match state.db.proposal_booked(id, booking).await {
        Ok(()) => tracing::info!(id, "proposal booked through its offer"),
        Err(error) => tracing::error!(%error, id, "proposal not linked to its appointment"),
    }
}
