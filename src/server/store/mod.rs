//! All storage: the one [`Database`] type and every SQL statement of the application.
//!
//! Two backends behind one type: SQLite (the embedded default: one file, nothing to run)
//! and PostgreSQL (several hosts, managed databases), chosen by the URL. Each statement is
//! written once for both (`$n` placeholders, `RETURNING`, `ON CONFLICT`) and compiled for
//! each by `on_pool!`; the few that must differ say so where they are. Instants are
//! [`SqlInstant`]s (`TIMESTAMPTZ`, or RFC 3339 text on SQLite), closed sets are text with `CHECK`
//! constraints, JSON columns are typed (`JSONB` on PostgreSQL). Each backend has its own
//! migrations (`migrations/sqlite`, `migrations/postgres`).

/// Runs `$body` with `$pool` bound to this database's pool: the same code, compiled once
/// for each backend (so every query is type-checked against both).
macro_rules! on_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match &$db.pool {
            $crate::server::store::Pool::Sqlite($pool) => $body,
            $crate::server::store::Pool::Postgres($pool) => $body,
        }
    };
}

mod attempts;
mod backup;
mod bookings;
mod changes;
mod drafts;
mod holds;
pub mod kinds;
mod offers;
mod outbox;
mod proposals;
mod rate;
mod retention;
mod secrets;
mod sessions;
mod sql_types;
mod transfer;

use std::{path::Path, str::FromStr, time::Duration};

use sqlx::{
    postgres::{PgConnectOptions, PgPoolOptions},
    sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous},
    PgPool, SqlitePool,
};

pub use bookings::{BookingRow, NewBookingRow};
pub use holds::{HeldHour, Hold, HoldLimits};
pub use kinds::{BookingStatus, Channel, NotificationEvent, ProposalStatus};
pub use offers::{NewOffer, OfferKind, OfferRow};
pub use outbox::{Outbound, Pending, Reminder};
pub use proposals::ProposalRow;
pub use rate::{WindowHits, DAILY_PREFIX};
pub use retention::{Erased, BOOKING_FORM_MAX_SECONDS};
pub use sql_types::SqlInstant;
pub use transfer::Copied;

/// A storage failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database URL cannot be used (the URL itself is never repeated: it may hold a
    /// password).
    #[error("DATABASE_URL is not a valid {kind} URL: {cause}")]
    Url {
        /// Which database the URL names.
        kind: &'static str,
        /// What is wrong.
        cause: sqlx::Error,
    },
    /// The folder of the database file cannot be created.
    #[error("cannot create the database folder {0}: {1}")]
    Folder(String, std::io::Error),
    /// A query or the connection failed.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// The database cannot do this (a backup of PostgreSQL).
    #[error("{0}")]
    Unsupported(&'static str),
    /// A migration failed.
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A stored value does not read back (a closed-set word, JSON).
    #[error("unreadable stored value in {column}: {problem}")]
    Corrupt {
        /// Table and column.
        column: &'static str,
        /// What is wrong.
        problem: String,
    },
    /// The database to copy into already holds data.
    #[error("the target database already holds proposals, bookings or notifications")]
    NotEmpty,
    /// A notification's body cannot be written.
    #[error("notification body: {0}")]
    Payload(#[from] serde_json::Error),
}

/// Which database, with its connections.
#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Which kind of database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    /// `sqlite:` URLs.
    Sqlite,
    /// `postgres:` and `postgresql:` URLs.
    Postgres,
}

impl Backend {
    /// The backend of `url`, if it is one this server can use.
    pub fn of(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

/// The application's database.
#[derive(Clone, Debug)]
pub struct Database {
    pool: Pool,
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

impl Database {
    /// Opens the database named by `url` (a SQLite file is created if missing) and applies
    /// its pending migrations.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        match Backend::of(url) {
            Some(Backend::Postgres) => Self::connect_postgres(url).await,
            // Configuration refuses other URLs; a direct caller gets sqlx's error.
            _ => Self::connect_sqlite(url).await,
        }
    }

    /// Which backend this is.
    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// WAL with `synchronous=FULL`: a committed proposal survives a crash or power loss;
    /// a busy timeout lets several processes share the file.
    async fn connect_sqlite(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|cause| StoreError::Url {
                kind: "SQLite",
                cause,
            })?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(5))
            .foreign_keys(true)
            // Deleted personal data is overwritten, not left in free pages.
            .pragma("secure_delete", "ON");
        if let Some(folder) = Path::new(options.get_filename()).parent() {
            if !folder.as_os_str().is_empty() && !folder.exists() {
                std::fs::create_dir_all(folder)
                    .map_err(|e| StoreError::Folder(folder.display().to_string(), e))?;
            }
        }
        let lock_path = Path::new(options.get_filename()).with_extension("migrate.lock");
        // sqlx's SQLite migrator takes no lock: two processes starting together on a new or
        // upgraded file would both apply the same migration. And switching a new file to WAL
        // needs an exclusive lock the busy timeout does not wait for ("database is
        // locked"). One process at a time, then, from the first connection on.
        let _lock = MigrationLock::take(lock_path).await?;
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .acquire_timeout(Duration::from_secs(3))
            .connect_with(options)
            .await?;
        migrated(sqlx::migrate!("./migrations/sqlite"))
            .run(&pool)
            .await?;
        Ok(Self {
            pool: Pool::Sqlite(pool),
        })
    }

    /// sqlx's PostgreSQL migrator holds an advisory lock: instances starting together
    /// apply each migration once.
    async fn connect_postgres(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url).map_err(|cause| StoreError::Url {
            kind: "PostgreSQL",
            cause,
        })?;
        let pool = PgPoolOptions::new()
            .max_connections(8)
            .acquire_timeout(Duration::from_secs(3))
            .connect_with(options)
            .await?;
        migrated(sqlx::migrate!("./migrations/postgres"))
            .run(&pool)
            .await?;
        Ok(Self {
            pool: Pool::Postgres(pool),
        })
    }

    /// True when the database answers a trivial query.
    pub async fn is_healthy(&self) -> bool {
        on_pool!(self, pool => sqlx::query("SELECT 1").execute(pool).await.is_ok())
    }

    /// True when every migration this binary knows has been applied (successfully).
    pub async fn is_migrated(&self) -> bool {
        let known = match &self.pool {
            Pool::Sqlite(_) => sqlx::migrate!("./migrations/sqlite").iter().count(),
            Pool::Postgres(_) => sqlx::migrate!("./migrations/postgres").iter().count(),
        };
        let applied: Result<i64, sqlx::Error> = on_pool!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations WHERE success")
                .fetch_one(pool)
                .await
        });
        applied.is_ok_and(|n| usize::try_from(n).is_ok_and(|n| n >= known))
    }

    /// Closes every connection, waiting for those in use to come back.
    pub async fn close(&self) {
        on_pool!(self, pool => pool.close().await)
    }
}

/// The migrations to apply at startup. A database that a newer version has migrated further
/// is accepted (a rollback: migrations only add columns, tables and wider checks).
fn migrated(mut migrator: sqlx::migrate::Migrator) -> sqlx::migrate::Migrator {
    migrator.set_ignore_missing(true);
    migrator
}
