//! The availability service: one cache with single-flight and stale-if-error over a source.
//!
//! Both the page and `GET /api/calcom/slots` read availability here. Each event type is read
//! over one window (the longest range anything asks for), and every range is cut from it: a
//! burst of visitors, or one client cycling through every `range`, makes at most one upstream
//! call per event type and TTL — Cal.com's quota belongs to the business.

use std::{sync::Arc, time::Duration};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use moka::future::Cache;

use crate::domain::calendar::{between, group_by_day, Day};

use crate::server::{
    calendar::calcom::CalComClient, calendar::demo::DemoCalendar, config::EventType,
};

mod error;

/// How long the last good answer is kept to serve while the source fails.
const STALE_KEEP: Duration = Duration::from_secs(24 * 3600);

pub use error::AvailabilityError;

/// Where slots come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// The built-in demo calendar.
    Demo(DemoCalendar),
    /// Cal.com API v2.
    CalCom(CalComClient),
}

impl Source {
    async fn slot_starts(
        &self,
        event: &EventType,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        time_zone: &str,
    ) -> Result<Vec<DateTime<Utc>>, AvailabilityError> {
        match self {
            Self::Demo(demo) => Ok(demo.slot_starts(event, start, end)),
            Self::CalCom(client) => client
                .slots(event.calcom_id, (start, end), time_zone, None)
                .await
                .map_err(|e| AvailabilityError::from_calcom(e, event.calcom_id)),
        }
    }
}

/// Availability of one event type over a range, as days in the business zone.
#[derive(Clone, Debug)]
pub struct Availability {
    /// Days with their free hours, in order; past hours already removed.
    pub days: Vec<Day>,
    /// True when this is the last good answer, served because the source fails now.
    pub stale: bool,
}

/// A Cal.com event type id.
type Key = u64;
/// A [`Key`] and the event type's generation when the answer was asked for.
type FreshKey = (u64, u64);

/// Cached, single-flight access to availability.
#[derive(Clone)]
pub struct AvailabilityService {
    source: Arc<Source>,
    tz: Tz,
    /// Days read from the source for every event type; ranges are cut from them.
    window_days: u32,
    fresh: Cache<FreshKey, Arc<Vec<Day>>>,
    last_good: Cache<Key, Arc<Vec<Day>>>,
    /// Bumped for an event type when its availability changes (a booking). Fresh answers are
    /// keyed by it, so an answer fetched before the change, even one still in flight then,
    /// lands under an old key that no reader asks for any more.
    generations: Arc<std::sync::Mutex<std::collections::HashMap<u64, u64>>>,
    /// The last count of shared changes (`availability_changes`) seen per event type.
    shared: Arc<std::sync::Mutex<std::collections::HashMap<u64, i64>>>,
    /// How the last reads of the source went (for `/readyz`).
    health: Arc<std::sync::Mutex<SourceHealth>>,
    /// Where this server's holds are: Cal.com hides a held hour from everyone, the holder
    /// included, so an answer fetched while a visit holds an hour gets it back from here.
    /// The cache then keeps every hour that is free or held by one of our visits, and
    /// readers take out the hours others hold (`holds::offered`): a hold or its release
    /// never empties the cache.
    holds: Option<crate::server::store::Database>,
    /// Rung when what is offered may have changed (a fresh answer, a change, a hold let go):
    /// the matching of proposals listens.
    changed: Arc<tokio::sync::Notify>,
}

/// How the availability source's last reads went.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SourceHealth {
    /// When a read last succeeded.
    pub last_ok: Option<chrono::DateTime<Utc>>,
    /// Since when every read has failed, if the last one did.
    pub failing_since: Option<chrono::DateTime<Utc>>,
}

impl AvailabilityService {
    /// A service over `source`, grouping days in `tz`, reading `window_days` ahead, caching
    /// answers for `ttl`.
    pub fn new(source: Source, tz: Tz, window_days: u32, ttl: Duration) -> Self {
        Self {
            source: Arc::new(source),
            tz,
            window_days,
            fresh: Cache::builder()
                .max_capacity(1_000)
                .time_to_live(ttl)
                .build(),
            last_good: Cache::builder()
                .max_capacity(1_000)
                .time_to_live(STALE_KEEP)
                .build(),
            generations: Arc::default(),
            shared: Arc::default(),
            health: Arc::default(),
            holds: None,
            changed: Arc::default(),
        }
    }

    /// The same service, putting back into each answer the hours our visits hold.
    pub fn with_holds(self, db: crate::server::store::Database) -> Self {
        Self {
            holds: Some(db),
            ..self
        }
    }

    /// The hours our visits hold at Cal.com in `event`, between `start` and `end`.
    async fn held_by_us(
        &self,
        event: &EventType,
        (start, end): (chrono::DateTime<Utc>, chrono::DateTime<Utc>),
    ) -> Vec<chrono::DateTime<Utc>> {
        let Some(db) = &self.holds else {
            return Vec::new();
        };
        match db.held_hours(&event.slug).await {
            Ok(held) => held
                .into_iter()
                .filter(|h| h.at_calcom && h.start > start && h.start < end)
                .map(|h| h.start)
                .collect(),
            Err(error) => {
                tracing::warn!(%error, "held hours unreadable: not put back");
                Vec::new()
            }
        }
    }

    fn generation(&self, calcom_id: u64) -> u64 {
        self.generations
            .lock()
            .map_or(0, |g| g.get(&calcom_id).copied().unwrap_or(0))
    }

    /// True when the demo calendar is the source.
    pub fn is_demo(&self) -> bool {
        matches!(*self.source, Source::Demo(_))
    }

    /// Forgets every cached answer for `event` (all ranges): the next read asks the source.
    pub async fn invalidate(&self, event: &EventType) {
        self.invalidate_id(event.calcom_id).await;
    }

    /// Notes that the shared count of changes of `id` is `generation`; true when it was not
    /// the last one noted (a change this instance has not heard of yet).
    pub fn note_shared_change(&self, id: u64, generation: i64) -> bool {
        self.shared.lock().map_or(true, |mut seen| {
            seen.insert(id, generation) != Some(generation)
        })
    }

    /// What rings when what is offered may have changed.
    pub fn changes(&self) -> Arc<tokio::sync::Notify> {
        self.changed.clone()
    }

    /// Says that what is offered may have changed (an hour held by a visit was let go).
    pub fn announce_change(&self) {
        self.changed.notify_one();
    }

    /// Forgets every cached answer for the event type `id` (another instance booked it).
    pub async fn invalidate_id(&self, id: u64) {
        self.changed.notify_one();
        if let Ok(mut generations) = self.generations.lock() {
            *generations.entry(id).or_insert(0) += 1;
        }
        // Old generations are never read again: free them now rather than at expiry.
        let old: Vec<FreshKey> = self
            .fresh
            .iter()
            .map(|(key, _)| *key)
            .filter(|key| key.0 == id)
            .collect();
        for key in old {
            self.fresh.invalidate(&key).await;
        }
    }

    /// Like [`Self::days`], but never waits longer than `deadline`: past it, the last good
    /// answer (stale) or an `Unavailable` error. The upstream call goes on for the next reader.
    pub async fn days_within(
        &self,
        event: &EventType,
        range_days: u32,
        deadline: Duration,
    ) -> Result<Availability, AvailabilityError> {
        if let Ok(result) = tokio::time::timeout(deadline, self.days(event, range_days)).await {
            return result;
        }
        // Let the fetch finish in the background so the next visitor gets a warm cache.
        let this = self.clone();
        let event_bg = event.clone();
        tokio::spawn(async move {
            let _ = this.days(&event_bg, range_days).await;
        });
        match self.last_good.get(&event.calcom_id).await {
            Some(days) => Ok(Availability {
                days: self.cut(&days, range_days),
                stale: true,
            }),
            None => Err(AvailabilityError::Unavailable(format!(
                "no answer within {deadline:?}"
            ))),
        }
    }

    fn record(&self, ok: bool) {
        let now = Utc::now();
        if let Ok(mut health) = self.health.lock() {
            if ok {
                *health = SourceHealth {
                    last_ok: Some(now),
                    failing_since: None,
                };
            } else {
                health.failing_since.get_or_insert(now);
            }
        }
    }

    /// How the source's last reads went.
    pub fn health(&self) -> SourceHealth {
        self.health.lock().map(|h| *h).unwrap_or_default()
    }

    /// The hours of `days` from now to now + `range_days`.
    fn cut(&self, days: &[Day], range_days: u32) -> Vec<Day> {
        let now = Utc::now();
        let range = range_days.min(self.window_days);
        between(days, now, now + chrono::Duration::days(i64::from(range)))
    }

    /// Free days of `event` from now to now + `range_days` (at most the window).
    ///
    /// Concurrent callers of one event type share one upstream call, whatever their range.
    /// When the source fails and an answer less than a day old exists, that answer is
    /// returned with `stale`.
    pub async fn days(
        &self,
        event: &EventType,
        range_days: u32,
    ) -> Result<Availability, AvailabilityError> {
        let key = event.calcom_id;
        let fresh_key = (key, self.generation(key));
        let missed = std::sync::atomic::AtomicBool::new(false);
        let fetched = self
            .fresh
            .try_get_with(fresh_key, async {
                missed.store(true, std::sync::atomic::Ordering::Relaxed);
                let start = Utc::now();
                let end = start + chrono::Duration::days(i64::from(self.window_days));
                let starts = self
                    .source
                    .slot_starts(event, start, end, self.tz.name())
                    .await;
                self.record(starts.is_ok());
                let mut starts = starts?;
                starts.extend(self.held_by_us(event, (start, end)).await);
                let days = Arc::new(group_by_day(starts, &self.tz, start));
                self.last_good.insert(key, days.clone()).await;
                self.changed.notify_one();
                Ok::<_, AvailabilityError>(days)
            })
            .await;
        crate::server::ops::metrics::cache(!missed.load(std::sync::atomic::Ordering::Relaxed));
        match fetched {
            Ok(days) => Ok(Availability {
                days: self.cut(&days, range_days),
                stale: false,
            }),
            Err(error) => match self.last_good.get(&key).await {
                Some(days) => {
                    tracing::warn!(%error, event = %event.slug, "serving stale availability");
                    Ok(Availability {
                        days: self.cut(&days, range_days),
                        stale: true,
                    })
                }
                None => Err((*error).clone()),
            },
        }
    }
}
