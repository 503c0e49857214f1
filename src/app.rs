//! The HTML shell and the routes.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::components::lang_switch::LangSwitch;
use crate::pages::{
    confirmation::Confirmation, not_found::NotFound, prendre_rendez_vous::PrendreRDVContent,
    privacy::Privacy, thanks::Thanks,
};

/// The document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::server::http::security::set_csp_header();
    // In another site's frame: no chrome, no background, and the height told to the host.
    #[cfg(feature = "ssr")]
    let framed = crate::server::http::embed::framed_now();
    #[cfg(not(feature = "ssr"))]
    let framed = false;
    // Pages outside the routes (not found, the file handler's errors) get no words from the
    // routes' context: the request's own, then.
    #[cfg(feature = "ssr")]
    if use_context::<crate::domain::lang::Words>().is_none() {
        provide_context(crate::server::words::words_now());
    }
    let lang = crate::components::use_words().lang().to_string();
    view! {
        <!DOCTYPE html>
        <html lang=lang>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="color-scheme" content="light"/>
                <HashedStylesheet options=options.clone()/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options=options islands=true/>
                <MetaTags/>
                {framed.then(|| view! { <script src="/embed-frame.js" defer></script> })}
            </head>
            <body class=framed.then_some("embed")>
                <App/>
            </body>
        </html>
    }
}

/// The application: a booking page, a privacy note, and a not-found page.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let words = crate::components::use_words();
    view! {
        <Title formatter=|t: String| format!("{t} · rdv-tunnel")/>
        <a class="skip-link" href="#contenu">{words.say("skip-link")}</a>
        <Router>
            <LangSwitch/>
            <Routes fallback=NotFound>
                <Route
                    path=path!("/prendre-rendez-vous")
                    view=PrendreRDVContent
                    ssr=SsrMode::InOrder
                />
                <Route
                    path=path!("/prendre-rendez-vous/confirmation/:id")
                    view=Confirmation
                    // Whole, so that an unknown booking answers 404 (a streamed page has
                    // sent its status before the lookup ends); it is one local read.
                    ssr=SsrMode::Async
                />
                <Route path=path!("/prendre-rendez-vous/merci") view=Thanks/>
                <Route path=path!("/confidentialite") view=Privacy/>
            </Routes>
        </Router>
    }
}
