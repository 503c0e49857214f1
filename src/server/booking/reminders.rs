//! Reminders: an email to the visitor `reminders.before` ahead of their appointment, in the
//! visit's language: when (the business's zone), where, and the page that moves or cancels
//! it. Queued in the outbox when the booking is recorded, due at their instant, sent once
//! across instances and restarts; taken back when the appointment is cancelled or moved
//! (the moved one gets its own); none when the booking came closer than the offset.

use chrono::Utc;

use crate::domain::{lang::Words, url::with_lang};
use crate::server::{
    booking::confirmation::{confirmation_url, page_place},
    notify::message::VisitorMail,
    state::AppState,
    store::{NewBookingRow, Reminder},
    words::{city_zone_label, words_in},
};

/// The reminders of the booking `row`, to record with it (none when SMTP or the site's
/// address is missing, when the owner turned them off, or when each offset has passed), in
/// the language of the visit that booked.
pub fn of(state: &AppState, row: &NewBookingRow) -> Vec<Reminder> {
    let config = &state.config;
    let (Some(site), false) = (config.business.site(), config.reminders.is_empty()) else {
        return Vec::new();
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
        return Vec::new();
    }
    let words = words_in(row.lang.as_ref().unwrap_or(&config.business.language));
    match serde_json::to_string(&mail(state, row, &words, &site)) {
        Ok(payload) => due
            .into_iter()
            .map(|due| Reminder {
                due,
                payload: payload.clone(),
            })
            .collect(),
        Err(error) => {
            tracing::error!(%error, "reminder not written");
            Vec::new()
        }
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
    // The visitor booked from another zone, whose clock reads another hour: theirs too.
    if let Some(theirs) = row.visitor_zone {
        let there = row.start_utc.with_timezone(&theirs).naive_local();
        if there != local {
            lines.push(say(
                "reminder-your-time",
                &[
                    ("when", &words.date_time(there)),
                    ("zone", &city_zone_label(theirs, words)),
                ],
            ));
        }
    }
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
