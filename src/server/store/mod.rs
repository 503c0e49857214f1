//! All storage: the one [`Database`] type and every SQL statement of the application.
//!
//! SQL is written for both SQLite and PostgreSQL: `$n` placeholders, `RETURNING` for new
//! ids, timestamps as RFC 3339 UTC text (so that text order is time order), closed sets as
//! text with `CHECK` constraints, JSON columns as text read into typed values.

mod attempts;
mod bookings;
mod changes;
mod drafts;
mod outbox;
mod proposals;
mod retention;
mod secrets;
mod sessions;
mod sql_types;

use std::{path::Path, str::FromStr, time::Duration};

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    SqlitePool,
};

pub use super::kinds::{BookingStatus, Channel, NotificationEvent, ProposalStatus};
pub use bookings::{BookingRow, NewBookingRow};
pub use outbox::{Outbound, Pending};
pub use proposals::ProposalRow;

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
    /// A stored value does not read back (a timestamp, a closed-set word, JSON).
    #[error("unreadable stored value in {column}: {problem}")]
    Corrupt {
        /// Table and column.
        column: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// A notification's body cannot be written.
    #[error("notification body: {0}")]
    Payload(#[from] serde_json::Error),
}

/// The application's database.
#[derive(Clone, Debug)]
pub struct Database {
    pool: SqlitePool,
}

/// An exclusive lock on a file beside the database, held while migrations run (released
/// when dropped, or when the process dies).
struct MigrationLock {
    /// Held, not read: closing it releases the lock.
    _file: Option<std::fs::File>,
}

impl MigrationLock {
    async fn take(path: std::path::PathBuf) -> Result<Self, StoreError> {
        if path.as_os_str().is_empty() || path.starts_with(":memory:") {
            return Ok(Self { _file: None });
        }
        let shown = path.display().to_string();
        let file = tokio::task::spawn_blocking(move || -> std::io::Result<std::fs::File> {
            let file = std::fs::OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)?;
            #[cfg(unix)]
            {
                use std::os::fd::AsRawFd;
                // SAFETY: flock on a descriptor this function owns; it blocks until granted.
                if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
            Ok(file)
        })
        .await
        .map_err(|e| StoreError::Folder(shown.clone(), std::io::Error::other(e)))?
        .map_err(|e| StoreError::Folder(shown, e))?;
        Ok(Self { _file: Some(file) })
    }
}

/// An instant as stored: RFC 3339 UTC with a `Z`, to the millisecond.
fn stored(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Reads back an instant written by [`stored`] (or to the second, as older rows are).
fn instant(column: &'static str, text: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt {
            column,
            problem: e.to_string(),
        })
}

impl Database {
    /// Opens (creating if missing) the database and applies pending migrations.
    ///
    /// WAL with `synchronous=FULL`: a committed proposal survives a crash or power loss.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
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
        let lock_path = Path::new(options.get_filename()).with_extension("migrate.lock");
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(3))
            .connect_with(options)
            .await?;
        // sqlx's SQLite migrator takes no lock: two processes starting together on a new or
        // upgraded file would both apply the same migration. One at a time, then.
        let _lock = MigrationLock::take(lock_path).await?;
        sqlx::migrate!("./migrations").run(&pool).await?;
        Ok(Self { pool })
    }

    /// True when the database answers a trivial query.
    pub async fn is_healthy(&self) -> bool {
        sqlx::query_scalar::<_, i64>("SELECT 1")
            .fetch_one(&self.pool)
            .await
            .is_ok_and(|v| v == 1)
    }
}
