//! Pure domain logic shared by the server and the browser bundle.
//!
//! Nothing here does I/O or depends on a time-zone database: functions that need a
//! zone are generic over `chrono::TimeZone`, and the server passes `chrono_tz::Tz`.

pub mod calendar;
pub mod forms;
pub mod french;
pub mod proposal;
pub mod selection;
pub mod tunnel;
pub mod validation;
