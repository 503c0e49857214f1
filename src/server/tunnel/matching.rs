//! Proposals that turn into appointments: each open proposal is compared with what the
//! server offers — whenever that may have changed (a fresh answer from Cal.com, a change
//! another instance or a Cal.com webhook announced, a hold let go) and every few minutes —
//! and the first time an hour inside one of its ranges is free, the visitor is emailed up
//! to `matching.hours_per_email` of them, each a link that opens the contact step with
//! their details filled in and the hour held (see `offers`). Once per proposal, across
//! instances and restarts: the offer is claimed in the database with the email's outbox
//! row. The owner may send the hours again from the inbox.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};

use crate::domain::{
    calendar::Day,
    matching::{last_matchable_day, matching_hours, Match},
    token::Token,
    url::PAGE_PATH,
};
use crate::server::{
    booking::{holds, offered::KEY_LABEL},
    config::{EventType, MatchingSettings},
    notify::message::VisitorMail,
    state::AppState,
    store::{Channel, NewOffer, NotificationEvent, OfferKind, Outbound, ProposalRow},
    words::words_in,
};

/// How often proposals are compared even when nothing rang.
const EVERY: Duration = Duration::from_secs(300);
/// How soon a pass that could not read or write is made again.
const RETRY: Duration = Duration::from_secs(5);
/// Open proposals read per event type and pass.
const BATCH: i64 = 500;

/// Starts the matching (once, at startup, when `[matching]` is on); it ends when the
/// process is asked to stop.
pub fn spawn(state: AppState) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let changes = state.availability.changes();
        while !state.shutdown.is_asked() {
            let mut failed = false;
            if let Some(settings) = &state.config.matching {
                for event in &state.config.event_types {
                    failed |= !match_event(&state, settings, event).await;
                }
            }
            tokio::select! {
                () = changes.notified() => {}
                () = tokio::time::sleep(if failed { RETRY } else { EVERY }) => {}
                () = state.shutdown.asked() => {}
            }
        }
    })
}

/// The business's today.
fn today(state: &AppState) -> NaiveDate {
    Utc::now()
        .with_timezone(&state.config.business.time_zone)
        .date_naive()
}

/// The last day `row` may be matched (`None`: it has no ranges).
fn last_day(state: &AppState, row: &ProposalRow, max_days: Option<u32>) -> Option<NaiveDate> {
    let made = row
        .created_at
        .with_timezone(&state.config.business.time_zone)
        .date_naive();
    last_matchable_day(&row.proposal.availabilities, made, max_days)
}

/// True while `row` may still be matched.
pub fn matchable(state: &AppState, row: &ProposalRow, max_days: Option<u32>) -> bool {
    last_day(state, row, max_days).is_some_and(|last| last >= today(state))
}

/// Offers their hours to the proposals of `event` that match for the first time; false
/// when something could not be read or written (the pass is made again soon).
async fn match_event(state: &AppState, settings: &MatchingSettings, event: &EventType) -> bool {
    let rows = match state.db.open_proposals(&event.slug, BATCH).await {
        Ok(rows) => rows,
        Err(error) => {
            tracing::error!(%error, "matching: proposals unreadable");
            return false;
        }
    };
    let waiting: Vec<ProposalRow> = rows
        .into_iter()
        .filter(|row| row.offered_at.is_none() && matchable(state, row, settings.matchable_days))
        .collect();
    if waiting.is_empty() {
        return true;
    }
    let Some(days) = free_days(state, event).await else {
        return false;
    };
    let mut done = true;
    for row in waiting {
        let hours = matching_hours(
            &row.proposal.availabilities,
            &days,
            settings.hours_per_email,
        );
        if hours.is_empty() {
            continue;
        }
        match offer(state, event, &row, &hours, OfferKind::First).await {
            Ok(Some(_)) => {
                tracing::info!(id = row.id, event = %event.slug, "proposal offered matching hours")
            }
            Ok(None) => {}
            Err(error) => {
                tracing::error!(%error, id = row.id, "matching hours not offered");
                done = false;
            }
        }
    }
    done
}

/// What `event` offers everyone now (without the hours visits hold); `None` when it cannot
/// be read.
pub async fn free_days(state: &AppState, event: &EventType) -> Option<Vec<Day>> {
    match state
        .availability
        .days(event, state.config.tunnel.max_range_days)
        .await
    {
        Ok(av) => Some(holds::offered(state, event, av.days, None).await),
        Err(error) => {
            tracing::warn!(%error, "matching: availability unreadable");
            None
        }
    }
}

/// The hours free now (for everyone: without the hours visits hold) inside `row`'s ranges.
pub async fn hours_for(
    state: &AppState,
    event: &EventType,
    row: &ProposalRow,
    limit: usize,
) -> Vec<Match> {
    let days = free_days(state, event).await.unwrap_or_default();
    matching_hours(&row.proposal.availabilities, &days, limit)
}

/// An offer's links: one per hour, and the withdrawal's.
#[derive(Clone, Debug)]
pub struct Links {
    /// Each hour and the absolute link that books it.
    pub hours: Vec<(Match, String)>,
    /// The link that withdraws the proposal.
    pub withdraw: String,
}

/// The path of an offer's link.
pub fn offer_path(key: &Token) -> String {
    format!("{PAGE_PATH}/offre/{}", key.as_str())
}

/// Offers `hours` of `event` to the proposal `row`: stores a link for each (and one that
/// withdraws it), and queues the email that carries them when emails can be sent. `None`
/// when the proposal was offered meanwhile (a [`OfferKind::First`]) or is no longer new.
pub async fn offer(
    state: &AppState,
    event: &EventType,
    row: &ProposalRow,
    hours: &[Match],
    kind: OfferKind,
) -> Result<Option<Links>, crate::server::store::StoreError> {
    let max_days = state
        .config
        .matching
        .as_ref()
        .and_then(|s| s.matchable_days);
    let tz = state.config.business.time_zone;
    let last = last_day(state, row, max_days).unwrap_or_else(|| today(state));
    // The links work until the end of the proposal's last day.
    let expires_at: DateTime<Utc> = last
        .succ_opt()
        .zip(crate::domain::hour_minute::HourMinute::new(0, 0))
        .and_then(|(d, midnight)| crate::domain::calendar::instant_of(&tz, d, midnight))
        .unwrap_or_else(|| Utc::now() + chrono::Duration::days(1));
    let words = words_in(&row.lang);
    let site = state.config.business.site().unwrap_or_default();
    let with_lang = |path: String| {
        let lang =
            (row.lang != state.config.business.language).then(|| format!("?lang={}", row.lang));
        format!("{site}{path}{}", lang.unwrap_or_default())
    };
    // One link per hour and one that withdraws: each a new nonce, signed in its link.
    let mut offers = Vec::new();
    let mut link = |start: Option<DateTime<Utc>>| {
        let nonce: u64 = rand::random();
        offers.push(NewOffer {
            nonce: format!("{nonce:016x}"),
            start,
        });
        with_lang(offer_path(&state.guard.signed_key(KEY_LABEL, nonce)))
    };
    let links = Links {
        hours: hours
            .iter()
            .map(|hour| (hour.clone(), link(Some(hour.hour.start_utc))))
            .collect(),
        withdraw: link(None),
    };
    let mail = mail(state, event, row, &links, &words);
    let payload = |_: i64, _: DateTime<Utc>| serde_json::to_string(&mail);
    let email = state.notifier.can_email() && !site.is_empty();
    let channels: &[Channel] = if email { &[Channel::Visitor] } else { &[] };
    let outbound = Outbound {
        channels,
        event: NotificationEvent::ProposalMatched,
        payload: &payload,
    };
    let done = state
        .db
        .offer_hours(row.id, (&offers, kind), expires_at, &outbound)
        .await?;
    if done && email {
        state.notifier.wake();
    }
    Ok(done.then_some(links))
}

/// The visitor's email: who writes, why, the hours (business zone), how to stop.
fn mail(
    state: &AppState,
    event: &EventType,
    row: &ProposalRow,
    links: &Links,
    words: &crate::domain::lang::Words,
) -> VisitorMail {
    let business = state.config.business.name_in(words);
    let zone = state.config.business.zone_label_in(words);
    let kind = state.config.business.type_label_in(event, words);
    // Every message of the email may name these.
    let common = [
        ("business", business.as_str()),
        ("name", row.proposal.name.as_str()),
        ("kind", kind.as_str()),
        ("zone", zone.as_str()),
    ];
    let say = |id: &str, extra: &[(&str, &str)]| {
        let args: Vec<(&str, &str)> = common.iter().chain(extra).copied().collect();
        words.say_with(id, &args)
    };
    let hours: Vec<(String, &String)> = links
        .hours
        .iter()
        .map(|(m, link)| (words.date_hour(m.date, m.hour.time), link))
        .collect();
    let mut text = format!(
        "{}\n\n{}\n\n",
        say("offer-hello", &[]),
        say("offer-why", &[])
    );
    for (when, link) in &hours {
        text.push_str(&format!("- {when} : {link}\n"));
    }
    text.push_str(&format!(
        "\n{}\n\n{}\n{}\n\n{}\n",
        say("offer-zone", &[]),
        say("offer-once", &[]),
        say("offer-stop", &[("link", &links.withdraw)]),
        business
    ));
    let escape = crate::server::notify::message::html_escaped;
    let items: String = hours
        .iter()
        .map(|(when, link)| {
            format!(
                "<li><a href=\"{}\">{}</a></li>",
                escape(link),
                escape(&say("offer-book", &[("when", when)]))
            )
        })
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"{lang}\"><body><p>{hello}</p><p>{why}</p><ul>{items}</ul>\
         <p>{zone}</p><p>{once}</p><p>{stop} <a href=\"{withdraw}\">{withdraw_label}</a></p>\
         <p>{business}</p></body></html>",
        lang = escape(row.lang.as_str()),
        hello = escape(&say("offer-hello", &[])),
        why = escape(&say("offer-why", &[])),
        zone = escape(&say("offer-zone", &[])),
        once = escape(&say("offer-once", &[])),
        stop = escape(&say("offer-stop-html", &[])),
        withdraw = escape(&links.withdraw),
        withdraw_label = escape(&say("offer-withdraw", &[])),
        business = escape(&business),
    );
    VisitorMail {
        to: row.proposal.email.clone(),
        subject: say("offer-subject", &[]),
        text,
        html,
    }
}
