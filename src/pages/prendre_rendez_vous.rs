//! PrendreRDVContent: the booking page at `/prendre-rendez-vous`.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::{
    components::{
        contact_form::ContactForm, custom_disponibility_form::CustomDisponibilityForm,
        rdv_tunnel::RDVTunnel, type_switch::TypeSwitch, use_words,
    },
    domain::{
        url::TunnelQuery,
        view::{ShareFacts, TunnelStep, TunnelView},
    },
    pages::error_notice::ErrorNotice,
    server_fns::tunnel::get_tunnel,
};

/// The booking page: type switch, then the tunnel's current step.
#[component]
#[allow(non_snake_case)]
pub fn PrendreRDVContent() -> impl IntoView {
    let params = use_query_map();
    let query = params.with_untracked(|m| TunnelQuery::from_lookup(|k| m.get(k)));
    // A visit's own steps (a chosen hour, a draft) are not pages to index or share.
    let personal = query.date.is_some() || query.draft.is_some() || query.hold.is_some();
    let share = use_context::<ShareFacts>().unwrap_or_default();
    let words = use_words();
    let page_title = words.say("page-title");
    let title = format!("{page_title} – {}", share.business);
    let loading = words.say("loading");
    view! {
        <Title text=page_title.clone()/>
        <Meta name="description" content=share.description.clone()/>
        <Meta name="robots" content=if personal { "noindex" } else { "index, follow" }/>
        <Meta property="og:type" content="website"/>
        <Meta property="og:locale" content=words.say("og-locale")/>
        <Meta property="og:site_name" content=share.business.clone()/>
        <Meta property="og:title" content=title.clone()/>
        <Meta property="og:description" content=share.description.clone()/>
        {share.public_url.clone().map(|url| view! { <Meta property="og:url" content=url/> })}
        {share.image_url.clone().map(|url| view! { <Meta property="og:image" content=url/> })}
        <Meta
            name="twitter:card"
            content=if share.image_url.is_some() { "summary_large_image" } else { "summary" }
        />
        <Meta name="twitter:title" content=title/>
        <Meta name="twitter:description" content=share.description/>
        <main id="contenu" class="page">
            <h1>{page_title}</h1>
            <Suspense fallback=move || {
                let loading = loading.clone();
                view! { <p>{loading}</p> }
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
    let words = use_words();
    let step_view = match step {
        TunnelStep::Dates(offer) => view! {
            <RDVTunnel offer=offer zone_label=zone_label time_zone=time_zone/>
        }
        .into_any(),
        TunnelStep::Contact(step) => view! {
            <ContactForm step=*step type_label=current.label.clone() zone_label=zone_label/>
        }
        .into_any(),
        TunnelStep::Proposal(step) => view! {
            <CustomDisponibilityForm step=step event_type=current.slug.clone()/>
        }
        .into_any(),
    };
    view! {
        {demo
            .then(|| {
                view! {
                    <p class="demo-badge" role="note">
                        {words.say("demo-badge")}
                    </p>
                }
            })}
        <TypeSwitch types=event_types current=current.slug.clone()/>
        {step_view}
    }
}
