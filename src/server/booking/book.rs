//! The booking service: check the form, check the hour is still free, book in Cal.com,
//! record the booking for its confirmation page.

use std::time::Duration;

use crate::{
    domain::{
        calendar::instant_of,
        contact::{check_contact, Contact},
        fields::FieldErrors,
        forms::{BookingForm, FormReply},
        offer::find_hour,
        questions::{check_answers, Answer},
        url::{with_lang, TunnelQuery},
    },
    error::AppError,
};

use crate::server::{
    abuse::daily_caps::{self, Sending},
    abuse::spam::{Purpose, Refused},
    booking::booking_outcome::{record, Fallback, COULD_NOT_BOOK},
    booking::confirmation::confirmation_url,
    booking::holds,
    booking::meeting,
    booking::offered::{self, Offered},
    booking::phone,
    booking::request::BookingRequest,
    calendar::calcom::{CalComError, NewBooking},
    config::CalendarSource,
    state::AppState,
    words::Visit,
};

/// How long a second post of a form waits, beyond the booking's own budget, for the first
/// post's outcome (which may include a lookup in Cal.com).
const LOOKUP_BUDGET: Duration = Duration::from_secs(10);
/// How often it looks.
const OUTCOME_POLL: Duration = Duration::from_millis(200);

/// Books the hour of `form` for its visitor.
pub async fn book(
    state: &AppState,
    visit: &Visit,
    form: &BookingForm,
) -> Result<FormReply, AppError> {
    let (config, client) = (&state.config, visit.client);
    let mut request = BookingRequest::read(config, form, visit)?;
    let (query, event, date, hour) = (
        request.query.clone(),
        request.event,
        request.date,
        request.hour,
    );
    let purpose = Purpose::Booking {
        event_type: &event.slug,
        date,
        hour,
    };
    match state.guard.screen(&form.meta, &purpose) {
        Ok(()) => {}
        Err(Refused::Bot) => {
            tracing::info!("booking dropped: honeypot filled");
            return Err(AppError::BadRequest(visit.say("error-refused")));
        }
        Err(Refused::Retry(reply)) => return Ok(reply),
    }
    let rules = state.rules.of(event);
    if !rules.unsupported.is_empty() {
        // Cal.com would refuse it: a question the form cannot ask.
        return Ok(FormReply::Failed {
            url: query.proposal_step(None).href(),
        });
    }
    let checked = check_contact(&form.contact, rules.phone_required(event))
        .and_then(|contact| phone::checked(contact, &form.contact));
    let mut errors = checked.as_ref().err().cloned().unwrap_or_default();
    // The event type's questions, and where the meeting happens when it offers several places.
    let asked = meeting::asked(&rules, &visit.words);
    let mut answers = check_answers(&asked, &form.answers, &mut errors);
    let phone = checked.as_ref().ok().and_then(|c| c.phone.clone());
    request.place = meeting::take(
        &rules.places,
        &mut answers,
        (phone.as_deref(), &visit.words),
        &mut errors,
    );
    let contact = match checked {
        Ok(contact) if errors.is_empty() => contact,
        _ => return Ok(FormReply::Invalid(errors)),
    };
    // Counted before it is made (parallel posts cannot all pass), given back if not made.
    let taken = match daily_caps::take(
        (&state.db, &state.guard, &state.config),
        &contact.email,
        client,
        Sending::Booking,
        &form.meta.issued,
    )
    .await
    {
        Ok(taken) => taken,
        Err(refused) => return Ok(refused),
    };
    // One form books once: a double click, a re-sent post or a second tab gets the first
    // post's outcome.
    let token = form.meta.issued.as_str();
    match state.db.claim_booking(token).await {
        Ok(true) => {}
        Ok(false) => {
            taken.give_back(&state.db).await;
            return Ok(first_outcome(state, &query, token).await);
        }
        Err(error) => {
            taken.give_back(&state.db).await;
            tracing::error!(%error, "booking attempt not recorded");
            return Err(AppError::Internal);
        }
    }
    // Through a proposal's offer: its links book once.
    match offered::take(state, form.offer.as_ref(), request.event).await {
        Offered::None => {}
        Offered::Taken(id) => request.proposal = Some(id),
        Offered::Used(booking) => {
            taken.give_back(&state.db).await;
            if let Err(error) = state.db.release_booking(token).await {
                tracing::error!(%error, "booking attempt not released");
            }
            return match booking {
                Some(id) => Ok(FormReply::Booked {
                    url: with_lang(&confirmation_url(&id), &visit.words),
                }),
                None => Err(AppError::BadRequest(visit.say("offer-used"))),
            };
        }
    }
    let reply = book_once((state, visit), form, &request, (&contact, answers)).await;
    if !matches!(reply, Ok(FormReply::Booked { .. })) {
        taken.give_back(&state.db).await;
        if let Some(id) = request.proposal {
            offered::give_back(state, id).await;
        }
    }
    // Its hold did not keep the hour (it ran out, or the owner booked it in Cal.com): the
    // form comes back with the nearest free hours, not with a hold that lies.
    if let (Ok(FormReply::SlotTaken { .. }), Some(hold)) = (&reply, &query.hold) {
        holds::release(state, hold).await;
    }
    let settled = match &reply {
        // Fields to fix: the same form, corrected, must be able to book.
        Ok(FormReply::Invalid(_)) => state.db.release_booking(token).await,
        Ok(outcome) => state.db.settle_booking(token, outcome).await,
        // Nothing to give a second post: it will give up waiting.
        Err(_) => Ok(()),
    };
    if let Err(error) = settled {
        tracing::error!(%error, "booking outcome not recorded");
    }
    reply
}

/// The outcome of the post that claimed this form first, once it is known; the failure
/// path if it never comes (that post's server stopped).
async fn first_outcome(state: &AppState, query: &TunnelQuery, token: &str) -> FormReply {
    let budget = match &state.config.calendar {
        CalendarSource::CalCom(settings) => settings.booking_timeout + LOOKUP_BUDGET,
        CalendarSource::Demo => LOOKUP_BUDGET,
    };
    let deadline = tokio::time::Instant::now() + budget;
    while tokio::time::Instant::now() < deadline {
        match state.db.booking_outcome(token).await {
            Ok(Some(reply)) => return reply,
            Ok(None) => tokio::time::sleep(OUTCOME_POLL).await,
            Err(error) => {
                tracing::error!(%error, "booking outcome unreadable");
                break;
            }
        }
    }
    tracing::warn!("second post of a form: the first one's outcome never came");
    FormReply::Failed {
        url: query.proposal_step(None).href(),
    }
}

/// Books the hour once the form is claimed: checks it is still free, books it in Cal.com,
/// records it.
async fn book_once(
    (state, visit): (&AppState, &Visit),
    form: &BookingForm,
    request: &BookingRequest<'_>,
    (contact, answers): (&Contact, Vec<(String, Answer)>),
) -> Result<FormReply, AppError> {
    let config = &state.config;
    let BookingRequest {
        query,
        event,
        date,
        hour,
        visitor_tz,
        proposal,
        place,
    } = request;
    let (event, date, hour, hold) = (*event, *date, *hour, query.hold.as_ref());
    let horizon = config.tunnel.page_horizon_days;
    let refused = Fallback { state, form, query };
    let availability = match state.availability.days(event, horizon).await {
        Ok(mut av) => {
            av.days = holds::offered(state, event, av.days, hold).await;
            av
        }
        Err(error) => {
            tracing::warn!(%error, "booking: availability unreadable");
            return Ok(refused.failed("booking-unavailable").await);
        }
    };
    // The hour held for this visit is not offered any more (to anyone): its hold stands
    // for it while it lasts.
    let instant = instant_of(&config.business.time_zone, date, hour);
    let reserved = match (instant, hold) {
        (Some(start), Some(hold)) => holds::reservation_for(state, hold, event, start).await,
        _ => None,
    };
    let start = match (
        find_hour(&availability.days, date, hour),
        instant,
        &reserved,
    ) {
        (Some(free), _, _) => free.start_utc,
        (None, Some(start), Some(_)) => start,
        _ => return Ok(refused.taken().await),
    };
    let Some(client) = &state.calcom else {
        return record(
            (state, visit),
            (event, *proposal),
            (contact, *visitor_tz),
            start,
            None,
        )
        .await;
    };
    let booking = NewBooking {
        language: visit.words.lang().to_string(),
        event_type_id: event.calcom_id,
        start,
        name: contact.name.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
        time_zone: visitor_tz.name().to_string(),
        notes: contact.message.clone(),
        answers,
        metadata: std::iter::once(("source".to_string(), "rdv-tunnel".to_string()))
            .chain(query.utm.iter().cloned())
            .collect(),
        reserved_slot_uid: reserved,
        place: place.clone(),
    };
    let created = match client.create_booking(&booking).await {
        Ok(created) => created,
        Err(CalComError::Rejected { status, message }) if message.contains("phone") => {
            // A number libphonenumber accepts here but Cal.com does not: the phone field says so.
            tracing::warn!(status, %message, "booking refused by Cal.com: the phone");
            let mut errors = FieldErrors::default();
            errors.add("phone", phone::INVALID);
            return Ok(FormReply::Invalid(errors));
        }
        Err(CalComError::Rejected { status, message }) => {
            tracing::warn!(status, %message, "booking refused by Cal.com");
            // Refused: find out whether the hour was taken meanwhile (this instance only:
            // nothing was booked, other instances have nothing to forget). The visit's hold
            // did not keep it: ended first, so that the fresh answer does not count it ours.
            if let Some(hold) = hold.filter(|_| booking.reserved_slot_uid.is_some()) {
                holds::release(state, hold).await;
            }
            state.availability.invalidate(event).await;
            return Ok(match state.availability.days(event, horizon).await {
                Ok(fresh) if find_hour(&fresh.days, date, hour).is_none() => refused.taken().await,
                _ => refused.failed("booking-refused").await,
            });
        }
        // No answer (a timeout, a dropped connection, a 5xx): Cal.com may have booked the
        // hour all the same, and emailed the visitor. Only a booking known not to exist
        // leads to the failure path.
        Err(CalComError::Unavailable(why)) => {
            tracing::warn!(%why, "booking unanswered: looking it up in Cal.com");
            match client.find_booking(&booking).await {
                Ok(Some(found)) => found,
                Ok(None) => {
                    return Ok(refused.failed(COULD_NOT_BOOK).await);
                }
                Err(error) => {
                    tracing::error!(%error, "booking lookup failed: outcome unknown");
                    return Ok(refused.failed("booking-unconfirmed").await);
                }
            }
        }
        Err(error) => {
            tracing::error!(%error, "booking failed");
            return Ok(refused.failed(COULD_NOT_BOOK).await);
        }
    };
    let reply = record(
        (state, visit),
        (event, *proposal),
        (contact, *visitor_tz),
        start,
        Some(created),
    )
    .await;
    if let Some(hold) = hold {
        holds::used(state, hold).await;
    }
    reply
}
