//! The integration tests, in one binary: the real router on 127.0.0.1 with a temporary
//! SQLite file and a fake Cal.com over HTTP (see `support`), the real server binary for
//! durability, and checks of the source tree's shape.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod admin;
mod appointment;
mod architecture;
mod booking;
mod daily_caps;
mod durability;
mod english;
mod fake_strictness;
mod hoarding;
mod holds;
mod instances;
mod matching;
mod moving;
mod notifications;
mod operations;
mod place;
mod proposals;
mod protections;
mod questions;
mod reminders;
mod slots_api;
mod slow_clients;
mod support;
mod webhooks;
