//! `outbox`: notifications waiting for delivery, written in the transaction of what they
//! announce.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{instant, stored, Channel, Database, NotificationEvent, StoreError};

/// Notifications to queue with a new row, in its transaction (none when `channels` is
/// empty).
pub struct Outbound<'a> {
    /// Configured channels.
    pub channels: &'a [Channel],
    /// What the notification announces.
    pub event: NotificationEvent,
    /// Builds the JSON body from the new row's id and creation time, known only inside the
    /// transaction.
    pub payload: &'a (dyn Fn(i64, DateTime<Utc>) -> Result<String, serde_json::Error> + Sync),
}

impl Outbound<'_> {
    /// Queues the notification for each channel, inside the caller's transaction: it exists
    /// if and only if what it announces was stored.
    pub(super) async fn enqueue(
        &self,
        tx: &mut SqliteConnection,
        id: i64,
        created_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        if self.channels.is_empty() {
            return Ok(());
        }
        let payload = (self.payload)(id, created_at)?;
        let now = stored(Utc::now());
        for channel in self.channels {
            sqlx::query(
                "INSERT INTO outbox (created_at, channel, event, payload, next_attempt_at) \
                 VALUES ($1, $2, $3, $4, $1)",
            )
            .bind(&now)
            .bind(channel)
            .bind(self.event)
            .bind(&payload)
            .execute(&mut *tx)
            .await?;
        }
        Ok(())
    }
}

/// One notification to deliver on one channel.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Pending {
    /// Row id (also sent as `X-Rdv-Delivery`, so receivers can drop duplicates).
    pub id: i64,
    /// Where it goes.
    pub channel: Channel,
    /// What it announces.
    pub event: NotificationEvent,
    /// The JSON body.
    pub payload: String,
    /// Failed attempts so far.
    pub attempts: i64,
}

impl Database {
    /// Claims the notifications due at `now` (oldest first, at most `limit`) for `lease`:
    /// one statement, so no other worker can claim them too until the lease runs out.
    pub async fn claim_notifications(
        &self,
        now: DateTime<Utc>,
        lease: std::time::Duration,
        limit: i64,
    ) -> Result<Vec<Pending>, StoreError> {
        let until = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX);
        Ok(sqlx::query_as::<_, Pending>(
            "UPDATE outbox SET lease_until = $1 WHERE id IN (\
                 SELECT id FROM outbox \
                 WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
                 AND (lease_until IS NULL OR lease_until <= $2) \
                 ORDER BY id LIMIT $3) \
             RETURNING id, channel, event, payload, attempts",
        )
        .bind(stored(until))
        .bind(stored(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// When the next pending notification is due, if any.
    pub async fn next_notification_due(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let next: Option<String> = sqlx::query_scalar(
            // A notification another worker holds is due again when its lease runs out.
            "SELECT MIN(CASE WHEN lease_until > next_attempt_at THEN lease_until \
             ELSE next_attempt_at END) FROM outbox \
             WHERE delivered_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(&self.pool)
        .await?;
        next.map(|t| instant("outbox.next_attempt_at", &t))
            .transpose()
    }

    /// Records a successful delivery.
    pub async fn notification_delivered(&self, id: i64) -> Result<(), StoreError> {
        sqlx::query(
            "UPDATE outbox SET delivered_at = $1, attempts = attempts + 1, last_error = NULL, \
             lease_until = NULL WHERE id = $2",
        )
        .bind(stored(Utc::now()))
        .bind(id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Records a failed attempt: retried at `retry_at`, or given up when `None`.
    pub async fn notification_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<DateTime<Utc>>,
    ) -> Result<(), StoreError> {
        let query = match retry_at {
            Some(_) => {
                "UPDATE outbox SET attempts = attempts + 1, last_error = $1, \
                 next_attempt_at = $2, lease_until = NULL WHERE id = $3"
            }
            None => {
                "UPDATE outbox SET attempts = attempts + 1, last_error = $1, failed_at = $2, \
                 lease_until = NULL WHERE id = $3"
            }
        };
        sqlx::query(query)
            .bind(error)
            .bind(stored(retry_at.unwrap_or_else(Utc::now)))
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
