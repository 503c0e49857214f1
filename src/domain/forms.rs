//! What the contact and own-availability forms send, and what the server answers.

use serde::{Deserialize, Serialize};

use super::{
    tunnel::ProposedHour,
    validation::{ContactInput, FieldErrors, SlotInput},
};

/// What a visitor typed, kept to show the form again (with its errors) after a refusal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Contact fields.
    pub contact: ContactInput,
    /// Proposed time ranges (own-availability form).
    pub slots: Vec<SlotInput>,
    /// The consent box.
    pub consent: bool,
    /// Errors per field.
    pub errors: FieldErrors,
    /// A message above the form (slot taken, Cal.com failure…).
    pub notice: Option<String>,
}

/// The contact form's fields (`form[...]` in HTML).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingForm {
    /// Event type slug.
    #[serde(rename = "type", default)]
    pub event_type: String,
    /// Week window index.
    #[serde(default)]
    pub week: usize,
    /// Visit seed.
    #[serde(default)]
    pub seed: u64,
    /// Chosen date, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: String,
    /// Chosen hour, `HH:MM` in the business zone.
    #[serde(default)]
    pub hour: String,
    /// The visitor's IANA zone (filled by the island; empty without JavaScript).
    #[serde(default)]
    pub tz: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// Phone.
    #[serde(default)]
    pub phone: String,
    /// Message.
    #[serde(default)]
    pub message: String,
    /// Campaign parameters of the visit (`utm_source=…&…`).
    #[serde(default)]
    pub utm: String,
    /// Signed time the form was shown (bot defence).
    #[serde(default)]
    pub issued: String,
    /// Honeypot: hidden from people, filled by bots.
    #[serde(default)]
    pub website: String,
}

impl BookingForm {
    /// The contact part of the form.
    pub fn contact(&self) -> ContactInput {
        ContactInput {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            message: self.message.clone(),
        }
    }
}

/// The server's answer to a booking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookingReply {
    /// Booked: go to the confirmation page.
    Booked {
        /// Confirmation page URL.
        url: String,
    },
    /// Some fields are wrong.
    Invalid(FieldErrors),
    /// The hour was taken meanwhile: the nearest free hours instead.
    SlotTaken {
        /// What to tell the visitor.
        message: String,
        /// Nearest free hours, with links to choose them (keeping what was typed).
        alternatives: Vec<ProposedHour>,
        /// The contact step again, with the alternatives and what was typed.
        url: String,
    },
    /// Booking failed for another reason: the own-availability form, prefilled.
    Failed {
        /// What to tell the visitor.
        message: String,
        /// The fallback step's URL (prefilled).
        url: String,
    },
}

/// The own-availability form's fields (`form[...]` in HTML).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalForm {
    /// Event type slug.
    #[serde(rename = "type", default)]
    pub event_type: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Email.
    #[serde(default)]
    pub email: String,
    /// Phone.
    #[serde(default)]
    pub phone: String,
    /// Message.
    #[serde(default)]
    pub message: String,
    /// Day of each proposed range.
    #[serde(default)]
    pub date0: String,
    /// Start of each proposed range.
    #[serde(default)]
    pub from0: String,
    /// End of each proposed range.
    #[serde(default)]
    pub to0: String,
    /// Second range.
    #[serde(default)]
    pub date1: String,
    /// Second range start.
    #[serde(default)]
    pub from1: String,
    /// Second range end.
    #[serde(default)]
    pub to1: String,
    /// Third range.
    #[serde(default)]
    pub date2: String,
    /// Third range start.
    #[serde(default)]
    pub from2: String,
    /// Third range end.
    #[serde(default)]
    pub to2: String,
    /// Consent box (`on` when checked).
    #[serde(default)]
    pub consent: Option<String>,
    /// Campaign parameters of the visit (`utm_source=…&…`).
    #[serde(default)]
    pub utm: String,
    /// Signed time the form was shown (bot defence).
    #[serde(default)]
    pub issued: String,
    /// Honeypot: hidden from people, filled by bots.
    #[serde(default)]
    pub website: String,
}

/// Number of time-range rows of the own-availability form.
pub const SLOT_ROWS: usize = 3;

impl ProposalForm {
    /// The rows as typed.
    pub fn slots(&self) -> Vec<SlotInput> {
        [
            (&self.date0, &self.from0, &self.to0),
            (&self.date1, &self.from1, &self.to1),
            (&self.date2, &self.from2, &self.to2),
        ]
        .into_iter()
        .map(|(d, f, t)| SlotInput {
            date: d.clone(),
            from: f.clone(),
            to: t.clone(),
        })
        .collect()
    }

    /// The contact part.
    pub fn contact(&self) -> ContactInput {
        ContactInput {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            message: self.message.clone(),
        }
    }

    /// True when the consent box was checked.
    pub fn consented(&self) -> bool {
        self.consent.as_deref().is_some_and(|v| !v.is_empty())
    }
}

/// The server's answer to an own-availability request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalReply {
    /// Stored (committed): go to the thank-you page.
    Saved {
        /// Thank-you page URL.
        url: String,
    },
    /// Some fields are wrong.
    Invalid(FieldErrors),
}

/// What the confirmation page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationView {
    /// "Appel".
    pub type_label: String,
    /// "jeudi 26 novembre 2026".
    pub date_label: String,
    /// `HH:MM`.
    pub time: String,
    /// "heure de Paris".
    pub zone_label: String,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// The visitor's name.
    pub name: String,
    /// True when the host must still confirm (Cal.com status `pending`).
    pub pending: bool,
    /// True when booked in the demo calendar (no Cal.com email will come).
    pub demo: bool,
    /// The `.ics` download.
    pub ics_href: String,
}
