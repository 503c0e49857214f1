//! Where the meeting happens, when the event type offers several places in Cal.com: the
//! contact form asks it as one more question (a choice, and a text for the visitor's own
//! address or place), and the booking sends it as Cal.com's `location`. With one place
//! (or none), nothing is asked: Cal.com uses it.

use crate::domain::{
    fields::FieldErrors,
    lang::Words,
    questions::{Answer, Question, QuestionKind},
};
use crate::server::calendar::calcom::{ChosenPlace, EventTypeRules, MeetingOption};

/// The slug of the place question (not a Cal.com field: taken out before the booking).
const PLACE: &str = "rdv-lieu";
/// The slug of the visitor's own address or place.
const DETAIL: &str = "rdv-lieu-precision";

/// How the visitor reads an option.
fn label(option: &MeetingOption, words: &Words) -> String {
    match option {
        MeetingOption::Video(_) => words.say("place-option-video"),
        MeetingOption::Address(address) => {
            words.say_with("place-option-address", &[("address", address)])
        }
        MeetingOption::Phone(phone) => words.say_with("place-option-phone", &[("phone", phone)]),
        MeetingOption::Link => words.say("place-option-link"),
        MeetingOption::AttendeePhone => words.say("place-option-attendee-phone"),
        MeetingOption::AttendeeAddress => words.say("place-option-attendee-address"),
        MeetingOption::AttendeeDefined => words.say("place-option-attendee-defined"),
    }
}

/// Everything the contact form asks of an event type with `rules`: its own questions, then
/// where the meeting happens when it offers several places. The page and the post ask
/// the same.
pub fn asked(rules: &EventTypeRules, words: &Words) -> Vec<Question> {
    let mut asked = rules.questions.clone();
    asked.extend(questions(&rules.places, words));
    asked
}

/// The questions the form adds for `options` (none for fewer than two).
fn questions(options: &[MeetingOption], words: &Words) -> Vec<Question> {
    if options.len() < 2 {
        return Vec::new();
    }
    let mut asked = vec![Question {
        slug: PLACE.to_string(),
        label: words.say("place-choose"),
        kind: QuestionKind::Radio,
        required: true,
        options: options.iter().map(|o| label(o, words)).collect(),
    }];
    if options.iter().any(|o| {
        matches!(
            o,
            MeetingOption::AttendeeAddress | MeetingOption::AttendeeDefined
        )
    }) {
        asked.push(Question {
            slug: DETAIL.to_string(),
            label: words.say("place-detail"),
            kind: QuestionKind::Text,
            required: false,
            options: Vec::new(),
        });
    }
    asked
}

/// Takes the place out of the checked `answers` (Cal.com knows no such fields): the chosen
/// option, with the visitor's `phone` or typed place when it needs one (or an error).
pub fn take(
    options: &[MeetingOption],
    answers: &mut Vec<(String, Answer)>,
    (phone, words): (Option<&str>, &Words),
    errors: &mut FieldErrors,
) -> Option<ChosenPlace> {
    let text = |answers: &[(String, Answer)], slug: &str| {
        answers.iter().find_map(|(s, a)| match a {
            Answer::Text(t) if s == slug => Some(t.clone()),
            _ => None,
        })
    };
    let (chosen, detail) = (text(answers, PLACE), text(answers, DETAIL));
    answers.retain(|(slug, _)| slug != PLACE && slug != DETAIL);
    let option = options
        .iter()
        .find(|o| Some(label(o, words)) == chosen)?
        .clone();
    let detail = match option {
        MeetingOption::AttendeePhone => match phone {
            Some(phone) => Some(phone.to_string()),
            None => {
                errors.add("phone", "place-phone-missing");
                return None;
            }
        },
        MeetingOption::AttendeeAddress | MeetingOption::AttendeeDefined => match detail {
            Some(detail) => Some(detail),
            None => {
                errors.add(&format!("answer-{DETAIL}"), "place-detail-missing");
                return None;
            }
        },
        _ => None,
    };
    Some(ChosenPlace { option, detail })
}
