//! `POST /admin/bookings/{id}/absent`: the owner marks a past appointment as missed; Cal.com
//! is told (`mark-absent`), the list says "absent", `/metrics` counts it.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
    routing::post,
    Router,
};

use super::{
    routes::{page, Owner},
    views,
};
use crate::{domain::token::Token, server::state::AppState};

/// The route.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/bookings/{id}/absent", post(mark_absent))
}

async fn mark_absent(_: Owner, State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let message = |status, title: &str, text: &str| {
        page(status, views::message(&state.leptos_options, title, text))
    };
    let booking = match Token::parse(&id) {
        Some(id) => state.db.find_booking(&id).await,
        None => Ok(None),
    };
    let booking = match booking {
        Ok(Some(booking)) => booking,
        Ok(None) => {
            return message(
                StatusCode::NOT_FOUND,
                "Introuvable",
                "Ce rendez-vous n’existe pas.",
            )
        }
        Err(error) => {
            tracing::error!(%error, "admin: booking unreadable");
            return message(
                StatusCode::INTERNAL_SERVER_ERROR,
                "Erreur",
                "Le rendez-vous ne peut pas être lu.",
            );
        }
    };
    if booking.start_utc > chrono::Utc::now() {
        return message(
            StatusCode::CONFLICT,
            "Pas encore",
            "Un rendez-vous à venir ne peut pas être marqué absent.",
        );
    }
    if let (Some(uid), Some(client)) = (&booking.calcom_uid, &state.calcom) {
        if let Err(error) = client.mark_absent(uid, &booking.email).await {
            tracing::warn!(%error, "mark-absent refused or failed at Cal.com");
            return message(
                StatusCode::BAD_GATEWAY,
                "Cal.com",
                "Cal.com n’a pas enregistré l’absence : réessayez plus tard.",
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
                "Erreur",
                "L’absence n’a pas été enregistrée.",
            )
        }
    }
}
