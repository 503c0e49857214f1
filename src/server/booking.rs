//! The booking service: check the form, check the hour is still free, book in Cal.com,
//! record the booking for its confirmation page.

use chrono::{SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;

use crate::{
    domain::{
        forms::{BookingForm, BookingReply, Draft},
        proposal::{find_hour, nearest_hours},
        tunnel::{is_hh_mm, is_slug, TunnelQuery, UTM_KEYS},
        validation::{check_contact, parse_date, FieldErrors, FORM_LEVEL, FRESH_TOKEN},
    },
    error::AppError,
};

use super::{
    calcom::{CalComError, NewBooking},
    config::EventType,
    drafts::new_token,
    notify::message::{BookingNotice, Notification},
    spam::{self, Verdict},
    state::AppState,
    store::{self, StoredBooking},
};

/// How many nearby hours are offered when the chosen one was taken.
const ALTERNATIVES: usize = 3;

/// The confirmation page of a booking.
pub fn confirmation_url(public_id: &str) -> String {
    format!("/prendre-rendez-vous/confirmation/{public_id}")
}

/// The campaign parameters of a form's hidden `utm` field: known keys only, bounded values.
pub fn utm_pairs(raw: &str) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for (k, v) in form_urlencoded::parse(raw.as_bytes()).take(UTM_KEYS.len() * 2) {
        let known = UTM_KEYS.contains(&k.as_ref());
        let fresh = !pairs.iter().any(|(key, _)| key == k.as_ref());
        let clean = !v.is_empty() && v.chars().count() <= 200 && !v.chars().any(char::is_control);
        if known && fresh && clean {
            pairs.push((k.into_owned(), v.into_owned()));
        }
    }
    pairs
}

/// The tunnel state the form was posted from (for links back to it).
pub fn query_of(form: &BookingForm) -> TunnelQuery {
    TunnelQuery {
        event_type: is_slug(&form.event_type).then(|| form.event_type.clone()),
        week: form.week.min(52),
        seed: Some(form.seed),
        date: parse_date(&form.date),
        hour: is_hh_mm(&form.hour).then(|| form.hour.clone()),
        utm: utm_pairs(&form.utm),
        ..TunnelQuery::default()
    }
}

/// Books the hour of `form` for its visitor.
pub async fn book(state: &AppState, form: &BookingForm) -> Result<BookingReply, AppError> {
    let config = &state.config;
    let query = query_of(form);
    let Some(event) = query
        .event_type
        .as_deref()
        .and_then(|t| config.event_type(Some(t)))
    else {
        return Err(AppError::BadRequest(
            "Type de rendez-vous inconnu : recommencez depuis le début.".to_string(),
        ));
    };
    let (Some(date), Some(hour)) = (query.date, query.hour.clone()) else {
        return Err(AppError::BadRequest(
            "Choisissez d’abord une date et un horaire.".to_string(),
        ));
    };
    match state.guard.check(&form.issued, &form.website) {
        Verdict::Human => {}
        Verdict::Bot => {
            tracing::info!("booking dropped: honeypot filled");
            return Err(AppError::BadRequest("Envoi refusé.".to_string()));
        }
        verdict => {
            let mut errors = FieldErrors::form(spam::message(&verdict).unwrap_or_default());
            errors.add(FRESH_TOKEN, &state.guard.issue());
            return Ok(BookingReply::Invalid(errors));
        }
    }
    let contact = match check_contact(&form.contact(), event.phone_required) {
        Ok(c) => c,
        Err(errors) => return Ok(BookingReply::Invalid(errors)),
    };
    let horizon = config.tunnel.page_horizon_days;
    let failed = |message: &str| {
        let draft = Draft {
            contact: form.contact(),
            notice: Some(message.to_string()),
            ..Draft::default()
        };
        BookingReply::Failed {
            message: message.to_string(),
            url: query.fallback(Some(state.drafts.keep(draft))).href(),
        }
    };
    let availability = match state.availability.days(event, horizon).await {
        Ok(av) => av,
        Err(error) => {
            tracing::warn!(%error, "booking: availability unreadable");
            return Ok(failed(
                "Le calendrier ne répond pas pour le moment : laissez-nous vos disponibilités, nous vous recontacterons.",
            ));
        }
    };
    let tz = config.business.time_zone;
    let taken = |days: &[crate::domain::calendar::Day]| {
        let target = tz
            .from_local_datetime(
                &date.and_time(
                    chrono::NaiveTime::parse_from_str(&hour, "%H:%M").unwrap_or_default(),
                ),
            )
            .earliest()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_else(Utc::now);
        let message = "Cet horaire n’est plus disponible : il vient sans doute d’être réservé. Voici les horaires libres les plus proches.";
        // The alternatives carry what was typed, with or without JavaScript.
        let draft = state.drafts.keep(Draft {
            contact: form.contact(),
            notice: Some(message.to_string()),
            ..Draft::default()
        });
        let mut alternatives = nearest_hours(days, date, target, ALTERNATIVES, &query);
        for alt in &mut alternatives {
            alt.href = format!("{}&draft={draft}", alt.href);
        }
        BookingReply::SlotTaken {
            message: message.to_string(),
            alternatives,
            url: TunnelQuery {
                draft: Some(draft),
                ..query.clone()
            }
            .href(),
        }
    };
    let Some(chosen) = find_hour(&availability.days, date, &hour).cloned() else {
        return Ok(taken(&availability.days));
    };
    let visitor_tz = form
        .tz
        .parse::<Tz>()
        .map(|z| z.name().to_string())
        .unwrap_or_else(|_| tz.name().to_string());

    let created = match &state.calcom {
        None => None,
        Some(client) => {
            let booking = NewBooking {
                event_type_id: event.calcom_id,
                start: chosen.start_utc,
                name: contact.name.clone(),
                email: contact.email.clone(),
                phone: contact.phone.clone(),
                time_zone: visitor_tz,
                notes: contact.message.clone(),
                metadata: std::iter::once(("source".to_string(), "rdv-tunnel".to_string()))
                    .chain(utm_pairs(&form.utm))
                    .collect(),
            };
            match client.create_booking(&booking).await {
                Ok(created) => Some(created),
                Err(CalComError::Rejected { status, message }) => {
                    tracing::warn!(status, %message, "booking refused by Cal.com");
                    // Refused: find out whether the hour was taken meanwhile.
                    state.availability.invalidate(event).await;
                    return Ok(match state.availability.days(event, horizon).await {
                        Ok(fresh) if find_hour(&fresh.days, date, &hour).is_none() => {
                            taken(&fresh.days)
                        }
                        _ => failed(
                            "Cal.com a refusé la réservation : laissez-nous vos disponibilités, nous vous recontacterons.",
                        ),
                    });
                }
                Err(error) => {
                    tracing::error!(%error, "booking failed");
                    return Ok(failed(
                        "La réservation n’a pas pu aboutir : laissez-nous vos disponibilités, nous vous recontacterons.",
                    ));
                }
            }
        }
    };
    record(state, event, &contact, chosen.start_utc, created).await
}

async fn record(
    state: &AppState,
    event: &EventType,
    contact: &crate::domain::validation::Contact,
    start: chrono::DateTime<Utc>,
    created: Option<super::calcom::BookingCreated>,
) -> Result<BookingReply, AppError> {
    let public_id = new_token();
    let stored = StoredBooking {
        public_id: public_id.clone(),
        calcom_uid: created.as_ref().map(|c| c.uid.clone()),
        event_type: event.slug.clone(),
        start_utc: created
            .as_ref()
            .map_or(start, |c| c.start)
            .to_rfc3339_opts(SecondsFormat::Secs, true),
        duration_minutes: i64::from(event.duration_minutes),
        status: created.map_or_else(|| "accepted".to_string(), |c| c.status),
        name: contact.name.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
    };
    // The availability just changed: the next visitor must not be offered this hour.
    state.availability.invalidate(event).await;
    let config = &state.config;
    let local = start
        .with_timezone(&config.business.time_zone)
        .naive_local();
    let notice = BookingNotice {
        id: public_id.clone(),
        calcom_uid: stored.calcom_uid.clone(),
        event_type: event.slug.clone(),
        event_type_label: event.label.clone(),
        start: stored.start_utc.clone(),
        start_label: format!(
            "{} ({})",
            crate::domain::french::date_time_label(local),
            config.business.zone_label
        ),
        duration_minutes: stored.duration_minutes,
        status: stored.status.clone(),
        name: stored.name.clone(),
        email: stored.email.clone(),
        phone: stored.phone.clone(),
    };
    let payload = |_: i64, _: &str| {
        Notification::BookingCreated {
            booking: notice.clone(),
        }
        .to_json()
    };
    let channels = state.notifier.channels();
    let outbound = store::Outbound {
        channels: &channels,
        event: "booking.created",
        payload: &payload,
    };
    if let Err(error) = store::insert_booking(&state.db, &stored, &outbound).await {
        // Booked in Cal.com (which emails the visitor) but not recorded here: say so plainly.
        tracing::error!(%error, calcom_uid = ?stored.calcom_uid, "booking not recorded");
        return Err(AppError::Internal);
    }
    tracing::info!(event = %event.slug, start = %stored.start_utc, "booked");
    state.notifier.wake();
    Ok(BookingReply::Booked {
        url: confirmation_url(&public_id),
    })
}

/// For a form posted without JavaScript: where the browser goes next (the reply itself
/// cannot be shown). Refusals keep what was typed in a draft behind the URL.
pub fn plain_form_location(state: &AppState, form: &BookingForm, reply: &BookingReply) -> String {
    let query = query_of(form);
    let keep = |errors: FieldErrors, notice: Option<String>| {
        let notice = notice.or_else(|| errors.get(FORM_LEVEL).map(str::to_string));
        state.drafts.keep(Draft {
            contact: form.contact(),
            errors,
            notice,
            ..Draft::default()
        })
    };
    match reply {
        BookingReply::Booked { url }
        | BookingReply::Failed { url, .. }
        | BookingReply::SlotTaken { url, .. } => url.clone(),
        BookingReply::Invalid(errors) => TunnelQuery {
            draft: Some(keep(errors.clone(), None)),
            ..query
        }
        .href(),
    }
}

/// The confirmation page's content for a booking id.
pub async fn confirmation(
    state: &AppState,
    public_id: &str,
) -> Result<crate::domain::forms::ConfirmationView, AppError> {
    let not_found = || AppError::NotFound("Ce rendez-vous est introuvable.".to_string());
    if !crate::domain::tunnel::is_token(public_id) {
        return Err(not_found());
    }
    let booking = store::find_booking(&state.db, public_id)
        .await
        .map_err(|error| {
            tracing::error!(%error, "confirmation");
            AppError::Internal
        })?
        .ok_or_else(not_found)?;
    let start = chrono::DateTime::parse_from_rfc3339(&booking.start_utc)
        .map_err(|_| AppError::Internal)?
        .with_timezone(&state.config.business.time_zone);
    let type_label = state
        .config
        .event_type(Some(&booking.event_type))
        .map_or_else(|| booking.event_type.clone(), |e| e.label.clone());
    Ok(crate::domain::forms::ConfirmationView {
        type_label,
        date_label: crate::domain::french::date_label_with_year(start.date_naive()),
        time: start.format("%H:%M").to_string(),
        zone_label: state.config.business.zone_label.clone(),
        duration_minutes: booking.duration_minutes,
        name: booking.name,
        pending: booking.status == "pending",
        demo: booking.calcom_uid.is_none(),
        ics_href: format!("{}/rendez-vous.ics", confirmation_url(public_id)),
    })
}

/// The `.ics` file of a booking, if it exists.
pub async fn ics(state: &AppState, public_id: &str) -> Result<String, AppError> {
    let not_found = || AppError::NotFound("Ce rendez-vous est introuvable.".to_string());
    if !crate::domain::tunnel::is_token(public_id) {
        return Err(not_found());
    }
    let booking = store::find_booking(&state.db, public_id)
        .await
        .map_err(|_| AppError::Internal)?
        .ok_or_else(not_found)?;
    let start = chrono::DateTime::parse_from_rfc3339(&booking.start_utc)
        .map_err(|_| AppError::Internal)?
        .with_timezone(&Utc);
    let label = state
        .config
        .event_type(Some(&booking.event_type))
        .map_or_else(|| booking.event_type.clone(), |e| e.label.clone());
    let summary = format!("{label} – {}", state.config.business.name);
    Ok(super::ics::event(
        public_id,
        start,
        booking.duration_minutes,
        &summary,
    ))
}
