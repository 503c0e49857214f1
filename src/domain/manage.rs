//! Cancelling or moving an appointment from its confirmation page: where it stands, and the
//! step the visitor is at (the page's query: `?action=annuler`, `?action=deplacer`, then
//! `&date=…&hour=…` for the one-step confirmation).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{checks::parse_date, hour_minute::HourMinute};

/// Dates the move step offers at once, as the tunnel does; then "Aucune de ces dates".
pub const DATES_PER_PAGE: usize = 4;

/// Highest `page=` read (a longer horizon than anyone pages through).
const MAX_PAGE: usize = 30;

/// Longest cancellation reason kept.
pub const REASON_MAX: usize = 500;

/// Where an appointment stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppointmentState {
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

impl AppointmentState {
    /// True when the visitor may still cancel or move it.
    pub fn can_change(&self) -> bool {
        matches!(self, Self::Booked | Self::Pending)
    }
}

/// What the visitor asks to do with their appointment (`?action=` in the page's URL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ManageAction {
    /// `annuler`.
    #[serde(rename = "annuler")]
    Cancel,
    /// `deplacer`.
    #[serde(rename = "deplacer")]
    Move,
}

impl ManageAction {
    /// The French word of the URL (public URLs are French).
    pub fn param(self) -> &'static str {
        match self {
            Self::Cancel => "annuler",
            Self::Move => "deplacer",
        }
    }

    /// The action a URL's word names.
    pub fn from_param(word: &str) -> Option<Self> {
        [Self::Cancel, Self::Move]
            .into_iter()
            .find(|a| a.param() == word)
    }
}

/// Why the visitor is back at a step (`&retour=` in the page's URL).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ManageNotice {
    /// `pris`: the hour was taken meanwhile.
    #[serde(rename = "pris")]
    Taken,
    /// `echec`: Cal.com failed.
    #[serde(rename = "echec")]
    Failed,
}

impl ManageNotice {
    /// The French word of the URL.
    pub fn param(self) -> &'static str {
        match self {
            Self::Taken => "pris",
            Self::Failed => "echec",
        }
    }

    /// The notice a URL's word names.
    pub fn from_param(word: &str) -> Option<Self> {
        [Self::Taken, Self::Failed]
            .into_iter()
            .find(|n| n.param() == word)
    }
}

/// The confirmation page at `href` at the step of `action`, with `notice` above it.
pub fn manage_href(href: &str, action: ManageAction, notice: Option<ManageNotice>) -> String {
    match notice {
        Some(notice) => format!("{href}?action={}&retour={}", action.param(), notice.param()),
        None => format!("{href}?action={}", action.param()),
    }
}

/// What the page's query asks for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManageQuery {
    /// Cancel or move.
    pub action: Option<ManageAction>,
    /// The new date chosen while moving.
    pub date: Option<NaiveDate>,
    /// The new hour chosen while moving.
    pub hour: Option<HourMinute>,
    /// Why the visitor is back.
    pub notice: Option<ManageNotice>,
    /// Which page of dates the move step shows (`&page=`, from 0).
    pub page: usize,
}

impl ManageQuery {
    /// Reads the query from a parameter lookup.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Self {
        Self {
            action: get("action").and_then(|a| ManageAction::from_param(&a)),
            date: get("date").and_then(|d| parse_date(&d)),
            hour: get("hour").and_then(|h| h.parse().ok()),
            notice: get("retour").and_then(|n| ManageNotice::from_param(&n)),
            page: get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p <= MAX_PAGE)
                .unwrap_or(0),
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
    /// The dates it could move to, a few at a time, as the tunnel offers them.
    Move {
        /// Said above the dates (the chosen hour was taken, Cal.com failed…).
        notice: Option<String>,
        /// This page's dates, each a link to its hours.
        dates: Vec<MoveDate>,
        /// "Aucune de ces dates ne me convient": the next dates, when there are more.
        later: Option<String>,
        /// The dates before these, past the first page.
        earlier: Option<String>,
    },
    /// The free hours of the chosen date.
    MoveHours {
        /// "lundi 30 novembre".
        date_label: String,
        /// Each a link to the confirmation step.
        hours: Vec<MoveHour>,
        /// Back to the dates.
        dates_href: String,
    },
    /// "Déplacer au … ?": one step to confirm.
    ConfirmMove {
        /// `YYYY-MM-DD`.
        date: String,
        /// `HH:MM`.
        hour: String,
        /// "lundi 30 novembre".
        date_label: String,
        /// Back to that date's hours.
        hours_href: String,
    },
}

/// A date the appointment can move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveDate {
    /// "lundi 30 novembre".
    pub label: String,
    /// Its hours' step.
    pub href: String,
}

/// An hour the appointment can move to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoveHour {
    /// The hour.
    pub time: HourMinute,
    /// Its confirmation step.
    pub href: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_and_notices_read_back_what_urls_write() {
        for action in [ManageAction::Cancel, ManageAction::Move] {
            assert_eq!(ManageAction::from_param(action.param()), Some(action));
            for notice in [None, Some(ManageNotice::Taken), Some(ManageNotice::Failed)] {
                let href = manage_href("/c/x", action, notice);
                let query = href.split_once('?').unwrap().1.to_string();
                let read = ManageQuery::from_lookup(|k| {
                    query
                        .split('&')
                        .find_map(|p| p.strip_prefix(&format!("{k}=")).map(str::to_string))
                });
                assert_eq!((read.action, read.notice), (Some(action), notice), "{href}");
            }
        }
        assert_eq!(ManageAction::from_param("supprimer"), None);
        assert_eq!(ManageNotice::from_param("autre"), None);
    }
}
