//! Cal.com API v2 client. Wire types stay private to this module.

pub mod client;
pub mod error;
mod wire;

pub use client::{BookingCreated, CalComClient, NewBooking, UpcomingBooking};
pub use error::CalComError;
