//! The page's only interactive parts. Each island wraps server-rendered markup (its
//! `children`, which the browser never re-renders) and attaches behaviour to it once live;
//! they take no other props, so no data is serialised into the page or parsed in the browser.
//! The behaviour itself lives in the browser-only `client` module.
//!
//! No reactive `Effect` either: hydration runs each island's body once, in the browser, with
//! the server's markup already in place, which is all the behaviour needs. (An `Effect` here
//! cost 4 KB of compressed WASM, 8 % of the bundle.)

use leptos::prelude::*;

/// Switches between the date and hour steps in place (see `client::steps`).
#[island]
pub fn StepSwitch(children: Children) -> impl IntoView {
    // The island's body runs on the server too: the behaviour is for the browser only,
    // where hydration runs this once the server's markup is in place.
    #[cfg(feature = "hydrate")]
    crate::client::steps::start();
    children()
}

/// Sends the forms it wraps without leaving the page and shows the answer (see
/// `client::forms`); without JavaScript the same forms post and redirect.
#[island]
pub fn FormEnhancer(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    crate::client::forms::start();
    children()
}
