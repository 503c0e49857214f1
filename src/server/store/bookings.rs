//! `bookings`: appointments booked through the tunnel, for their confirmation page.

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{sqlite::SqliteRow, Row};

use super::{instant, outbox::Outbound, BookingStatus, Database, StoreError};

/// A booking to record.
#[derive(Clone, Debug)]
pub struct NewBookingRow {
    /// Random id used in the confirmation URL.
    pub public_id: String,
    /// Cal.com uid, when booked in Cal.com (none with the demo calendar).
    pub calcom_uid: Option<String>,
    /// Event type slug.
    pub event_type: String,
    /// Start.
    pub start_utc: DateTime<Utc>,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// Cal.com's status.
    pub status: BookingStatus,
    /// Attendee name.
    pub name: String,
    /// Attendee email.
    pub email: String,
    /// Attendee phone.
    pub phone: Option<String>,
}

/// A recorded booking, as the confirmation page reads it.
pub type BookingRow = NewBookingRow;

fn booking(row: &SqliteRow) -> Result<BookingRow, StoreError> {
    Ok(BookingRow {
        public_id: row.try_get("public_id")?,
        calcom_uid: row.try_get("calcom_uid")?,
        event_type: row.try_get("event_type")?,
        start_utc: instant("bookings.start_utc", row.try_get("start_utc")?)?,
        duration_minutes: row.try_get("duration_minutes")?,
        status: row.try_get("status")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
    })
}

impl Database {
    /// Records a booking and queues its notifications; returns once both are committed.
    pub async fn insert_booking(
        &self,
        b: &NewBookingRow,
        notify: &Outbound<'_>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin().await?;
        let now = Utc::now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO bookings (public_id, calcom_uid, event_type, start_utc, duration_minutes, \
             status, name, email, phone, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(&b.public_id)
        .bind(&b.calcom_uid)
        .bind(&b.event_type)
        // To the second, as Cal.com's starts are.
        .bind(b.start_utc.to_rfc3339_opts(SecondsFormat::Secs, true))
        .bind(b.duration_minutes)
        .bind(b.status)
        .bind(&b.name)
        .bind(&b.email)
        .bind(&b.phone)
        .bind(super::stored(now))
        .fetch_one(&mut *tx)
        .await?;
        notify.enqueue(&mut tx, id, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The booking with this public id, if any.
    pub async fn find_booking(&self, public_id: &str) -> Result<Option<BookingRow>, StoreError> {
        sqlx::query(
            "SELECT public_id, calcom_uid, event_type, start_utc, duration_minutes, status, name, \
             email, phone FROM bookings WHERE public_id = $1",
        )
        .bind(public_id)
        .fetch_optional(&self.pool)
        .await?
        .as_ref()
        .map(booking)
        .transpose()
    }
}
