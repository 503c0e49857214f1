//! Plain axum routes (not rendered by Leptos).

use axum::{
    extract::State,
    http::StatusCode,
    response::{IntoResponse, Redirect},
};

use crate::domain::tunnel::PAGE_PATH;

use super::{state::AppState, store};

/// `GET /healthz`: 200 when the server and its database are usable, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if store::is_healthy(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// `GET /`: the site's only page is the booking page.
pub async fn root() -> Redirect {
    Redirect::to(PAGE_PATH)
}
