//! SQLite storage: connection, migrations, health.

use std::{path::Path, str::FromStr, time::Duration};

use super::notify::outbox;
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL is not a valid SQLite URL.
    #[error("DATABASE_URL is not a valid SQLite URL: {0}")]
    Url(sqlx::Error),
    /// The folder of the database file cannot be created.
    #[error("cannot create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
    /// A query or the connection failed.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
}

/// Now, as stored: RFC 3339 UTC with a `Z`, so that text order is time order.
fn now_utc() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Opens (creating if missing) the database and applies pending migrations.
///
/// WAL with `synchronous=FULL`: a committed proposal survives a crash or power loss.
pub async fn connect(url: &str) -> Result<SqlitePool, StoreError> {
    let options = SqliteConnectOptions::from_str(url)
        .map_err(StoreError::Url)?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(Duration::from_secs(5))
        .foreign_keys(true);
    if let Some(folder) = Path::new(options.get_filename()).parent() {
        if !folder.as_os_str().is_empty() && !folder.exists() {
            std::fs::create_dir_all(folder)
                .map_err(|e| StoreError::Folder(folder.display().to_string(), e))?;
        }
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(4)
        .acquire_timeout(Duration::from_secs(3))
        .connect_with(options)
        .await?;
    sqlx::migrate!("./migrations").run(&pool).await?;
    Ok(pool)
}

/// True when the database answers a trivial query.
pub async fn is_healthy(pool: &SqlitePool) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT 1")
        .fetch_one(pool)
        .await
        .is_ok_and(|v| v == 1)
}

/// A booking made through the tunnel, as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct StoredBooking {
    /// Random id used in the confirmation URL.
    pub public_id: String,
    /// Cal.com uid, when booked in Cal.com.
    pub calcom_uid: Option<String>,
    /// Event type slug.
    pub event_type: String,
    /// Start, RFC 3339 UTC.
    pub start_utc: String,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// `accepted` or `pending`.
    pub status: String,
    /// Attendee name.
    pub name: String,
    /// Attendee email.
    pub email: String,
    /// Attendee phone.
    pub phone: Option<String>,
}

/// Records a booking; returns once the row is committed.
pub async fn insert_booking(
    pool: &SqlitePool,
    b: &StoredBooking,
    notify: &Outbound<'_>,
) -> Result<(), StoreError> {
    let mut tx = pool.begin().await?;
    sqlx::query(
        "INSERT INTO bookings (public_id, calcom_uid, event_type, start_utc, duration_minutes, \
         status, name, email, phone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&b.public_id)
    .bind(&b.calcom_uid)
    .bind(&b.event_type)
    .bind(&b.start_utc)
    .bind(b.duration_minutes)
    .bind(&b.status)
    .bind(&b.name)
    .bind(&b.email)
    .bind(&b.phone)
    .bind(now_utc())
    .execute(&mut *tx)
    .await?;
    outbox::enqueue(
        &mut tx,
        notify.channels,
        notify.event,
        &(notify.payload)(0, ""),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The booking with this public id, if any.
pub async fn find_booking(
    pool: &SqlitePool,
    public_id: &str,
) -> Result<Option<StoredBooking>, StoreError> {
    Ok(sqlx::query_as::<_, StoredBooking>(
        "SELECT public_id, calcom_uid, event_type, start_utc, duration_minutes, status, name, \
         email, phone FROM bookings WHERE public_id = ?",
    )
    .bind(public_id)
    .fetch_optional(pool)
    .await?)
}

/// An own-availability request to store.
#[derive(Clone, Debug)]
pub struct NewProposal {
    /// Event type slug.
    pub event_type: String,
    /// Visitor name.
    pub name: String,
    /// Visitor email.
    pub email: String,
    /// Visitor phone, international format.
    pub phone: Option<String>,
    /// JSON array of `{date, from, to}`.
    pub availabilities_json: String,
    /// Free message.
    pub message: Option<String>,
    /// JSON object of UTM parameters, if any.
    pub utm_json: Option<String>,
    /// Referrer, if any.
    pub referrer: Option<String>,
}

/// Stores a proposal; returns its id once the transaction is committed (never before).
pub async fn insert_proposal(
    pool: &SqlitePool,
    p: &NewProposal,
    notify: &Outbound<'_>,
) -> Result<i64, StoreError> {
    let mut tx = pool.begin().await?;
    let created_at = now_utc();
    let id = sqlx::query(
        "INSERT INTO proposals (created_at, event_type, name, email, phone, availabilities, \
         message, utm, referrer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&created_at)
    .bind(&p.event_type)
    .bind(&p.name)
    .bind(&p.email)
    .bind(&p.phone)
    .bind(&p.availabilities_json)
    .bind(&p.message)
    .bind(&p.utm_json)
    .bind(&p.referrer)
    .execute(&mut *tx)
    .await?
    .last_insert_rowid();
    outbox::enqueue(
        &mut tx,
        notify.channels,
        notify.event,
        &(notify.payload)(id, &created_at),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Notifications to queue with a new row, in its transaction (none when `channels` is
/// empty). `payload` gets the row id and creation time, known only inside the transaction.
pub struct Outbound<'a> {
    /// Configured channels (`webhook`, `email`).
    pub channels: &'a [&'a str],
    /// `proposal.created` or `booking.created`.
    pub event: &'a str,
    /// Builds the JSON body.
    pub payload: &'a (dyn Fn(i64, &str) -> String + Sync),
}

/// A stored proposal, as the admin shows it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ProposalRow {
    /// Row id.
    pub id: i64,
    /// RFC 3339, UTC.
    pub created_at: String,
    /// Event type slug.
    pub event_type: String,
    /// Visitor's name.
    pub name: String,
    /// Visitor's email.
    pub email: String,
    /// Visitor's phone.
    pub phone: Option<String>,
    /// JSON `[{date, from, to}]`.
    pub availabilities: String,
    /// Visitor's message.
    pub message: Option<String>,
    /// JSON object of `utm_*`.
    pub utm: Option<String>,
    /// `nouveau` or `traité`.
    pub status: String,
}

/// Proposals, newest first; only those with `status` when given; at most `limit`.
pub async fn list_proposals(
    pool: &SqlitePool,
    status: Option<&str>,
    limit: i64,
) -> Result<Vec<ProposalRow>, StoreError> {
    Ok(sqlx::query_as::<_, ProposalRow>(
        "SELECT id, created_at, event_type, name, email, phone, availabilities, message, utm, \
         status FROM proposals WHERE (?1 IS NULL OR status = ?1) \
         ORDER BY created_at DESC, id DESC LIMIT ?2",
    )
    .bind(status)
    .bind(limit)
    .fetch_all(pool)
    .await?)
}

/// How many proposals there are (with `status` when given).
pub async fn count_proposals(pool: &SqlitePool, status: Option<&str>) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE (?1 IS NULL OR status = ?1)")
            .bind(status)
            .fetch_one(pool)
            .await?,
    )
}

/// Sets a proposal's status; false when there is no such proposal.
pub async fn set_proposal_status(
    pool: &SqlitePool,
    id: i64,
    status: &str,
) -> Result<bool, StoreError> {
    let done = sqlx::query("UPDATE proposals SET status = ? WHERE id = ?")
        .bind(status)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(done.rows_affected() == 1)
}
