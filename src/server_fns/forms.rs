//! The contact form (booking) and the proposal form.
//!
//! Posted as plain HTML forms: without JavaScript the browser follows a redirect
//! (confirmation, thank-you, or the form again with what was typed and the errors); with
//! JavaScript the `FormEnhancer` island sends the same form with `fetch` and reads the
//! [`FormReply`] in place.

use leptos::prelude::*;

use crate::{
    domain::{
        forms::{BookingForm, FormReply, ProposalForm},
        manage::ManageQuery,
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
    use crate::server::{booking::book, tunnel::form_reply};
    let (state, visit) = (form_reply::state()?, form_reply::visit());
    let reply = book::book(&state, &visit, &form).await;
    crate::server::ops::metrics::booking(crate::server::ops::metrics::outcome_of(&reply));
    form_reply::respond(&state, &visit, &form, reply).await
}

/// Stores the visitor's own availabilities for the business.
#[server(prefix = "/api/fn", endpoint = "propose")]
pub async fn propose_availability(form: ProposalForm) -> Result<FormReply, AppError> {
    use crate::server::{tunnel::form_reply, tunnel::proposals};
    let (state, visit) = (form_reply::state()?, form_reply::visit());
    let reply = proposals::submit(&state, &visit, &form).await;
    crate::server::ops::metrics::proposal(crate::server::ops::metrics::outcome_of(&reply));
    form_reply::respond(&state, &visit, &form, reply).await
}

/// The confirmation page's content, at the step its query asks for.
#[server(prefix = "/api/fn", endpoint = "confirmation")]
pub async fn get_confirmation(
    id: String,
    query: ManageQuery,
) -> Result<ConfirmationView, AppError> {
    use crate::server::{booking::confirmation, tunnel::form_reply};
    let visit = form_reply::visit();
    let id = confirmation::id_of(&id, &visit.words)?;
    confirmation::view(&form_reply::state()?, &visit, &id, &query).await
}

/// URL of [`cancel_appointment`] (a plain HTML form posts to it).
pub const CANCEL_URL: &str = "/api/fn/cancel";
/// URL of [`move_appointment`].
pub const MOVE_URL: &str = "/api/fn/move";

/// Cancels the appointment behind a confirmation id, then shows its page again.
#[server(prefix = "/api/fn", endpoint = "cancel")]
pub async fn cancel_appointment(id: String, reason: Option<String>) -> Result<(), AppError> {
    use crate::server::{booking::appointment, booking::confirmation, tunnel::form_reply};
    let (state, visit) = (form_reply::state()?, form_reply::visit());
    let id = confirmation::id_of(&id, &visit.words)?;
    let reason = reason.as_deref().unwrap_or_default();
    let next = appointment::cancel(&state, &visit, &id, reason).await?;
    leptos_axum::redirect(&crate::domain::url::with_lang(&next, &visit.words));
    Ok(())
}

/// Moves the appointment behind a confirmation id to `hour` on `date`, then shows the new
/// appointment (or the hours again when that one was taken meanwhile).
#[server(prefix = "/api/fn", endpoint = "move")]
pub async fn move_appointment(id: String, date: String, hour: String) -> Result<(), AppError> {
    use crate::{
        domain::checks::parse_date,
        server::{booking::appointment, booking::confirmation, tunnel::form_reply},
    };
    let (state, visit) = (form_reply::state()?, form_reply::visit());
    let id = confirmation::id_of(&id, &visit.words)?;
    let (Some(date), Ok(hour)) = (parse_date(&date), hour.parse()) else {
        return Err(AppError::BadRequest(visit.say("error-choose-first")));
    };
    let next = appointment::reschedule(&state, &visit, &id, date, hour).await?;
    leptos_axum::redirect(&crate::domain::url::with_lang(&next, &visit.words));
    Ok(())
}
