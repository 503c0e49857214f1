//! Data protection: visitors' personal data is deleted once it is no longer needed.

use chrono::Utc;

use super::{
    rate::{DAILY_KEPT_SECONDS, DAILY_PREFIX},
    Database, SqlInstant, StoreError,
};

/// Rows kept `days` after this column's instant.
const AGED: [&str; 3] = [
    "DELETE FROM proposals WHERE created_at < $1",
    "DELETE FROM bookings WHERE start_utc < $1",
    "DELETE FROM outbox WHERE created_at < $1",
];

/// How long a booking attempt is kept: longer than any post can still refer to it (a
/// booking form's token is refused [`BOOKING_FORM_MAX_SECONDS`] after it was issued, and an
/// attempt is made after its form was issued), with an hour for clocks that differ between
/// instances.
pub const ATTEMPTS_KEPT_SECONDS: i64 = BOOKING_FORM_MAX_SECONDS + 3600;

/// How long a booking form's token is accepted (checked in `spam`, which uses this value).
pub const BOOKING_FORM_MAX_SECONDS: i64 = 2 * 3600;

/// Rows that go as soon as they expire.
const EXPIRED: [&str; 3] = [
    "DELETE FROM admin_sessions WHERE expires_at < $1",
    "DELETE FROM drafts WHERE expires_at < $1",
    "DELETE FROM holds WHERE until < $1",
];

impl Database {
    /// Deletes proposals created, bookings that started, and notifications (which copy their
    /// contents) created more than `days` ago, booking attempts no post can refer to any
    /// more, expired sessions, drafts and holds, and past rate windows. Returns how many rows went.
    pub async fn purge(&self, days: u32) -> Result<u64, StoreError> {
        let now = Utc::now();
        let cutoff = SqlInstant(now - chrono::Duration::days(i64::from(days)));
        let now = SqlInstant(now);
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
            // No post can still refer to these.
            deleted += sqlx::query("DELETE FROM booking_attempts WHERE created_at < $1")
                .bind(SqlInstant(now.0 - chrono::Duration::seconds(ATTEMPTS_KEPT_SECONDS)))
                .execute(&mut *tx)
                .await?
                .rows_affected();
            // Limits read this minute and the one before; daily caps the last 24 hours.
            deleted += sqlx::query(
                "DELETE FROM rate_counters WHERE window_start < $1 AND bucket NOT LIKE $2",
            )
            .bind(now.0.timestamp() - 120)
            .bind(format!("{DAILY_PREFIX}%"))
            .execute(&mut *tx)
            .await?
            .rows_affected();
            deleted += sqlx::query("DELETE FROM rate_counters WHERE window_start < $1")
                .bind(now.0.timestamp() - DAILY_KEPT_SECONDS)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            tx.commit().await?;
            deleted
        });
        Ok(deleted)
    }
}

/// What erasing one person removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    /// Proposals.
    pub proposals: u64,
    /// Local copies of bookings (Cal.com keeps its own).
    pub bookings: u64,
    /// Notifications (sent or waiting) that copy them.
    pub notifications: u64,
    /// Refused forms kept to be shown again.
    pub drafts: u64,
}

/// `text` as a `LIKE` pattern that matches it literally (escape character `\`).
fn literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Database {
    /// Erases everything stored about the person with this email (any letter case): their
    /// requests, bookings, the notifications and drafts that quote the address. One
    /// transaction. On SQLite, `secure_delete` overwrites the freed pages.
    pub async fn erase_person(&self, email: &str) -> Result<Erased, StoreError> {
        let email = email.trim().to_lowercase();
        // The address as a JSON string, anywhere in a notification's body or a draft.
        let quoted = format!("%\"{}\"%", literal(&email));
        Ok(on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let proposals = sqlx::query("DELETE FROM proposals WHERE lower(email) = $1")
                .bind(&email)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let bookings = sqlx::query("DELETE FROM bookings WHERE lower(email) = $1")
                .bind(&email)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            let notifications =
                sqlx::query("DELETE FROM outbox WHERE lower(payload) LIKE $1 ESCAPE '\\'")
                    .bind(&quoted)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected();
            let drafts = sqlx::query(
                "DELETE FROM drafts WHERE lower(CAST(draft AS TEXT)) LIKE $1 ESCAPE '\\'",
            )
            .bind(&quoted)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            let erased = Erased {
                proposals,
                bookings,
                notifications,
                drafts,
            };
            tx.commit().await?;
            erased
        }))
    }
}
