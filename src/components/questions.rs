//! The event type's own questions (set by the business in Cal.com), after the contact fields.

use leptos::prelude::*;

use crate::{
    components::form_field::Field,
    dom_ids,
    domain::{
        fields::FieldErrors,
        questions::{Question, QuestionKind, ANSWER_MAX},
    },
};

/// Every question, with what was typed and the errors of a refused post.
#[component]
pub fn Questions(
    /// The questions.
    questions: Vec<Question>,
    /// What was typed, by slug.
    answers: std::collections::BTreeMap<String, String>,
    /// Errors of a refused post.
    errors: FieldErrors,
) -> impl IntoView {
    questions
        .into_iter()
        .map(|q| {
            let value = answers.get(&q.slug).cloned().unwrap_or_default();
            let error = errors
                .get(&q.key())
                .map(|id| crate::components::use_words().say(id));
            view! { <QuestionField question=q value=value error=error/> }
        })
        .collect_view()
}

#[component]
fn QuestionField(question: Question, value: String, error: Option<String>) -> impl IntoView {
    let key = question.key();
    let name = format!("form[answers][{}]", question.slug);
    let label = if question.required {
        question.label.clone()
    } else {
        crate::components::use_words().say_with("optional", &[("label", &question.label)])
    };
    let kind: &'static str = match question.kind {
        QuestionKind::Text => "text",
        QuestionKind::Textarea => "textarea",
        QuestionKind::Number => "number",
        QuestionKind::Url => "url",
        QuestionKind::Select | QuestionKind::Radio | QuestionKind::Boolean => "",
    };
    let invalid = error.is_some();
    let error_id = dom_ids::field_error(&key);
    let error_view = view! {
        <p class="field-error" id=error_id.clone() aria-live="polite">
            {error.clone()}
        </p>
    };
    match question.kind {
        QuestionKind::Select | QuestionKind::Radio => view! {
            <fieldset class="field choices-field" class:invalid=invalid aria-describedby=error_id>
                <legend>{label}</legend>
                {question
                    .options
                    .into_iter()
                    .enumerate()
                    .map(|(i, option)| {
                        let id = dom_ids::field(&format!("{key}-{i}"));
                        view! {
                            <div class="choice-option">
                                <input
                                    type="radio"
                                    id=id.clone()
                                    name=name.clone()
                                    value=option.clone()
                                    checked=option == value
                                />
                                <label for=id>{option}</label>
                            </div>
                        }
                    })
                    .collect_view()}
                {error_view}
            </fieldset>
        }
        .into_any(),
        QuestionKind::Boolean => view! {
            <div class="field consent" class:invalid=invalid>
                <input
                    type="checkbox"
                    id=dom_ids::field(&key)
                    name=name
                    value="on"
                    checked=!value.is_empty()
                    aria-invalid=invalid.then_some("true")
                    aria-describedby=error_id
                />
                <label for=dom_ids::field(&key)>{label}</label>
                {error_view}
            </div>
        }
        .into_any(),
        _ => view! {
            <Field
                key=key
                name=name
                label=label
                kind=kind
                required=question.required
                maxlength=ANSWER_MAX
                value=value
                error=error
            />
        }
        .into_any(),
    }
}
