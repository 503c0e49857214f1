//! After a booking: its confirmation page and its `.ics` file, both found by the random
//! public id of the confirmation URL.

use chrono::Utc;
use chrono_tz::Tz;

use crate::{
    domain::{
        change_rules::ChangeRules,
        hour_minute::HourMinute,
        lang::Words,
        manage::{AppointmentState, ManageAction, ManageNotice, ManageQuery, ManageStep},
        place::{CalendarEvent, Place},
        token::Token,
        view::ConfirmationView,
    },
    error::{AppError, OrInternal},
};

use crate::server::{
    booking::ics,
    state::AppState,
    store::{BookingRow, BookingStatus},
    words::Visit,
};

/// The confirmation page of a booking.
pub fn confirmation_url(public_id: &Token) -> String {
    format!("/prendre-rendez-vous/confirmation/{}", public_id.as_str())
}

/// Days after the appointment its link keeps working (then: "not found").
pub const LINK_DAYS: i64 = 7;

/// The confirmation id of a URL or a form, read at the edge: anything but a token is an
/// appointment that does not exist.
pub fn id_of(raw: &str, words: &Words) -> Result<Token, AppError> {
    Token::parse(raw).ok_or_else(|| AppError::NotFound(words.say("error-no-appointment")))
}

/// The booking behind a confirmation id; an unknown id, or one whose link has expired, is
/// "not found".
pub(super) async fn booking(
    state: &AppState,
    public_id: &Token,
    words: &Words,
) -> Result<BookingRow, AppError> {
    let not_found = || AppError::NotFound(words.say("error-no-appointment"));
    let booking = state
        .db
        .find_booking(public_id)
        .await
        .or_internal("booking lookup")?
        .ok_or_else(not_found)?;
    if booking.start_utc + chrono::Duration::days(LINK_DAYS) < Utc::now() {
        return Err(AppError::NotFound(words.say("error-link-expired")));
    }
    Ok(booking)
}

/// Where `booking` stands now.
pub(super) fn standing(booking: &BookingRow) -> AppointmentState {
    match (&booking.moved_to, booking.status) {
        (Some(to), _) => AppointmentState::Moved {
            href: confirmation_url(to),
        },
        (None, BookingStatus::Cancelled | BookingStatus::Rejected) => AppointmentState::Cancelled,
        _ if booking.start_utc <= Utc::now() => AppointmentState::Past,
        (None, BookingStatus::Pending) => AppointmentState::Pending,
        (None, BookingStatus::Accepted) => AppointmentState::Booked,
    }
}

/// The label of an event type slug (the slug itself if it left the configuration).
fn type_label(state: &AppState, slug: &str, words: &Words) -> String {
    state.config.event_type(Some(slug)).map_or_else(
        || slug.to_string(),
        |e| state.config.business.type_label_in(e, words),
    )
}

/// The confirmation page's content for a booking id, at the step `query` asks for (one
/// the appointment allows: a cancelled one shows its summary whatever is asked).
pub async fn view(
    state: &AppState,
    visit: &Visit,
    public_id: &Token,
    query: &ManageQuery,
) -> Result<ConfirmationView, AppError> {
    let words = &visit.words;
    let booking = booking(state, public_id, words).await?;
    let tz: Tz = state.config.business.time_zone;
    let start = booking.start_utc.with_timezone(&tz);
    let standing = standing(&booking);
    let href = confirmation_url(public_id);
    let notice = query
        .notice
        .map(|notice| match notice {
            ManageNotice::Taken => "move-taken",
            ManageNotice::Failed => "move-failed",
        })
        .map(|id| words.say(id));
    let (place, calendar_place) = (page_place(&booking, &href), calendar_place(&booking, words));
    let now = Utc::now();
    let changes = changes_of(state, &booking);
    let open = standing.can_change();
    let may = |action| open && changes.allows(action, booking.start_utc, now);
    let (may_cancel, may_move) = (may(ManageAction::Cancel), may(ManageAction::Move));
    let rules = if open {
        rules_said(state, &changes, &booking, words)
    } else {
        Vec::new()
    };
    let step = match query.action {
        Some(ManageAction::Cancel) if may_cancel => ManageStep::Cancel { notice },
        Some(ManageAction::Move) if may_move => {
            super::moving::step(state, (&booking, &href), query, notice, words).await
        }
        _ => ManageStep::Summary,
    };
    Ok(ConfirmationView {
        type_label: type_label(state, &booking.event_type, words),
        date_label: words.date_with_year(start.date_naive()),
        time: HourMinute::of(&start),
        zone_label: state.config.business.zone_label_in(words),
        duration_minutes: booking.duration_minutes,
        name: booking.name.clone(),
        standing,
        step,
        demo: booking.calcom_uid.is_none(),
        ics_href: format!("{href}/rendez-vous.ics"),
        href,
        id: public_id.clone(),
        may_cancel,
        may_move,
        rules,
        booked: (booking.event_type.clone(), start.date_naive().to_string()),
        calendar_links: {
            let title = summary_of(state, &booking, words);
            let event = CalendarEvent {
                title: &title,
                span: (
                    booking.start_utc,
                    booking.start_utc + chrono::Duration::minutes(booking.duration_minutes),
                ),
                place: calendar_place.as_ref(),
                details: &state.config.business.name_in(words),
            };
            (event.google(), event.outlook())
        },
        place,
    })
}

/// What the visitor may change of `booking`: its event type's rules in Cal.com and the
/// business's cut-off.
pub(super) fn changes_of(state: &AppState, booking: &BookingRow) -> ChangeRules {
    state
        .config
        .event_type(Some(&booking.event_type))
        .map(|event| state.rules.of(event).changes(event))
        .unwrap_or_default()
}

/// The rules in sentences, and whom to contact when one forbids a change now.
pub(super) fn rules_said(
    state: &AppState,
    changes: &ChangeRules,
    booking: &BookingRow,
    words: &Words,
) -> Vec<String> {
    let now = Utc::now();
    let mut said = changes.said(words, booking.start_utc, now);
    let blocked = [ManageAction::Cancel, ManageAction::Move]
        .into_iter()
        .any(|action| !changes.allows(action, booking.start_utc, now));
    if let Some(contact) = state.config.business.contact.as_deref().filter(|_| blocked) {
        said.push(words.say_with("rule-contact", &[("contact", contact)]));
    }
    said
}

/// The `.ics` file of a booking, if it exists.
pub async fn ics(state: &AppState, public_id: &Token, words: &Words) -> Result<String, AppError> {
    let booking = booking(state, public_id, words).await?;
    let summary = summary_of(state, &booking, words);
    // A UID of the appointment's own: neither the confirmation id (calendars sync and share
    // their events) nor Cal.com's uid (a key to cancel and move at Cal.com), but a digest of
    // the first confirmation id of its chain of moves, so that a moved appointment's file
    // updates the same event (with a higher SEQUENCE).
    let (first, moves) = state
        .db
        .first_of_moves(public_id)
        .await
        .or_internal("booking moves lookup")?;
    let uid = ics::appointment_uid(&first);
    let place = calendar_place(&booking, words);
    Ok(ics::event(&ics::Appointment {
        uid: &uid,
        sequence: moves,
        start: booking.start_utc,
        minutes: booking.duration_minutes,
        summary: &summary,
        place: place.as_ref(),
        reminder: &words.say("ics-reminder"),
    }))
}

/// Where `booking` happens, as Cal.com said it, and whether it is a link that holds
/// Cal.com's uid (Cal Video's, `…/video/<uid>`: the uid cancels and moves the booking at
/// Cal.com, so that link is in no page, file or email).
fn place_of(booking: &BookingRow) -> Option<(Place, bool)> {
    let place = booking.location.as_deref().and_then(Place::read)?;
    let keyed = matches!((&place, &booking.calcom_uid),
        (Place::Link(link), Some(uid)) if link.contains(uid.as_str()));
    Some((place, keyed))
}

/// Where `booking` happens, for the page at `href` (or an email linking to it): a keyed
/// video link becomes `<href>/visio`, which leads on to it.
pub(super) fn page_place(booking: &BookingRow, href: &str) -> Option<Place> {
    place_of(booking).map(|(place, keyed)| {
        if keyed {
            Place::Link(format!("{href}/visio"))
        } else {
            place
        }
    })
}

/// Where `booking` happens, for calendars and the owner's export: a keyed video link is
/// "Visio" (a calendar syncs to its provider, a file is passed around: no key goes there).
pub(crate) fn calendar_place(booking: &BookingRow, words: &Words) -> Option<Place> {
    place_of(booking).map(|(place, keyed)| {
        if keyed {
            Place::Address(words.say("place-video"))
        } else {
            place
        }
    })
}

/// The video call's link of the booking `public_id`, for the page's "Rejoindre la visio".
pub async fn video_link(
    state: &AppState,
    public_id: &Token,
    words: &Words,
) -> Result<String, AppError> {
    let booking = booking(state, public_id, words).await?;
    match booking.location.as_deref().and_then(Place::read) {
        Some(Place::Link(link)) => Ok(link),
        _ => Err(AppError::NotFound(words.say("error-no-appointment"))),
    }
}

/// "Appel – Cabinet Dupont": the title of the appointment in calendars.
fn summary_of(state: &AppState, booking: &BookingRow, words: &Words) -> String {
    format!(
        "{} – {}",
        type_label(state, &booking.event_type, words),
        state.config.business.name_in(words)
    )
}
