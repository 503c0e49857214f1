//! The business's calendar: Cal.com's API client (its wire types private to it), the
//! availability read from it or from the demo calendar, cached and kept in step across instances,
//! and the event types' rules Cal.com states. Nothing here knows the HTTP side or `AppState`:
//! each service takes what it uses (a client, the database, the configuration).

pub mod availability;
pub mod availability_sync;
pub mod calcom;
pub mod demo;
pub mod event_rules;
