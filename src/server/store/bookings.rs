//! `bookings`: appointments booked through the tunnel, for their confirmation page.

use chrono::{DateTime, Utc};

use chrono_tz::Tz;

use crate::domain::{lang::Lang, token::Token};

use super::{
    outbox::{Outbound, Reminder},
    BookingStatus, Database, SqlInstant, StoreError,
};

/// A booking to record.
#[derive(Clone, Debug)]
pub struct NewBookingRow {
    /// Random id used in the confirmation URL.
    pub public_id: Token,
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
    /// The public id of the booking this one was moved to (`None` when recorded).
    pub moved_to: Option<Token>,
    /// Where the meeting happens, as Cal.com said it (a video link, an address, a phone).
    pub location: Option<String>,
    /// The visitor did not come (marked by the owner).
    pub absent: bool,
    /// The language of the visit that booked (`None`: the business's).
    pub lang: Option<Lang>,
    /// The visitor's time zone when it is not the business's.
    pub visitor_zone: Option<Tz>,
}

/// A recorded booking, as the confirmation page reads it.
pub type BookingRow = NewBookingRow;

/// A `bookings` row as read (also by the copy to another database, with its id).
#[derive(sqlx::FromRow)]
pub(super) struct Stored {
    pub(super) public_id: Token,
    pub(super) calcom_uid: Option<String>,
    pub(super) event_type: String,
    pub(super) start_utc: SqlInstant,
    pub(super) duration_minutes: i64,
    pub(super) status: BookingStatus,
    pub(super) name: String,
    pub(super) email: String,
    pub(super) phone: Option<String>,
    pub(super) moved_to: Option<Token>,
    pub(super) location: Option<String>,
    pub(super) absent: bool,
    pub(super) lang: Option<String>,
    pub(super) visitor_zone: Option<String>,
}

impl From<Stored> for BookingRow {
    fn from(row: Stored) -> Self {
        Self {
            public_id: row.public_id,
            calcom_uid: row.calcom_uid,
            event_type: row.event_type,
            start_utc: row.start_utc.0,
            duration_minutes: row.duration_minutes,
            status: row.status,
            name: row.name,
            email: row.email,
            phone: row.phone,
            moved_to: row.moved_to,
            location: row.location,
            absent: row.absent,
            lang: row.lang.as_deref().and_then(Lang::parse),
            visitor_zone: row.visitor_zone.and_then(|zone| zone.parse().ok()),
        }
    }
}

impl Database {
    /// Records a booking, queues its notifications and its reminders; returns once all are
    /// committed.
    pub async fn insert_booking(
        &self,
        b: &NewBookingRow,
        notify: &Outbound<'_>,
        reminders: &[Reminder],
    ) -> Result<(), StoreError> {
        self.insert_booking_replacing(b, None, notify, reminders)
            .await
    }

    /// The booking with this public id, if any.
    pub async fn find_booking(&self, public_id: &Token) -> Result<Option<BookingRow>, StoreError> {
        let query = format!("SELECT {COLUMNS} FROM bookings WHERE public_id = $1");
        let row: Option<Stored> = on_pool!(self, pool => sqlx::query_as(&query)
            .bind(public_id)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(BookingRow::from))
    }
}

impl Database {
    /// The first booking of the chain of moves that led to `public_id` (itself when it was
    /// never moved to), and how many moves separate the two (at most `MOVES_FOLLOWED`).
    pub async fn first_of_moves(&self, public_id: &Token) -> Result<(Token, u32), StoreError> {
        const MOVES_FOLLOWED: u32 = 64;
        let mut current = public_id.clone();
        let mut moves = 0;
        while moves < MOVES_FOLLOWED {
            let earlier: Option<Token> = on_pool!(self, pool => sqlx::query_scalar(
                "SELECT public_id FROM bookings WHERE moved_to = $1",
            )
            .bind(&current)
            .fetch_optional(pool)
            .await?);
            let Some(earlier) = earlier else { break };
            current = earlier;
            moves += 1;
        }
        Ok((current, moves))
    }
}

/// Columns of a booking as [`Stored`] reads it.
const COLUMNS: &str = "public_id, calcom_uid, event_type, start_utc, duration_minutes, status, \
                       name, email, phone, moved_to, location, absent, lang, \
                       visitor_zone";

impl Database {
    /// The booking Cal.com knows by `calcom_uid`, if it was made through the tunnel.
    pub async fn find_booking_by_uid(
        &self,
        calcom_uid: &str,
    ) -> Result<Option<BookingRow>, StoreError> {
        let query = format!("SELECT {COLUMNS} FROM bookings WHERE calcom_uid = $1");
        let row: Option<Stored> = on_pool!(self, pool => sqlx::query_as(&query)
            .bind(calcom_uid)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(BookingRow::from))
    }

    /// Bookings made through the tunnel starting from `since`, soonest first (at most
    /// `limit`), whatever their status.
    pub async fn bookings_from(
        &self,
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<BookingRow>, StoreError> {
        let query = format!(
            "SELECT {COLUMNS} FROM bookings WHERE start_utc >= $1 ORDER BY start_utc, id LIMIT $2"
        );
        let rows: Vec<Stored> = on_pool!(self, pool => sqlx::query_as(&query)
            .bind(SqlInstant(since))
            .bind(limit)
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(BookingRow::from).collect())
    }

    /// Sets the status of the booking `public_id` and queues its notifications, in one
    /// transaction; false (nothing queued) when the status already was `status`. A
    /// cancelled or rejected booking's reminders not sent yet are taken back with it.
    pub async fn set_booking_status(
        &self,
        public_id: &Token,
        status: BookingStatus,
        notify: &Outbound<'_>,
    ) -> Result<bool, StoreError> {
        let now = SqlInstant::now();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: Option<i64> = sqlx::query_scalar(
                "UPDATE bookings SET status = $1 WHERE public_id = $2 AND status <> $1 \
                 RETURNING id",
            )
            .bind(status)
            .bind(public_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else {
                return Ok(false);
            };
            for row in notify.rows(id, now)? {
                row.insert().execute(&mut *tx).await?;
            }
            if matches!(status, BookingStatus::Cancelled | BookingStatus::Rejected) {
                Reminder::take_back(public_id, now).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(true)
    }

    /// Records that the booking `public_id` was moved: the new booking `to` is stored with
    /// its reminders, the old one is cancelled, points to it and loses the reminders not sent
    /// yet, and the notifications are queued, all in one transaction.
    pub async fn record_move(
        &self,
        public_id: &Token,
        to: &NewBookingRow,
        notify: &Outbound<'_>,
        reminders: &[Reminder],
    ) -> Result<(), StoreError> {
        self.insert_booking_replacing(to, Some(public_id), notify, reminders)
            .await
    }

    /// Records `b`, queues its notifications and reminders, and when it replaces
    /// `moved_from`, cancels that one pointing to it: one transaction.
    async fn insert_booking_replacing(
        &self,
        b: &NewBookingRow,
        moved_from: Option<&Token>,
        notify: &Outbound<'_>,
        reminders: &[Reminder],
    ) -> Result<(), StoreError> {
        let now = SqlInstant::now();
        on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO bookings (public_id, calcom_uid, event_type, start_utc, \
                 duration_minutes, status, name, email, phone, created_at, location, lang, \
                 visitor_zone) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            )
            .bind(&b.public_id)
            .bind(&b.calcom_uid)
            .bind(&b.event_type)
            // To the second, as Cal.com's starts are.
            .bind(SqlInstant(b.start_utc).to_second())
            .bind(b.duration_minutes)
            .bind(b.status)
            .bind(&b.name)
            .bind(&b.email)
            .bind(&b.phone)
            .bind(now)
            .bind(&b.location)
            .bind(b.lang.as_ref().map(Lang::as_str))
            .bind(b.visitor_zone.map(|zone| zone.name()))
            .fetch_one(&mut *tx)
            .await?;
            if let Some(old) = moved_from {
                sqlx::query("UPDATE bookings SET status = $1, moved_to = $2 WHERE public_id = $3")
                    .bind(BookingStatus::Cancelled)
                    .bind(&b.public_id)
                    .bind(old)
                    .execute(&mut *tx)
                    .await?;
                Reminder::take_back(old, now).execute(&mut *tx).await?;
            }
            for row in notify.rows(id, now)? {
                row.insert().execute(&mut *tx).await?;
            }
            for reminder in reminders {
                reminder.insert(&b.public_id, now).execute(&mut *tx).await?;
            }
            tx.commit().await?;
        });
        Ok(())
    }

    /// Marks the past booking `public_id` as missed by its visitor: true when it was not yet.
    pub async fn mark_absent(&self, public_id: &Token) -> Result<bool, StoreError> {
        let done = on_pool!(self, pool => sqlx::query(
            "UPDATE bookings SET absent = $2 WHERE public_id = $1 AND absent = $3",
        )
        .bind(public_id)
        .bind(true)
        .bind(false)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(done == 1)
    }
}
