//! How a booking attempt ends: refused (the visitor goes on, with what they typed kept in a
//! draft) or booked (recorded, announced, confirmed).

use chrono::{DateTime, Utc};

use crate::{
    domain::{
        contact::Contact,
        forms::{BookingForm, Draft, FormReply},
        token::Token,
        url::TunnelQuery,
    },
    error::AppError,
};

use crate::server::{
    abuse::keys::new_token,
    booking::confirmation::confirmation_url,
    calendar::availability_sync,
    calendar::calcom::BookingCreated,
    config::EventType,
    notify::message::Notification,
    state::AppState,
    store::{BookingStatus, NewBookingRow, Outbound},
    words::Visit,
};

/// Said when Cal.com did not book (a catalogue id).
pub(super) const COULD_NOT_BOOK: &str = "booking-failed";

/// Where a refused booking sends the visitor, with what they typed kept in a draft.
pub(super) struct Fallback<'a> {
    pub state: &'a AppState,
    pub form: &'a BookingForm,
    pub query: &'a TunnelQuery,
}

impl Fallback<'_> {
    async fn save_draft(&self, notice: &str) -> Option<Token> {
        super::drafts::save(
            &self.state.db,
            Draft {
                contact: self.form.contact.clone(),
                answers: self.form.answers.clone(),
                notice: Some(notice.to_string()),
                offer: self.form.offer.clone(),
                ..Draft::default()
            },
        )
        .await
    }

    /// The proposal form, prefilled, with `notice` above it.
    pub async fn failed(&self, notice: &str) -> FormReply {
        FormReply::Failed {
            url: self
                .query
                .proposal_step(self.save_draft(notice).await)
                .href(),
        }
    }

    /// The contact step again, with the nearest free hours.
    pub async fn taken(&self) -> FormReply {
        let notice = "booking-taken";
        FormReply::SlotTaken {
            url: TunnelQuery {
                draft: self.save_draft(notice).await,
                ..self.query.clone()
            }
            .href(),
        }
    }
}

/// Records what was booked (and queues its notification), then points to its confirmation.
pub(super) async fn record(
    (state, visit): (&AppState, &Visit),
    (event, proposal): (&EventType, Option<i64>),
    (contact, visitor_zone): (&Contact, chrono_tz::Tz),
    start: DateTime<Utc>,
    created: Option<BookingCreated>,
) -> Result<FormReply, AppError> {
    let public_id = new_token();
    let start = created.as_ref().map_or(start, |c| c.start);
    // As Cal.com booked it: its length may differ from Leptos.toml's.
    let duration_minutes = created
        .as_ref()
        .and_then(|c| c.duration_minutes)
        .unwrap_or(i64::from(state.rules.length_of(event)));
    let location = created.as_ref().and_then(|c| c.location.clone());
    let row = NewBookingRow {
        location,
        absent: false,
        public_id: public_id.clone(),
        calcom_uid: created.as_ref().map(|c| c.uid.clone()),
        event_type: event.slug.clone(),
        start_utc: start,
        duration_minutes,
        status: created.map_or(BookingStatus::Accepted, |c| c.status),
        name: contact.name.clone(),
        email: contact.email.clone(),
        phone: contact.phone.clone(),
        moved_to: None,
        lang: Some(visit.words.lang().clone()),
        visitor_zone: (visitor_zone != state.config.business.time_zone).then_some(visitor_zone),
    };
    // The availability just changed: the next visitor must not be offered this hour.
    availability_sync::changed(&state.db, &state.availability, event).await;
    let notice = super::appointment::notice_of(state, &row);
    let notification = Notification::BookingCreated { booking: notice };
    let channels = state.notifier.channels();
    let outbound = Outbound {
        channels: &channels,
        event: notification.event(),
        payload: &|_, _| notification.to_json(),
    };
    let reminders = super::reminders::of(state, &row);
    if let Err(error) = state.db.insert_booking(&row, &outbound, &reminders).await {
        // Booked in Cal.com (which emails the visitor) but not recorded here: say so plainly.
        // Cal.com's uid is a key to the booking: not in the log.
        tracing::error!(%error, in_calcom = row.calcom_uid.is_some(), "booking not recorded");
        return Err(AppError::Internal);
    }
    tracing::info!(event = %event.slug, start = %start, "booked");
    if let Some(id) = proposal {
        super::offered::booked(state, id, &public_id).await;
    }
    state.notifier.wake();
    Ok(FormReply::Booked {
        url: crate::domain::url::with_lang(&confirmation_url(&public_id), &visit.words),
    })
}
