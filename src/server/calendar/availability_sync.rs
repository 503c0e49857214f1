//! Keeps every instance's availability cache true: a booking raises its event type's
//! counter in the database, and each instance, watching the counters a few times a second
//! (one tiny query, on either database), forgets what it cached of an event type whose
//! counter moved: no instance offers a booked hour a second later.

use std::time::Duration;

use crate::server::{
    calendar::availability::AvailabilityService, config::EventType, store::Database,
};

/// How often the counters are read: with the Cal.com fetch that follows, well within a
/// second.
const WATCH_EVERY: Duration = Duration::from_millis(400);

/// Says to every instance that `event`'s availability changed (this one forgets its cache
/// at once, and does not forget it again when its watch sees its own change).
pub async fn changed(db: &Database, availability: &AvailabilityService, event: &EventType) {
    availability.invalidate(event).await;
    match db.availability_changed(event.calcom_id).await {
        Ok(generation) => {
            availability.note_shared_change(event.calcom_id, generation);
        }
        Err(error) => {
            tracing::error!(%error, "availability change not shared with other instances")
        }
    }
}

/// Watches the counters for the life of the process.
pub fn spawn_watch(db: Database, availability: AvailabilityService) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(WATCH_EVERY);
        loop {
            tick.tick().await;
            match db.availability_generations().await {
                Ok(rows) => {
                    for (id, generation) in rows {
                        if availability.note_shared_change(id, generation) {
                            availability.invalidate_id(id).await;
                        }
                    }
                }
                Err(error) => tracing::warn!(%error, "availability changes unreadable"),
            }
        }
    });
}
