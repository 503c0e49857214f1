//! The appointments the inbox lists: Cal.com's upcoming ones, and those booked through the
//! page with what became of them (a past one can be marked as missed: "Marquer absent").

use leptos::prelude::*;

use super::links::mailto;
use crate::domain::hour_minute::HourMinute;

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
    /// "confirmé", "à confirmer", "absent"…
    pub status: &'static str,
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
pub fn UpcomingBookings(bookings: Bookings) -> impl IntoView {
    match bookings {
        Bookings::Unavailable(text) => view! { <p class="notice">{text}</p> }.into_any(),
        Bookings::List(lines) if lines.is_empty() => {
            view! { <p>"Aucun rendez-vous à venir."</p> }.into_any()
        }
        Bookings::List(lines) => view! {
            <ol class="bookings">
                {lines
                    .into_iter()
                    .map(|b| {
                        view! {
                            <li>
                                <p>
                                    <strong>{format!("{} à {}", b.date, b.time)}</strong>
                                    {format!(" · {} · {}", b.type_label, b.status)}
                                </p>
                                <p>
                                    {b.attendee} " · "
                                    <a href=mailto(&b.email)>{b.email.clone()}</a>
                                </p>
                                {b.absent_action.map(|action| view! {
                                    <form method="post" action=action>
                                        <button type="submit" class="secondary-button">
                                            "Marquer absent"
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
