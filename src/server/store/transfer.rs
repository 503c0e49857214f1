//! Moving to another database (SQLite to PostgreSQL when a business outgrows one host, or
//! back): everything that must outlive the move, with its ids — proposals and the offers
//! of their emails, bookings, notifications (sent or waiting), the shared secrets (forms already shown stay valid).
//! Short-lived rows are left behind: admin sessions (sign in again), drafts, booking claims,
//! rate counters, availability counters.

use serde_json::Value;
use sqlx::types::Json;

use super::{
    bookings::Stored, Backend, Channel, Database, NotificationEvent, ProposalStatus, SqlInstant,
    StoreError,
};

/// How many rows of each kind were copied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Copied {
    /// Proposals.
    pub proposals: usize,
    /// Bookings.
    pub bookings: usize,
    /// Notifications.
    pub notifications: usize,
    /// Secrets.
    pub secrets: usize,
}

#[derive(sqlx::FromRow)]
struct ProposalRecord {
    id: i64,
    created_at: SqlInstant,
    event_type: String,
    name: String,
    email: String,
    phone: Option<String>,
    availabilities: Json<Value>,
    message: Option<String>,
    utm: Option<Json<Value>>,
    referrer: Option<String>,
    status: ProposalStatus,
    form_token: Option<String>,
    lang: String,
    offered_at: Option<SqlInstant>,
    booking_id: Option<String>,
}

#[derive(sqlx::FromRow)]
struct OfferRecord {
    id: i64,
    proposal_id: i64,
    nonce: String,
    start_utc: Option<SqlInstant>,
    expires_at: SqlInstant,
    created_at: SqlInstant,
}

#[derive(sqlx::FromRow)]
struct BookingRecord {
    id: i64,
    #[sqlx(flatten)]
    booking: Stored,
    created_at: SqlInstant,
}

#[derive(sqlx::FromRow)]
struct OutboxRecord {
    id: i64,
    created_at: SqlInstant,
    channel: Channel,
    event: NotificationEvent,
    payload: String,
    attempts: i64,
    next_attempt_at: SqlInstant,
    delivered_at: Option<SqlInstant>,
    failed_at: Option<SqlInstant>,
    last_error: Option<String>,
    booking_id: Option<String>,
}

/// Everything copied, read from the source at once.
struct Contents {
    proposals: Vec<ProposalRecord>,
    offers: Vec<OfferRecord>,
    bookings: Vec<BookingRecord>,
    outbox: Vec<OutboxRecord>,
    secrets: Vec<(String, String)>,
}

impl Database {
    async fn contents(&self) -> Result<Contents, StoreError> {
        Ok(on_pool!(self, pool => {
            // One transaction: a consistent picture even if the source is in use.
            let mut tx = pool.begin().await?;
            let contents = Contents {
                proposals: sqlx::query_as(
                    "SELECT id, created_at, event_type, name, email, phone, availabilities, \
                     message, utm, referrer, status, form_token, lang, offered_at, booking_id \
                     FROM proposals ORDER BY id",
                )
                .fetch_all(&mut *tx)
                .await?,
                offers: sqlx::query_as(
                    "SELECT id, proposal_id, nonce, start_utc, expires_at, created_at FROM offers \
                     ORDER BY id",
                )
                .fetch_all(&mut *tx)
                .await?,
                bookings: sqlx::query_as(
                    "SELECT id, public_id, calcom_uid, event_type, start_utc, duration_minutes, \
                     status, name, email, phone, moved_to, location, absent, lang, \
                     visitor_zone, created_at FROM bookings \
                     ORDER BY id",
                )
                .fetch_all(&mut *tx)
                .await?,
                outbox: sqlx::query_as(
                    "SELECT id, created_at, channel, event, payload, attempts, next_attempt_at, \
                     delivered_at, failed_at, last_error, booking_id FROM outbox ORDER BY id",
                )
                .fetch_all(&mut *tx)
                .await?,
                secrets: sqlx::query_as("SELECT name, value FROM secrets ORDER BY name")
                    .fetch_all(&mut *tx)
                    .await?,
            };
            tx.commit().await?;
            contents
        }))
    }

    /// Copies this database's lasting rows into `target`, which must hold no proposal,
    /// booking or notification yet (its migrations have run: [`Database::connect`]). One
    /// transaction on the target: all or nothing.
    pub async fn copy_into(&self, target: &Database) -> Result<Copied, StoreError> {
        let contents = self.contents().await?;
        // Ids are kept (notifications and links name them); PostgreSQL makes its identity
        // columns accept them only when told.
        let keep_id = match target.backend() {
            Backend::Sqlite => "",
            Backend::Postgres => "OVERRIDING SYSTEM VALUE",
        };
        let insert_proposal = format!(
            "INSERT INTO proposals (id, created_at, event_type, name, email, phone, \
             availabilities, message, utm, referrer, status, form_token, lang, offered_at, \
             booking_id) {keep_id} \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)"
        );
        let insert_offer = format!(
            "INSERT INTO offers (id, proposal_id, nonce, start_utc, expires_at, created_at) \
             {keep_id} VALUES ($1, $2, $3, $4, $5, $6)"
        );
        let insert_booking = format!(
            "INSERT INTO bookings (id, public_id, calcom_uid, event_type, start_utc, \
             duration_minutes, status, name, email, phone, moved_to, created_at, location, \
             absent, lang, visitor_zone) {keep_id} \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
        );
        let insert_outbox = format!(
            "INSERT INTO outbox (id, created_at, channel, event, payload, attempts, \
             next_attempt_at, delivered_at, failed_at, last_error, booking_id) {keep_id} \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
        );
        on_pool!(target, pool => {
            let mut tx = pool.begin().await?;
            let (held,): (i64,) = sqlx::query_as(
                "SELECT (SELECT COUNT(*) FROM proposals) + (SELECT COUNT(*) FROM bookings) \
                 + (SELECT COUNT(*) FROM outbox)",
            )
            .fetch_one(&mut *tx)
            .await?;
            if held > 0 {
                return Err(StoreError::NotEmpty);
            }
            for p in &contents.proposals {
                sqlx::query(&insert_proposal)
                    .bind(p.id)
                    .bind(p.created_at)
                    .bind(&p.event_type)
                    .bind(&p.name)
                    .bind(&p.email)
                    .bind(&p.phone)
                    .bind(&p.availabilities)
                    .bind(&p.message)
                    .bind(&p.utm)
                    .bind(&p.referrer)
                    .bind(p.status)
                    .bind(&p.form_token)
                    .bind(&p.lang)
                    .bind(p.offered_at)
                    .bind(&p.booking_id)
                    .execute(&mut *tx)
                    .await?;
            }
            for o in &contents.offers {
                sqlx::query(&insert_offer)
                    .bind(o.id)
                    .bind(o.proposal_id)
                    .bind(&o.nonce)
                    .bind(o.start_utc)
                    .bind(o.expires_at)
                    .bind(o.created_at)
                    .execute(&mut *tx)
                    .await?;
            }
            for b in &contents.bookings {
                sqlx::query(&insert_booking)
                    .bind(b.id)
                    .bind(&b.booking.public_id)
                    .bind(&b.booking.calcom_uid)
                    .bind(&b.booking.event_type)
                    .bind(b.booking.start_utc)
                    .bind(b.booking.duration_minutes)
                    .bind(b.booking.status)
                    .bind(&b.booking.name)
                    .bind(&b.booking.email)
                    .bind(&b.booking.phone)
                    .bind(&b.booking.moved_to)
                    .bind(b.created_at)
                    .bind(&b.booking.location)
                    .bind(b.booking.absent)
                    .bind(&b.booking.lang)
                    .bind(&b.booking.visitor_zone)
                    .execute(&mut *tx)
                    .await?;
            }
            for o in &contents.outbox {
                sqlx::query(&insert_outbox)
                    .bind(o.id)
                    .bind(o.created_at)
                    .bind(o.channel)
                    .bind(o.event)
                    .bind(&o.payload)
                    .bind(o.attempts)
                    .bind(o.next_attempt_at)
                    .bind(o.delivered_at)
                    .bind(o.failed_at)
                    .bind(&o.last_error)
                    .bind(&o.booking_id)
                    .execute(&mut *tx)
                    .await?;
            }
            for (name, value) in &contents.secrets {
                // The target made its own secrets when it started: the source's win.
                sqlx::query(
                    "INSERT INTO secrets (name, value) VALUES ($1, $2) \
                     ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                )
                .bind(name)
                .bind(value)
                .execute(&mut *tx)
                .await?;
            }
            if target.backend() == Backend::Postgres {
                // New rows continue after the copied ids.
                for table in ["proposals", "offers", "bookings", "outbox"] {
                    sqlx::query(&format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                         (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"
                    ))
                    .execute(&mut *tx)
                    .await?;
                }
            }
            tx.commit().await?;
        });
        Ok(Copied {
            proposals: contents.proposals.len(),
            bookings: contents.bookings.len(),
            notifications: contents.outbox.len(),
            secrets: contents.secrets.len(),
        })
    }
}
