//! `holds`: the hour each visit holds at Cal.com while the visitor types (its reservation
//! uid never leaves the server; the visit knows the hold by its own random id).

use chrono::{DateTime, Utc};

use super::{Database, Stamp, StoreError};

/// What a visit holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hold {
    /// The visit's hold id (random, in its URLs).
    pub id: String,
    /// Event type slug.
    pub event_type: String,
    /// The held hour.
    pub start_utc: DateTime<Utc>,
    /// Cal.com's reservation uid.
    pub reservation_uid: String,
    /// When Cal.com lets the hour go.
    pub until: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: String,
    event_type: String,
    start_utc: Stamp,
    reservation_uid: String,
    until: Stamp,
}

impl Database {
    /// The hold `id`, if it exists (expired or not).
    pub async fn find_hold(&self, id: &str) -> Result<Option<Hold>, StoreError> {
        let row: Option<Stored> = on_pool!(self, pool => sqlx::query_as(
            "SELECT id, event_type, start_utc, reservation_uid, until FROM holds WHERE id = $1",
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
        }))
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
        .bind(Stamp(hold.start_utc).to_second())
        .bind(&hold.reservation_uid)
        .bind(Stamp(hold.until))
        .bind(client)
        .bind(Stamp::now())
        .execute(pool)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// Forgets the hold `id` (its reservation was released, or used by a booking).
    pub async fn drop_hold(&self, id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM holds WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())?);
        Ok(())
    }

    /// How many hours `client` holds now, other than through the hold `except`.
    pub async fn holds_of(&self, client: &str, except: &str) -> Result<i64, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_scalar(
            "SELECT COUNT(*) FROM holds WHERE client = $1 AND until > $2 AND id <> $3",
        )
        .bind(client)
        .bind(Stamp::now())
        .bind(except)
        .fetch_one(pool)
        .await?))
    }
}
