//! The confirmation page of a booking (`/prendre-rendez-vous/confirmation/:id`).

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::{
    domain::{url::PAGE_PATH, view::ConfirmationView},
    pages::error_notice::ErrorNotice,
    server_fns::forms::get_confirmation,
};

/// What the visitor sees once the appointment is booked.
#[component]
pub fn Confirmation() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    view! {
        // Outside the Suspense, so it reaches the head: true of a booking confirmed or still
        // to be accepted by the host.
        <Title text="Votre rendez-vous"/>
        <main id="contenu" class="page">
            <Suspense fallback=|| ()>
                {Suspend::new(async move {
                    match get_confirmation(id).await {
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
    let title = if c.pending {
        "Demande de rendez-vous enregistrée"
    } else {
        "Rendez-vous confirmé"
    };
    let next = if c.demo {
        "Mode démonstration : aucun e-mail ne sera envoyé."
    } else if c.pending {
        "Le rendez-vous doit encore être accepté : vous recevrez un e-mail de confirmation de Cal.com."
    } else {
        "Vous allez recevoir un e-mail de confirmation de Cal.com, avec le lien pour modifier ou annuler."
    };
    view! {
        <h1 tabindex="-1">{title}</h1>
        <section class="step confirmation" aria-labelledby="recap-title">
            <h2 id="recap-title">"Récapitulatif"</h2>
            <dl class="recap">
                <dt>"Type"</dt>
                <dd>{format!("{} ({} min)", c.type_label, c.duration_minutes)}</dd>
                <dt>"Date"</dt>
                <dd>{c.date_label}</dd>
                <dt>"Heure"</dt>
                <dd>{format!("{} ({})", c.time, c.zone_label)}</dd>
                <dt>"Nom"</dt>
                <dd>{c.name}</dd>
            </dl>
            <p>{next}</p>
            <p class="next">
                <a class="primary-link" href=c.ics_href download="rendez-vous.ics">
                    "Ajouter à mon agenda (.ics)"
                </a>
                <a class="secondary" href=PAGE_PATH>
                    "Prendre un autre rendez-vous"
                </a>
            </p>
        </section>
    }
}
