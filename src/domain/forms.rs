//! What the two forms send (the contact form books, the proposal form proposes), and
//! the one reply both get.
//!
//! Posted as `form[...]` fields (serde_qs): the contact fields and the hidden fields every
//! form carries are flattened into both, so each is declared once.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    contact::ContactInput,
    fields::FieldErrors,
    json_read::{tagged, text_of, JsonRead},
    proposal::SlotInput,
    token::Token,
};

/// The hidden fields of every form: campaign, bot defence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormMeta {
    /// Event type slug.
    #[serde(rename = "type", default)]
    pub event_type: String,
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

/// The contact form's fields: the chosen hour and the visitor's details.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingForm {
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
    /// The visit's hold id (its hour held at Cal.com), if any; anything else is none.
    #[serde(default, deserialize_with = "super::token::lenient")]
    pub hold: Option<Token>,
    /// Answers to the event type's own questions, by slug (`form[answers][company]`).
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// The key of the offered hour the visit comes from (a proposal's email), if any.
    #[serde(default, deserialize_with = "super::token::lenient")]
    pub offer: Option<Token>,
    /// Name, email, phone, message.
    #[serde(flatten)]
    pub contact: ContactInput,
    /// Type, campaign, bot defence.
    #[serde(flatten)]
    pub meta: FormMeta,
}

/// The proposal form's fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalForm {
    /// The proposed time ranges (`form[slots][0][date]`…), blank rows included.
    #[serde(default)]
    pub slots: Vec<SlotInput>,
    /// Consent box (`on` when checked).
    #[serde(default)]
    pub consent: Option<String>,
    /// Name, email, phone, message.
    #[serde(flatten)]
    pub contact: ContactInput,
    /// Type, campaign, bot defence.
    #[serde(flatten)]
    pub meta: FormMeta,
}

impl ProposalForm {
    /// True when the consent box was checked.
    pub fn consented(&self) -> bool {
        self.consent.as_deref().is_some_and(|v| !v.is_empty())
    }
}

pub use super::draft::Draft;

/// The server's answer to either form. The browser decodes it as this type; without
/// JavaScript the server turns it into a redirect.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FormReply {
    /// Booked: the confirmation page.
    Booked {
        /// Confirmation page URL.
        url: String,
    },
    /// Stored (committed): the thank-you page.
    Saved {
        /// Thank-you page URL.
        url: String,
    },
    /// The hour was taken meanwhile: the contact step again, with the nearest free hours and
    /// what was typed.
    SlotTaken {
        /// The contact step's URL.
        url: String,
    },
    /// The booking failed for another reason: the proposal form, prefilled.
    Failed {
        /// The proposal step's URL.
        url: String,
    },
    /// Some fields are wrong: each error goes next to its field.
    Invalid(FieldErrors),
    /// The form's token was refused (sent too fast, or expired): say why above the form,
    /// and send it again with the fresh token.
    Retry {
        /// Why, in French.
        notice: String,
        /// A fresh signed form token.
        issued: String,
    },
}

impl FormReply {
    /// The reply with its catalogue ids (refusals, notice) replaced by their text (`say`).
    pub fn worded(self, say: impl Fn(&str) -> String) -> Self {
        match self {
            Self::Invalid(errors) => Self::Invalid(errors.worded(say)),
            Self::Retry { notice, issued } => Self::Retry {
                notice: say(&notice),
                issued,
            },
            other => other,
        }
    }

    /// The page the visitor goes to next, for every reply but a refusal.
    pub fn next_page(&self) -> Option<&str> {
        match self {
            Self::Booked { url }
            | Self::Saved { url }
            | Self::SlotTaken { url }
            | Self::Failed { url } => Some(url),
            Self::Invalid(_) | Self::Retry { .. } => None,
        }
    }

    /// Reads what serde wrote (externally tagged: `{"Booked":{"url":"…"}}`).
    pub fn read<J: JsonRead>(json: &J) -> Option<Self> {
        let (tag, content) = tagged(json)?;
        let content = content?;
        let url = || text_of(&content, "url");
        Some(match tag.as_str() {
            "Booked" => Self::Booked { url: url()? },
            "Saved" => Self::Saved { url: url()? },
            "SlotTaken" => Self::SlotTaken { url: url()? },
            "Failed" => Self::Failed { url: url()? },
            "Invalid" => Self::Invalid(FieldErrors::read(&content)?),
            "Retry" => Self::Retry {
                notice: text_of(&content, "notice")?,
                issued: text_of(&content, "issued")?,
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the server function decodes (serde_qs, as leptos' `PostUrl` does).
    fn decode<T: serde::de::DeserializeOwned>(body: &str) -> T {
        #[derive(Deserialize)]
        struct Args<T> {
            form: T,
        }
        serde_qs::Config::new(5, false)
            .deserialize_str::<Args<T>>(body)
            .unwrap()
            .form
    }

    #[test]
    fn both_forms_decode_from_a_browser_post() {
        let booking: BookingForm = decode(
            "form%5Btype%5D=appel&form%5Bweek%5D=1&form%5Bseed%5D=42&form%5Bdate%5D=2026-12-01\
             &form%5Bhour%5D=09%3A00&form%5Bname%5D=Zo%C3%A9&form%5Bemail%5D=z%40e.fr\
             &form%5Bissued%5D=1.ab&form%5Bwebsite%5D=",
        );
        assert_eq!((booking.week, booking.seed), (1, 42));
        assert_eq!(booking.contact.name, "Zoé");
        assert_eq!(booking.meta.event_type, "appel");
        assert_eq!(booking.meta.issued, "1.ab");

        let proposal: ProposalForm = decode(
            "form[type]=visio&form[slots][0][date]=2026-12-01&form[slots][0][from]=09:00\
             &form[slots][0][to]=10:00&form[slots][1][date]=&form[slots][1][from]=\
             &form[slots][1][to]=&form[name]=Zo%C3%A9&form[consent]=on",
        );
        assert_eq!(proposal.slots.len(), 2);
        assert_eq!(proposal.slots[0].from, "09:00");
        assert_eq!(proposal.contact.name, "Zoé");
        assert!(proposal.consented());
    }

    #[test]
    fn the_reply_wire_shape_is_pinned() {
        let shapes = [
            (
                FormReply::Booked { url: "/c/1".into() },
                r#"{"Booked":{"url":"/c/1"}}"#,
            ),
            (
                FormReply::Invalid(FieldErrors::form("Non.")),
                r#"{"Invalid":{"fields":[["form","Non."]]}}"#,
            ),
            (
                FormReply::Retry {
                    notice: "Trop vite.".into(),
                    issued: "1.ab".into(),
                },
                r#"{"Retry":{"notice":"Trop vite.","issued":"1.ab"}}"#,
            ),
        ];
        for (reply, json) in shapes {
            assert_eq!(serde_json::to_string(&reply).unwrap(), json);
            assert_eq!(serde_json::from_str::<FormReply>(json).unwrap(), reply);
        }
    }

    /// Every variant (the `match` fails to compile when one is added) goes through serde and
    /// back through the browser's reader unchanged.
    #[test]
    fn the_browser_reads_every_reply_serde_writes() {
        let url = "/prendre-rendez-vous/merci?type=appel".to_string();
        let mut errors = FieldErrors::form("Non.");
        errors.add("email", "Adresse e-mail invalide.");
        let replies = [
            FormReply::Booked { url: url.clone() },
            FormReply::Saved { url: url.clone() },
            FormReply::SlotTaken { url: url.clone() },
            FormReply::Failed { url },
            FormReply::Invalid(errors),
            FormReply::Retry {
                notice: "Trop vite.".into(),
                issued: "1.ab".into(),
            },
        ];
        for reply in replies {
            match &reply {
                FormReply::Booked { .. }
                | FormReply::Saved { .. }
                | FormReply::SlotTaken { .. }
                | FormReply::Failed { .. }
                | FormReply::Invalid(_)
                | FormReply::Retry { .. } => {}
            }
            let json = serde_json::to_value(&reply).unwrap();
            assert_eq!(FormReply::read(&json), Some(reply));
        }
        assert_eq!(FormReply::read(&serde_json::json!({"Other": {}})), None);
    }
}
