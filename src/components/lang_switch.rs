//! The language switch: the same page in each other language the pages can be read in. A
//! plain link (`?lang=`), carried through every step from then on; no cookie.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::components::use_words;

/// Links to this page in the other languages, each named in its own language.
#[component]
pub fn LangSwitch() -> impl IntoView {
    let words = use_words();
    let location = use_location();
    // Never a link off the site, whatever path was asked for (`//evil.example/x`).
    let path = crate::domain::url::site_path(&location.pathname.get_untracked());
    let search = location.search.get_untracked();
    let kept: Vec<(String, String)> =
        form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
            .filter(|(k, _)| k != "lang")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
    let links = words
        .others()
        .into_iter()
        .map(|other| {
            let lang = other.lang().to_string();
            let mut query = form_urlencoded::Serializer::new(String::new());
            query.extend_pairs(kept.iter().map(|(k, v)| (k.as_str(), v.as_str())));
            query.append_pair("lang", &lang);
            let href = format!("{path}?{}", query.finish());
            view! {
                <li>
                    <a href=href hreflang=lang.clone() lang=lang>
                        {other.say("lang-name")}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="lang-switch" aria-label=words.say("lang-switch")>
            <ul>{links}</ul>
        </nav>
    }
}
