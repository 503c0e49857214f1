//! The contact form (booking) and the own-availability form.
//!
//! Posted as plain HTML forms: without JavaScript the browser follows a redirect
//! (confirmation, thank-you, or the form again with what was typed and the errors); with
//! JavaScript the `FormEnhancer` island sends the same form with `fetch` and reads the JSON
//! reply in place.

use leptos::prelude::*;

use crate::{
    domain::forms::{BookingForm, BookingReply, ProposalForm, ProposalReply},
    error::AppError,
};

/// URL of [`book_appointment`] (the islands post to it with a small `fetch`).
pub const BOOK_URL: &str = "/api/fn/reserver";
/// URL of [`propose_availability`].
pub const PROPOSE_URL: &str = "/api/fn/proposer";

/// Books the chosen hour in Cal.com for the visitor.
#[server(prefix = "/api/fn", endpoint = "reserver")]
pub async fn book_appointment(form: BookingForm) -> Result<BookingReply, AppError> {
    use crate::server::{booking, drafts::is_plain_form_post, state::AppState};
    let state = use_context::<AppState>().ok_or(AppError::Internal)?;
    let reply = booking::book(&state, &form).await;
    if is_plain_form_post() {
        if let Ok(reply) = &reply {
            leptos_axum::redirect(&booking::plain_form_location(&state, &form, reply));
        }
    }
    reply
}

/// Stores the visitor's own availabilities for the business.
#[server(prefix = "/api/fn", endpoint = "proposer")]
pub async fn propose_availability(form: ProposalForm) -> Result<ProposalReply, AppError> {
    use crate::server::{drafts::is_plain_form_post, proposals, state::AppState};
    let state = use_context::<AppState>().ok_or(AppError::Internal)?;
    let reply = proposals::submit(&state, &form).await;
    if is_plain_form_post() {
        if let Ok(reply) = &reply {
            leptos_axum::redirect(&proposals::plain_form_location(&state, &form, reply));
        }
    }
    reply
}

/// The confirmation page's content.
#[server(prefix = "/api/fn", endpoint = "confirmation")]
pub async fn get_confirmation(
    id: String,
) -> Result<crate::domain::forms::ConfirmationView, AppError> {
    let state = use_context::<crate::server::state::AppState>().ok_or(AppError::Internal)?;
    crate::server::booking::confirmation(&state, &id).await
}
