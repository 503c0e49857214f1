//! RDVTunnel: step 1 (dates) and step 2 (hours) of the tunnel, as one island.
//!
//! The server renders the same markup from the URL; without JavaScript every choice is a
//! plain link. With JavaScript the island switches steps without a reload, keeps the URL in
//! step (back and reload land on the same step), moves focus to the new step's heading and
//! announces it. It never draws anything at random: the proposal comes from the server.

use leptos::{ev, prelude::*};

use crate::{
    browser,
    domain::tunnel::{ProposedDate, WeekProposal},
};

const DATES_TITLE: &str = "step-dates-title";
const HOURS_TITLE: &str = "step-hours-title";

/// True for a plain left click: modified clicks keep their browser meaning (new tab…).
fn is_plain_click(e: &ev::MouseEvent) -> bool {
    e.button() == 0 && !(e.ctrl_key() || e.meta_key() || e.shift_key() || e.alt_key())
}

/// The tunnel's date and hour steps for one week window.
#[island]
#[allow(non_snake_case)]
pub fn RDVTunnel(
    /// The server's proposal for this week.
    proposal: WeekProposal,
    /// How hours are qualified ("heure de Paris").
    zone_label: String,
    /// IANA name of the business zone, to compare with the visitor's.
    time_zone: String,
) -> impl IntoView {
    let selected = RwSignal::new(proposal.selected);
    let announcement = RwSignal::new(String::new());
    let visitor_zone = RwSignal::new(None::<String>);
    let proposal = StoredValue::new(proposal);
    let zone_label = StoredValue::new(zone_label);

    // Effects run only in the browser, once the island is live: a marker for tests and CSS.
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        live.set(true);
        if let Some(zone) = browser::visitor_time_zone().filter(|z| *z != time_zone) {
            visitor_zone.set(Some(zone));
        }
    });
    // Back and forward between steps: the URL is the source of truth.
    Effect::new(move |_| {
        let handle = window_event_listener(ev::popstate, move |_| {
            let search = browser::current_search();
            let date = search
                .trim_start_matches('?')
                .split('&')
                .find_map(|kv| kv.strip_prefix("date="))
                .map(str::to_string);
            let index = date
                .and_then(|d| proposal.with_value(|p| p.dates.iter().position(|x| x.date == d)));
            selected.set(index);
        });
        on_cleanup(move || handle.remove());
    });

    let choose_date = move |index: usize, href: String| {
        move |e: ev::MouseEvent| {
            if !is_plain_click(&e) {
                return;
            }
            e.prevent_default();
            browser::push_url(&href);
            selected.set(Some(index));
            let label = proposal.with_value(|p| p.dates[index].label.clone());
            announcement.set(format!("Horaires du {label}"));
            browser::focus_later(HOURS_TITLE);
        }
    };
    let back_to_dates = move |e: ev::MouseEvent| {
        if !is_plain_click(&e) {
            return;
        }
        e.prevent_default();
        browser::push_url(&proposal.with_value(|p| p.dates_href.clone()));
        selected.set(None);
        announcement.set("Choix de la date".to_string());
        browser::focus_later(DATES_TITLE);
    };

    let dates_step = move || {
        let p = proposal.get_value();
        let intro = if p.starts_later {
            format!("Prochaines disponibilités à partir du {}.", p.start_label)
        } else {
            "Disponibilités de la semaine.".to_string()
        };
        view! {
            <section class="step" aria-labelledby=DATES_TITLE>
                <h2 id=DATES_TITLE tabindex="-1">
                    "Choisissez une date"
                </h2>
                <p class="step-intro">{intro}</p>
                {p
                    .stale
                    .then(|| {
                        view! {
                            <p class="notice">
                                "Disponibilités à confirmer : le calendrier ne répond pas en ce moment."
                            </p>
                        }
                    })}
                <ul class="choices dates">
                    {p
                        .dates
                        .into_iter()
                        .enumerate()
                        .map(|(i, d)| {
                            view! {
                                <li>
                                    <a
                                        class="choice"
                                        href=d.href.clone()
                                        on:click=choose_date(i, d.href.clone())
                                    >
                                        {d.label}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <p class="next">
                    <a class="secondary" href=p.next_href>
                        "Aucune date ne me convient"
                    </a>
                </p>
            </section>
        }
    };

    let hours_step = move |d: ProposedDate| {
        let p = proposal.get_value();
        let zone = zone_label.get_value();
        let first_instant = d.hours.first().map(|h| h.start_utc.clone());
        view! {
            <section class="step" aria-labelledby=HOURS_TITLE>
                <h2 id=HOURS_TITLE tabindex="-1">
                    "Choisissez un horaire"
                </h2>
                <p class="step-intro">
                    <span class="chosen-date">{d.label.clone()}</span>
                    {format!(" — {zone}")}
                </p>
                <ul class="choices hours">
                    {d
                        .hours
                        .iter()
                        .map(|h| {
                            let name = format!("{} à {}, {zone}", d.label, h.time);
                            view! {
                                <li>
                                    <a class="choice" href=h.href.clone() aria-label=name>
                                        <time datetime=h.start_utc.clone()>{h.time.clone()}</time>
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {move || {
                    let zone_name = visitor_zone.get()?;
                    let first = d.hours.first()?;
                    let local = browser::local_hh_mm(first_instant.as_deref()?)?;
                    Some(
                        view! {
                            <p class="local-time">
                                {format!(
                                    "Vous semblez être dans un autre fuseau horaire ({zone_name}) : {} ({zone}) correspond à {local} chez vous.",
                                    first.time,
                                )}
                            </p>
                        },
                    )
                }}
                <p class="next">
                    <a class="secondary" href=p.dates_href.clone() on:click=back_to_dates>
                        "Changer de date"
                    </a>
                    " "
                    <a class="secondary" href=p.next_href>
                        "Aucun horaire ne me convient"
                    </a>
                </p>
            </section>
        }
    };

    view! {
        <div class="tunnel" data-live=move || live.get().then_some("")>
            <p class="visually-hidden" aria-live="polite">
                {move || announcement.get()}
            </p>
            {move || {
                let chosen = selected
                    .get()
                    .and_then(|i| proposal.with_value(|p| p.dates.get(i).cloned()));
                match chosen {
                    Some(d) => hours_step(d).into_any(),
                    None => dates_step().into_any(),
                }
            }}
        </div>
    }
}
