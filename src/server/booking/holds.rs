//! The hour held while the visitor types: reaching the contact step reserves the hour at
//! Cal.com for this visit (`tunnel.hold_minutes` with an API key, Cal.com's 5 without), so
//! nobody else can take it meanwhile; coming back to the form extends the hold, choosing
//! another hour or going back to the dates releases it, and the booking uses it.
//!
//! The visit knows its hold by a random id in its URLs (`hold=`); the reservation uid stays
//! in the database. A hold that cannot be made is not an error: the visitor books as before.
//! Each client holds at most `spam.holds_per_client` hours at once, so that following every
//! hour link (a crawler, an attacker) cannot empty the calendar: the hold is claimed in the
//! database (counted and claimed in one step, across instances) before Cal.com is asked. A
//! visit's holds end `MAX_LIFE_HOLDS` × the hold's length after its first one, however often
//! it comes back to the form.

use std::net::IpAddr;

use chrono::{DateTime, Utc};

use crate::domain::{
    calendar::{week_of, without, Day},
    token::Token,
};
use crate::server::{
    abuse::rate_limit::client_key,
    calendar::calcom::CalComClient,
    config::EventType,
    state::AppState,
    store::{Hold, HoldLimits},
};

/// Cal.com's hold without an API key, in minutes.
const ANONYMOUS_HOLD_MINUTES: u32 = 5;

/// A visit holds hours for at most this many times the length of one hold, in all.
pub const MAX_LIFE_HOLDS: i32 = 3;

/// How long holds last for this server.
fn minutes(state: &AppState, client: &CalComClient) -> u32 {
    if client.has_key() {
        state.config.tunnel.hold_minutes
    } else {
        ANONYMOUS_HOLD_MINUTES
    }
}

/// Holds `start` of `event` for the visit whose hold id is `id`, and returns until when (or
/// `None` when it is not held: demo calendar, taken, limit reached, Cal.com refusing).
/// `free` says whether the hour is still offered: an hour that is not can only keep a hold
/// the visit already has. `offer` is what this visit is offered of `event` now (for the
/// share of a week all visits may hold).
pub async fn hold(
    state: &AppState,
    event: &EventType,
    start: DateTime<Utc>,
    id: &Token,
    client: Option<IpAddr>,
    free: bool,
    offer: &[Day],
) -> Option<DateTime<Utc>> {
    let calcom = state.calcom.as_ref()?;
    if !state.guard.is_hold_id(id) {
        return None;
    }
    let minutes = minutes(state, calcom);
    let now = Utc::now();
    let current = state.db.find_hold(id).await.ok().flatten();
    let life = chrono::Duration::minutes(i64::from(minutes) * i64::from(MAX_LIFE_HOLDS));
    if let Some(held) = current.as_ref() {
        let same = held.event_type == event.slug && held.start_utc == start;
        if held.since + life <= now + chrono::Duration::minutes(i64::from(minutes)) {
            // Held long enough: what is held runs out, nothing more is held for this visit.
            tracing::info!("hold not made or extended: this visit has held hours long enough");
            return (same && held.until > now && !held.is_pending()).then_some(held.until);
        }
        if same && held.until > now && !held.is_pending() {
            // Coming back to the form: extended once half of it has run out.
            let half = chrono::Duration::seconds(i64::from(minutes) * 30);
            if held.until - now > half {
                return Some(held.until);
            }
            return match calcom
                .extend(&held.reservation_uid, event.calcom_id, start, minutes)
                .await
            {
                Ok(extended) => {
                    let hold = Hold {
                        until: extended.until,
                        reservation_uid: extended.uid,
                        ..held.clone()
                    };
                    save(state, &hold, client).await;
                    Some(hold.until)
                }
                Err(error) => {
                    tracing::info!(%error, "hold not extended");
                    Some(held.until)
                }
            };
        }
        if !same {
            release_hold(state, held).await;
        }
    }
    if !free {
        return None;
    }
    let digest = client_digest(state, client);
    let claim = Hold {
        id: id.clone(),
        event_type: event.slug.clone(),
        start_utc: start,
        reservation_uid: String::new(),
        // A claim Cal.com never answered frees its place by itself.
        until: now + chrono::Duration::minutes(1),
        since: current.as_ref().map_or(now, |held| held.since),
    };
    if !switch_allowed(state, &digest).await {
        tracing::info!("hold not made: this client made enough holds this hour");
        return None;
    }
    let (per_week, week) = share_of(state, event, offer, start).await;
    let limits = HoldLimits {
        per_client: i64::from(state.config.holds_per_client.get()),
        per_week,
        week,
    };
    match state.db.claim_hold(&claim, &digest, limits).await {
        Ok(true) => {}
        Ok(false) => {
            tracing::info!("hold not made: this client already holds enough hours");
            return None;
        }
        Err(error) => {
            tracing::error!(%error, "hold not claimed");
            return None;
        }
    }
    match calcom.reserve(event.calcom_id, start, minutes).await {
        Ok(reservation) => {
            let hold = Hold {
                reservation_uid: reservation.uid,
                until: reservation.until,
                ..claim
            };
            // Gone from what everyone else is offered, on every instance: each takes the
            // held hours out of its cached availability (see `offered`), so no cache is
            // emptied and Cal.com is not asked for its slots again.
            save(state, &hold, client).await;
            Some(hold.until)
        }
        Err(error) => {
            tracing::info!(%error, "hold not made");
            if let Err(error) = state.db.drop_hold(id).await {
                tracing::error!(%error, "hold claim not given back (it runs out by itself)");
            }
            None
        }
    }
}

/// The reservation uid of the visit's hold on `start` of `event`, while it lasts.
pub async fn reservation_for(
    state: &AppState,
    id: &Token,
    event: &EventType,
    start: DateTime<Utc>,
) -> Option<String> {
    let held = state.db.find_hold(id).await.ok().flatten()?;
    (held.event_type == event.slug
        && held.start_utc == start
        && held.until > Utc::now()
        && !held.is_pending())
    .then_some(held.reservation_uid)
}

/// The visit `id` no longer wants its hour (it went back to the dates): lets it go. The hold
/// ends here before this returns (a quick return to the form finds it ended); Cal.com is told
/// afterwards, without the page waiting for it.
pub async fn release(state: &AppState, id: &Token) {
    let Ok(Some(held)) = state.db.find_hold(id).await else {
        return;
    };
    if let Err(error) = state.db.end_hold(&held.id).await {
        tracing::error!(%error, "hold not forgotten");
        return;
    }
    state.availability.announce_change();
    let state = state.clone();
    tokio::spawn(async move { tell_calcom_released(&state, &held).await });
}

/// The hold was used by a booking: forgotten here (Cal.com consumed the reservation).
pub async fn used(state: &AppState, id: &Token) {
    if let Err(error) = state.db.drop_hold(id).await {
        tracing::error!(%error, "used hold not forgotten");
    }
}

async fn release_hold(state: &AppState, held: &Hold) {
    if let Err(error) = state.db.end_hold(&held.id).await {
        tracing::error!(%error, "hold not forgotten");
        return;
    }
    tell_calcom_released(state, held).await;
}

/// Gives `held`'s hour back at Cal.com (already ended here).
async fn tell_calcom_released(state: &AppState, held: &Hold) {
    if held.until <= Utc::now() || held.is_pending() {
        return;
    }
    let Some(calcom) = &state.calcom else { return };
    // Offered again at once, everywhere: the hold ended in the database.
    if let Err(error) = calcom.release(&held.reservation_uid).await {
        tracing::info!(%error, "hold not released (it runs out by itself)");
    }
}

async fn save(state: &AppState, hold: &Hold, client: Option<IpAddr>) {
    if let Err(error) = state
        .db
        .save_hold(hold, &client_digest(state, client))
        .await
    {
        tracing::error!(%error, "hold not stored");
    }
}

/// Who holds: a keyed digest of the client's address (no address is stored).
fn client_digest(state: &AppState, client: Option<IpAddr>) -> String {
    client.map_or_else(
        || "unknown".to_string(),
        |ip| state.guard.pseudonym(&client_key(ip)),
    )
}

/// True when `client` may make one more hold this hour (counted now, on every instance:
/// parallel requests cannot all pass).
async fn switch_allowed(state: &AppState, client: &str) -> bool {
    let bucket = format!("{}holds {client}", crate::server::store::DAILY_PREFIX);
    match state.db.hourly_hits(&bucket, Utc::now(), 1, true).await {
        Ok(made) => made <= i64::from(state.config.holds_per_client_per_hour.get()),
        Err(error) => {
            tracing::error!(%error, "holds made this hour unreadable");
            false
        }
    }
}

/// How many hours of `event` all visits together may hold in the week (Monday to Sunday,
/// in the business's zone) of `start`, and that week: `spam.holds_share_percent` of the
/// week's hours (those offered to this visit and those held now), at least one.
async fn share_of(
    state: &AppState,
    event: &EventType,
    offer: &[Day],
    start: DateTime<Utc>,
) -> (i64, (DateTime<Utc>, DateTime<Utc>)) {
    let week = week_of(&state.config.business.time_zone, start);
    let inside = |t: &DateTime<Utc>| *t >= week.0 && *t < week.1;
    let offered = offer
        .iter()
        .flat_map(|d| &d.hours)
        .filter(|h| inside(&h.start_utc))
        .count();
    let held = state
        .db
        .held_hours(&event.slug)
        .await
        .map_or(0, |h| h.iter().filter(|h| inside(&h.start)).count());
    let all = i64::try_from(offered + held).unwrap_or(i64::MAX);
    let percent = i64::from(state.config.holds_share_percent.get());
    ((all.saturating_mul(percent) / 100).max(1), week)
}

/// `days` of `event` as the visit `own` sees them: without the hours other visits hold
/// (read from the database: every instance's holds). The cache keeps Cal.com's answer,
/// held hours included (see `AvailabilityService`): a hold costs no fetch, and a released
/// hour is offered again at once.
pub async fn offered(
    state: &AppState,
    event: &EventType,
    days: Vec<Day>,
    own: Option<&Token>,
) -> Vec<Day> {
    if state.calcom.is_none() {
        return days;
    }
    match state.db.held_hours(&event.slug).await {
        Ok(held) => {
            let others: Vec<DateTime<Utc>> = held
                .into_iter()
                .filter(|h| Some(&h.id) != own)
                .map(|h| h.start)
                .collect();
            without(&days, &others)
        }
        Err(error) => {
            tracing::error!(%error, "held hours unreadable: offered as Cal.com says");
            days
        }
    }
}
