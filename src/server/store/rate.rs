//! `rate_counters`: hits per client and minute, for limits every instance shares.

use super::{Database, StoreError};

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
        let rows: Vec<(i64, i64)> = on_pool!(self, pool => {
            if count {
                sqlx::query(
                    "INSERT INTO rate_counters (bucket, window_start, hits) VALUES ($1, $2, 1) \
                     ON CONFLICT (bucket, window_start) DO UPDATE \
                     SET hits = rate_counters.hits + 1",
                )
                .bind(bucket)
                .bind(window_start)
                .execute(pool)
                .await?;
            }
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
}
