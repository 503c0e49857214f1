//! Components of the booking page; `#[island]`s are the only parts that run in the browser.

pub mod fallback_notice;
pub mod rdv_tunnel;
pub mod type_switch;
