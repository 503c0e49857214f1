//! Cal.com API v2 client. Wire types stay private to this module.

mod answer;
mod booking;
pub mod client;
pub mod error;
pub mod event_types;
mod lookups;
mod manage;
mod wire;

pub use client::{BookingCreated, CalComClient, NewBooking, UpcomingBooking, BOOKING_RESERVE};
pub use error::CalComError;
pub use event_types::{ChosenPlace, EventTypeRules, MeetingOption};
pub use manage::Reservation;
