//! The keys of form fields and the errors a refused form carries, per field.

use serde::{Deserialize, Serialize};

use super::json_read::JsonRead;

/// The key of errors about the whole form rather than one field.
pub const FORM_LEVEL: &str = "form";
/// Shown above a form when fields need fixing (a catalogue id).
pub const FIX_FIELDS: &str = "fix-fields";

/// The catalogue ids of everything the islands may say about a form in the browser (the
/// checks' refusals, the notices, the fixed errors): the page gives their text in its
/// language (`components::form_field::BrowserWords`).
pub const BROWSER_WORDS: &[&str] = &[
    FIX_FIELDS,
    "name-missing",
    "name-length",
    "email-missing",
    "email-invalid",
    "phone-invalid",
    "phone-missing",
    "message-too-long",
    "message-invisible",
    "slots-too-many",
    "slot-day-missing",
    "slot-day-range",
    "slot-hours-missing",
    "slot-hours-order",
    "slots-none",
    "consent-missing",
    "error-malformed",
    "error-rate-limited",
    "error-too-large",
    "error-timed-out",
    "error-busy",
    "error-internal",
    "error-transport",
];

/// The key of the `index`-th availability row's errors (`slot0`, `slot1`…).
pub fn slot_key(index: usize) -> String {
    format!("slot{index}")
}

/// One message per field at fault: catalogue ids as the checks give them, texts in the
/// visitor's language once [`FieldErrors::worded`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    /// Errors as (field name, message), in form order.
    pub fields: Vec<(String, String)>,
}

impl FieldErrors {
    /// Records an error for `field`.
    pub fn add(&mut self, field: &str, message: &str) {
        self.fields.push((field.to_string(), message.to_string()));
    }
    /// The message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
    /// The same errors with each catalogue id replaced by its text (`say`).
    pub fn worded(self, say: impl Fn(&str) -> String) -> Self {
        Self {
            fields: self
                .fields
                .into_iter()
                .map(|(field, id)| (field, say(&id)))
                .collect(),
        }
    }

    /// A refusal of the whole form (not of one field), with its message.
    pub fn form(message: &str) -> Self {
        let mut e = Self::default();
        e.add(FORM_LEVEL, message);
        e
    }
    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Reads what serde wrote: `{"fields": [["email", "…"], …]}`.
    pub fn read<J: JsonRead>(json: &J) -> Option<Self> {
        let fields = json
            .member("fields")?
            .items()
            .iter()
            .map(|pair| match pair.items().as_slice() {
                [key, message] => Some((key.text()?, message.text()?)),
                _ => None,
            })
            .collect::<Option<_>>()?;
        Some(Self { fields })
    }
}
