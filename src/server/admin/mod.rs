//! The business owner's area at `/admin`: proposals inbox, CSV export, upcoming bookings.
//! Disabled (404) unless `ADMIN_TOKEN` is set.

pub mod auth;
mod export;
mod inbox;
pub mod routes;
pub mod views;
