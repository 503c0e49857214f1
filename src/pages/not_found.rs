//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::use_words,
    domain::url::{with_lang, PAGE_PATH},
};

/// Shown for any unknown path, with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let words = use_words();
    view! {
        <Title text=words.say("not-found-title")/>
        <main id="contenu" class="page">
            <h1>{words.say("not-found-title")}</h1>
            <p>{words.say("not-found-text")}</p>
            <p>
                <a href=with_lang(PAGE_PATH, &words)>{words.say("page-title")}</a>
            </p>
        </main>
    }
}
