//! The own-availability service: check the request, store it, and only then thank.

use chrono::Utc;
use serde_json::json;

use crate::{
    domain::{
        forms::{Draft, ProposalForm, ProposalReply},
        tunnel::TunnelQuery,
        validation::{check_proposal, FieldErrors, ProposalInput, FORM_LEVEL, FRESH_TOKEN},
    },
    error::AppError,
};

use super::{
    notify::message::{Notification, ProposalNotice},
    spam::{self, Verdict},
    state::AppState,
    store::{self, NewProposal},
};

/// The thank-you page after a stored request.
pub const THANKS_PATH: &str = "/prendre-rendez-vous/merci";

/// Checks and stores an own-availability request. `Saved` is returned only once the row
/// is committed; a storage failure is an error, never a thank-you.
pub async fn submit(state: &AppState, form: &ProposalForm) -> Result<ProposalReply, AppError> {
    let config = &state.config;
    let event = config
        .event_type(Some(form.event_type.as_str()))
        .or_else(|| config.event_type(None))
        .ok_or(AppError::Internal)?;
    let today = Utc::now()
        .with_timezone(&config.business.time_zone)
        .date_naive();
    match state.guard.check(&form.issued, &form.website) {
        Verdict::Human => {}
        // A bot is thanked as a person would be, and nothing is stored.
        Verdict::Bot => {
            tracing::info!("proposal dropped: honeypot filled");
            return Ok(ProposalReply::Saved {
                url: format!("{THANKS_PATH}?type={}", event.slug),
            });
        }
        verdict => {
            let mut errors = FieldErrors::form(spam::message(&verdict).unwrap_or_default());
            errors.add(FRESH_TOKEN, &state.guard.issue());
            return Ok(ProposalReply::Invalid(errors));
        }
    }
    let input = ProposalInput {
        contact: form.contact(),
        slots: form.slots(),
        consent: form.consented(),
    };
    let (contact, slots) = match check_proposal(&input, today) {
        Ok(ok) => ok,
        Err(errors) => return Ok(ProposalReply::Invalid(errors)),
    };
    // Built once: stored as JSON text, and sent as they are in the notification.
    let availabilities = serde_json::Value::from(
        slots
            .iter()
            .map(|s| json!({ "date": s.date.to_string(), "from": s.from, "to": s.to }))
            .collect::<Vec<_>>(),
    );
    let utm = super::booking::utm_pairs(&form.utm);
    let utm = (!utm.is_empty()).then(|| {
        serde_json::Value::Object(
            utm.into_iter()
                .map(|(k, v)| (k, serde_json::Value::String(v)))
                .collect(),
        )
    });
    let proposal = NewProposal {
        event_type: event.slug.clone(),
        name: contact.name,
        email: contact.email,
        phone: contact.phone,
        availabilities_json: availabilities.to_string(),
        message: contact.message,
        utm_json: utm.as_ref().map(serde_json::Value::to_string),
        referrer: None,
    };
    let payload = |id: i64, created_at: &str| {
        Notification::ProposalCreated {
            proposal: ProposalNotice {
                id,
                created_at: created_at.to_string(),
                event_type: event.slug.clone(),
                event_type_label: event.label.clone(),
                name: proposal.name.clone(),
                email: proposal.email.clone(),
                phone: proposal.phone.clone(),
                availabilities: availabilities.clone(),
                message: proposal.message.clone(),
                utm: utm.clone().unwrap_or_else(|| json!({})),
            },
        }
        .to_json()
    };
    let channels = state.notifier.channels();
    let outbound = store::Outbound {
        channels: &channels,
        event: "proposal.created",
        payload: &payload,
    };
    match store::insert_proposal(&state.db, &proposal, &outbound).await {
        Ok(id) => {
            tracing::info!(id, event = %event.slug, "proposal stored");
            state.notifier.wake();
            Ok(ProposalReply::Saved {
                url: format!("{THANKS_PATH}?type={}", event.slug),
            })
        }
        Err(error) => {
            tracing::error!(%error, "proposal not stored");
            Err(AppError::Internal)
        }
    }
}

/// For a form posted without JavaScript: where the browser goes next.
pub fn plain_form_location(state: &AppState, form: &ProposalForm, reply: &ProposalReply) -> String {
    match reply {
        ProposalReply::Saved { url } => url.clone(),
        ProposalReply::Invalid(errors) => {
            let token = state.drafts.keep(Draft {
                contact: form.contact(),
                slots: form.slots(),
                consent: form.consented(),
                errors: errors.clone(),
                notice: errors.get(FORM_LEVEL).map(str::to_string),
            });
            TunnelQuery {
                event_type: Some(form.event_type.clone())
                    .filter(|t| crate::domain::tunnel::is_slug(t)),
                ..TunnelQuery::default()
            }
            .fallback(Some(token))
            .href()
        }
    }
}
