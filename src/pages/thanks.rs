//! The thank-you page after an own-availability request (`/prendre-rendez-vous/merci`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::url::PAGE_PATH;

/// Shown only after the request is committed to the database.
#[component]
pub fn Thanks() -> impl IntoView {
    view! {
        <Title text="Merci"/>
        <main id="contenu" class="page">
            <h1>"Merci, vos disponibilités sont bien enregistrées"</h1>
            <section class="step" aria-labelledby="suite-title">
                <h2 id="suite-title">"Et maintenant ?"</h2>
                <p>"Nous revenons vers vous par e-mail ou par téléphone pour fixer le rendez-vous."</p>
                <p class="next">
                    <a class="secondary" href=PAGE_PATH>
                        "Revenir à la prise de rendez-vous"
                    </a>
                </p>
            </section>
        </main>
    }
}
