//! PrendreRDVContent: the booking page at `/prendre-rendez-vous`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::{
    components::{fallback_notice::FallbackNotice, rdv_tunnel::RDVTunnel, type_switch::TypeSwitch},
    domain::tunnel::{TunnelQuery, TunnelStep, TunnelView},
    error::AppError,
    server_fns::tunnel::get_tunnel,
};

/// The booking page: type switch, then the tunnel's current step.
#[component]
#[allow(non_snake_case)]
pub fn PrendreRDVContent() -> impl IntoView {
    let params = use_query_map();
    let query = params.with_untracked(|m| TunnelQuery::from_lookup(|k| m.get(k)));
    view! {
        <Title text="Prendre rendez-vous"/>
        <main id="contenu" class="page">
            <h1>"Prendre rendez-vous"</h1>
            <Suspense fallback=|| {
                view! { <p>"Chargement des disponibilités…"</p> }
            }>
                {Suspend::new(async move {
                    match get_tunnel(query).await {
                        Ok(view) => view! { <TunnelContent view=view/> }.into_any(),
                        Err(error) => view! { <ErrorNotice error=error/> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

/// The page body once the server has computed the view.
#[component]
fn TunnelContent(view: TunnelView) -> impl IntoView {
    let TunnelView {
        event_types,
        current,
        demo,
        time_zone,
        zone_label,
        step,
    } = view;
    let step_view = match step {
        TunnelStep::Dates(proposal) => view! {
            <RDVTunnel proposal=proposal zone_label=zone_label time_zone=time_zone/>
        }
        .into_any(),
        TunnelStep::Fallback(reason) => view! { <FallbackNotice reason=Some(reason)/> }.into_any(),
        TunnelStep::Unavailable => view! { <FallbackNotice reason=None/> }.into_any(),
    };
    view! {
        {demo
            .then(|| {
                view! {
                    <p class="demo-badge" role="note">
                        "mode démonstration"
                    </p>
                }
            })}
        <TypeSwitch types=event_types current=current.slug.clone()/>
        {step_view}
    }
}

/// A visitor-facing error, with the HTTP status set on the server.
#[component]
fn ErrorNotice(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(error.status()) {
            response.set_status(status);
        }
    }
    view! {
        <div class="notice error" role="alert">
            <p>{error.message()}</p>
            <p>
                <a href=crate::domain::tunnel::PAGE_PATH>"Revenir au début"</a>
            </p>
        </div>
    }
}
