//! The business owner's area at `/admin`: proposals inbox (with their matching: `follow_up`), CSV export, upcoming bookings.
//! Disabled (404) unless `ADMIN_TOKEN` is set; who may enter is decided by
//! [`AdminGate`](crate::server::abuse::admin_gate::AdminGate).

mod actions;
mod bookings_view;
mod downloads;
mod erase;
mod export;
pub mod follow_up;
mod inbox;
mod links;
pub mod routes;
pub mod views;

/// Every admin route.
pub fn router() -> axum::Router<crate::server::state::AppState> {
    routes::router()
        .merge(erase::router())
        .merge(actions::router())
        .merge(downloads::router())
}
