//! The owner's actions on the inbox's lines: "Proposer ces horaires" on a proposal
//! (`POST /admin/proposals/{id}/offer`), "Marquer absent" on a past appointment
//! (`POST /admin/bookings/{id}/absent`: Cal.com is told, the list says "absent", `/metrics`
//! counts it).

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};

use super::routes::{said, Owner};
use crate::{domain::token::Token, server::state::AppState};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/proposals/{id}/offer", post(offer_hours))
        .route("/admin/bookings/{id}/absent", post(mark_absent))
}

/// "Proposer ces horaires": the hours matching now are offered at once, by email when
/// emails can be sent; otherwise the page shows the links for the owner to send.
async fn offer_hours(_: Owner, State(state): State<AppState>, Path(id): Path<i64>) -> Response {
    use crate::server::{store::OfferKind, tunnel::matching};
    let message = |status, title: &str, text: &str| said(&state, status, (title, text));
    let row = match state.db.find_proposal(id).await {
        Ok(Some(row)) => row,
        Ok(None) => {
            return message(
                StatusCode::NOT_FOUND,
                "admin-not-found",
                "admin-no-such-proposal",
            )
        }
        Err(error) => {
            tracing::error!(%error, id, "admin: proposal unreadable");
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "admin-error",
                "admin-proposal-unreadable",
            );
        }
    };
    let Some(event) = state.config.event_type(Some(&row.proposal.event_type)) else {
        return message(
            StatusCode::CONFLICT,
            "admin-unknown-type-title",
            "admin-unknown-type",
        );
    };
    let per_email = state
        .config
        .matching
        .as_ref()
        .map_or(crate::server::config::DEFAULT_HOURS_PER_EMAIL, |m| {
            m.hours_per_email
        });
    let hours = matching::hours_for(&state, event, &row, per_email).await;
    if hours.is_empty() {
        return message(StatusCode::CONFLICT, "admin-no-hour-title", "admin-no-hour");
    }
    match matching::offer(&state, event, &row, &hours, OfferKind::Again).await {
        Ok(Some(_)) if state.notifier.can_email() && state.config.business.public_url.is_some() => {
            Redirect::to(&format!("/admin#demande-{id}")).into_response()
        }
        Ok(Some(links)) => {
            let w = super::inbox::owner_words(&state);
            let lines: Vec<String> = links
                .hours
                .iter()
                .map(|(_, link)| link.clone())
                .chain(std::iter::once(
                    w.say_with("admin-withdraw-link", &[("link", &links.withdraw)]),
                ))
                .collect();
            let text = w.say_with("admin-links", &[("links", &lines.join(" · "))]);
            super::routes::said_text(&state, StatusCode::OK, ("admin-links-title", &text))
        }
        Ok(None) => message(
            StatusCode::CONFLICT,
            "admin-followed-title",
            "admin-followed",
        ),
        Err(error) => {
            tracing::error!(%error, id, "admin: hours not offered");
            message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "admin-error",
                "admin-offer-failed",
            )
        }
    }
}

/// "Marquer absent": a past appointment the visitor missed.
async fn mark_absent(_: Owner, State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let message = |status, title: &str, text: &str| said(&state, status, (title, text));
    let booking = match Token::parse(&id) {
        Some(id) => state.db.find_booking(&id).await,
        None => Ok(None),
    };
    let booking = match booking {
        Ok(Some(booking)) => booking,
        Ok(None) => {
            return message(
                StatusCode::NOT_FOUND,
                "admin-not-found",
                "admin-no-such-booking",
            )
        }
        Err(error) => {
            tracing::error!(%error, "admin: booking unreadable");
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "admin-error",
                "admin-booking-unreadable",
            );
        }
    };
    if booking.start_utc > chrono::Utc::now() {
        return message(StatusCode::CONFLICT, "admin-not-yet-title", "admin-not-yet");
    }
    if let (Some(uid), Some(client)) = (&booking.calcom_uid, &state.calcom) {
        if let Err(error) = client.mark_absent(uid, &booking.email).await {
            tracing::warn!(%error, "mark-absent refused or failed at Cal.com");
            return message(
                StatusCode::BAD_GATEWAY,
                "admin-calcom-title",
                "admin-absent-refused",
            );
        }
    }
    match state.db.mark_absent(&booking.public_id).await {
        Ok(true) => {
            crate::server::ops::metrics::no_show();
            Redirect::to("/admin#rendez-vous").into_response()
        }
        Ok(false) => Redirect::to("/admin#rendez-vous").into_response(),
        Err(error) => {
            tracing::error!(%error, "admin: absence not recorded");
            message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "admin-error",
                "admin-absent-failed",
            )
        }
    }
}
