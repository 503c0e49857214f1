//! `rdv-tunnel copy-database <target URL>`: copies the database of `DATABASE_URL` into
//! another, empty one (see [`Database::copy_into`]), e.g. from SQLite to PostgreSQL. Stop
//! the server first (nothing written during the copy would follow), then point
//! `DATABASE_URL` at the target. The target URL may come from `RDV_COPY_TO` instead of the
//! command line, to keep its password out of the process list.

use std::process::ExitCode;

use crate::server::{
    config::DEFAULT_DATABASE_URL,
    store::{Backend, Database},
};

/// Runs the command; `target` is its argument, if any.
pub async fn run(target: Option<String>) -> ExitCode {
    let fail = |what: &str| {
        eprintln!("rdv-tunnel copy-database: {what}");
        ExitCode::FAILURE
    };
    // As for the server, a variable set to nothing is unset.
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let source = var("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into());
    let Some(target) = target.or_else(|| var("RDV_COPY_TO")) else {
        return fail(
            "name the target database: rdv-tunnel copy-database postgres://user:password@host/db \
             (or set RDV_COPY_TO)",
        );
    };
    if Backend::of(&source).is_none() {
        return fail("DATABASE_URL must be a SQLite or PostgreSQL URL");
    }
    if Backend::of(&target).is_none() {
        return fail("the target must be a SQLite or PostgreSQL URL");
    }
    if source == target {
        return fail("the target is the database of DATABASE_URL itself");
    }
    let source = match Database::connect(&source).await {
        Ok(db) => db,
        Err(error) => return fail(&format!("the source (DATABASE_URL): {error}")),
    };
    let target = match Database::connect(&target).await {
        Ok(db) => db,
        Err(error) => return fail(&format!("the target: {error}")),
    };
    match source.copy_into(&target).await {
        Ok(copied) => {
            println!(
                "copied {} proposal(s), {} booking(s), {} notification(s), {} secret(s) \
                 from {:?} to {:?}; now set DATABASE_URL to the target and start the server",
                copied.proposals,
                copied.bookings,
                copied.notifications,
                copied.secrets,
                source.backend(),
                target.backend(),
            );
            source.close().await;
            target.close().await;
            ExitCode::SUCCESS
        }
        Err(error) => fail(&format!("nothing copied: {error}")),
    }
}
