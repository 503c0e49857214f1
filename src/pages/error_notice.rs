//! A visitor-facing error notice.

use leptos::prelude::*;

use crate::{domain::url::PAGE_PATH, error::AppError};

/// The error's French message, with the HTTP status set on the server.
#[component]
pub fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            response.set_status(status);
        }
    }
    view! {
        <div class="notice error" role="alert">
            <p>{error.message()}</p>
            <p>
                <a href=PAGE_PATH>"Revenir au début"</a>
            </p>
        </div>
    }
}
