//! Loads what the inbox shows: stored proposals and Cal.com's upcoming bookings.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::{
    bookings_view::{BookingLine, Bookings},
    follow_up::FollowUp,
    views::ProposalView,
};
use crate::{
    domain::{
        calendar::Day, hour_minute::HourMinute, lang::Words, matching::matching_hours,
        proposal::ProposedSlot,
    },
    server::{
        calendar::calcom::CalComError,
        state::AppState,
        store::{ProposalRow, ProposalStatus},
        tunnel::matching,
    },
};

/// How many upcoming bookings the page lists.
const UPCOMING: u32 = 50;

/// The owner's side speaks the business's language (`business.language`).
pub(super) fn owner_words(state: &AppState) -> Words {
    crate::server::words::words_in(&state.config.business.language)
}

/// "jeudi 26 novembre 2026 à 10:05", in the business zone.
pub fn when(instant: DateTime<Utc>, tz: Tz, w: &Words) -> String {
    w.date_time(instant.with_timezone(&tz).naive_local())
}

/// A proposal's time ranges, as sentences.
pub fn availabilities(slots: &[ProposedSlot], w: &Words) -> Vec<String> {
    slots
        .iter()
        .map(|slot| {
            w.say_with(
                "admin-availability",
                &[
                    ("date", &w.date_with_year(slot.date)),
                    ("from", &slot.from.to_string()),
                    ("to", &slot.to.to_string()),
                ],
            )
        })
        .collect()
}

/// How many matching hours the inbox lists per proposal.
const MATCHES_SHOWN: usize = 5;

/// What each event type offers everyone now, read once per page (not once per proposal).
pub type FreeDays = HashMap<String, Vec<Day>>;

/// The hours that match `row` now, as the owner reads them.
async fn matching_now(state: &AppState, row: &ProposalRow, free: &mut FreeDays) -> Vec<String> {
    let max_days = state
        .config
        .matching
        .as_ref()
        .and_then(|m| m.matchable_days);
    let Some(event) = state.config.event_type(Some(&row.proposal.event_type)) else {
        return Vec::new();
    };
    if !matching::matchable(state, row, max_days) {
        return Vec::new();
    }
    if !free.contains_key(&event.slug) {
        let days = matching::free_days(state, event).await.unwrap_or_default();
        free.insert(event.slug.clone(), days);
    }
    let days = free.get(&event.slug).map_or(&[][..], Vec::as_slice);
    let w = owner_words(state);
    matching_hours(&row.proposal.availabilities, days, MATCHES_SHOWN)
        .into_iter()
        .map(|m| w.date_hour(m.date, m.hour.time))
        .collect()
}

/// What the matching did with `row`, and the hours that match it now.
pub async fn follow_up(state: &AppState, row: &ProposalRow, free: &mut FreeDays) -> FollowUp {
    let tz = state.config.business.time_zone;
    let w = owner_words(state);
    let day = |at: DateTime<Utc>| w.date_with_year(at.with_timezone(&tz).date_naive());
    match (row.status, row.offered_at, &row.booking_id) {
        (ProposalStatus::Booked, at, Some(id)) => FollowUp::Booked(
            at.map(day).unwrap_or_default(),
            crate::server::booking::confirmation::confirmation_url(id),
        ),
        (ProposalStatus::New, Some(at), _) => {
            FollowUp::Offered(day(at), matching_now(state, row, free).await)
        }
        (ProposalStatus::New, None, _) => FollowUp::Matching(matching_now(state, row, free).await),
        _ => FollowUp::None,
    }
}

/// A stored proposal as the page shows it.
pub fn proposal_view(state: &AppState, row: ProposalRow, follow_up: FollowUp) -> ProposalView {
    let config = &state.config;
    let w = owner_words(state);
    let ProposalRow {
        id,
        created_at,
        status,
        proposal: p,
        ..
    } = row;
    let type_label = config.label_of(&p.event_type);
    ProposalView {
        id,
        received: when(created_at, config.business.time_zone, &w),
        type_label,
        name: p.name,
        email: p.email,
        phone: p.phone,
        availabilities: availabilities(&p.availabilities, &w),
        message: p.message,
        utm: p.utm.into_iter().collect(),
        status,
        follow_up,
    }
}

/// A short reason for the owner, as a catalogue id (the full error is in the logs).
fn reason(error: &CalComError) -> &'static str {
    match error {
        CalComError::InvalidKey { .. } => "admin-calcom-key-refused",
        CalComError::KeyNeeded { .. } => "admin-calcom-key-needed",
        CalComError::RateLimited { .. } => "admin-calcom-rate-limited",
        CalComError::Unavailable(_) => "admin-calcom-unavailable",
        _ => "admin-calcom-unexpected",
    }
}

/// The appointments booked through the page, from yesterday on, with where each stands here
/// (cancelled or moved from its confirmation page, or in Cal.com through its webhooks).
pub async fn booked_here(state: &AppState) -> Bookings {
    let config = &state.config;
    let w = owner_words(state);
    let since = chrono::Utc::now() - chrono::Duration::days(1);
    match state.db.bookings_from(since, UPCOMING.into()).await {
        Ok(rows) => Bookings::List(
            rows.into_iter()
                .map(|b| {
                    let local = b.start_utc.with_timezone(&config.business.time_zone);
                    // A past appointment that stood may be marked as missed.
                    let missable = b.start_utc < chrono::Utc::now()
                        && b.moved_to.is_none()
                        && !b.absent
                        && b.status == crate::server::store::BookingStatus::Accepted;
                    BookingLine {
                        absent_action: missable
                            .then(|| format!("/admin/bookings/{}/absent", b.public_id.as_str())),
                        date: w.date_with_year(local.date_naive()),
                        time: HourMinute::of(&local),
                        type_label: config.label_of(&b.event_type),
                        attendee: b.name,
                        email: b.email,
                        status: w.say(if b.moved_to.is_some() {
                            "admin-booking-moved"
                        } else if b.absent {
                            "admin-booking-absent"
                        } else {
                            b.status.word_id()
                        }),
                    }
                })
                .collect(),
        ),
        Err(error) => {
            tracing::error!(%error, "admin: bookings unreadable");
            Bookings::Unavailable(w.say("admin-booked-here-unreadable"))
        }
    }
}

/// Cal.com's upcoming bookings of the configured event types, or why they cannot be shown.
pub async fn upcoming(state: &AppState) -> Bookings {
    let config = &state.config;
    let w = owner_words(state);
    let Some(client) = &state.calcom else {
        return Bookings::Unavailable(w.say("admin-demo-calendar"));
    };
    if !client.has_key() {
        return Bookings::Unavailable(w.say("admin-no-calcom-key"));
    }
    let ids: Vec<u64> = config.event_types.iter().map(|e| e.calcom_id).collect();
    match client.upcoming_bookings(&ids, UPCOMING).await {
        Ok(list) => Bookings::List(
            list.into_iter()
                .map(|b| {
                    let local = b.start.with_timezone(&config.business.time_zone);
                    let type_label = b
                        .event_type_id
                        .and_then(|id| config.event_types.iter().find(|e| e.calcom_id == id))
                        .map_or_else(|| "—".to_string(), |e| e.label.clone());
                    BookingLine {
                        absent_action: None,
                        date: w.date_with_year(local.date_naive()),
                        time: HourMinute::of(&local),
                        type_label,
                        attendee: b.attendee_name.unwrap_or_else(|| "—".to_string()),
                        email: b.attendee_email.unwrap_or_default(),
                        status: w.say(b.status.word_id()),
                    }
                })
                .collect(),
        ),
        Err(error) => {
            tracing::warn!(%error, "admin: upcoming bookings unreadable");
            Bookings::Unavailable(w.say_with(
                "admin-upcoming-unreadable",
                &[("reason", &w.say(reason(&error)))],
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    #[test]
    fn availabilities_read_as_french_sentences() {
        let slots: Vec<ProposedSlot> =
            serde_json::from_str(r#"[{"date":"2026-12-03","from":"09:00","to":"11:00"}]"#).unwrap();
        let w = crate::server::words::words_in(&Lang::french());
        assert_eq!(
            availabilities(&slots, &w),
            vec!["jeudi 3 décembre 2026, de 09:00 à 11:00".to_string()]
        );
    }

    #[test]
    fn when_is_in_the_business_zone_in_winter_and_in_summer() {
        let w = crate::server::words::words_in(&Lang::french());
        let winter: DateTime<Utc> = "2026-11-26T09:05:00Z".parse().unwrap();
        assert_eq!(
            when(winter, chrono_tz::Europe::Paris, &w),
            "jeudi 26 novembre 2026 à 10:05"
        );
        let summer: DateTime<Utc> = "2026-07-02T09:05:00Z".parse().unwrap();
        assert_eq!(
            when(summer, chrono_tz::Europe::Paris, &w),
            "jeudi 2 juillet 2026 à 11:05"
        );
    }
}
