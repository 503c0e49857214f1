//! `rdv-tunnel backup FILE`: a consistent copy of the SQLite database, taken while the server
//! runs (see `store::backup`), checked before it is reported. The copy holds every visitor's
//! details: it is created readable by its owner only (0600), whatever the caller's umask.

use std::{path::PathBuf, process::ExitCode};

use crate::server::{config::DEFAULT_DATABASE_URL, store::Database};

/// Runs the command; `file` is its argument.
pub async fn run(file: Option<String>) -> ExitCode {
    let fail = |what: &str| {
        eprintln!("rdv-tunnel backup: {what}");
        ExitCode::FAILURE
    };
    let Some(file) = file.filter(|f| !f.is_empty()).map(PathBuf::from) else {
        return fail("name the file to write: rdv-tunnel backup /var/backups/rdv-tunnel.db");
    };
    // Created here, empty and private (SQLite's `VACUUM INTO` fills an empty file, and its
    // journal takes the file's permissions); `create_new`: never over an existing file.
    if let Err(error) = private_new_file(&file) {
        return fail(&match error.kind() {
            std::io::ErrorKind::AlreadyExists => {
                format!("{} exists already: name a new file", file.display())
            }
            _ => format!("{}: {error}", file.display()),
        });
    }
    let url = std::env::var("DATABASE_URL")
        .ok()
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
    let db = match Database::connect(&url).await {
        Ok(db) => db,
        Err(error) => return fail(&format!("the database (DATABASE_URL): {error}")),
    };
    let result = db.backup_into(&file).await;
    db.close().await;
    match result {
        Ok(summary) => {
            println!(
                "backed up {} proposal(s) and {} booking(s) to {} (integrity check: ok)",
                summary.proposals,
                summary.bookings,
                file.display()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            let _ = std::fs::remove_file(&file);
            fail(&error.to_string())
        }
    }
}

/// Creates `file`, empty, readable and writable by its owner only.
fn private_new_file(file: &std::path::Path) -> std::io::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(file).map(drop)
}
