//! The closed sets the server stores and exchanges, each written one way in the database,
//! on the wire and in logs. Adding a variant is a compile error until every `match` over
//! it handles it.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Serialize};

/// A text that names no variant of a closed set.
#[derive(Debug, thiserror::Error)]
#[error("unknown {set} {value:?}")]
pub struct UnknownValue {
    /// The set's name.
    pub set: &'static str,
    /// The text read.
    pub value: String,
}

/// Declares a closed set: its variants, each with its one text form.
macro_rules! closed_set {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The text form (stored, sent, logged).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok(Self::$variant),)+
                    _ => Err(UnknownValue { set: stringify!($name), value: s.to_string() }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

closed_set! {
    /// Where the owner's notifications go.
    Channel {
        /// A signed JSON POST to `NOTIFY_WEBHOOK_URL`.
        Webhook = "webhook",
        /// An email through `SMTP_URL`.
        Email = "email",
        /// An email to a visitor through `SMTP_URL` (the hours matching their proposal).
        Visitor = "visitor",
    }
}

closed_set! {
    /// What a notification announces (`event` in the webhook body, `X-Rdv-Event`).
    NotificationEvent {
        /// A visitor proposed their own availabilities.
        ProposalCreated = "proposal.created",
        /// A visitor booked through the tunnel.
        BookingCreated = "booking.created",
        /// A visitor cancelled their appointment from its confirmation page.
        BookingCancelled = "booking.cancelled",
        /// A visitor moved their appointment to another hour.
        BookingRescheduled = "booking.rescheduled",
        /// Hours matching a visitor's proposal were offered to them.
        ProposalMatched = "proposal.matched",
        /// A visitor is reminded of their appointment.
        BookingReminder = "booking.reminder",
    }
}

closed_set! {
    /// Where the owner is with a visitor's proposal.
    ProposalStatus {
        /// Nobody handled it yet.
        New = "new",
        /// Handled (the visitor was called back).
        Handled = "handled",
        /// Booked by the visitor through the link of an offered hour.
        Booked = "booked",
        /// Withdrawn by the visitor (the link of the offer's email).
        Withdrawn = "withdrawn",
    }
}

closed_set! {
    /// A booking's state at Cal.com.
    BookingStatus {
        /// Confirmed.
        Accepted = "accepted",
        /// The host must still confirm it.
        Pending = "pending",
        /// Cancelled.
        Cancelled = "cancelled",
        /// Declined by the host.
        Rejected = "rejected",
    }
}

impl ProposalStatus {
    /// How the owner reads it: its id in the catalogues.
    pub fn word_id(self) -> &'static str {
        match self {
            Self::New => "admin-status-new",
            Self::Handled => "admin-status-handled",
            Self::Booked => "admin-status-booked",
            Self::Withdrawn => "admin-status-withdrawn",
        }
    }
}

impl BookingStatus {
    /// Reads Cal.com's status words (`unconfirmed` is its older word for `pending`).
    pub fn from_calcom(status: &str) -> Option<Self> {
        match status {
            "unconfirmed" => Some(Self::Pending),
            other => other.parse().ok(),
        }
    }

    /// How the owner reads it: its id in the catalogues.
    pub fn word_id(self) -> &'static str {
        match self {
            Self::Accepted => "admin-booking-accepted",
            Self::Pending => "admin-booking-pending",
            Self::Cancelled => "admin-booking-cancelled",
            Self::Rejected => "admin-booking-rejected",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_variant_reads_back_from_its_text() {
        for c in Channel::ALL {
            assert_eq!(c.as_str().parse::<Channel>().unwrap(), *c);
        }
        for e in NotificationEvent::ALL {
            assert_eq!(
                serde_json::to_string(e).unwrap(),
                format!("\"{}\"", e.as_str())
            );
        }
        assert!("traité".parse::<ProposalStatus>().is_err());
        assert_eq!(
            BookingStatus::from_calcom("unconfirmed"),
            Some(BookingStatus::Pending)
        );
        assert_eq!(BookingStatus::from_calcom("awaiting_host"), None);
    }
}
