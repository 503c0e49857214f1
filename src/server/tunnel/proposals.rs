//! The proposal service: check the request, store it, and only then thank.

use chrono::Utc;

use crate::{
    domain::{
        forms::{FormReply, ProposalForm},
        proposal::{check_proposal, Proposal, ProposalInput},
        url::utm_from_field,
    },
    error::AppError,
};

use crate::server::{
    abuse::daily_caps::{self, Sending},
    abuse::spam::{Purpose, Refused},
    booking::phone,
    notify::message::{Notification, ProposalNotice},
    state::AppState,
    store::Outbound,
    words::Visit,
};

/// The thank-you page after a stored request.
pub const THANKS_PATH: &str = "/prendre-rendez-vous/merci";

/// Checks and stores a proposal. `Saved` is returned only once the row
/// is committed; a storage failure is an error, never a thank-you.
pub async fn submit(
    state: &AppState,
    visit: &Visit,
    form: &ProposalForm,
) -> Result<FormReply, AppError> {
    let client = visit.client;
    let config = &state.config;
    let event = config
        .event_type(Some(form.meta.event_type.as_str()))
        .or_else(|| config.event_type(None))
        .ok_or(AppError::Internal)?;
    let thanks = FormReply::Saved {
        url: crate::domain::url::with_lang(
            &format!("{THANKS_PATH}?type={}", event.slug),
            &visit.words,
        ),
    };
    let purpose = Purpose::Proposal {
        event_type: &event.slug,
    };
    match state.guard.screen(&form.meta, &purpose) {
        Ok(()) => {}
        // A bot is thanked as a person would be, and nothing is stored.
        Err(Refused::Bot) => {
            tracing::info!("proposal dropped: honeypot filled");
            return Ok(thanks);
        }
        Err(Refused::Retry(reply)) => return Ok(reply),
    }
    let today = Utc::now()
        .with_timezone(&config.business.time_zone)
        .date_naive();
    let input = ProposalInput {
        contact: form.contact.clone(),
        slots: form.slots.clone(),
        consent: form.consented(),
    };
    let checked = check_proposal(&input, today)
        .and_then(|(contact, slots)| Ok((phone::checked(contact, &form.contact)?, slots)));
    let (contact, slots) = match checked {
        Ok(ok) => ok,
        Err(errors) => return Ok(FormReply::Invalid(errors)),
    };
    // Counted before it is stored (parallel posts cannot all pass), given back if not.
    let taken = match daily_caps::take(
        (&state.db, &state.guard, &state.config),
        &contact.email,
        client,
        Sending::Proposal,
        &form.meta.issued,
    )
    .await
    {
        Ok(taken) => taken,
        Err(refused) => return Ok(refused),
    };
    let proposal = Proposal {
        event_type: event.slug.clone(),
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        availabilities: slots,
        message: contact.message,
        utm: utm_from_field(&form.meta.utm).into_iter().collect(),
    };
    // The row id and time are known only inside the transaction that stores it.
    let payload = |id: i64, created_at: chrono::DateTime<Utc>| {
        Notification::ProposalCreated {
            proposal: ProposalNotice {
                id,
                created_at,
                event_type_label: event.label.clone(),
                proposal: proposal.clone(),
            },
        }
        .to_json()
    };
    let channels = state.notifier.channels();
    let outbound = Outbound {
        channels: &channels,
        event: crate::server::store::NotificationEvent::ProposalCreated,
        payload: &payload,
    };
    match state
        .db
        .insert_proposal(
            (&proposal, visit.words.lang()),
            &form.meta.issued,
            &outbound,
        )
        .await
    {
        Ok(Some(id)) => {
            tracing::info!(id, event = %event.slug, "proposal stored");
            state.notifier.wake();
            // Compared with what is free now, as every open proposal is.
            state.availability.announce_change();
            drop(taken);
            Ok(thanks)
        }
        // A second post of one form (a double click, a resent page): already stored once.
        Ok(None) => {
            taken.give_back(&state.db).await;
            tracing::info!(event = %event.slug, "proposal already stored for this form");
            Ok(thanks)
        }
        Err(error) => {
            taken.give_back(&state.db).await;
            tracing::error!(%error, "proposal not stored");
            Err(AppError::Internal)
        }
    }
}
