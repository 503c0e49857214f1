//! The page's only interactive parts. Each island wraps server-rendered markup (its
//! `children`, which the browser never re-renders) and attaches behaviour to it once live;
//! they take no other props, so no data is serialised into the page or parsed in the browser.
//! The behaviour itself lives in the browser-only `client` module.

use leptos::prelude::*;

/// Switches between the date and hour steps in place (see `client::steps`).
#[island]
pub fn StepSwitch(children: Children) -> impl IntoView {
    // Effects run in the browser only, once the island is live.
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        crate::client::steps::start();
    });
    children()
}

/// Sends the forms it wraps without leaving the page and shows the answer (see
/// `client::forms`); without JavaScript the same forms post and redirect.
#[island]
pub fn FormEnhancer(children: Children) -> impl IntoView {
    Effect::new(|_| {
        #[cfg(feature = "hydrate")]
        crate::client::forms::start();
    });
    children()
}
