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
use crate::server::state::AppState;

/// The routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/proposals.csv", get(export_csv))
        .route("/admin/bookings.csv", get(export_bookings_csv))
}

async fn export_csv(_: Owner, State(state): State<AppState>) -> Response {
    let rows = match state.db.list_proposals(None, i64::MAX).await {
        Ok(rows) => rows,
        Err(error) => return export_failed(&error),
    };
    let label = |slug: &str| type_label(&state, slug);
    let words = inbox::owner_words(&state);
    csv_file(export::csv(&rows, label, &words), "demandes.csv")
}

/// `/admin/bookings.csv`: every appointment booked through the page, absences included.
async fn export_bookings_csv(_: Owner, State(state): State<AppState>) -> Response {
    // Before any booking (and within what PostgreSQL's TIMESTAMPTZ holds).
    let since = chrono::DateTime::<chrono::Utc>::UNIX_EPOCH;
    let rows = match state.db.bookings_from(since, i64::MAX).await {
        Ok(rows) => rows,
        Err(error) => return export_failed(&error),
    };
    let label = |slug: &str| type_label(&state, slug);
    let words = inbox::owner_words(&state);
    let zone = state.config.business.time_zone;
    csv_file(
        export::bookings_csv(&rows, label, (zone, &words)),
        "rendez-vous.csv",
    )
}

/// An event type's label as configured (its slug when it is not any more).
fn type_label(state: &AppState, slug: &str) -> String {
    state
        .config
        .event_type(Some(slug))
        .map_or_else(|| slug.to_string(), |e| e.label.clone())
}

fn export_failed(error: &dyn std::error::Error) -> Response {
    tracing::error!(%error, "admin: export failed");
    (StatusCode::INTERNAL_SERVER_ERROR, "admin-export-failed").into_response()
}

/// A CSV download named `name`, never cached.
fn csv_file(text: Result<String, csv::Error>, name: &str) -> Response {
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
        Err(error) => export_failed(&error),
    }
}
