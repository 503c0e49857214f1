//! rdv-tunnel: an appointment-booking tunnel on Cal.com, rendered on the server with
//! small interactive islands.

// The islands' view types are deep: rustc needs more than its default 128 levels.
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod dom_ids;
pub mod domain;
pub mod error;
pub mod pages;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod startup;

#[cfg(feature = "hydrate")]
pub mod client;

/// Browser entry point: hydrates the islands only.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}

/// For unit tests: a lookup over fixed pairs, as a URL's query or the environment answers.
#[cfg(test)]
pub(crate) fn lookup<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |k| {
        pairs
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.to_string())
    }
}
