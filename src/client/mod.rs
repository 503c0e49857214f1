//! Browser-side behaviour of the islands (compiled for `hydrate` only).
//!
//! Progressive enhancement of markup the server already rendered: nothing here draws a view,
//! which keeps view code and data decoding out of the WASM bundle. Every step also works
//! without it, through plain links and form posts.

mod dom;
pub mod forms;
mod reply;
pub mod steps;
