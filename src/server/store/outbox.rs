//! `outbox`: notifications waiting for delivery, written in the transaction of what they
//! announce.

use chrono::{DateTime, Utc};
use sqlx::{query::Query, Encode, Type};

use super::{Backend, Channel, Database, NotificationEvent, SqlInstant, StoreError};
use crate::domain::token::Token;

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

/// One `outbox` row to insert in the transaction of the row it announces: it exists if and
/// only if what it announces was stored.
pub(super) struct Queued {
    created_at: SqlInstant,
    channel: Channel,
    event: NotificationEvent,
    payload: String,
}

impl Queued {
    /// Its `INSERT`, for either backend.
    pub(super) fn insert<'q, DB: sqlx::Database>(&'q self) -> Query<'q, DB, DB::Arguments<'q>>
    where
        SqlInstant: Encode<'q, DB> + Type<DB>,
        Channel: Encode<'q, DB> + Type<DB>,
        NotificationEvent: Encode<'q, DB> + Type<DB>,
        &'q str: Encode<'q, DB> + Type<DB>,
    {
        sqlx::query(
            "INSERT INTO outbox (created_at, channel, event, payload, next_attempt_at) \
             VALUES ($1, $2, $3, $4, $1)",
        )
        .bind(self.created_at)
        .bind(self.channel)
        .bind(self.event)
        .bind(self.payload.as_str())
    }
}

impl Outbound<'_> {
    /// The rows announcing the new row `id`, created at `created_at`: one per channel.
    pub(super) fn rows(&self, id: i64, created_at: SqlInstant) -> Result<Vec<Queued>, StoreError> {
        if self.channels.is_empty() {
            return Ok(Vec::new());
        }
        let payload = (self.payload)(id, created_at.0)?;
        let now = SqlInstant::now();
        Ok(self
            .channels
            .iter()
            .map(|&channel| Queued {
                created_at: now,
                channel,
                event: self.event,
                payload: payload.clone(),
            })
            .collect())
    }
}

/// A reminder to the visitor of a booking: due at its instant, taken back when the booking
/// is cancelled or moved before then.
pub struct Reminder {
    /// When it is sent.
    pub due: DateTime<Utc>,
    /// The email, as JSON.
    pub payload: String,
}

impl Reminder {
    /// Its `INSERT` for the booking `public_id`, for either backend.
    pub(super) fn insert<'q, DB: sqlx::Database>(
        &'q self,
        public_id: &'q Token,
        now: SqlInstant,
    ) -> Query<'q, DB, DB::Arguments<'q>>
    where
        SqlInstant: Encode<'q, DB> + Type<DB>,
        Channel: Encode<'q, DB> + Type<DB>,
        NotificationEvent: Encode<'q, DB> + Type<DB>,
        &'q str: Encode<'q, DB> + Type<DB>,
        &'q Token: Encode<'q, DB> + Type<DB>,
    {
        sqlx::query(
            "INSERT INTO outbox (created_at, channel, event, payload, next_attempt_at, \
             booking_id) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(now)
        .bind(Channel::Visitor)
        .bind(NotificationEvent::BookingReminder)
        .bind(self.payload.as_str())
        .bind(SqlInstant(self.due))
        .bind(public_id)
    }

    /// The `DELETE` of the reminders of `public_id` not sent yet (cancelled, or moved to
    /// another booking); one being sent right now is not stopped.
    pub(super) fn take_back<'q, DB: sqlx::Database>(
        public_id: &'q Token,
        now: SqlInstant,
    ) -> Query<'q, DB, DB::Arguments<'q>>
    where
        SqlInstant: Encode<'q, DB> + Type<DB>,
        NotificationEvent: Encode<'q, DB> + Type<DB>,
        &'q Token: Encode<'q, DB> + Type<DB>,
    {
        sqlx::query(
            "DELETE FROM outbox WHERE booking_id = $1 AND event = $2 AND delivered_at IS NULL \
             AND (lease_until IS NULL OR lease_until < $3)",
        )
        .bind(public_id)
        .bind(NotificationEvent::BookingReminder)
        .bind(now)
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
        // SQLite runs one writing statement at a time, so its sub-select cannot race;
        // PostgreSQL's can: the rows it picks are locked, and rows another worker is
        // claiming at that moment are skipped rather than waited for.
        let select = match self.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        };
        let claim = format!(
            "UPDATE outbox SET lease_until = $1 WHERE id IN (\
                 SELECT id FROM outbox \
                 WHERE delivered_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $2 \
                 AND (lease_until IS NULL OR lease_until <= $2) \
                 ORDER BY id LIMIT $3 {select}) \
             RETURNING id, channel, event, payload, attempts"
        );
        let mut claimed: Vec<Pending> = on_pool!(self, pool => sqlx::query_as(&claim)
            .bind(SqlInstant(until))
            .bind(SqlInstant(now))
            .bind(limit)
            .fetch_all(pool)
            .await?);
        // RETURNING keeps no order.
        claimed.sort_by_key(|p| p.id);
        Ok(claimed)
    }

    /// When the next pending notification is due, if any.
    pub async fn next_notification_due(&self) -> Result<Option<DateTime<Utc>>, StoreError> {
        let next: Option<SqlInstant> = on_pool!(self, pool => sqlx::query_scalar(
            // A notification another worker holds is due again when its lease runs out.
            "SELECT MIN(CASE WHEN lease_until > next_attempt_at THEN lease_until \
             ELSE next_attempt_at END) FROM outbox \
             WHERE delivered_at IS NULL AND failed_at IS NULL",
        )
        .fetch_one(pool)
        .await?);
        Ok(next.map(|SqlInstant(t)| t))
    }

    /// Notifications due and not delivered yet (a reminder whose hour has not come is not
    /// late), and those given up (for `/metrics`).
    pub async fn outbox_counts(&self) -> Result<(i64, i64), StoreError> {
        let pending: i64 = on_pool!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND failed_at IS NULL \
             AND next_attempt_at <= $1",
        )
        .bind(SqlInstant::now())
        .fetch_one(pool)
        .await?);
        let failed: i64 = on_pool!(self, pool =>
            sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL")
                .fetch_one(pool)
                .await?);
        Ok((pending, failed))
    }

    /// Records a successful delivery.
    pub async fn notification_delivered(&self, id: i64) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "UPDATE outbox SET delivered_at = $1, attempts = attempts + 1, last_error = NULL, \
             lease_until = NULL WHERE id = $2",
        )
        .bind(SqlInstant::now())
        .bind(id)
        .execute(pool)
        .await
        .map(drop)?);
        Ok(())
    }

    /// Gives back notifications this worker claimed but will not deliver (it is stopping):
    /// any worker may take them at once instead of when the lease runs out.
    pub async fn release_notifications(&self, ids: &[i64]) -> Result<(), StoreError> {
        for &id in ids {
            on_pool!(self, pool => sqlx::query(
                "UPDATE outbox SET lease_until = NULL \
                 WHERE id = $1 AND delivered_at IS NULL AND failed_at IS NULL",
            )
            .bind(id)
            .execute(pool)
            .await
            .map(drop)?);
        }
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
        let at = SqlInstant(retry_at.unwrap_or_else(Utc::now));
        on_pool!(self, pool => sqlx::query(query)
            .bind(error)
            .bind(at)
            .bind(id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }
}
