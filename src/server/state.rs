//! The one application state shared by routes and server functions.

use std::sync::Arc;

use crate::server::{
    abuse::admin_gate::AdminGate, abuse::spam::FormGuard,
    calendar::availability::AvailabilityService, calendar::calcom::CalComClient,
    calendar::event_rules::EventRules, config::Config, notify::Notifier, ops::shutdown::Shutdown,
    store::Database,
};
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;

/// Everything a request handler may need.
#[derive(Clone)]
pub struct AppState {
    /// Leptos' own options (site root, output name, address).
    pub leptos_options: LeptosOptions,
    /// Validated configuration.
    pub config: Arc<Config>,
    /// Availability (cached).
    pub availability: AvailabilityService,
    /// The database.
    pub db: Database,
    /// Cal.com client for bookings (None with the demo calendar, which books locally).
    pub calcom: Option<CalComClient>,
    /// Form tokens and honeypot checks.
    pub guard: FormGuard,
    /// Queues and delivers the owner's notifications.
    pub notifier: Notifier,
    /// Admin sessions and failed-login limits.
    pub admin: AdminGate,
    /// The event types' rules as Cal.com says them.
    pub rules: EventRules,
    /// The process's stop, which background work watches.
    pub shutdown: Shutdown,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
