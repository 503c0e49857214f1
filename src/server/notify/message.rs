//! What a notification says: the webhook's JSON body and the owner's email, in the
//! business's language.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    domain::{lang::Words, proposal::Proposal},
    server::store::kinds::{BookingStatus, NotificationEvent},
};

/// A new proposal.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ProposalNotice {
    /// Row id in `proposals`.
    pub id: i64,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
    /// "Appel".
    pub event_type_label: String,
    /// What the visitor sent.
    #[serde(flatten)]
    pub proposal: Proposal,
}

/// A reference to the booking with a confirmation id `public_id` that is not a key: the
/// confirmation id cancels and moves the appointment, and Cal.com's uid does the same at
/// Cal.com, so neither goes to a third party (a webhook receiver, a mailbox). A digest of
/// the id, the same in every notification about this booking.
pub fn reference_of(public_id: &crate::domain::token::Token) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(b"rdv-tunnel notification reference\0")
        .chain_update(public_id.as_str().as_bytes())
        .finalize();
    hex::encode(&digest[..10])
}

/// A booking made through the tunnel.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BookingNotice {
    /// A reference to this booking, the same in all its notifications ([`reference_of`]).
    pub reference: String,
    /// Event type slug.
    pub event_type: String,
    /// "Appel".
    pub event_type_label: String,
    /// Start.
    pub start: DateTime<Utc>,
    /// "jeudi 26 novembre 2026 à 10:00 (heure de Paris)".
    pub start_label: String,
    /// Length.
    pub duration_minutes: i64,
    /// Cal.com status (`accepted`, `pending`).
    pub status: BookingStatus,
    /// The visitor.
    pub name: String,
    /// The visitor's email.
    pub email: String,
    /// The visitor's phone, if given.
    pub phone: Option<String>,
}

/// The JSON body POSTed to the webhook (`event` says which).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "event")]
pub enum Notification {
    /// `proposal.created`.
    #[serde(rename = "proposal.created")]
    ProposalCreated {
        /// The request.
        proposal: ProposalNotice,
    },
    /// `booking.created`.
    #[serde(rename = "booking.created")]
    BookingCreated {
        /// The booking.
        booking: BookingNotice,
    },
    /// `booking.cancelled`: the visitor cancelled from the confirmation page.
    #[serde(rename = "booking.cancelled")]
    BookingCancelled {
        /// The booking, as it was.
        booking: BookingNotice,
        /// The visitor's reason, if they gave one.
        reason: Option<String>,
    },
    /// `booking.rescheduled`: the visitor moved the appointment.
    #[serde(rename = "booking.rescheduled")]
    BookingRescheduled {
        /// The new booking.
        booking: BookingNotice,
        /// The reference of the booking it replaces (its `booking.created`'s).
        previous_reference: String,
        /// The hour it had before.
        previous_start_label: String,
    },
}

impl Notification {
    /// What it announces (the `event` tag).
    pub fn event(&self) -> NotificationEvent {
        match self {
            Self::ProposalCreated { .. } => NotificationEvent::ProposalCreated,
            Self::BookingCreated { .. } => NotificationEvent::BookingCreated,
            Self::BookingCancelled { .. } => NotificationEvent::BookingCancelled,
            Self::BookingRescheduled { .. } => NotificationEvent::BookingRescheduled,
        }
    }

    /// The JSON body.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string(self)
    }

    /// Subject and plain-text body of the owner's email, in `words` (the business's
    /// language).
    pub fn email(&self, words: &Words) -> (String, String) {
        let say = |id: &str| words.say(id);
        let line = |id: &str, value: &str| {
            words.say_with("owner-line", &[("label", &say(id)), ("value", value)]) + "\n"
        };
        let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
        let contact = |body: &mut String, name: &str, email: &str, phone: &Option<String>| {
            *body += &line("owner-name", name);
            *body += &line("owner-email", email);
            *body += &line("owner-phone", &optional(phone));
        };
        let subject = |id: &str, name: &str, when: &str| {
            words.say_with(id, &[("name", name), ("when", when)])
        };
        match self {
            Self::ProposalCreated { proposal: notice } => {
                let p = &notice.proposal;
                let mut body = say("owner-proposal-intro") + "\n\n";
                contact(&mut body, &p.name, &p.email, &p.phone);
                body += &line("owner-type", &notice.event_type_label);
                body += &say("owner-availabilities");
                body += "\n";
                for slot in &p.availabilities {
                    let range = words.say_with(
                        "owner-availability",
                        &[
                            ("date", &slot.date.to_string()),
                            ("from", &slot.from.to_string()),
                            ("to", &slot.to.to_string()),
                        ],
                    );
                    body += &format!("  - {range}\n");
                }
                body += &line("owner-message", &optional(&p.message));
                body += "\n";
                body += &say("owner-proposal-admin");
                body += "\n";
                (subject("owner-proposal-subject", &p.name, ""), body)
            }
            Self::BookingCreated { booking: b } => {
                let mut body = say("owner-booked-intro") + "\n\n";
                body += &line("owner-when", &b.start_label);
                let minutes = b.duration_minutes.to_string();
                body += &line(
                    "owner-length",
                    &words.say_with("minutes", &[("minutes", &minutes)]),
                );
                body += &line("owner-type", &b.event_type_label);
                contact(&mut body, &b.name, &b.email, &b.phone);
                body += &line("owner-status", b.status.as_str());
                (
                    subject("owner-booked-subject", &b.name, &b.start_label),
                    body,
                )
            }
            Self::BookingCancelled { booking: b, reason } => {
                let mut body = say("owner-cancelled-intro") + "\n\n";
                body += &line("owner-when", &b.start_label);
                body += &line("owner-type", &b.event_type_label);
                contact(&mut body, &b.name, &b.email, &b.phone);
                body += &line("owner-reason", &optional(reason));
                (
                    subject("owner-cancelled-subject", &b.name, &b.start_label),
                    body,
                )
            }
            Self::BookingRescheduled {
                booking: b,
                previous_start_label,
                ..
            } => {
                let mut body = say("owner-moved-intro") + "\n\n";
                body += &line("owner-before", previous_start_label);
                body += &line("owner-now", &b.start_label);
                body += &line("owner-type", &b.event_type_label);
                contact(&mut body, &b.name, &b.email, &b.phone);
                body += &line("owner-status", b.status.as_str());
                (
                    subject("owner-moved-subject", &b.name, &b.start_label),
                    body,
                )
            }
        }
    }
}

/// An email to one visitor, written when it is queued (in their language).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct VisitorMail {
    /// The visitor's address.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// The plain text part.
    pub text: String,
    /// The HTML part (the same words, links as links).
    pub html: String,
}

/// `text` as HTML text or attribute value (the visitor emails' simple HTML part).
pub fn html_escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
