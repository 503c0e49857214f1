//! The privacy note (`/confidentialite`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::{
    components::use_words,
    domain::{
        url::{with_lang, PAGE_PATH},
        view::{CalendarHost, PrivacyFacts},
    },
};

/// What is kept, why, and for how long.
#[component]
pub fn Privacy() -> impl IntoView {
    // Provided by the server for each page (the configured retention and calendar).
    let facts = use_context::<PrivacyFacts>().unwrap_or(PrivacyFacts {
        retention_days: 90,
        calendar: None,
        offers_by_email: false,
    });
    let words = use_words();
    let days = facts.retention_days.to_string();
    let calendar = match facts.calendar {
        None => words.say("privacy-our-calendar"),
        Some(CalendarHost::CalComUs) => words.say("privacy-calendar-us"),
        Some(CalendarHost::CalComEu) => words.say("privacy-calendar-eu"),
        Some(CalendarHost::Own(host)) => words.say_with("privacy-calendar-own", &[("host", &host)]),
    };
    view! {
        <Title text=words.say("privacy-title")/>
        <main id="contenu" class="page">
            <h1>{words.say("privacy-title")}</h1>
            <section class="step prose" aria-labelledby="donnees-title">
                <h2 id="donnees-title">{words.say("privacy-kept")}</h2>
                <p>{words.say_with("privacy-booking", &[("calendar", &calendar)])}</p>
                <p>{words.say("privacy-proposal")}</p>
                {facts.offers_by_email.then(|| view! { <p>{words.say("privacy-offer")}</p> })}
                <h2>{words.say("privacy-how-long")}</h2>
                <p>{words.say_with("privacy-retention", &[("days", &days)])}</p>
                <h2>{words.say("privacy-rights")}</h2>
                <p>{words.say("privacy-rights-text")}</p>
                <p>
                    <a href=with_lang(PAGE_PATH, &words)>{words.say("back-to-booking")}</a>
                </p>
            </section>
        </main>
    }
}
