//! Pages (server-rendered; interactive parts are islands in `components`).

pub mod not_found;
pub mod prendre_rendez_vous;
