//! Reminders: an email to the visitor `reminders.before` ahead of their appointment, in the
//! visit's language: when (the business's zone), where, and the page that moves or cancels
//! it. Queued in the outbox when the booking is recorded, due at their instant, sent once
//! across instances and restarts; taken back when the appointment is cancelled or moved
//! (the moved one gets its own); none when the booking came closer than the offset.

use chrono::Utc;

use crate::domain::{lang::Words, token::Token, url::with_lang};
use crate::server::{
    booking::confirmation::{confirmation_url, page_place},
    notify::message::VisitorMail,
    state::AppState,
    store::NewBookingRow,
};

/// Queues the reminders of the booking `row`, written in `words`.
pub async fn queue(state: &AppState, row: &NewBookingRow, words: &Words) {
    let config = &state.config;
    let (Some(site), false) = (config.business.site(), config.reminders.is_empty()) else {
        return;
    };
    let now = Utc::now();
    let due: Vec<_> = config
        .reminders
        .iter()
        .filter_map(|before| chrono::Duration::from_std(*before).ok())
        .map(|before| row.start_utc - before)
        .filter(|due| *due > now)
        .collect();
    if due.is_empty() {
        return;
    }
    let mail = match serde_json::to_string(&mail(state, row, words, &site)) {
        Ok(mail) => mail,
        Err(error) => {
            tracing::error!(%error, "reminder not written");
            return;
        }
    };
    let reminders: Vec<_> = due.into_iter().map(|at| (at, mail.clone())).collect();
    if let Err(error) = state.db.queue_reminders(&row.public_id, &reminders).await {
        tracing::error!(%error, "reminders not queued");
    }
}

/// Takes back the reminders of `public_id` (cancelled, or moved to another booking).
pub async fn take_back(state: &AppState, public_id: &Token) {
    if let Err(error) = state.db.drop_reminders(public_id).await {
        tracing::error!(%error, "reminders not taken back");
    }
}

/// The reminder's email.
fn mail(state: &AppState, row: &NewBookingRow, words: &Words, site: &str) -> VisitorMail {
    let business = &state.config.business;
    let name = business.name_in(words);
    let tz = business.time_zone;
    let local = row.start_utc.with_timezone(&tz).naive_local();
    let when = words.date_time(local);
    let kind = state.config.event_type(Some(&row.event_type)).map_or_else(
        || row.event_type.clone(),
        |e| business.type_label_in(e, words),
    );
    let page = format!(
        "{site}{}",
        with_lang(&confirmation_url(&row.public_id), words)
    );
    // As the page shows it: a video link that holds Cal.com's uid goes through the page.
    let place = page_place(row, &format!("{site}{}", confirmation_url(&row.public_id)))
        .map(|p| p.text().to_string());
    let zone = business.zone_label_in(words);
    let say = |id: &str, args: &[(&str, &str)]| words.say_with(id, args);
    let mut lines = vec![
        say("reminder-hello", &[("name", &row.name)]),
        say(
            "reminder-when",
            &[
                ("kind", &kind),
                ("business", &name),
                ("when", &when),
                ("zone", &zone),
            ],
        ),
    ];
    if let Some(place) = &place {
        lines.push(say("reminder-where", &[("place", place)]));
    }
    lines.push(say("reminder-manage", &[("link", &page)]));
    lines.push(name.clone());
    let escape = crate::server::notify::message::html_escaped;
    let html: String = lines
        .iter()
        .map(|line| format!("<p>{}</p>", escape(line)))
        .collect();
    VisitorMail {
        to: row.email.clone(),
        subject: say("reminder-subject", &[("kind", &kind), ("when", &when)]),
        text: lines.join("\n\n"),
        html: format!(
            "<!doctype html><html lang=\"{}\"><body>{html}</body></html>",
            escape(words.lang().as_str())
        ),
    }
}
