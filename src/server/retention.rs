//! Data protection: visitors' personal data is deleted once it is no longer needed.

use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use sqlx::SqlitePool;

use super::store::StoreError;

/// How often the purge runs.
const PURGE_EVERY: Duration = Duration::from_secs(3600);

/// Deletes proposals created, bookings that started, and notifications (which copy their
/// contents) created more than `days` ago.
/// Returns how many rows went.
pub async fn purge(pool: &SqlitePool, days: u32) -> Result<u64, StoreError> {
    let cutoff = (Utc::now() - chrono::Duration::days(i64::from(days)))
        .to_rfc3339_opts(SecondsFormat::Secs, true);
    // Timestamps are stored as RFC 3339 UTC, so text order is time order.
    let proposals = sqlx::query("DELETE FROM proposals WHERE created_at < ?")
        .bind(&cutoff)
        .execute(pool)
        .await?
        .rows_affected();
    let bookings = sqlx::query("DELETE FROM bookings WHERE start_utc < ?")
        .bind(&cutoff)
        .execute(pool)
        .await?
        .rows_affected();
    let notifications = sqlx::query("DELETE FROM outbox WHERE created_at < ?")
        .bind(&cutoff)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(proposals + bookings + notifications)
}

/// Runs [`purge`] at startup and then every hour, for the life of the process.
pub fn spawn_purge(pool: SqlitePool, days: u32) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(PURGE_EVERY);
        loop {
            tick.tick().await;
            match purge(&pool, days).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(rows = n, days, "retention: old personal data deleted"),
                Err(error) => tracing::error!(%error, "retention purge failed"),
            }
        }
    });
}
