//! A visitor-facing error notice.

use leptos::prelude::*;

use crate::{
    components::use_words,
    domain::url::{with_lang, PAGE_PATH},
    error::AppError,
};

/// The error's message in the page's language, with the HTTP status set on the server.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            response.set_status(status);
        }
    }
    let words = use_words();
    view! {
        <div class="notice error" role="alert">
            <p>{error.message(|id| words.say(id))}</p>
            <p>
                <a href=with_lang(PAGE_PATH, &words)>{words.say("back-to-start")}</a>
            </p>
        </div>
    }
}
