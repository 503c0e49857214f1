//! The contact form (booking) and the own-availability form.
//!
//! Posted as plain HTML forms: without JavaScript the browser follows a redirect
//! (confirmation, thank-you, or the form again with what was typed and the errors); with
//! JavaScript the `FormEnhancer` island sends the same form with `fetch` and reads the
//! [`FormReply`] in place.

use leptos::prelude::*;

use crate::{
    domain::{
        forms::{BookingForm, FormReply, ProposalForm},
        view::ConfirmationView,
    },
    error::AppError,
};

/// URL of [`book_appointment`] (the islands post to it with a small `fetch`).
pub const BOOK_URL: &str = "/api/fn/book";
/// URL of [`propose_availability`].
pub const PROPOSE_URL: &str = "/api/fn/propose";

/// Books the chosen hour in Cal.com for the visitor.
#[server(prefix = "/api/fn", endpoint = "book")]
pub async fn book_appointment(form: BookingForm) -> Result<FormReply, AppError> {
    use crate::server::{booking, form_reply};
    let state = form_reply::state()?;
    let reply = booking::book(&state, &form, form_reply::client()).await;
    form_reply::respond(&state, &form, reply).await
}

/// Stores the visitor's own availabilities for the business.
#[server(prefix = "/api/fn", endpoint = "propose")]
pub async fn propose_availability(form: ProposalForm) -> Result<FormReply, AppError> {
    use crate::server::{form_reply, proposals};
    let state = form_reply::state()?;
    let reply = proposals::submit(&state, &form, form_reply::client()).await;
    form_reply::respond(&state, &form, reply).await
}

/// The confirmation page's content.
#[server(prefix = "/api/fn", endpoint = "confirmation")]
pub async fn get_confirmation(id: String) -> Result<ConfirmationView, AppError> {
    use crate::server::{confirmation, form_reply};
    confirmation::view(&form_reply::state()?, &id).await
}
