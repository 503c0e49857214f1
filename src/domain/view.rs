//! The view the server computes for a tunnel URL, and the confirmation page's content.
//!
//! View types hold display-ready strings rather than `chrono` values where the browser could
//! see them: parsing dates in the browser would add `chrono`'s parser to every download.

use serde::{Deserialize, Serialize};

use super::{
    forms::{BookingForm, Draft},
    hour_minute::HourMinute,
    questions::Question,
};

/// An event type the visitor can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventTypeChoice {
    /// URL slug.
    pub slug: String,
    /// Label shown to the visitor ("Appel").
    pub label: String,
    /// Length of the appointment.
    pub duration_minutes: u32,
}

/// Everything the page needs to render the tunnel for one URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TunnelView {
    /// The configured event types, in configuration order.
    pub event_types: Vec<EventTypeChoice>,
    /// The selected event type.
    pub current: EventTypeChoice,
    /// True when availability comes from the built-in demo calendar.
    pub demo: bool,
    /// IANA name of the business time zone.
    pub time_zone: String,
    /// How hours are qualified for the visitor ("heure de Paris").
    pub zone_label: String,
    /// The step to show.
    pub step: TunnelStep,
}

/// The tunnel's step for a URL.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TunnelStep {
    /// Dates of a week window (and, when one is chosen, its hours).
    Dates(WeekOffer),
    /// An hour is chosen: the visitor's contact details.
    Contact(Box<ContactStep>),
    /// The proposal form.
    Proposal(ProposalStep),
}

/// Why the visitor reached the proposal form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProposalReason {
    /// The calendar has no free hour in the searched range.
    NoAvailability,
    /// The visitor declined every offered week.
    NothingFits,
    /// Live availability cannot be read right now and nothing is cached.
    Unavailable,
    /// The visitor asked for it directly (or a booking failed).
    Asked,
}

/// The proposal step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalStep {
    /// Why we are here.
    pub reason: ProposalReason,
    /// What the visitor typed before, with errors, if anything.
    pub draft: Draft,
    /// Back to the first offered dates, when there are any.
    pub back_href: Option<String>,
    /// Campaign parameters of the visit (`utm_source=…`), sent with the form.
    pub utm: String,
    /// Signed time the form was shown (bot defence).
    pub issued: String,
    /// A matching hour that comes free is offered by email (`[matching]` on): the form says so.
    pub offers_by_email: bool,
}

/// The contact step for a chosen hour.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactStep {
    /// Hidden fields of the form (type, week, seed, date, hour, campaign, token).
    pub form: BookingForm,
    /// "jeudi 26 novembre".
    pub date_label: String,
    /// The chosen hour.
    pub time: HourMinute,
    /// The chosen start, RFC 3339 UTC.
    pub start_utc: String,
    /// True when the hour is still free (otherwise only alternatives are shown).
    pub available: bool,
    /// Until when the hour is held for this visitor at Cal.com (business zone), if it is.
    pub held_until: Option<HourMinute>,
    /// Whether a phone number is required.
    pub phone_required: bool,
    /// The event type's own questions, asked after the contact fields.
    pub questions: Vec<Question>,
    /// Back to the hours of the chosen date.
    pub back_href: String,
    /// The proposal form of this visit.
    pub proposal_href: String,
    /// What the visitor typed before, with errors or a notice, if anything.
    pub draft: Draft,
    /// Nearest free hours when the chosen one is taken.
    pub alternatives: Vec<OfferedHour>,
}

/// The dates offered for one week window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekOffer {
    /// Index of the window.
    pub week: usize,
    /// Seed of this visit's pick.
    pub seed: u64,
    /// First available date of the window (`YYYY-MM-DD`).
    pub start: String,
    /// "jeudi 26 novembre".
    pub start_label: String,
    /// True when the window starts later than today (the page says so).
    pub starts_later: bool,
    /// The offered dates, in order, each with its offered hours.
    pub dates: Vec<OfferedDate>,
    /// Index in `dates` of the chosen date, if any.
    pub selected: Option<usize>,
    /// Link to "Aucune date ne me convient" (the next window or the proposal form).
    pub next_href: String,
    /// Link back to this window's dates, nothing chosen.
    pub dates_href: String,
    /// True when the availability is a cached copy served while Cal.com fails.
    pub stale: bool,
}

/// An offered date with its offered hours.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedDate {
    /// The date in the business time zone (`YYYY-MM-DD`).
    pub date: String,
    /// "jeudi 26 novembre".
    pub label: String,
    /// The link that selects this date.
    pub href: String,
    /// The offered hours (usually two), in order.
    pub hours: Vec<OfferedHour>,
}

/// An offered hour with the link that chooses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedHour {
    /// The hour in the business time zone.
    pub time: HourMinute,
    /// What its link says: "09:00", or "jeudi 26 novembre à 09:00" among alternatives.
    pub label: String,
    /// The exact start, RFC 3339 in UTC (`2026-11-26T08:00:00Z`).
    pub start_utc: String,
    /// The link to the contact step for this hour.
    pub href: String,
}

/// What the confirmation page shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmationView {
    /// "Appel".
    pub type_label: String,
    /// "jeudi 26 novembre 2026".
    pub date_label: String,
    /// The booked hour in the business zone.
    pub time: HourMinute,
    /// "heure de Paris".
    pub zone_label: String,
    /// Length in minutes.
    pub duration_minutes: i64,
    /// The visitor's name.
    pub name: String,
    /// Where it stands (confirmed, to be accepted, cancelled, moved, past).
    pub standing: super::manage::AppointmentState,
    /// What the visitor is doing on the page.
    pub step: super::manage::ManageStep,
    /// True when booked in the demo calendar (no Cal.com email will come).
    pub demo: bool,
    /// This page's URL (its actions add a query).
    pub href: String,
    /// The confirmation id (the forms send it back).
    pub id: super::token::Token,
    /// The `.ics` download.
    pub ics_href: String,
    /// The visitor may cancel it now (the business's rules allow it).
    pub may_cancel: bool,
    /// The visitor may move it now.
    pub may_move: bool,
    /// The rules for changes, in sentences, and whom to contact when they forbid one.
    pub rules: Vec<String>,
    /// Where the meeting happens, when Cal.com said it.
    pub place: Option<super::place::Place>,
    /// Adds it to Google Calendar, and to Outlook (plain links, no script).
    pub calendar_links: (String, String),
    /// Its event type's slug and date (`YYYY-MM-DD`), for a page that embeds the tunnel.
    pub booked: (String, String),
}

/// How the booking page presents itself in search results and link previews (from
/// `[business]`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShareFacts {
    /// The business's name.
    pub business: String,
    /// The description.
    pub description: String,
    /// The preview image, an absolute URL.
    pub image_url: Option<String>,
    /// The page's public address.
    pub public_url: Option<String>,
}

/// What the privacy page says of this installation (from its configuration).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivacyFacts {
    /// Days requests (from their sending) and bookings (from their date) are kept.
    pub retention_days: u32,
    /// Who processes bookings, and where (`None` with the demo calendar).
    pub calendar: Option<CalendarHost>,
    /// Proposals are offered the hours that come free, by email (`[matching]` on).
    pub offers_by_email: bool,
}

/// Where the Cal.com that processes bookings runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CalendarHost {
    /// Cal.com's cloud in the United States (`api.cal.com`).
    CalComUs,
    /// Cal.com's cloud in the European Union (`api.cal.eu`).
    CalComEu,
    /// The business's own installation, at this host.
    Own(String),
}

impl PrivacyFacts {
    /// Who processes bookings for a Cal.com API at `api_url`.
    pub fn calendar_of(api_url: &str) -> CalendarHost {
        let host = api_url
            .split("://")
            .nth(1)
            .unwrap_or(api_url)
            .split(['/', ':'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match host.as_str() {
            "api.cal.com" => CalendarHost::CalComUs,
            "api.cal.eu" => CalendarHost::CalComEu,
            _ => CalendarHost::Own(host),
        }
    }
}

#[cfg(test)]
mod privacy_tests {
    use super::{CalendarHost, PrivacyFacts};

    #[test]
    fn the_calendar_is_named_with_where_it_is_hosted() {
        assert_eq!(
            PrivacyFacts::calendar_of("https://api.cal.com"),
            CalendarHost::CalComUs
        );
        assert_eq!(
            PrivacyFacts::calendar_of("https://api.cal.eu/"),
            CalendarHost::CalComEu
        );
        assert_eq!(
            PrivacyFacts::calendar_of("http://127.0.0.1:3211"),
            CalendarHost::Own("127.0.0.1".into())
        );
    }
}
