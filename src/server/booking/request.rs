//! The contact form's post, read once into a [`BookingRequest`].

use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::{
    domain::{
        forms::BookingForm,
        hour_minute::HourMinute,
        url::{utm_from_field, TunnelQuery},
    },
    error::AppError,
};

use crate::server::{
    config::{Config, EventType},
    words::Visit,
};

/// The tunnel state the form was posted from (for links back to it), read by the URL's own
/// parser from the form's hidden fields.
pub fn query_of(form: &BookingForm, visit: &Visit) -> TunnelQuery {
    let utm = utm_from_field(&form.meta.utm);
    TunnelQuery {
        lang: visit.carried(),
        ..TunnelQuery::from_lookup(|key| match key {
            "type" => Some(form.meta.event_type.clone()),
            "week" => Some(form.week.to_string()),
            "seed" => Some(form.seed.to_string()),
            "date" => Some(form.date.clone()),
            "hour" => Some(form.hour.clone()),
            "hold" => form.hold.clone().map(String::from),
            _ => utm.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()),
        })
    }
}

/// A contact form read once: what the booking acts on, checked. Nothing deeper reads the
/// form's strings for these again.
pub struct BookingRequest<'a> {
    /// The tunnel state the form was posted from: type, week, seed, date, hour, the visit's
    /// hold, campaign (for links back to it).
    pub query: TunnelQuery,
    /// The event type booked.
    pub event: &'a EventType,
    /// The chosen date.
    pub date: NaiveDate,
    /// The chosen hour, in the business's zone.
    pub hour: HourMinute,
    /// The visitor's zone for Cal.com's emails (the business's when the browser said none).
    pub visitor_tz: Tz,
    /// The proposal this booking answers (taken for it), when it comes from an offer.
    pub proposal: Option<i64>,
    /// Where it happens, when the visitor chose among the event type's places.
    pub place: Option<crate::server::calendar::calcom::ChosenPlace>,
}

impl<'a> BookingRequest<'a> {
    /// Reads `form`: an unknown type or a missing date or hour is refused in the visit's words.
    pub fn read(config: &'a Config, form: &BookingForm, visit: &Visit) -> Result<Self, AppError> {
        let query = query_of(form, visit);
        let Some(event) = query
            .event_type
            .as_deref()
            .and_then(|t| config.event_type(Some(t)))
        else {
            return Err(AppError::BadRequest(visit.say("error-unknown-type")));
        };
        let (Some(date), Some(hour)) = (query.date, query.hour) else {
            return Err(AppError::BadRequest(visit.say("error-choose-first")));
        };
        Ok(Self {
            visitor_tz: form.tz.parse().unwrap_or(config.business.time_zone),
            proposal: None,
            place: None,
            query,
            event,
            date,
            hour,
        })
    }
}
