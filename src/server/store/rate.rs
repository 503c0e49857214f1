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
        self.hourly_hits(bucket, now, 24, count).await
    }

    /// Like [`Self::daily_hits`], over the last `hours` hours: the hour `hours` ago is
    /// partly inside and counts whole (a limit errs on the safe side by at most an hour).
    pub async fn hourly_hits(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        hours: i64,
        count: bool,
    ) -> Result<i64, StoreError> {
        debug_assert!(bucket.starts_with(DAILY_PREFIX));
        let hour = now.timestamp().div_euclid(3600) * 3600;
        // This hour's count as this hit left it (parallel hits each see their own number,
        // so that at most `limit` of them are under a limit), and the hours before.
        let current = if count {
            Some(self.count_hit(bucket, hour).await?)
        } else {
            None
        };
        let windows: Vec<(i64, i64)> = on_pool!(self, pool => {
            sqlx::query_as(
                "SELECT window_start, hits FROM rate_counters \
                 WHERE bucket = $1 AND window_start >= $2",
            )
            .bind(bucket)
            .bind(hour - hours * 3600)
            .fetch_all(pool)
            .await?
        });
        let before: i64 = windows
            .iter()
            .filter(|(window, _)| current.is_none() || *window != hour)
            .map(|(_, n)| n)
            .sum();
        Ok(before + current.unwrap_or(0))
    }

    /// Takes one hit back from `bucket`'s hour of `now` (what it counted did not happen).
    pub async fn give_back_hit(&self, bucket: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let hour = now.timestamp().div_euclid(3600) * 3600;
        on_pool!(self, pool => {
            sqlx::query(
                "UPDATE rate_counters SET hits = hits - 1 \
                 WHERE bucket = $1 AND window_start = $2 AND hits > 0",
            )
            .bind(bucket)
            .bind(hour)
            .execute(pool)
            .await?;
        });
        Ok(())
    }

    /// One more hit on `bucket` in the window starting at `window_start`: the window's
    /// hits with this one.
    async fn count_hit(&self, bucket: &str, window_start: i64) -> Result<i64, StoreError> {
        let hits: i64 = on_pool!(self, pool => {
            sqlx::query_scalar(
                "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1) \
                 ON CONFLICT (bucket, window_start) DO UPDATE \
                 SET hits = rate_counters.hits + 1 RETURNING hits",
            )
            .bind(bucket)
            .bind(window_start)
            .fetch_one(pool)
            .await?
        });
        Ok(hits)
    }
}
