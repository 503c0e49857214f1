//! The confirmation page of a booking (`/prendre-rendez-vous/confirmation/:id`), which is
//! also where the visitor cancels or moves it (`?action=annuler`, `?action=deplacer`).
//! Plain links and forms: every step works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    components::use_words,
    domain::{
        lang::Words,
        manage::{
            manage_href, AppointmentState, ManageAction, ManageQuery, ManageStep, MoveDate,
            MoveHour,
        },
        place::Place,
        url::{with_lang, PAGE_PATH},
        view::ConfirmationView,
    },
    pages::error_notice::ErrorNotice,
    server_fns::forms::{get_confirmation, CANCEL_URL, MOVE_URL},
};

/// What the visitor sees once the appointment is booked.
#[component]
pub fn Confirmation() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let query = use_query_map().with_untracked(|q| ManageQuery::from_lookup(|k| q.get(k)));
    let words = use_words();
    let heading = words.say("appointment");
    view! {
        // Outside the Suspense, so it reaches the head.
        <Title text=words.say("your-appointment")/>
        <main id="contenu" class="page">
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match get_confirmation(id, query).await {
                        Ok(c) => view! { <ConfirmationContent c=c/> }.into_any(),
                        Err(error) => {
                            view! {
                                <h1>{heading}</h1>
                                <ErrorNotice error=error/>
                            }
                                .into_any()
                        }
                    }
                })}
            </Suspense>
        </main>
    }
}

#[component]
fn ConfirmationContent(c: ConfirmationView) -> impl IntoView {
    let w = use_words();
    let title = w.say(match (&c.standing, &c.step) {
        (_, ManageStep::Cancel { .. }) => "cancel-title",
        (
            _,
            ManageStep::Move { .. } | ManageStep::MoveHours { .. } | ManageStep::ConfirmMove { .. },
        ) => "move-title",
        (AppointmentState::Cancelled, _) => "cancelled-title",
        (AppointmentState::Moved { .. }, _) => "moved-title",
        (AppointmentState::Pending, _) => "pending-title",
        (AppointmentState::Booked | AppointmentState::Past, _) => "booked-title",
    });
    let next = w.say(match &c.standing {
        AppointmentState::Cancelled => "cancelled-text",
        AppointmentState::Moved { .. } => "moved-text",
        AppointmentState::Past => "past-text",
        _ if c.demo => "demo-text",
        AppointmentState::Pending => "pending-text",
        AppointmentState::Booked => "booked-text",
    });
    let minutes = c.duration_minutes.to_string();
    let recap = view! {
        <dl class="recap">
            <dt>{w.say("recap-type")}</dt>
            <dd>{w.say_with("type-minutes", &[("type", &c.type_label), ("minutes", &minutes)])}</dd>
            <dt>{w.say("recap-date")}</dt>
            <dd>{c.date_label.clone()}</dd>
            <dt>{w.say("recap-time")}</dt>
            <dd>{format!("{} ({})", c.time, c.zone_label)}</dd>
            <dt>{w.say("recap-name")}</dt>
            <dd>{c.name.clone()}</dd>
            {c.place.clone().map(|place| view! {
                <dt>{w.say("recap-place")}</dt>
                <dd>{place_view(place, &w)}</dd>
            })}
        </dl>
    };
    let step = match c.step.clone() {
        ManageStep::Summary => summary(&c, next, &w).into_any(),
        ManageStep::Cancel { notice } => cancel_form(&c, notice, &w).into_any(),
        ManageStep::Move {
            notice,
            dates,
            later,
            earlier,
        } => move_dates(&c, notice, dates, (later, earlier), &w).into_any(),
        ManageStep::MoveHours {
            date_label,
            hours,
            dates_href,
        } => move_hours(&c, date_label, hours, dates_href, &w).into_any(),
        ManageStep::ConfirmMove {
            date,
            hour,
            date_label,
            hours_href,
        } => confirm_move(&c, (date, hour), date_label, hours_href, &w).into_any(),
    };
    view! {
        <h1 tabindex="-1">{title}</h1>
        <section
            class="step confirmation"
            aria-labelledby="recap-title"
            data-rdv-done=c.standing.can_change().then_some("booked")
            data-rdv-type=c.booked.0.clone()
            data-rdv-date=c.booked.1.clone()
        >
            <h2 id="recap-title">{w.say("recap")}</h2>
            {recap}
            {step}
        </section>
    }
}

/// A link of this appointment's page, in the visit's language.
fn page_link(c: &ConfirmationView, action: Option<ManageAction>, w: &Words) -> String {
    match action {
        Some(action) => with_lang(&manage_href(&c.href, action, None), w),
        None => with_lang(&c.href, w),
    }
}

fn summary(c: &ConfirmationView, next: String, w: &Words) -> impl IntoView {
    let links = match &c.standing {
        AppointmentState::Moved { href } => view! {
            <a class="primary-link" href=with_lang(href, w)>{w.say("see-new")}</a>
        }
        .into_any(),
        AppointmentState::Cancelled | AppointmentState::Past => view! {
            <a class="primary-link" href=with_lang(PAGE_PATH, w)>{w.say("book-another")}</a>
        }
        .into_any(),
        AppointmentState::Booked | AppointmentState::Pending => view! {
            <a class="primary-link" href=with_lang(&c.ics_href, w) download="rendez-vous.ics">
                {w.say("add-to-calendar")}
            </a>
            <a class="secondary" href=c.calendar_links.0.clone() rel="noopener noreferrer" target="_blank">
                {w.say("add-google")}
            </a>
            <a class="secondary" href=c.calendar_links.1.clone() rel="noopener noreferrer" target="_blank">
                {w.say("add-outlook")}
            </a>
            {c.may_move.then(|| view! {
                <a class="secondary" href=page_link(c, Some(ManageAction::Move), w)>
                    {w.say("move-title")}
                </a>
            })}
            {c.may_cancel.then(|| view! {
                <a class="secondary" href=page_link(c, Some(ManageAction::Cancel), w)>
                    {w.say("cancel-title")}
                </a>
            })}
        }
        .into_any(),
    };
    // The business's rules for changes, stated where the buttons are (or instead of them).
    let rules = (!c.rules.is_empty()).then(|| view! { <p class="rules">{c.rules.join(" ")}</p> });
    view! {
        <p>{next}</p>
        {rules}
        <p class="next">{links}</p>
    }
}

/// Where the meeting happens: a video link to join, a phone to call, an address and its map.
fn place_view(place: Place, w: &Words) -> impl IntoView {
    match place {
        Place::Link(href) => {
            view! { <a href=href rel="noopener noreferrer">{w.say("place-join")}</a> }.into_any()
        }
        Place::Phone(phone) => view! { <a href=Place::tel(&phone)>{phone.clone()}</a> }.into_any(),
        Place::Address(address) => view! {
            {address.clone()}
            " "
            <a href=Place::map(&address) rel="noopener noreferrer">{w.say("place-map")}</a>
        }
        .into_any(),
    }
}

fn notice_view(notice: Option<String>) -> impl IntoView {
    notice.map(|n| view! { <p class="notice" role="alert">{n}</p> })
}

fn cancel_form(c: &ConfirmationView, notice: Option<String>, w: &Words) -> impl IntoView {
    view! {
        {notice_view(notice)}
        <form action=with_lang(CANCEL_URL, w) method="post">
            <input type="hidden" name="id" value=String::from(c.id.clone())/>
            <div class="field">
                <label for="cancel-reason">{w.say("cancel-reason")}</label>
                <textarea id="cancel-reason" name="reason" rows="3" maxlength="500"></textarea>
            </div>
            <button type="submit" class="primary">{w.say("cancel-confirm")}</button>
        </form>
        <p class="next">
            <a class="secondary" href=page_link(c, None, w)>{w.say("cancel-keep")}</a>
        </p>
    }
}

/// The move step's dates: a few at a time, as the tunnel offers them.
fn move_dates(
    c: &ConfirmationView,
    notice: Option<String>,
    dates: Vec<MoveDate>,
    (later, earlier): (Option<String>, Option<String>),
    w: &Words,
) -> impl IntoView {
    let list = if dates.is_empty() {
        view! { <p>{w.say("move-none")}</p> }.into_any()
    } else {
        view! {
            <ul class="choices dates">
                {dates
                    .into_iter()
                    .map(|d| view! {
                        <li><a class="choice" href=d.href rel="nofollow">{d.label}</a></li>
                    })
                    .collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <h2>{w.say("move-choose-date")}</h2>
        {notice_view(notice)}
        {list}
        <p class="next">
            {later.map(|href| view! {
                <a class="secondary" href=href rel="nofollow">{w.say("move-later-dates")}</a>
            })}
            {earlier.map(|href| view! {
                <a class="secondary" href=href rel="nofollow">{w.say("move-earlier-dates")}</a>
            })}
            <a class="secondary" href=page_link(c, None, w)>{w.say("move-keep")}</a>
        </p>
    }
}

/// The chosen date's free hours.
fn move_hours(
    c: &ConfirmationView,
    date_label: String,
    hours: Vec<MoveHour>,
    dates_href: String,
    w: &Words,
) -> impl IntoView {
    let zone = c.zone_label.clone();
    let heading = w.say_with("move-choose-hour", &[("date", &date_label)]);
    view! {
        <h2>{heading}</h2>
        <ul class="choices hours">
            {hours
                .into_iter()
                .map(|h| {
                    let time = h.time.to_string();
                    let name = w.say_with(
                        "hour-name",
                        &[("date", &date_label), ("time", &time), ("zone", &zone)],
                    );
                    view! {
                        <li>
                            <a class="choice" href=h.href aria-label=name rel="nofollow">{time}</a>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <p class="next">
            <a class="secondary" href=dates_href rel="nofollow">{w.say("move-other-date")}</a>
            <a class="secondary" href=page_link(c, None, w)>{w.say("move-keep")}</a>
        </p>
    }
}

fn confirm_move(
    c: &ConfirmationView,
    (date, hour): (String, String),
    date_label: String,
    hours_href: String,
    w: &Words,
) -> impl IntoView {
    view! {
        <h2>{w.say("move-new")}</h2>
        <p class="summary">
            <strong>{w.at(&date_label, &hour)}</strong>
            {format!(" ({})", c.zone_label)}
        </p>
        <form action=with_lang(MOVE_URL, w) method="post">
            <input type="hidden" name="id" value=String::from(c.id.clone())/>
            <input type="hidden" name="date" value=date/>
            <input type="hidden" name="hour" value=hour/>
            <button type="submit" class="primary">{w.say("move-confirm")}</button>
        </form>
        <p class="next">
            <a class="secondary" href=hours_href rel="nofollow">{w.say("move-other")}</a>
        </p>
    }
}
