//! What a visitor typed, kept (bounded) to show a refused form again.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    checks, contact::ContactInput, fields::FieldErrors, proposal::SlotInput, token::Token,
};

/// What a visitor typed, kept to show the form again (with its errors) after a refusal.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// Contact fields.
    pub contact: ContactInput,
    /// Proposed time ranges (proposal form).
    pub slots: Vec<SlotInput>,
    /// The consent box.
    pub consent: bool,
    /// Answers to the event type's own questions, by slug (contact form).
    pub answers: BTreeMap<String, String>,
    /// Errors per field.
    pub errors: FieldErrors,
    /// A message above the form (slot taken, Cal.com failure…).
    pub notice: Option<String>,
    /// The key of the offered hour this visit comes from (the link of a proposal's email):
    /// booking it books the proposal.
    pub offer: Option<Token>,
}

impl Draft {
    /// What a draft keeps of a refused post: each field cut just past its longest valid
    /// value (still too long, so its error still reads true), at most the form's rows and a
    /// few answers. A refused post, however large, stores a few kilobytes.
    pub fn bounded(mut self) -> Self {
        fn cut(text: &mut String, max_chars: usize) {
            if let Some((at, _)) = text.char_indices().nth(max_chars + 1) {
                text.truncate(at);
            }
        }
        cut(&mut self.contact.name, checks::NAME_MAX);
        cut(&mut self.contact.email, checks::EMAIL_MAX);
        cut(&mut self.contact.phone, checks::PHONE_MAX);
        cut(&mut self.contact.message, checks::MESSAGE_MAX);
        self.slots.truncate(super::proposal::SLOT_ROWS);
        for slot in &mut self.slots {
            for field in [&mut slot.date, &mut slot.from, &mut slot.to] {
                cut(field, 10);
            }
        }
        self.answers = std::mem::take(&mut self.answers)
            .into_iter()
            .filter(|(key, _)| key.len() <= 64)
            .take(MAX_DRAFT_ANSWERS)
            .map(|(key, mut value)| {
                cut(&mut value, super::questions::ANSWER_MAX);
                (key, value)
            })
            .collect();
        self
    }
}

/// Most answers a draft keeps (an event type asks a handful of questions).
const MAX_DRAFT_ANSWERS: usize = 20;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_huge_refused_post_keeps_a_bounded_draft() {
        let big = "é".repeat(60_000);
        let draft = Draft {
            contact: ContactInput {
                name: big.clone(),
                email: big.clone(),
                phone: big.clone(),
                message: big.clone(),
            },
            slots: vec![
                SlotInput {
                    date: big.clone(),
                    from: big.clone(),
                    to: big.clone(),
                };
                50
            ],
            consent: true,
            answers: (0..500)
                .map(|i| (format!("answer-{i}"), big.clone()))
                .collect(),
            errors: FieldErrors::default(),
            notice: None,
            offer: None,
        }
        .bounded();
        let size = serde_json::to_string(&draft).unwrap().len();
        assert!(size < 60_000, "{size} bytes");
        assert_eq!(
            draft.contact.message.chars().count(),
            checks::MESSAGE_MAX + 1
        );
        assert_eq!(draft.slots.len(), super::super::proposal::SLOT_ROWS);
        assert_eq!(draft.answers.len(), MAX_DRAFT_ANSWERS);
        let mut short = draft;
        short.contact.name = "Zoé".into();
        assert_eq!(
            short.bounded().contact.name,
            "Zoé",
            "valid values stay whole"
        );
    }
}
