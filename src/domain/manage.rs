//! Cancelling or moving an appointment from its confirmation page: where it stands, and the
//! step the visitor is at (the page's query: `?action=annuler`, `?action=deplacer`, then
//! `&date=…&hour=…` for the one-step confirmation).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{checks::parse_date, hour_minute::HourMinute};

/// Longest cancellation reason kept.
pub const REASON_MAX: usize = 500;

/// Where an appointment stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    /// Confirmed, still to come: it can be cancelled or moved.
    Booked,
    /// The host must still accept it; it can be cancelled or moved too.
    Pending,
    /// Cancelled (by the visitor, the business, or declined by the host).
    Cancelled,
    /// Moved: its new confirmation page.
    Moved {
        /// The new appointment's confirmation URL.
        href: String,
    },
    /// Its hour has passed.
    Past,
}

impl Standing {
    /// True when the visitor may still cancel or move it.
    pub fn can_change(&self) -> bool {
        matches!(self, Self::Booked | Self::Pending)
    }
}

/// What the page's query asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageQuery {
    /// `annuler` or `deplacer`.
    pub action: Option<String>,
    /// The new date chosen while moving.
    pub date: Option<NaiveDate>,
    /// The new hour chosen while moving.
    pub hour: Option<HourMinute>,
    /// Why the visitor is back (`pris`: the hour was taken meanwhile; `echec`: Cal.com failed).
    pub notice: Option<String>,
}

impl ManageQuery {
    /// Reads the query from a parameter lookup.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            action: get("action").filter(|a| a == "annuler" || a == "deplacer"),
            date: get("date").and_then(|d| parse_date(&d)),
            hour: get("hour").and_then(|h| h.parse().ok()),
            notice: get("retour").filter(|n| n == "pris" || n == "echec"),
        }
    }
}

/// The step of the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ManageStep {
    /// The appointment, with its two actions when it can change.
    Summary,
    /// "Annuler le rendez-vous ?" with an optional reason.
    Cancel {
        /// Said above the form when a first try failed.
        notice: Option<String>,
    },
    /// The hours it could move to.
    Move {
        /// Said above the hours (the chosen one was taken, Cal.com failed…).
        notice: Option<String>,
        /// Dates with their hours.
        dates: Vec<MoveDate>,
    },
    /// "Déplacer au … ?": one step to confirm.
    ConfirmMove {
        /// `YYYY-MM-DD`.
        date: String,
        /// `HH:MM`.
        hour: String,
        /// "lundi 30 novembre".
        date_label: String,
    },
}

/// A date the appointment can move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveDate {
    /// "lundi 30 novembre".
    pub label: String,
    /// Its free hours, each a link to the confirmation step.
    pub hours: Vec<MoveHour>,
}

/// An hour the appointment can move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveHour {
    /// The hour.
    pub time: HourMinute,
    /// Its confirmation step.
    pub href: String,
}
