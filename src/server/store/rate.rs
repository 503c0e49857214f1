//! `rate_counters`: hits per client and minute, for limits every instance shares; and, under
//! buckets named [`DAILY_PREFIX`]…, hits per client and hour, for the daily caps.

use chrono::{DateTime, Utc};

use super::{Database, StoreError};

/// The first word of the buckets counted per hour and kept a day (the others are counted
/// per minute and kept two minutes).
pub const DAILY_PREFIX: &str = "daily ";

/// How long daily counts are kept: the 24 hours they cover, and the hour that started them.
pub(super) const DAILY_KEPT_SECONDS: i64 = 25 * 3600;

/// The hits of a bucket in the current minute and the one before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowHits {
    /// In the minute starting at the window asked for (this hit included, when counted).
    pub current: i64,
    /// In the minute before.
    pub previous: i64,
}

impl Database {
    /// Counts one hit on `bucket` in the minute starting at `window_start` (Unix seconds)
    /// when `count` is true, and returns that minute's hits and the previous minute's.
    pub async fn rate_hits(
        &self,
        bucket: &str,
        window_start: i64,
        count: bool,
    ) -> Result<WindowHits, StoreError> {
        if count {
            self.count_hit(bucket, window_start).await?;
        }
        let rows: Vec<(i64, i64)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT window_start, hits FROM rate_counters \
                 WHERE bucket = $1 AND window_start IN ($2, $3)",
            )
            .bind(bucket)
            .bind(window_start)
            .bind(window_start - 60)
            .fetch_all(pool)
            .await?
        });
        let mut hits = WindowHits::default();
        for (window, n) in rows {
            if window == window_start {
                hits.current = n;
            } else {
                hits.previous = n;
            }
        }
        Ok(hits)
    }

    /// Counts one hit on the daily bucket `bucket` (named [`DAILY_PREFIX`]…) in the hour of
    /// `now` when `count` is true, and returns its hits in the 24 hours before `now`.
    pub async fn daily_hits(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        count: bool,
    ) -> Result<i64, StoreError> {
        debug_assert!(bucket.starts_with(DAILY_PREFIX));
        let hour = now.timestamp().div_euclid(3600) * 3600;
        if count {
            self.count_hit(bucket, hour).await?;
        }
        // The hour 24 hours ago is partly inside: it counts whole (a cap errs on the safe
        // side by at most an hour).
        let hours: Vec<(i64,)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT hits FROM rate_counters WHERE bucket = $1 AND window_start >= $2",
            )
            .bind(bucket)
            .bind(hour - 24 * 3600)
            .fetch_all(pool)
            .await?
        });
        Ok(hours.into_iter().map(|(n,)| n).sum())
    }

    /// One more hit on `bucket` in the window starting at `window_start`.
    async fn count_hit(&self, bucket: &str, window_start: i64) -> Result<(), StoreError> {
        on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1) \
                 ON CONFLICT (bucket, window_start) DO UPDATE \
                 SET hits = rate_counters.hits + 1",
            )
            .bind(bucket)
            .bind(window_start)
            .execute(pool)
            .await?;
        });
        Ok(())
    }
}
