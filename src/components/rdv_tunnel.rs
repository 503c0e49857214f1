//! RDVTunnel: step 1 (dates) and step 2 (hours) of the tunnel.
//!
//! Rendered on the server only: the dates and, hidden, the hours of every proposed date.
//! Without JavaScript every choice is a plain link and the server shows the chosen step. With
//! JavaScript the [`StepSwitch`] island only toggles which section is shown, keeps the URL in
//! step, moves focus and announces the step — so the browser downloads no view code for it.

use leptos::prelude::*;

use crate::{
    components::{islands::StepSwitch, use_words},
    dom_ids::{self, DATES_TITLE},
    domain::view::{OfferedDate, WeekOffer},
};

/// The tunnel's date and hour steps for one week window.
#[component]
#[allow(non_snake_case)]
pub fn RDVTunnel(
    /// The server's offer for this week.
    offer: WeekOffer,
    /// How hours are qualified ("heure de Paris").
    zone_label: String,
    /// IANA name of the business zone, to compare with the visitor's.
    time_zone: String,
) -> impl IntoView {
    let WeekOffer {
        dates,
        selected,
        next_href,
        dates_href,
        stale,
        starts_later,
        start_label,
        ..
    } = offer;
    let words = use_words();
    let intro = if starts_later {
        words.say_with("dates-from", &[("date", &start_label)])
    } else {
        words.say("dates-this-week")
    };
    let date_links = dates
        .iter()
        .map(|d| {
            view! {
                <li>
                    <a class="choice" href=d.href.clone() data-date=d.date.clone()>
                        {d.label.clone()}
                    </a>
                </li>
            }
        })
        .collect_view();
    let hours_steps = dates
        .into_iter()
        .enumerate()
        .map(|(i, d)| {
            view! {
                <HoursStep
                    date=d
                    index=i
                    shown=selected == Some(i)
                    zone_label=zone_label.clone()
                    dates_href=dates_href.clone()
                    next_href=next_href.clone()
                />
            }
        })
        .collect_view();
    view! {
        <StepSwitch>
            // What the island says in the browser comes in the page's language from here.
            <div
                class="tunnel"
                data-zone=time_zone
                data-zone-label=zone_label.clone()
                data-say-dates=words.say("announce-dates")
                data-say-hours=words.say("announce-hours")
                data-say-elsewhere=words.say("elsewhere")
            >
                <p class="visually-hidden" aria-live="polite" data-announce=""></p>
                <section
                    class="step"
                    aria-labelledby=DATES_TITLE
                    data-step="dates"
                    hidden=selected.is_some()
                >
                    <h2 id=DATES_TITLE tabindex="-1">
                        {words.say("choose-date")}
                    </h2>
                    <p class="step-intro">{intro}</p>
                    {stale
                        .then(|| {
                            view! {
                                <p class="notice">{words.say("dates-stale")}</p>
                            }
                        })}
                    <ul class="choices dates">{date_links}</ul>
                    <p class="next">
                        <a class="secondary" href=next_href.clone()>
                            {words.say("no-date-fits")}
                        </a>
                    </p>
                </section>
                {hours_steps}
            </div>
        </StepSwitch>
    }
}

/// The hours of one proposed date; hidden unless that date is the chosen one.
#[component]
fn HoursStep(
    date: OfferedDate,
    index: usize,
    shown: bool,
    zone_label: String,
    dates_href: String,
    next_href: String,
) -> impl IntoView {
    let words = use_words();
    let title = dom_ids::hours_title(index);
    let labelled_by = title.clone();
    let first = date.hours.first().cloned();
    let hour_links = date
        .hours
        .iter()
        .map(|h| {
            let name = words.say_with(
                "hour-name",
                &[
                    ("date", &date.label),
                    ("time", &h.time.to_string()),
                    ("zone", &zone_label),
                ],
            );
            view! {
                <li>
                    // Following it holds the hour at Cal.com: not for crawlers.
                    <a class="choice" href=h.href.clone() aria-label=name rel="nofollow">
                        <time datetime=h.start_utc.clone()>{h.label.clone()}</time>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <section
            class="step"
            aria-labelledby=labelled_by
            data-step="hours"
            data-date=date.date.clone()
            data-label=date.label.clone()
            hidden=!shown
        >
            <h2 id=title tabindex="-1">
                {words.say("choose-hour")}
            </h2>
            <p class="step-intro">
                <span class="chosen-date">{date.label.clone()}</span>
                {format!(" — {zone_label}")}
            </p>
            <ul class="choices hours">{hour_links}</ul>
            // Filled in by the browser when the visitor's time zone differs from ours.
            {first
                .map(|h| {
                    view! {
                        <p
                            class="local-time"
                            hidden=true
                            data-utc=h.start_utc
                            data-time=h.time.to_string()
                        ></p>
                    }
                })}
            <p class="next">
                <a class="secondary" href=dates_href data-back="">
                    {words.say("change-date")}
                </a>
                " "
                <a class="secondary" href=next_href>
                    {words.say("no-hour-fits")}
                </a>
            </p>
        </section>
    }
}
