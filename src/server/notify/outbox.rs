//! The outbox table: notifications waiting for delivery.

use chrono::{DateTime, Utc};
use sqlx::{SqliteConnection, SqlitePool};

/// One notification to deliver on one channel.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Pending {
    /// Row id (also sent as `X-Rdv-Delivery`, so receivers can drop duplicates).
    pub id: i64,
    /// `webhook` or `email`.
    pub channel: String,
    /// `proposal.created` or `booking.created`.
    pub event: String,
    /// The JSON body.
    pub payload: String,
    /// Failed attempts so far.
    pub attempts: i64,
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// Queues `payload` for each of `channels`, inside the caller's transaction: the
/// notification exists if and only if what it announces was stored.
pub async fn enqueue(
    tx: &mut SqliteConnection,
    channels: &[&str],
    event: &str,
    payload: &str,
) -> Result<(), sqlx::Error> {
    let now = rfc3339(Utc::now());
    for channel in channels {
        sqlx::query(
            "INSERT INTO outbox (created_at, channel, event, payload, next_attempt_at) \
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&now)
        .bind(channel)
        .bind(event)
        .bind(payload)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

/// Notifications due at `now`, oldest first.
pub async fn due(
    pool: &SqlitePool,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Pending>, sqlx::Error> {
    sqlx::query_as::<_, Pending>(
        "SELECT id, channel, event, payload, attempts FROM outbox \
         WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? \
         ORDER BY id LIMIT ?",
    )
    .bind(rfc3339(now))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// When the next pending notification is due, if any.
pub async fn next_due(pool: &SqlitePool) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let next: Option<String> = sqlx::query_scalar(
        "SELECT MIN(next_attempt_at) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL",
    )
    .fetch_one(pool)
    .await?;
    Ok(next
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// Records a successful delivery.
pub async fn delivered(pool: &SqlitePool, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?")
        .bind(rfc3339(Utc::now()))
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Records a failed attempt: retried at `retry_at`, or given up when `None`.
pub async fn failed(
    pool: &SqlitePool,
    id: i64,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    let now = rfc3339(Utc::now());
    sqlx::query(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, \
         next_attempt_at = COALESCE(?, next_attempt_at), \
         failed_at = CASE WHEN ? IS NULL THEN ? ELSE NULL END WHERE id = ?",
    )
    .bind(error)
    .bind(retry_at.map(rfc3339))
    .bind(retry_at.map(rfc3339))
    .bind(&now)
    .bind(id)
    .execute(pool)
    .await?;
    Ok(())
}
