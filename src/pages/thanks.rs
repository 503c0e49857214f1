//! The thank-you page after a proposal (`/prendre-rendez-vous/merci`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::use_words,
    domain::url::{with_lang, PAGE_PATH},
};

/// Shown only after the request is committed to the database.
#[component]
pub fn Thanks() -> impl IntoView {
    let words = use_words();
    // For a page that embeds the tunnel (embed.js): a proposal was sent, of this type.
    let kind = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("type")
        .filter(|t| crate::domain::checks::is_slug(t));
    view! {
        <Title text=words.say("thanks-title")/>
        <main id="contenu" class="page" data-rdv-done="proposed" data-rdv-type=kind>
            <h1>{words.say("thanks-heading")}</h1>
            <section class="step" aria-labelledby="suite-title">
                <h2 id="suite-title">{words.say("thanks-next")}</h2>
                <p>{words.say("thanks-text")}</p>
                <p class="next">
                    <a class="secondary" href=with_lang(PAGE_PATH, &words)>
                        {words.say("back-to-booking")}
                    </a>
                </p>
            </section>
        </main>
    }
}
