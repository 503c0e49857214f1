//! What an event type asks of a booking, as Cal.com says it: its length, whether the
//! attendee's phone is required, and its own questions.

use super::wire::BookingField;
use crate::domain::questions::{Question, QuestionKind};

/// An event type's rules in Cal.com.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventTypeRules {
    /// Its length (the default one when it has several).
    pub length_minutes: Option<u32>,
    /// True when Cal.com requires the attendee's phone.
    pub phone_required: bool,
    /// Its own required or optional visible questions the form asks.
    pub questions: Vec<Question>,
    /// Required visible questions of a kind the form cannot ask (their slugs): a booking
    /// through the tunnel would always be refused.
    pub unsupported: Vec<String>,
    /// What Cal.com lets a visitor change (its cut-off is the business's, not Cal.com's).
    pub changes: crate::domain::change_rules::ChangeRules,
    /// Where its meetings may happen (Cal.com's `locations[]`), in Cal.com's order.
    pub places: Vec<MeetingOption>,
}

/// A place an event type offers (one of Cal.com's `locations[]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingOption {
    /// A video call (`integration`: `cal-video`, `google-meet`, `zoom`…).
    Video(String),
    /// The business's address.
    Address(String),
    /// The business's phone (the visitor calls).
    Phone(String),
    /// A link the business gives.
    Link,
    /// The visitor's phone (the business calls).
    AttendeePhone,
    /// The visitor's address.
    AttendeeAddress,
    /// Somewhere the visitor says.
    AttendeeDefined,
}

impl MeetingOption {
    /// Reads one of Cal.com's `locations[]` (`None`: a kind the tunnel does not offer).
    pub(super) fn read(raw: &serde_json::Value) -> Option<Self> {
        let text = |key: &str| raw.get(key).and_then(|v| v.as_str()).map(str::to_string);
        Some(match raw.get("type")?.as_str()? {
            "integration" => Self::Video(text("integration")?),
            "address" => Self::Address(text("address")?),
            "phone" => Self::Phone(text("phone")?),
            "link" => Self::Link,
            "attendeePhone" => Self::AttendeePhone,
            "attendeeAddress" => Self::AttendeeAddress,
            "attendeeDefined" => Self::AttendeeDefined,
            _ => return None,
        })
    }
}

/// Where a booking happens, as the visitor chose it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenPlace {
    /// The option.
    pub option: MeetingOption,
    /// The visitor's phone, address or place, for the options that need one.
    pub detail: Option<String>,
}

impl EventTypeRules {
    /// Whether `event` needs the visitor's phone: Leptos.toml says so, or Cal.com does.
    pub fn phone_required(&self, event: &crate::server::config::EventType) -> bool {
        event.phone_required || self.phone_required
    }

    /// What a visitor may change of an appointment of `event`: Cal.com's rules and the
    /// business's cut-off (`changes_until_hours_before`).
    pub fn changes(
        &self,
        event: &crate::server::config::EventType,
    ) -> crate::domain::change_rules::ChangeRules {
        crate::domain::change_rules::ChangeRules {
            cutoff_minutes: event.changes_until_minutes,
            ..self.changes.clone()
        }
    }
}

/// The booking fields Cal.com fills itself or the tunnel always sends.
const HANDLED: [&str; 7] = [
    "name",
    "email",
    "notes",
    "location",
    "guests",
    "rescheduleReason",
    "title",
];

/// Reads Cal.com's booking fields into rules.
pub(super) fn rules(length_minutes: Option<u32>, fields: Vec<BookingField>) -> EventTypeRules {
    let mut rules = EventTypeRules {
        length_minutes,
        ..EventTypeRules::default()
    };
    for field in fields {
        let slug = field.slug.clone().unwrap_or_default();
        if field.hidden || field.is_default || HANDLED.contains(&slug.as_str()) {
            continue;
        }
        if field.kind == "phone" && slug == "attendeePhoneNumber" {
            rules.phone_required |= field.required;
            continue;
        }
        let kind = match field.kind.as_str() {
            "text" => Some(QuestionKind::Text),
            "textarea" => Some(QuestionKind::Textarea),
            "number" => Some(QuestionKind::Number),
            "url" => Some(QuestionKind::Url),
            "select" => Some(QuestionKind::Select),
            "radio" => Some(QuestionKind::Radio),
            "boolean" | "checkbox" if field.options.is_empty() => Some(QuestionKind::Boolean),
            _ => None,
        };
        let slug_ok = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        match kind {
            Some(kind) if slug_ok => rules.questions.push(Question {
                label: field
                    .label
                    .filter(|l| !l.trim().is_empty())
                    .unwrap_or_else(|| slug.clone()),
                slug,
                kind,
                required: field.required,
                options: field
                    .options
                    .iter()
                    .filter_map(|o| o.as_str().map(str::to_string))
                    .collect(),
            }),
            _ if field.required => rules.unsupported.push(format!("{slug} ({})", field.kind)),
            _ => {}
        }
    }
    rules
}
