//! SQLite storage: connection, migrations, health.

use std::{path::Path, str::FromStr, time::Duration};

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
