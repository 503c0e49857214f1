//! The owner's downloads: `/admin/proposals.csv` and `/admin/bookings.csv` (the files
//! themselves are written by [`super::export`]).

use axum::{
    extract::State,
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::get,
    Router,
};

use super::{export, inbox, routes::Owner};
use crate::{domain::lang::Words, server::state::AppState};

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/proposals.csv", get(export_csv))
        .route("/admin/bookings.csv", get(export_bookings_csv))
}

async fn export_csv(_: Owner, State(state): State<AppState>) -> Response {
    let rows = match state.db.list_proposals(None, i64::MAX).await {
        Ok(rows) => rows,
        Err(error) => return export_failed(&error, &inbox::owner_words(&state)),
    };
    let label = |slug: &str| state.config.label_of(slug);
    let words = inbox::owner_words(&state);
    csv_file(export::csv(&rows, label, &words), ("demandes.csv", &words))
}

/// `/admin/bookings.csv`: every appointment booked through the page, absences included.
async fn export_bookings_csv(_: Owner, State(state): State<AppState>) -> Response {
    // Before any booking (and within what PostgreSQL's TIMESTAMPTZ holds).
    let since = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    let words = inbox::owner_words(&state);
    let rows = match state.db.bookings_from(since, i64::MAX).await {
        Ok(rows) => rows,
        Err(error) => return export_failed(&error, &words),
    };
    let label = |slug: &str| state.config.label_of(slug);
    let zone = state.config.business.time_zone;
    csv_file(
        export::bookings_csv(&rows, label, (zone, &words)),
        ("rendez-vous.csv", &words),
    )
}

/// A failed export: the cause in the log, a short sentence in the owner's `words`.
fn export_failed(error: &dyn std::error::Error, words: &Words) -> Response {
    tracing::error!(%error, "admin: export failed");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        words.say("admin-export-failed"),
    )
        .into_response()
}

/// A CSV download named `name`, never cached.
fn csv_file(text: Result<String, csv::Error>, (name, words): (&str, &Words)) -> Response {
    match text {
        Ok(text) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{name}\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            text,
        )
            .into_response(),
        Err(error) => export_failed(&error, words),
    }
}
