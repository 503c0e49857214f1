//! What keeps abuse out, each taking only what it uses (never the whole state): the keys
//! handed out (`keys`), the forms' signed tokens and honeypot (`spam`), who the client is
//! behind proxies (`clients`), per-client limits counted in the database
//! (`rate_limit`), the daily caps per mailbox and per client (`daily_caps`), and who may open
//! `/admin` and `/metrics` (`admin_gate`).

pub mod admin_gate;
pub mod clients;
pub mod daily_caps;
pub mod keys;
pub mod rate_limit;
pub mod spam;
