//! `holds`: the hour each visit holds at Cal.com while the visitor types (its reservation
//! uid never leaves the server; the visit knows the hold by its own random id).

use chrono::{DateTime, Utc};

use super::{Database, SqlInstant, StoreError};
use crate::domain::token::Token;

/// What a visit holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hold {
    /// The visit's hold id (random, in its URLs).
    pub id: Token,
    /// Event type slug.
    pub event_type: String,
    /// The held hour.
    pub start_utc: DateTime<Utc>,
    /// Cal.com's reservation uid.
    pub reservation_uid: String,
    /// When Cal.com lets the hour go.
    pub until: DateTime<Utc>,
    /// When the visit first held an hour (extensions and other hours keep it): its holds
    /// end a bounded time after this, however often it comes back.
    pub since: DateTime<Utc>,
}

impl Hold {
    /// Claimed, but not yet held at Cal.com (or Cal.com refused).
    pub fn is_pending(&self) -> bool {
        self.reservation_uid.is_empty()
    }
}

/// An hour held now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeldHour {
    /// The visit's hold id.
    pub id: Token,
    /// The held hour.
    pub start: DateTime<Utc>,
    /// Held at Cal.com (not only claimed here).
    pub at_calcom: bool,
}

/// How many hours may be held at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HoldLimits {
    /// By one client, through all its visits.
    pub per_client: i64,
    /// Of one event type in `week`, by all visits together.
    pub per_week: i64,
    /// The week of the hour claimed (its first instant, and the next week's).
    pub week: (DateTime<Utc>, DateTime<Utc>),
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: Token,
    event_type: String,
    start_utc: SqlInstant,
    reservation_uid: String,
    until: SqlInstant,
    created_at: SqlInstant,
}

impl Database {
    /// The hold `id`, if it exists (expired or not).
    pub async fn find_hold(&self, id: &Token) -> Result<Option<Hold>, StoreError> {
        let row: Option<Stored> = on_pool!(self, pool => sqlx::query_as(
            "SELECT id, event_type, start_utc, reservation_uid, until, created_at FROM holds \
             WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(pool)
        .await?);
        Ok(row.map(|r| Hold {
            id: r.id,
            event_type: r.event_type,
            start_utc: r.start_utc.0,
            reservation_uid: r.reservation_uid,
            until: r.until.0,
            since: r.created_at.0,
        }))
    }

    /// Claims a hold for `client` before Cal.com is asked, unless the client already holds
    /// `limits.per_client` hours through other holds, or all visits together hold
    /// `limits.per_week` hours of this event type in the hour's week: true when claimed. The counts and
    /// the claim are one step (one statement on SQLite, which has one writer; under a lock
    /// per event type and one per client on PostgreSQL, always taken in that order), so
    /// parallel requests, on any instance, cannot all pass.
    /// The claim is `hold` with no reservation yet, for `hold.until`, the visit holding since
    /// `hold.since`; the visit's earlier hold row (another hour) is replaced.
    pub async fn claim_hold(
        &self,
        hold: &Hold,
        client: &str,
        limits: HoldLimits,
    ) -> Result<bool, StoreError> {
        const CLAIM: &str = "INSERT INTO holds (id, event_type, start_utc, reservation_uid, \
             until, client, created_at) \
             SELECT $1, $2, $3, '', $4, $5, $8 \
             WHERE (SELECT COUNT(*) FROM holds WHERE client = $5 AND until > $6 AND id <> $1) < $7 \
             AND (SELECT COUNT(*) FROM holds WHERE event_type = $2 AND until > $6 AND id <> $1 \
                  AND start_utc >= $10 AND start_utc < $11) < $9 \
             ON CONFLICT (id) DO UPDATE SET event_type = excluded.event_type, \
             start_utc = excluded.start_utc, reservation_uid = excluded.reservation_uid, \
             until = excluded.until, client = excluded.client";
        let now = SqlInstant::now();
        let claimed = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            if self.backend() == super::Backend::Postgres {
                for lock in [format!("holds of {}", hold.event_type), format!("holds by {client}")] {
                    sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
                        .bind(lock)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            let done = sqlx::query(CLAIM)
                .bind(&hold.id)
                .bind(&hold.event_type)
                .bind(SqlInstant(hold.start_utc).to_second())
                .bind(SqlInstant(hold.until))
                .bind(client)
                .bind(now)
                .bind(limits.per_client)
                .bind(SqlInstant(hold.since))
                .bind(limits.per_week)
                .bind(SqlInstant(limits.week.0).to_second())
                .bind(SqlInstant(limits.week.1).to_second())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            done.rows_affected() > 0
        });
        Ok(claimed)
    }

    /// The hours of `event_type` held now (or being held), with the visit holding each and
    /// whether Cal.com holds it already: every instance takes them out of what it offers to
    /// other visits.
    pub async fn held_hours(&self, event_type: &str) -> Result<Vec<HeldHour>, StoreError> {
        let rows: Vec<(Token, SqlInstant, String)> = on_pool!(self, pool => sqlx::query_as(
            "SELECT id, start_utc, reservation_uid FROM holds WHERE event_type = $1 AND until > $2",
        )
        .bind(event_type)
        .bind(SqlInstant::now())
        .fetch_all(pool)
        .await?);
        Ok(rows
            .into_iter()
            .map(|(id, start, reservation)| HeldHour {
                id,
                start: start.0,
                at_calcom: !reservation.is_empty(),
            })
            .collect())
    }

    /// Stores `hold` (replacing what the visit held before), counted for `client`.
    pub async fn save_hold(&self, hold: &Hold, client: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "INSERT INTO holds (id, event_type, start_utc, reservation_uid, until, client, \
             created_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (id) DO UPDATE SET event_type = excluded.event_type, \
             start_utc = excluded.start_utc, reservation_uid = excluded.reservation_uid, \
             until = excluded.until",
        )
        .bind(&hold.id)
        .bind(&hold.event_type)
        .bind(SqlInstant(hold.start_utc).to_second())
        .bind(&hold.reservation_uid)
        .bind(SqlInstant(hold.until))
        .bind(client)
        .bind(SqlInstant(hold.since))
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Ends the hold `id` now (its reservation was released), keeping when the visit began
    /// holding: going back to the dates and choosing again does not start its life again.
    pub async fn end_hold(&self, id: &Token) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query(
            "UPDATE holds SET until = $2, reservation_uid = '' WHERE id = $1",
        )
        .bind(id)
        .bind(SqlInstant::now())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Forgets the hold `id` (its reservation was used by a booking).
    pub async fn drop_hold(&self, id: &Token) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM holds WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())?);
        Ok(())
    }
}
