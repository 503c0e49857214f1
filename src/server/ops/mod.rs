//! What an operator runs beside the server: `rdv-tunnel backup`, moving a database from SQLite to
//! PostgreSQL (or back), the orderly stop on SIGTERM that background work watches, and the
//! Prometheus metrics every part counts into. Uses the configuration and the store; nothing
//! here serves a request.

pub mod backup;
pub mod metrics;
pub mod move_database;
pub mod shutdown;
