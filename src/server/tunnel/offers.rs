//! `/prendre-rendez-vous/offre/{key}`: the links of a proposal's email (see `matching`).
//!
//! An hour's link opens the contact step for that hour with the visitor's details filled in
//! from the stored proposal (a draft: never in the URL) and the hour held for them as any
//! visit's is; one click on the form's button books it, and the proposal with it. When the
//! hour went meanwhile, the page offers the other hours matching now, or says so (the
//! proposal stays open). The withdrawal link asks before it withdraws (a `POST`: mail
//! scanners that follow links withdraw nothing). Opening a link changes nothing else, so a
//! scanner's visit costs at most a hold that runs out. The key is a path segment, which the
//! access log masks like every key.

use std::net::SocketAddr;

use axum::{
    extract::{ConnectInfo, Path, State},
    http::{HeaderMap, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
};
use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

use crate::domain::{
    contact::ContactInput, forms::Draft, lang::Words, matching::matching_hours, offer::find_hour,
    token::Token, url::TunnelQuery,
};
use crate::server::{
    booking::{confirmation::confirmation_url, drafts, holds, offered},
    state::AppState,
    store::{OfferRow, ProposalStatus},
    words::words_in,
};

/// The links' route.
pub fn router() -> axum::Router<AppState> {
    axum::Router::new().route(
        "/prendre-rendez-vous/offre/{key}",
        axum::routing::get(open).post(withdraw),
    )
}

/// A small page in the visitor's words: a heading, sentences, links, and maybe a button.
fn page(
    state: &AppState,
    words: &Words,
    status: StatusCode,
    (lines, links): (Vec<String>, Vec<(String, String)>),
    button: Option<String>,
) -> Response {
    let title = words.say("offer-page-title");
    let options = state.leptos_options.clone();
    let html = view! {
        <html lang=words.lang().to_string()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex, nofollow"/>
                <title>{title.clone()}</title>
                <HashedStylesheet options=options/>
            </head>
            <body>
                <main id="contenu" class="page">
                    <h1>{title}</h1>
                    {lines.into_iter().map(|l| view! { <p>{l}</p> }).collect_view()}
                    <ul>
                        {links
                            .into_iter()
                            .map(|(href, label)| view! { <li><a href=href>{label}</a></li> })
                            .collect_view()}
                    </ul>
                    {button.map(|label| view! {
                        <form method="post">
                            <button type="submit">{label}</button>
                        </form>
                    })}
                </main>
            </body>
        </html>
    }
    .to_html();
    (status, Html(format!("<!DOCTYPE html>{html}"))).into_response()
}

/// The offer behind the path's key, still open: or the page that says why not.
async fn open_offer(state: &AppState, key: &str) -> Result<(OfferRow, Token, Words), Response> {
    let fallback = words_in(&state.config.business.language);
    let gone = |words: &Words| {
        page(
            state,
            words,
            StatusCode::NOT_FOUND,
            (vec![words.say("offer-gone")], Vec::new()),
            None,
        )
    };
    let Some(key) = Token::parse(key) else {
        return Err(gone(&fallback));
    };
    let Some(offer) = offered::find(state, &key).await else {
        return Err(gone(&fallback));
    };
    let words = words_in(&offer.proposal.lang);
    match (offer.proposal.status, &offer.proposal.booking_id) {
        (ProposalStatus::New, _) => Ok((offer, key, words)),
        // Booked through one of its links: the appointment's page.
        (ProposalStatus::Booked, Some(id)) => Err(Redirect::to(&crate::domain::url::with_lang(
            &confirmation_url(id),
            &words,
        ))
        .into_response()),
        _ => Err(gone(&words)),
    }
}

/// `GET`: an hour's link opens its contact step; the withdrawal link asks first.
pub async fn open(
    State(state): State<AppState>,
    Path(key): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let (offer, key, words) = match open_offer(&state, &key).await {
        Ok(open) => open,
        Err(page) => return page,
    };
    let Some(start) = offer.start else {
        let ask = (vec![words.say("offer-withdraw-ask")], Vec::new());
        return page(
            &state,
            &words,
            StatusCode::OK,
            ask,
            Some(words.say("offer-withdraw")),
        );
    };
    let proposal = &offer.proposal;
    let Some(event) = state.config.event_type(Some(&proposal.proposal.event_type)) else {
        let gone = (vec![words.say("offer-gone")], Vec::new());
        return page(&state, &words, StatusCode::NOT_FOUND, gone, None);
    };
    // What everyone is offered now (without the hours visits hold).
    let days = super::matching::free_days(&state, event)
        .await
        .unwrap_or_default();
    // What the visitor typed once, to type nothing again; and the offer, to book it once.
    let p = &proposal.proposal;
    let draft = drafts::save(
        &state.db,
        Draft {
            contact: ContactInput {
                name: p.name.clone(),
                email: p.email.clone(),
                phone: p.phone.clone().unwrap_or_default(),
                message: p.message.clone().unwrap_or_default(),
            },
            offer: Some(key),
            ..Draft::default()
        },
    )
    .await;
    let tz = state.config.business.time_zone;
    let lang = (proposal.lang != state.config.business.language).then(|| proposal.lang.clone());
    let step = |date, hour| TunnelQuery {
        event_type: Some(event.slug.clone()),
        seed: Some(u64::from(rand::random::<u32>())),
        date: Some(date),
        hour: Some(hour),
        draft: draft.clone(),
        lang: lang.clone(),
        ..TunnelQuery::default()
    };
    let local = start.with_timezone(&tz);
    let (date, hour) = (
        local.date_naive(),
        crate::domain::hour_minute::HourMinute::of(&local),
    );
    if find_hour(&days, date, hour).is_some() {
        // Held for them as for any visit that reaches its contact step.
        let hold = state.guard.new_hold_id();
        let client = state.admin.client(peer.ip(), &headers);
        holds::hold(&state, event, start, &hold, Some(client), true, &days).await;
        let query = TunnelQuery {
            hold: Some(hold),
            ..step(date, hour)
        };
        return Redirect::to(&query.href()).into_response();
    }
    let per_email = state
        .config
        .matching
        .as_ref()
        .map_or(crate::server::config::DEFAULT_HOURS_PER_EMAIL, |m| {
            m.hours_per_email
        });
    let others = matching_hours(&p.availabilities, &days, per_email);
    let mut lines = vec![words.say("offer-taken")];
    let links = if others.is_empty() {
        lines.push(words.say("offer-none"));
        let dates = TunnelQuery {
            event_type: Some(event.slug.clone()),
            lang: lang.clone(),
            ..TunnelQuery::default()
        };
        vec![(dates.href(), words.say("offer-see-dates"))]
    } else {
        lines.push(words.say("offer-others"));
        others
            .iter()
            .map(|m| {
                let label = words.date_hour(m.date, m.hour.time);
                (step(m.date, m.hour.time).href(), label)
            })
            .collect()
    };
    page(&state, &words, StatusCode::OK, (lines, links), None)
}

/// `POST` on the withdrawal link: the proposal is withdrawn, never matched again.
pub async fn withdraw(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let (offer, _, words) = match open_offer(&state, &key).await {
        Ok(open) => open,
        Err(page) => return page,
    };
    if offer.start.is_some() {
        return StatusCode::METHOD_NOT_ALLOWED.into_response();
    }
    match state.db.withdraw_proposal(offer.proposal.id).await {
        Ok(_) => {
            tracing::info!(id = offer.proposal.id, "proposal withdrawn by the visitor");
            let said = (vec![words.say("offer-withdrawn")], Vec::new());
            page(&state, &words, StatusCode::OK, said, None)
        }
        Err(error) => {
            tracing::error!(%error, "proposal not withdrawn");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
