//! The HTTP edge: routes that are not server functions (the slots API, health, metrics, the
//! confirmation's calendar file, Cal.com's webhooks), the middleware (security headers, access
//! log), error pages, static assets, the embed script, and the server's own connection loop.
//! Handlers are thin: they parse, call a service, and answer.

pub mod access_log;
pub mod assets;
pub mod calcom_webhooks;
pub mod embed;
pub mod error_status;
pub mod limits;
pub mod routes;
pub mod security;
pub mod serve;
