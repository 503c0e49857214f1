//! What a notification says: the webhook's JSON body and the email's French text.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::{
    domain::proposal::Proposal,
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

    /// Subject and plain-text body of the owner's email.
    pub fn email(&self) -> (String, String) {
        let line = |label: &str, value: &str| format!("{label} : {value}\n");
        let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".to_string());
        match self {
            Self::ProposalCreated { proposal: notice } => {
                let p = &notice.proposal;
                let mut body = String::from(
                    "Une personne n’a pas trouvé de créneau et propose ses disponibilités.\n\n",
                );
                body += &line("Nom", &p.name);
                body += &line("E-mail", &p.email);
                body += &line("Téléphone", &optional(&p.phone));
                body += &line("Type", &notice.event_type_label);
                body += "Disponibilités :\n";
                for slot in &p.availabilities {
                    body += &format!("  - {} de {} à {}\n", slot.date, slot.from, slot.to);
                }
                body += &line("Message", &optional(&p.message));
                body += "\nÀ traiter dans l’administration : /admin\n";
                (
                    format!("Nouvelle demande de rendez-vous : {}", p.name),
                    body,
                )
            }
            Self::BookingCreated { booking: b } => {
                let mut body = String::from("Un rendez-vous vient d’être réservé.\n\n");
                body += &line("Quand", &b.start_label);
                body += &line("Durée", &format!("{} min", b.duration_minutes));
                body += &line("Type", &b.event_type_label);
                body += &line("Nom", &b.name);
                body += &line("E-mail", &b.email);
                body += &line("Téléphone", &optional(&b.phone));
                body += &line("Statut Cal.com", b.status.as_str());
                (
                    format!("Nouveau rendez-vous : {}, {}", b.name, b.start_label),
                    body,
                )
            }
            Self::BookingCancelled { booking: b, reason } => {
                let mut body =
                    String::from("Un rendez-vous vient d’être annulé par la personne.\n\n");
                body += &line("Quand", &b.start_label);
                body += &line("Type", &b.event_type_label);
                body += &line("Nom", &b.name);
                body += &line("E-mail", &b.email);
                body += &line("Téléphone", &optional(&b.phone));
                body += &line("Motif", &optional(reason));
                (
                    format!("Rendez-vous annulé : {}, {}", b.name, b.start_label),
                    body,
                )
            }
            Self::BookingRescheduled {
                booking: b,
                previous_start_label,
                ..
            } => {
                let mut body =
                    String::from("Un rendez-vous vient d’être déplacé par la personne.\n\n");
                body += &line("Avant", previous_start_label);
                body += &line("Maintenant", &b.start_label);
                body += &line("Type", &b.event_type_label);
                body += &line("Nom", &b.name);
                body += &line("E-mail", &b.email);
                body += &line("Téléphone", &optional(&b.phone));
                body += &line("Statut Cal.com", b.status.as_str());
                (
                    format!("Rendez-vous déplacé : {}, {}", b.name, b.start_label),
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
