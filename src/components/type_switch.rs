//! The event type switch (Appel / Visio) above the tunnel.

use leptos::prelude::*;

use crate::{
    components::use_words,
    domain::{url::TunnelQuery, view::EventTypeChoice},
};

/// Links to each configured event type; the current one is marked for assistive tech.
#[component]
pub fn TypeSwitch(types: Vec<EventTypeChoice>, current: String) -> impl IntoView {
    let words = use_words();
    let lang = words.carried();
    view! {
        <nav class="type-switch" aria-label=words.say("type-switch")>
            <ul>
                {types
                    .into_iter()
                    .map(|t| {
                        let href = TunnelQuery {
                            event_type: Some(t.slug.clone()),
                            lang: lang.clone(),
                            ..TunnelQuery::default()
                        }
                            .href();
                        let is_current = t.slug == current;
                        view! {
                            <li>
                                <a
                                    href=href
                                    class="type-choice"
                                    aria-current=is_current.then_some("page")
                                >
                                    <span class="type-label">{t.label}</span>
                                    <span class="type-duration">
                                        {words
                                            .say_with(
                                                "minutes",
                                                &[("minutes", &t.duration_minutes.to_string())],
                                            )}
                                    </span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </nav>
    }
}
