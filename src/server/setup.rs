//! Builds the application state (used by `crate::startup` and by the integration tests),
//! and the background tasks and signals of the server's life.

use secrecy::ExposeSecret;
use std::sync::Arc;

use leptos::prelude::LeptosOptions;

use crate::server::{
    abuse::admin_gate::AdminGate,
    abuse::spam::{form_key, FormGuard},
    calendar::availability::{AvailabilityService, Source},
    calendar::availability_sync,
    calendar::calcom::CalComClient,
    calendar::demo::DemoCalendar,
    calendar::event_rules::EventRules,
    config::{CalendarSource, Config},
    notify::Notifier,
    notify::NotifyError,
    ops::shutdown::Shutdown,
    state::AppState,
    store::{Database, StoreError},
};

/// A failure to start.
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    /// The database could not be opened or migrated.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The Cal.com client cannot be built.
    #[error("Cal.com client: {0}")]
    Calendar(#[from] crate::server::calendar::calcom::CalComError),
    /// A notification channel cannot be set up.
    #[error(transparent)]
    Notify(#[from] NotifyError),
}

/// Opens the database and builds the availability service for `config`.
pub async fn build_state(
    config: Config,
    leptos_options: LeptosOptions,
) -> Result<AppState, StartupError> {
    let db = Database::connect(config.database_url.expose_secret()).await?;
    let tz = config.business.time_zone;
    let mut calcom = None;
    let source = match &config.calendar {
        CalendarSource::Demo => {
            tracing::info!(
                "no Cal.com configured (CAL_COM_TOKEN and CAL_COM_API_URL unset): demo calendar"
            );
            Source::Demo(DemoCalendar::new(tz))
        }
        CalendarSource::CalCom(settings) => {
            tracing::info!(
                api_url = %settings.api_url,
                with_key = settings.token.is_some(),
                "availability from Cal.com API v2"
            );
            let client = CalComClient::new(settings)?;
            calcom = Some(client.clone());
            Source::CalCom(client)
        }
    };
    // One window per event type: the longest range the API or the page may ask for.
    let window = config
        .tunnel
        .max_range_days
        .max(config.tunnel.page_horizon_days);
    let availability = AvailabilityService::new(source, tz, window, config.tunnel.cache_ttl)
        .with_holds(db.clone());
    availability_sync::spawn_watch(db.clone(), availability.clone());
    let guard = FormGuard::new(
        form_key(config.form_key.as_ref(), &db).await?,
        config.min_fill,
    );
    let shutdown = Shutdown::default();
    let notifier = Notifier::new(config.notify.clone(), &config.business.language)?;
    // Without a channel nothing is ever queued: no worker to poll an empty outbox.
    if !notifier.channels().is_empty() {
        tracing::info!(channels = ?notifier.channels(), "owner notifications on");
        shutdown.track(notifier.spawn(db.clone(), shutdown.clone()));
    }
    let admin = AdminGate::new(
        (config.admin.clone(), config.metrics_token.clone()),
        config.failures_per_minute,
        config.trusted_proxies.clone(),
        db.clone(),
    );
    let rules = EventRules::default();
    if let Some(client) = &calcom {
        // Read once before serving, so the first visitor already gets the questions; a
        // Cal.com that does not answer does not hold startup back.
        let first = rules.refresh(client, &config.event_types);
        if tokio::time::timeout(FIRST_RULES_READ, first).await.is_err() {
            tracing::warn!("event type rules: Cal.com too slow at startup, read later");
        }
        let readable =
            client.has_key() || config.event_types.iter().any(|e| e.public_page.is_some());
        if readable {
            rules.spawn(client.clone(), config.event_types.clone());
        }
    }
    let state = AppState {
        leptos_options,
        config: Arc::new(config),
        availability,
        db,
        calcom,
        guard,
        notifier,
        admin,
        rules,
        shutdown,
    };
    if state.config.matching.is_some() {
        tracing::info!("matching of proposals on");
        state
            .shutdown
            .track(crate::server::tunnel::matching::spawn(state.clone()));
    } else if state.notifier.can_email() && state.config.business.public_url.is_none() {
        tracing::warn!(
            "matching of proposals off: set business.public_url so that its emails can link to the page"
        );
    }
    Ok(state)
}

/// Longest wait for the event types' rules at startup.
const FIRST_RULES_READ: std::time::Duration = std::time::Duration::from_secs(5);

/// How often visitors' old personal data is purged.
const PURGE_EVERY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Purges personal data older than `days` at startup and then every hour, for the life of
/// the process.
pub fn spawn_purge(db: Database, days: u32) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PURGE_EVERY);
        loop {
            tick.tick().await;
            match db.purge(days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(rows = n, days, "retention: old personal data deleted"),
                Err(error) => tracing::error!(%error, "retention purge failed"),
            }
        }
    });
}
