//! The appointments the inbox lists: Cal.com's upcoming ones, and those booked through the
//! page with what became of them (a past one can be marked as missed: "Marquer absent").

use leptos::prelude::*;

use super::links::mailto;
use crate::domain::{hour_minute::HourMinute, lang::Words};

/// One upcoming booking, ready to show.
#[derive(Clone, Debug)]
pub struct BookingLine {
    /// "jeudi 26 novembre 2026".
    pub date: String,
    /// "10:00".
    pub time: HourMinute,
    /// "Appel".
    pub type_label: String,
    /// "Zoé Dupont".
    pub attendee: String,
    /// Attendee's email.
    pub email: String,
    /// "confirmé", "à confirmer", "absent"… (in the owner's words).
    pub status: String,
    /// Where "Marquer absent" posts, for a past appointment the visitor may have missed.
    pub absent_action: Option<String>,
}

/// What the upcoming-bookings section can show.
#[derive(Clone, Debug)]
pub enum Bookings {
    /// The list (maybe empty).
    List(Vec<BookingLine>),
    /// A sentence saying why there is no list.
    Unavailable(String),
}

#[component]
pub fn UpcomingBookings(bookings: Bookings, w: Words) -> impl IntoView {
    match bookings {
        Bookings::Unavailable(text) => view! { <p class="notice">{text}</p> }.into_any(),
        Bookings::List(lines) if lines.is_empty() => {
            view! { <p>{w.say("admin-no-upcoming")}</p> }.into_any()
        }
        Bookings::List(lines) => view! {
            <ol class="bookings">
                {lines
                    .into_iter()
                    .map(|b| {
                        view! {
                            <li>
                                <p>
                                    <strong>{w.at(&b.date, &b.time.to_string())}</strong>
                                    {format!(" · {} · {}", b.type_label, b.status)}
                                </p>
                                <p>
                                    {b.attendee} " · "
                                    <a href=mailto(&b.email)>{b.email.clone()}</a>
                                </p>
                                {b.absent_action.map(|action| view! {
                                    <form method="post" action=action>
                                        <button type="submit" class="secondary-button">
                                            {w.say("admin-mark-absent")}
                                        </button>
                                    </form>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
        .into_any(),
    }
}
