//! Server-only code: configuration, state, Cal.com, storage, routes.

pub mod admin;
pub mod admin_gate;
pub mod assets;
pub mod availability;
pub mod booking;
pub mod calcom;
pub mod config;
pub mod confirmation;
pub mod demo;
pub mod drafts;
pub mod error_status;
pub mod event_rules;
pub mod form_reply;
pub mod ics;
pub mod kinds;
pub mod notify;
pub mod phone;
pub mod proposals;
pub mod rate_limit;
pub mod routes;
pub mod security;
pub mod setup;
pub mod spam;
pub mod state;
pub mod store;
pub mod tunnel;
