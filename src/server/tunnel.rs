//! The tunnel service: the page's view for a URL state.

use chrono::{SecondsFormat, Utc};

use crate::{
    domain::{
        calendar::Day,
        forms::{BookingForm, Draft},
        french,
        proposal::{find_hour, nearest_hours, propose, Proposal, ProposalRules},
        tunnel::{
            utm_query, ContactStep, EventTypeChoice, FallbackReason, FallbackStep, TunnelQuery,
            TunnelStep, TunnelView,
        },
    },
    error::AppError,
};

use super::{config::EventType, state::AppState};

/// Longest the page waits for availability, so it always answers within about 3 s.
const PAGE_DEADLINE: std::time::Duration = std::time::Duration::from_millis(3000);

fn choice(e: &EventType) -> EventTypeChoice {
    EventTypeChoice {
        slug: e.slug.clone(),
        label: e.label.clone(),
        duration_minutes: e.duration_minutes,
    }
}

/// Builds the view of the tunnel for `query`.
///
/// A missing seed gets a fresh random one, which every link of the view then carries.
/// Cal.com failures do not fail the page: they lead to the own-availability form.
pub async fn view(state: &AppState, query: TunnelQuery) -> Result<TunnelView, AppError> {
    let config = &state.config;
    let event = config
        .event_type(query.event_type.as_deref())
        .ok_or_else(|| AppError::NotFound("Ce type de rendez-vous n’existe pas.".to_string()))?;
    let query = TunnelQuery {
        event_type: Some(event.slug.clone()),
        seed: Some(
            query
                .seed
                .unwrap_or_else(|| u64::from(rand::random::<u32>())),
        ),
        ..query
    };
    let draft = query
        .draft
        .as_deref()
        .and_then(|t| state.drafts.get(t))
        .unwrap_or_default();
    let fallback = |reason: FallbackReason, draft: Draft, back: bool| {
        TunnelStep::Fallback(FallbackStep {
            reason,
            draft,
            back_href: back.then(|| query.at(0, None, None).href()),
            utm: utm_query(&query.utm),
            issued: state.guard.issue(),
        })
    };
    let step = match state
        .availability
        .days_within(event, config.tunnel.page_horizon_days, PAGE_DEADLINE)
        .await
    {
        Err(error) => {
            if error.is_misconfiguration() {
                tracing::error!(%error, "availability");
            } else {
                tracing::warn!(%error, "availability");
            }
            fallback(FallbackReason::Unavailable, draft, false)
        }
        Ok(_) if query.propose => fallback(FallbackReason::Asked, draft, true),
        Ok(av) => match (query.date, query.hour.clone()) {
            (Some(date), Some(hour)) => {
                let issued = state.guard.issue();
                contact_step(event, &query, &av.days, date, hour, draft, issued)
            }
            _ => {
                let rules = ProposalRules {
                    min_dates: config.tunnel.min_dates_shown,
                    max_dates: config.tunnel.max_dates_shown,
                    hours_per_date: config.tunnel.hours_per_date,
                    weeks_before_fallback: config.tunnel.weeks_before_fallback,
                };
                let today = Utc::now()
                    .with_timezone(&config.business.time_zone)
                    .date_naive();
                match propose(&av.days, &query, &rules, today, av.stale) {
                    Proposal::Week(p) => TunnelStep::Dates(p),
                    Proposal::Fallback(reason) => {
                        let back = reason == FallbackReason::NothingFits;
                        fallback(reason, draft, back)
                    }
                }
            }
        },
    };
    Ok(TunnelView {
        event_types: config.event_types.iter().map(choice).collect(),
        current: choice(event),
        demo: state.availability.is_demo(),
        time_zone: config.business.time_zone.name().to_string(),
        zone_label: config.business.zone_label.clone(),
        step,
    })
}

fn contact_step(
    event: &EventType,
    query: &TunnelQuery,
    days: &[Day],
    date: chrono::NaiveDate,
    hour: String,
    draft: Draft,
    issued: String,
) -> TunnelStep {
    let chosen = find_hour(days, date, &hour);
    let target = chosen.map_or_else(Utc::now, |h| h.start_utc);
    let mut alternatives = if chosen.is_none() {
        nearest_hours(days, date, target, 3, query)
    } else {
        Vec::new()
    };
    // Alternatives keep what the visitor already typed.
    if let Some(token) = &query.draft {
        for alt in &mut alternatives {
            alt.href = format!("{}&draft={token}", alt.href);
        }
    }
    let mut draft = draft;
    if chosen.is_none() && draft.notice.is_none() {
        draft.notice = Some(
            "Cet horaire n’est plus disponible. Voici les horaires libres les plus proches."
                .to_string(),
        );
    }
    TunnelStep::Contact(Box::new(ContactStep {
        form: BookingForm {
            event_type: event.slug.clone(),
            week: query.week,
            seed: query.seed.unwrap_or_default(),
            date: date.to_string(),
            hour: hour.clone(),
            utm: utm_query(&query.utm),
            issued,
            ..BookingForm::default()
        },
        date_label: french::date_label(date),
        time: hour,
        start_utc: target.to_rfc3339_opts(SecondsFormat::Secs, true),
        available: chosen.is_some(),
        phone_required: event.phone_required,
        back_href: query.at(query.week, Some(date), None).href(),
        fallback_href: query.fallback(None).href(),
        draft,
        alternatives,
    }))
}
