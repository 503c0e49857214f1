//! Pages (server-rendered; interactive parts are islands in `components`).

pub mod confirmation;
pub mod error_notice;
pub mod not_found;
pub mod prendre_rendez_vous;
pub mod privacy;
pub mod thanks;
