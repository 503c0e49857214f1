//! The confirmation page of a booking (`/prendre-rendez-vous/confirmation/:id`), which is
//! also where the visitor cancels or moves it (`?action=annuler`, `?action=deplacer`).
//! Plain links and forms: every step works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::{
    domain::{
        manage::{ManageQuery, ManageStep, MoveDate, Standing},
        url::PAGE_PATH,
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
    view! {
        // Outside the Suspense, so it reaches the head.
        <Title text="Votre rendez-vous"/>
        <main id="contenu" class="page">
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match get_confirmation(id, query).await {
                        Ok(c) => view! { <ConfirmationContent c=c/> }.into_any(),
                        Err(error) => {
                            view! {
                                <h1>"Rendez-vous"</h1>
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
    let title = match (&c.standing, &c.step) {
        (_, ManageStep::Cancel { .. }) => "Annuler le rendez-vous",
        (_, ManageStep::Move { .. } | ManageStep::ConfirmMove { .. }) => "Déplacer le rendez-vous",
        (Standing::Cancelled, _) => "Rendez-vous annulé",
        (Standing::Moved { .. }, _) => "Rendez-vous déplacé",
        (Standing::Pending, _) => "Demande de rendez-vous enregistrée",
        (Standing::Booked | Standing::Past, _) => "Rendez-vous confirmé",
    };
    let next = match &c.standing {
        Standing::Cancelled => "Ce rendez-vous a été annulé.",
        Standing::Moved { .. } => "Ce rendez-vous a été déplacé : voici le lien du nouveau.",
        Standing::Past => "Ce rendez-vous est passé.",
        _ if c.demo => "Mode démonstration : aucun e-mail ne sera envoyé.",
        Standing::Pending => {
            "Le rendez-vous doit encore être accepté : vous recevrez un e-mail de confirmation de Cal.com."
        }
        Standing::Booked => {
            "Vous allez recevoir un e-mail de confirmation de Cal.com. Gardez cette page : elle permet d’annuler ou de déplacer le rendez-vous."
        }
    };
    let recap = view! {
        <dl class="recap">
            <dt>"Type"</dt>
            <dd>{format!("{} ({} min)", c.type_label, c.duration_minutes)}</dd>
            <dt>"Date"</dt>
            <dd>{c.date_label.clone()}</dd>
            <dt>"Heure"</dt>
            <dd>{format!("{} ({})", c.time, c.zone_label)}</dd>
            <dt>"Nom"</dt>
            <dd>{c.name.clone()}</dd>
        </dl>
    };
    let step = match c.step.clone() {
        ManageStep::Summary => summary(&c, next).into_any(),
        ManageStep::Cancel { notice } => cancel_form(&c, notice).into_any(),
        ManageStep::Move { notice, dates } => move_hours(&c, notice, dates).into_any(),
        ManageStep::ConfirmMove {
            date,
            hour,
            date_label,
        } => confirm_move(&c, date, hour, date_label).into_any(),
    };
    view! {
        <h1 tabindex="-1">{title}</h1>
        <section class="step confirmation" aria-labelledby="recap-title">
            <h2 id="recap-title">"Récapitulatif"</h2>
            {recap}
            {step}
        </section>
    }
}

fn summary(c: &ConfirmationView, next: &'static str) -> impl IntoView {
    let links = match &c.standing {
        Standing::Moved { href } => view! {
            <a class="primary-link" href=href.clone()>"Voir le nouveau rendez-vous"</a>
        }
        .into_any(),
        Standing::Cancelled | Standing::Past => view! {
            <a class="primary-link" href=PAGE_PATH>"Prendre un autre rendez-vous"</a>
        }
        .into_any(),
        Standing::Booked | Standing::Pending => view! {
            <a class="primary-link" href=c.ics_href.clone() download="rendez-vous.ics">
                "Ajouter à mon agenda (.ics)"
            </a>
            <a class="secondary" href=format!("{}?action=deplacer", c.href)>
                "Déplacer le rendez-vous"
            </a>
            <a class="secondary" href=format!("{}?action=annuler", c.href)>
                "Annuler le rendez-vous"
            </a>
        }
        .into_any(),
    };
    view! {
        <p>{next}</p>
        <p class="next">{links}</p>
    }
}

fn notice_view(notice: Option<String>) -> impl IntoView {
    notice.map(|n| view! { <p class="notice" role="alert">{n}</p> })
}

fn cancel_form(c: &ConfirmationView, notice: Option<String>) -> impl IntoView {
    view! {
        {notice_view(notice)}
        <form action=CANCEL_URL method="post">
            <input type="hidden" name="id" value=c.id.clone()/>
            <div class="field">
                <label for="cancel-reason">"Motif (facultatif)"</label>
                <textarea id="cancel-reason" name="reason" rows="3" maxlength="500"></textarea>
            </div>
            <button type="submit" class="primary">"Confirmer l’annulation"</button>
        </form>
        <p class="next">
            <a class="secondary" href=c.href.clone()>"Garder le rendez-vous"</a>
        </p>
    }
}

fn move_hours(c: &ConfirmationView, notice: Option<String>, dates: Vec<MoveDate>) -> impl IntoView {
    let zone = c.zone_label.clone();
    let list = if dates.is_empty() {
        view! { <p>"Aucun autre horaire n’est libre pour le moment : gardez ce rendez-vous ou annulez-le."</p> }
            .into_any()
    } else {
        dates
            .into_iter()
            .map(|d| {
                let label = d.label.clone();
                view! {
                    <h3>{d.label}</h3>
                    <ul class="choices">
                        {d
                            .hours
                            .into_iter()
                            .map(|h| {
                                let name = format!("{label} à {}, {zone}", h.time);
                                view! {
                                    <li>
                                        <a class="choice" href=h.href aria-label=name rel="nofollow">
                                            {h.time.to_string()}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <h2>"Choisir un nouvel horaire"</h2>
        {notice_view(notice)}
        {list}
        <p class="next">
            <a class="secondary" href=c.href.clone()>"Garder cet horaire"</a>
        </p>
    }
}

fn confirm_move(
    c: &ConfirmationView,
    date: String,
    hour: String,
    date_label: String,
) -> impl IntoView {
    view! {
        <h2>"Nouvel horaire"</h2>
        <p class="summary">
            <strong>{format!("{date_label} à {hour}")}</strong>
            {format!(" ({})", c.zone_label)}
        </p>
        <form action=MOVE_URL method="post">
            <input type="hidden" name="id" value=c.id.clone()/>
            <input type="hidden" name="date" value=date/>
            <input type="hidden" name="hour" value=hour/>
            <button type="submit" class="primary">"Confirmer le nouvel horaire"</button>
        </form>
        <p class="next">
            <a class="secondary" href=format!("{}?action=deplacer", c.href)>
                "Choisir un autre horaire"
            </a>
        </p>
    }
}
