//! The move step of a confirmation page, in the tunnel's own rhythm: a few dates at a time
//! ("Aucune de ces dates ne me convient" shows the next ones), then the chosen date's hours,
//! then one confirmation. Plain links: every step works without JavaScript, and no page is
//! a wall of buttons on a phone.

use crate::domain::{
    calendar::Day,
    lang::Words,
    manage::{
        manage_href, ManageAction, ManageQuery, ManageStep, MoveDate, MoveHour, DATES_PER_PAGE,
    },
    url::with_lang,
};
use crate::server::{state::AppState, store::BookingRow};

/// Most hours offered for one date.
const HOURS_PER_DATE: usize = 12;

/// The move step `query` asks for, for `booking` whose page is at `href`; `notice` is said
/// above the dates.
pub async fn step(
    state: &AppState,
    (booking, href): (&BookingRow, &str),
    query: &ManageQuery,
    notice: Option<String>,
    words: &Words,
) -> ManageStep {
    let base = manage_href(href, ManageAction::Move, None);
    let link = |more: String| with_lang(&format!("{base}{more}"), words);
    if let (Some(date), Some(hour)) = (query.date, query.hour) {
        // Confirming asks Cal.com nothing: the post checks the hour.
        return ManageStep::ConfirmMove {
            date: date.to_string(),
            hour: hour.to_string(),
            date_label: words.date(date),
            hours_href: link(format!("&date={date}")),
        };
    }
    let days = free_days(state, booking).await;
    let page_of = |index: usize| link(format!("&page={}", index / DATES_PER_PAGE));
    if let Some(date) = query.date {
        if let Some((index, day)) = days.iter().enumerate().find(|(_, d)| d.date == date) {
            return ManageStep::MoveHours {
                date_label: words.date(date),
                hours: day
                    .hours
                    .iter()
                    .take(HOURS_PER_DATE)
                    .map(|h| MoveHour {
                        time: h.time,
                        href: link(format!("&date={date}&hour={}", h.time)),
                    })
                    .collect(),
                dates_href: page_of(index),
            };
        }
    }
    // The dates; the last page when the one asked for is past it.
    let pages = days.len().div_ceil(DATES_PER_PAGE);
    let page = query.page.min(pages.saturating_sub(1));
    let taken = query.date.is_some().then(|| words.say("move-taken"));
    ManageStep::Move {
        notice: notice.or(taken),
        dates: days
            .iter()
            .skip(page * DATES_PER_PAGE)
            .take(DATES_PER_PAGE)
            .map(|day| MoveDate {
                label: words.date(day.date),
                href: link(format!("&date={}", day.date)),
            })
            .collect(),
        later: (page + 1 < pages).then(|| link(format!("&page={}", page + 1))),
        earlier: (page > 0).then(|| link(format!("&page={}", page - 1))),
    }
}

/// The dates with hours `booking` could move to: the tunnel's (Cal.com's or the demo
/// calendar's), from the page's own cached availability (without what other visits hold):
/// viewing or reloading a step asks Cal.com nothing. The booking's own hour is not among
/// them, nor hours that overlap it (Cal.com offers those only when asked for this booking).
async fn free_days(state: &AppState, booking: &BookingRow) -> Vec<Day> {
    let Some(event) = state.config.event_type(Some(&booking.event_type)) else {
        return Vec::new();
    };
    let days = match state
        .availability
        .days(event, state.config.tunnel.range_days)
        .await
    {
        Ok(av) => super::holds::offered(state, event, av.days, None).await,
        Err(error) => {
            tracing::warn!(%error, "hours to move to unreadable");
            Vec::new()
        }
    };
    days.into_iter()
        .map(|mut day| {
            day.hours.retain(|h| h.start_utc != booking.start_utc);
            day
        })
        .filter(|day| !day.hours.is_empty())
        .collect()
}
