//! The 404 page.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::url::PAGE_PATH;

/// Shown for any unknown path, with status 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    view! {
        <Title text="Page introuvable"/>
        <main id="contenu" class="page">
            <h1>"Page introuvable"</h1>
            <p>"Cette adresse ne correspond à aucune page."</p>
            <p>
                <a href=PAGE_PATH>"Prendre rendez-vous"</a>
            </p>
        </main>
    }
}
