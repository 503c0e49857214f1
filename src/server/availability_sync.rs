//! Keeps every instance's availability cache true: a booking raises its event type's
//! counter in the database, and each instance, watching the counters every second, forgets
//! what it cached of an event type whose counter moved.

use std::{collections::HashMap, time::Duration};

use super::{availability::AvailabilityService, config::EventType, store::Database};

/// How often the counters are read.
const WATCH_EVERY: Duration = Duration::from_secs(1);

/// Says to every instance that `event`'s availability changed (this one forgets its cache
/// at once).
pub async fn changed(db: &Database, availability: &AvailabilityService, event: &EventType) {
    availability.invalidate(event).await;
    if let Err(error) = db.availability_changed(event.calcom_id).await {
        tracing::error!(%error, "availability change not shared with other instances");
    }
}

/// Watches the counters for the life of the process.
pub fn spawn_watch(db: Database, availability: AvailabilityService) {
    tokio::spawn(async move {
        let mut seen: Option<HashMap<u64, i64>> = None;
        let mut tick = tokio::time::interval(WATCH_EVERY);
        loop {
            tick.tick().await;
            let now: HashMap<u64, i64> = match db.availability_generations().await {
                Ok(rows) => rows.into_iter().collect(),
                Err(error) => {
                    tracing::warn!(%error, "availability changes unreadable");
                    continue;
                }
            };
            if let Some(before) = &seen {
                for (id, generation) in &now {
                    if before.get(id) != Some(generation) {
                        availability.invalidate_id(*id).await;
                    }
                }
            }
            seen = Some(now);
        }
    });
}
