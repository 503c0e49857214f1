//! Pure domain logic shared by the server and the browser bundle.
//!
//! Nothing here does I/O or depends on a time-zone database: functions that need a
//! zone are generic over `chrono::TimeZone`, and the server passes `chrono_tz::Tz`.
//!
//! Layers, lowest first (a module only imports those before it): `hour_minute`, `french`,
//! `json_read`, `fields`, `checks`, `token`; `calendar`, `selection`; `contact`, `proposal`, `matching`; `url`, `forms`;
//! `view`, `change_rules`; `offer`.

pub mod calendar;
pub mod change_rules;
pub mod checks;
pub mod contact;
pub mod draft;
pub mod fields;
pub mod forms;

pub mod hour_minute;
pub mod json_read;
pub mod lang;
pub mod manage;
pub mod matching;
pub mod offer;
pub mod place;
pub mod proposal;
pub mod query_wire;
pub mod questions;
pub mod selection;
pub mod token;
pub mod url;
pub mod view;
