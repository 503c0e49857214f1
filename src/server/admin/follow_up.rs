//! What the inbox shows of a proposal's matching: the hours that fit now and the button
//! that offers them, or how it was offered and booked.

use leptos::prelude::*;

use crate::domain::lang::Words;

/// What became of a proposal's matching, as the inbox shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FollowUp {
    /// Not offered yet: the hours that match now ("jeudi 3 décembre à 10:00").
    Matching(Vec<String>),
    /// Hours were offered by email on that day (and these match now).
    Offered(String, Vec<String>),
    /// Booked through the link of the offer of that day: its appointment's page.
    Booked(String, String),
    /// Nothing to follow (handled, withdrawn).
    None,
}

/// A proposal's matching: the hours that fit now and the button that offers them, or how
/// it was offered and booked.
pub fn follow_up_view(id: i64, follow_up: FollowUp, w: &Words) -> impl IntoView {
    let offer_form = move |hours: Vec<String>, offered: Option<String>| {
        let said =
            offered.map(|day| view! { <p>{w.say_with("admin-offered-on", &[("date", &day)])}</p> });
        let hours_view = if hours.is_empty() {
            view! { <p>{w.say("admin-no-match")}</p> }.into_any()
        } else {
            view! {
                <p>{w.say("admin-matching-hours")}</p>
                <ul>{hours.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
                <form method="post" action=format!("/admin/proposals/{id}/offer")>
                    <button type="submit" class="secondary-button">{w.say("admin-offer-hours")}</button>
                </form>
            }
            .into_any()
        };
        view! { <div class="follow-up">{said}{hours_view}</div> }.into_any()
    };
    match follow_up {
        FollowUp::Matching(hours) => offer_form(hours, None),
        FollowUp::Offered(day, hours) => offer_form(hours, Some(day)),
        FollowUp::Booked(day, href) => view! {
            <p class="follow-up">
                {w.say_with("admin-booked-via", &[("date", &day)])}
                " "
                <a href=href>{w.say("admin-see-booking")}</a>
            </p>
        }
        .into_any(),
        FollowUp::None => ().into_any(),
    }
}
