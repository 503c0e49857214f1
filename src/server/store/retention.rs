//! Data protection: visitors' personal data is deleted once it is no longer needed.

use chrono::{SecondsFormat, Utc};

use super::{Database, StoreError};

impl Database {
    /// Deletes proposals created, bookings that started, and notifications (which copy their
    /// contents) created more than `days` ago. Returns how many rows went.
    pub async fn purge(&self, days: u32) -> Result<u64, StoreError> {
        let cutoff = (Utc::now() - chrono::Duration::days(i64::from(days)))
            .to_rfc3339_opts(SecondsFormat::Secs, true);
        let mut tx = self.pool.begin().await?;
        let mut deleted = 0;
        // Timestamps are stored as RFC 3339 UTC, so text order is time order.
        for query in [
            "DELETE FROM proposals WHERE created_at < $1",
            "DELETE FROM bookings WHERE start_utc < $1",
            "DELETE FROM outbox WHERE created_at < $1",
            "DELETE FROM booking_attempts WHERE created_at < $1",
        ] {
            deleted += sqlx::query(query)
                .bind(&cutoff)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        // Sessions and drafts go as soon as they expire.
        let now = super::stored(Utc::now());
        for query in [
            "DELETE FROM admin_sessions WHERE expires_at < $1",
            "DELETE FROM drafts WHERE expires_at < $1",
        ] {
            deleted += sqlx::query(query)
                .bind(&now)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(deleted)
    }
}
