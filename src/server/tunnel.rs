//! The tunnel service: the page's view for a URL state.

use chrono::Utc;

use crate::{
    domain::{
        proposal::{propose, ProposalRules},
        tunnel::{EventTypeChoice, TunnelQuery, TunnelStep, TunnelView},
    },
    error::AppError,
};

use super::{config::EventType, state::AppState};

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
/// Cal.com failures do not fail the page: they become the `Unavailable` step.
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
    let rules = ProposalRules {
        min_dates: config.tunnel.min_dates_shown,
        max_dates: config.tunnel.max_dates_shown,
        hours_per_date: config.tunnel.hours_per_date,
        weeks_before_fallback: config.tunnel.weeks_before_fallback,
    };
    let step = match state
        .availability
        .days(event, config.tunnel.page_horizon_days)
        .await
    {
        Ok(av) => {
            let today = Utc::now()
                .with_timezone(&config.business.time_zone)
                .date_naive();
            propose(&av.days, &query, &rules, today, av.stale)
        }
        Err(error) => {
            if error.is_misconfiguration() {
                tracing::error!(%error, "availability");
            } else {
                tracing::warn!(%error, "availability");
            }
            TunnelStep::Unavailable
        }
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
