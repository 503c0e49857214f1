//! Cal.com API v2 client. Wire types stay private to this module.

mod answer;
mod booking;
pub mod client;
pub mod error;
mod wire;

pub use client::{BookingCreated, CalComClient, NewBooking, UpcomingBooking};
pub use error::CalComError;
