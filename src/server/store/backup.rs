//! An online copy of a SQLite database: `VACUUM INTO` writes a consistent snapshot (one read
//! transaction) while the server goes on writing, which a plain copy of a WAL-mode file does not.

use std::path::Path;

use sqlx::{sqlite::SqliteConnectOptions, ConnectOptions};

use super::{Database, Pool, StoreError};

/// What a backup holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupSummary {
    /// Proposals in the copy.
    pub proposals: i64,
    /// Bookings in the copy.
    pub bookings: i64,
}

impl Database {
    /// Writes a consistent copy of this SQLite database to `file` (which must not exist), checks
    /// it (`PRAGMA integrity_check`) and counts what it holds. PostgreSQL has `pg_dump` for that.
    pub async fn backup_into(&self, file: &Path) -> Result<BackupSummary, StoreError> {
        let Pool::Sqlite(pool) = &self.pool else {
            return Err(StoreError::Unsupported(
                "a backup of PostgreSQL is pg_dump's work (README, \"Backups\")",
            ));
        };
        let target = file.to_string_lossy().into_owned();
        sqlx::query("VACUUM INTO $1")
            .bind(&target)
            .execute(pool)
            .await?;
        let mut copy = SqliteConnectOptions::new()
            .filename(file)
            .read_only(true)
            .connect()
            .await?;
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(&mut copy)
            .await?;
        if check != "ok" {
            return Err(StoreError::Corrupt {
                column: "the backup file",
                problem: check,
            });
        }
        let proposals = sqlx::query_scalar("SELECT COUNT(*) FROM proposals")
            .fetch_one(&mut copy)
            .await?;
        let bookings = sqlx::query_scalar("SELECT COUNT(*) FROM bookings")
            .fetch_one(&mut copy)
            .await?;
        Ok(BackupSummary {
            proposals,
            bookings,
        })
    }
}
