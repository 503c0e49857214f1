//! The questions a business adds to an event type in Cal.com ("custom booking fields"): asked
//! in the contact form, checked, and sent with the booking under their slug.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{checks::has_control, fields::FieldErrors};

/// Longest answer accepted.
pub const ANSWER_MAX: usize = 1000;

/// How a question is answered (the kinds the form can render).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuestionKind {
    /// One line of text.
    Text,
    /// Several lines.
    Textarea,
    /// A number.
    Number,
    /// A web address.
    Url,
    /// One of `options`, in a list.
    Select,
    /// One of `options`, as radio buttons.
    Radio,
    /// A box to tick.
    Boolean,
}

/// A question of the event type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Cal.com's key for the answer (`company`).
    pub slug: String,
    /// What the business wrote ("Société").
    pub label: String,
    /// How it is answered.
    pub kind: QuestionKind,
    /// True when a booking needs an answer.
    pub required: bool,
    /// The choices of a select or radio question.
    pub options: Vec<String>,
}

/// An answer, typed as Cal.com expects it.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Text, a URL or a choice.
    Text(String),
    /// A number.
    Number(f64),
    /// A ticked (or not) box.
    Bool(bool),
}

impl Question {
    /// The key of this question's answer and error (`answer-company`): `form[answers][slug]`
    /// in HTML, and its place in [`FieldErrors`].
    pub fn key(&self) -> String {
        answer_key(&self.slug)
    }
}

/// The error key of the answer to the question `slug`.
pub fn answer_key(slug: &str) -> String {
    format!("answer-{slug}")
}

/// Checks the answers to `questions` (as typed, by slug): each required one answered, each
/// answer of its kind. Unanswered optional questions are left out.
pub fn check_answers(
    questions: &[Question],
    typed: &BTreeMap<String, String>,
    errors: &mut FieldErrors,
) -> Vec<(String, Answer)> {
    let mut answers = Vec::new();
    for question in questions {
        let raw = typed.get(&question.slug).map_or("", |v| v.trim());
        let key = question.key();
        let answer = match question.kind {
            QuestionKind::Boolean => match raw {
                "" if question.required => Err("answer-check"),
                "" => Ok(Some(Answer::Bool(false))),
                _ => Ok(Some(Answer::Bool(true))),
            },
            _ if raw.is_empty() => {
                if question.required {
                    Err("answer-missing")
                } else {
                    Ok(None)
                }
            }
            _ if raw.chars().count() > ANSWER_MAX
                || has_control(raw, question.kind == QuestionKind::Textarea) =>
            {
                Err("answer-invalid")
            }
            QuestionKind::Number => raw
                .replace(',', ".")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(|n| Some(Answer::Number(n)))
                .ok_or("answer-number"),
            QuestionKind::Select | QuestionKind::Radio => question
                .options
                .iter()
                .any(|o| o == raw)
                .then(|| Some(Answer::Text(raw.to_string())))
                .ok_or("answer-choice"),
            QuestionKind::Url => (raw.starts_with("https://") || raw.starts_with("http://"))
                .then(|| Some(Answer::Text(raw.to_string())))
                .ok_or("answer-url"),
            QuestionKind::Text | QuestionKind::Textarea => Ok(Some(Answer::Text(raw.to_string()))),
        };
        match answer {
            Ok(Some(answer)) => answers.push((question.slug.clone(), answer)),
            Ok(None) => {}
            Err(message) => errors.add(&key, message),
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(slug: &str, kind: QuestionKind, required: bool) -> Question {
        Question {
            slug: slug.into(),
            label: slug.into(),
            kind,
            required,
            options: vec!["Oui".into(), "Non".into()],
        }
    }

    #[test]
    fn required_answers_of_their_kind() {
        let questions = [
            question("company", QuestionKind::Text, true),
            question("size", QuestionKind::Number, false),
            question("choice", QuestionKind::Select, true),
            question("terms", QuestionKind::Boolean, true),
        ];
        let typed: BTreeMap<String, String> = [
            ("company", "  ACME  "),
            ("size", "12,5"),
            ("choice", "Oui"),
            ("terms", "on"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mut errors = FieldErrors::default();
        let answers = check_answers(&questions, &typed, &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            answers,
            [
                ("company".to_string(), Answer::Text("ACME".into())),
                ("size".to_string(), Answer::Number(12.5)),
                ("choice".to_string(), Answer::Text("Oui".into())),
                ("terms".to_string(), Answer::Bool(true)),
            ]
        );
        let mut errors = FieldErrors::default();
        let wrong: BTreeMap<String, String> = [("size", "beaucoup"), ("choice", "Peut-être")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        check_answers(&questions, &wrong, &mut errors);
        let keys: Vec<&str> = errors.fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "answer-company",
                "answer-size",
                "answer-choice",
                "answer-terms"
            ]
        );
    }
}
