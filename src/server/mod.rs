//! Server-only code, one folder per capability (each folder's `mod.rs` says what lives there
//! and what it may use; `tests/api/architecture.rs` keeps the folders free of import cycles):
//!
//! - `calendar/`: Cal.com's client, the availability (cached, demo, synced), event-type rules;
//! - `booking/`: a booking, its hold, its drafts, the appointment (page, cancel, move, `.ics`);
//! - `tunnel/`: the visit's pages, the proposal, the forms' one answer path;
//! - `http/`: routes, middleware, limits, error pages, assets, embed, Cal.com's webhooks;
//! - `abuse/`: keys, form tokens, clients behind proxies, rate limits, daily caps, the gate;
//! - `admin/`: the owner's inbox, export and erasure; `notify/`: the owner's notifications;
//! - `store/`: every SQL statement and the closed sets stored; `config/`: settings, validated;
//! - `ops/`: backup, moving a database, the stop on SIGTERM, metrics; `words/`: catalogues;
//! - `state.rs` (the one `AppState`) and `setup.rs` (building it).

pub mod abuse;
pub mod admin;
pub mod booking;
pub mod calendar;
pub mod config;
pub mod http;
pub mod notify;
pub mod ops;
pub mod setup;
pub mod state;
pub mod store;
pub mod tunnel;
pub mod words;
