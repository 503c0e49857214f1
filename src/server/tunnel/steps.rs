//! The tunnel service: the page's view for a URL state.

use chrono::{SecondsFormat, Utc};

use crate::{
    domain::{
        calendar::{instant_of, Day},
        forms::{BookingForm, Draft, FormMeta},
        hour_minute::HourMinute,
        lang::Words,
        offer::{find_hour, nearest_hours, offer, Offer, OfferRules},
        url::{utm_query, TunnelQuery},
        view::{
            ContactStep, EventTypeChoice, ProposalReason, ProposalStep, TunnelStep, TunnelView,
        },
    },
    error::AppError,
};

use crate::server::{abuse::spam::Purpose, config::EventType, state::AppState, words::Visit};

/// How many nearby hours are offered when the chosen one was taken.
const ALTERNATIVES: usize = 3;

/// Longest the page waits for availability, so it always answers within about 3 s.
const PAGE_DEADLINE: std::time::Duration = std::time::Duration::from_millis(3000);

fn choice(state: &AppState, e: &EventType, words: &Words) -> EventTypeChoice {
    EventTypeChoice {
        slug: e.slug.clone(),
        label: state.config.business.type_label_in(e, words),
        duration_minutes: state.rules.length_of(e),
    }
}

/// Builds the view of the tunnel for `query`.
///
/// A missing seed gets a fresh random one, which every link of the view then carries.
/// Cal.com failures do not fail the page: they lead to the proposal form.
pub async fn view(
    state: &AppState,
    visit: &Visit,
    query: TunnelQuery,
) -> Result<TunnelView, AppError> {
    let config = &state.config;
    let words = &visit.words;
    let event = config
        .event_type(query.event_type.as_deref())
        .ok_or_else(|| AppError::NotFound(words.say("error-unknown-type")))?;
    // A hold the visit had, to let go unless this is its contact step again.
    let had_hold = query.hold.clone();
    let query = TunnelQuery {
        event_type: Some(event.slug.clone()),
        seed: Some(
            query
                .seed
                .unwrap_or_else(|| u64::from(rand::random::<u32>())),
        ),
        // Fixed for the visit, like the seed: a reload of the contact step finds its hold.
        // Issued and signed here: an id of the client's own choosing holds nothing.
        hold: Some(
            query
                .hold
                .filter(|id| state.guard.is_hold_id(id))
                .unwrap_or_else(|| state.guard.new_hold_id()),
        ),
        // The language the visit chose, carried by every link.
        lang: words.carried(),
        ..query
    };
    let is_contact = query.date.is_some() && query.hour.is_some() && !query.propose;
    if let Some(id) = had_hold.filter(|_| !is_contact) {
        // Back to the dates, or to the proposal form: the hour goes back to
        // everyone (ended here now; Cal.com is told without this page waiting for it).
        crate::server::booking::holds::release(state, &id).await;
    }
    let draft = match query.draft.as_ref() {
        Some(token) => crate::server::booking::drafts::get(&state.db, token)
            .await
            .unwrap_or_default(),
        None => Draft::default(),
    };
    let proposal = |reason: ProposalReason, draft: Draft, back: bool| {
        TunnelStep::Proposal(ProposalStep {
            reason,
            draft,
            back_href: back.then(|| query.at(0, None, None).href()),
            utm: utm_query(&query.utm),
            issued: state.guard.issue(&Purpose::Proposal {
                event_type: &event.slug,
            }),
            offers_by_email: config.matching.is_some(),
        })
    };
    let availability = match state
        .availability
        .days_within(event, config.tunnel.page_horizon_days, PAGE_DEADLINE)
        .await
    {
        // Without the hours other visits hold (this visit's own hold stays its own).
        Ok(mut av) => {
            av.days =
                crate::server::booking::holds::offered(state, event, av.days, query.hold.as_ref())
                    .await;
            Ok(av)
        }
        Err(error) => Err(error),
    };
    let step = match availability {
        Err(error) => {
            if error.is_misconfiguration() {
                tracing::error!(%error, "availability");
            } else {
                tracing::warn!(%error, "availability");
            }
            proposal(ProposalReason::Unavailable, draft, false)
        }
        Ok(_) if query.propose => proposal(ProposalReason::Asked, draft, true),
        // Cal.com requires an answer the form cannot ask: no booking could go through.
        Ok(_) if !state.rules.of(event).unsupported.is_empty() => {
            proposal(ProposalReason::Unavailable, draft, false)
        }
        Ok(av) => match (query.date, query.hour) {
            (Some(date), Some(hour)) => {
                contact_step(state, event, &query, &av.days, (date, hour), draft, visit).await
            }
            _ => {
                let rules = OfferRules {
                    min_dates: config.tunnel.min_dates_shown,
                    max_dates: config.tunnel.max_dates_shown,
                    hours_per_date: config.tunnel.hours_per_date,
                    weeks_before_fallback: config.tunnel.weeks_before_fallback,
                };
                let today = Utc::now()
                    .with_timezone(&config.business.time_zone)
                    .date_naive();
                match offer(&av.days, &query, &rules, today, av.stale, words) {
                    Offer::Week(week) => TunnelStep::Dates(week),
                    Offer::Proposal(reason) => {
                        let back = reason == ProposalReason::NothingFits;
                        proposal(reason, draft, back)
                    }
                }
            }
        },
    };
    Ok(TunnelView {
        event_types: config
            .event_types
            .iter()
            .map(|e| choice(state, e, words))
            .collect(),
        current: choice(state, event, words),
        demo: state.availability.is_demo(),
        time_zone: config.business.time_zone.name().to_string(),
        zone_label: config.business.zone_label_in(words),
        step,
    })
}

async fn contact_step(
    state: &AppState,
    event: &EventType,
    query: &TunnelQuery,
    days: &[Day],
    (date, hour): (chrono::NaiveDate, HourMinute),
    draft: Draft,
    visit: &Visit,
) -> TunnelStep {
    let words = &visit.words;
    let rules = state.rules.of(event);
    let free = find_hour(days, date, hour);
    // The chosen hour's instant, free or not.
    let target = free
        .map(|h| h.start_utc)
        .or_else(|| instant_of(&state.config.business.time_zone, date, hour));
    let held_until = match (target, &query.hold) {
        // Held for a visitor's own click only, not for a previewer or a prefetch.
        (Some(start), Some(id)) if super::form_reply::own_navigation() => {
            crate::server::booking::holds::hold(
                state,
                event,
                start,
                id,
                visit.client,
                free.is_some(),
                days,
            )
            .await
        }
        _ => None,
    };
    let target = target.unwrap_or_else(Utc::now);
    // Held for this visitor: theirs, though no longer offered to anyone else.
    let chosen = free.is_some() || held_until.is_some();
    let mut alternatives = if !chosen {
        nearest_hours(days, date, target, ALTERNATIVES, query, words)
    } else {
        Vec::new()
    };
    // Alternatives keep what the visitor already typed.
    if let Some(token) = &query.draft {
        for alt in &mut alternatives {
            alt.href = format!("{}&draft={}", alt.href, token.as_str());
        }
    }
    let mut draft = draft;
    if !chosen && draft.notice.is_none() {
        draft.notice = Some("hour-gone".to_string());
    }
    TunnelStep::Contact(Box::new(ContactStep {
        form: BookingForm {
            week: query.week,
            seed: query.seed.unwrap_or_default(),
            date: date.to_string(),
            hour: hour.to_string(),
            hold: query.hold.clone(),
            offer: draft.offer.clone(),
            meta: FormMeta {
                event_type: event.slug.clone(),
                utm: utm_query(&query.utm),
                issued: state.guard.issue(&Purpose::Booking {
                    event_type: &event.slug,
                    date,
                    hour,
                }),
                website: String::new(),
            },
            ..BookingForm::default()
        },
        date_label: words.date(date),
        time: hour,
        start_utc: target.to_rfc3339_opts(SecondsFormat::Secs, true),
        available: chosen,
        held_until: held_until
            .map(|until| HourMinute::of(&until.with_timezone(&state.config.business.time_zone))),
        phone_required: rules.phone_required(event),
        questions: crate::server::booking::meeting::asked(&rules, words),
        back_href: query.at(query.week, Some(date), None).href(),
        proposal_href: query.proposal_step(None).href(),
        draft,
        alternatives,
    }))
}
