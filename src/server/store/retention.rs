//! Data protection: visitors' personal data is deleted once it is no longer needed.

use chrono::Utc;

use super::{Database, Stamp, StoreError};

/// Rows kept `days` after this column's instant.
const AGED: [&str; 4] = [
    "DELETE FROM proposals WHERE created_at < $1",
    "DELETE FROM bookings WHERE start_utc < $1",
    "DELETE FROM outbox WHERE created_at < $1",
    "DELETE FROM booking_attempts WHERE created_at < $1",
];

/// Rows that go as soon as they expire.
const EXPIRED: [&str; 2] = [
    "DELETE FROM admin_sessions WHERE expires_at < $1",
    "DELETE FROM drafts WHERE expires_at < $1",
];

impl Database {
    /// Deletes proposals created, bookings that started, and notifications (which copy their
    /// contents) created more than `days` ago, expired sessions and drafts, and past rate
    /// windows. Returns how many rows went.
    pub async fn purge(&self, days: u32) -> Result<u64, StoreError> {
        let now = Utc::now();
        let cutoff = Stamp(now - chrono::Duration::days(i64::from(days)));
        let now = Stamp(now);
        let deleted = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let mut deleted = 0;
            for (query, instant) in AGED
                .iter()
                .map(|q| (q, cutoff))
                .chain(EXPIRED.iter().map(|q| (q, now)))
            {
                deleted += sqlx::query(query)
                    .bind(instant)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            }
            // Limits read this minute and the one before.
            deleted += sqlx::query("DELETE FROM rate_counters WHERE window_start < $1")
                .bind(now.0.timestamp() - 120)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            deleted
        });
        Ok(deleted)
    }
}
