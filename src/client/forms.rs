//! The forms' in-place path: the same checks as the server in the browser, one `fetch` of
//! the form's server function, then the next page or the errors next to the fields.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlFormElement};

use super::{
    dom,
    reply::{self, Reply},
};
use crate::{
    dom_ids,
    domain::{
        checks::parse_date,
        contact::{check_contact, ContactInput, CONTACT_KEYS},
        fields::{FieldErrors, FIX_FIELDS, FORM_LEVEL},
        forms::FormReply,
        proposal::{check_proposal, ProposalInput, SlotInput, SLOT_ROWS},
    },
};

/// Attaches to every `form[data-enhance]` of the page and marks each live (`data-live`).
pub fn start() {
    let Some(document) = dom::document() else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let zone = dom::visitor_time_zone().unwrap_or_default();
    for form in dom::all(&body, "form[data-enhance]:not([data-live])") {
        let Ok(form) = form.dyn_into::<HtmlFormElement>() else {
            continue;
        };
        // Cal.com writes its emails in the visitor's own time zone.
        dom::set_input(&form, "form[tz]", &zone);
        let on_submit = form.clone();
        dom::listen(&form, "submit", move |e| {
            e.prevent_default();
            submit(&on_submit);
        });
        let on_input = form.clone();
        dom::listen(&form, "input", move |e| {
            if let Some(field) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                recheck(&on_input, &field);
            }
        });
        let _ = form.set_attribute("data-live", "");
    }
}

fn typed_contact() -> ContactInput {
    let value = |key: &str| dom::field_value(&dom_ids::field(key));
    ContactInput {
        name: value("name"),
        email: value("email"),
        phone: value("phone"),
        message: value("message"),
    }
}

/// The server's checks of this form, run on the typed values; refusals in the page's words.
fn check(form: &HtmlFormElement) -> Result<(), FieldErrors> {
    checked_ids(form).map_err(|errors| errors.worded(dom::word))
}

fn checked_ids(form: &HtmlFormElement) -> Result<(), FieldErrors> {
    let id = form.id();
    if id == dom_ids::CONTACT_FORM {
        let phone_required = form.has_attribute("data-phone-required");
        return check_contact(&typed_contact(), phone_required).map(|_| ());
    }
    if id == dom_ids::PROPOSAL_FORM {
        let Some(today) = parse_date(&dom::today()) else {
            return Ok(());
        };
        let input = ProposalInput {
            contact: typed_contact(),
            slots: (0..SLOT_ROWS)
                .map(|i| SlotInput {
                    date: dom::field_value(&dom_ids::slot_part("date", i)),
                    from: dom::field_value(&dom_ids::slot_part("from", i)),
                    to: dom::field_value(&dom_ids::slot_part("to", i)),
                })
                .collect(),
            consent: !dom::field_value(&dom_ids::field("consent")).is_empty(),
        };
        return check_proposal(&input, today).map(|_| ());
    }
    Ok(())
}

fn submit(form: &HtmlFormElement) {
    if form.has_attribute("data-pending") {
        return;
    }
    if let Err(errors) = check(form) {
        refuse(form, &errors);
        return;
    }
    set_pending(form, true);
    let form = form.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let answer = dom::send_form(&form).await;
        let reply = match reply::read(answer) {
            Reply::Form(reply) => reply,
            Reply::Failed(message) => {
                set_pending(&form, false);
                tell(&form, &message);
                return;
            }
        };
        if let Some(url) = reply.next_page() {
            dom::go(url);
            return;
        }
        set_pending(&form, false);
        match reply {
            FormReply::Invalid(errors) => refuse(&form, &errors),
            FormReply::Retry { notice, issued } => {
                dom::set_input(&form, "form[issued]", &issued);
                refuse(&form, &FieldErrors::form(&notice));
            }
            // Every other reply has a next page.
            _ => {}
        }
    });
}

/// Disables the submit button while the form is on its way, with a word saying so.
fn set_pending(form: &HtmlFormElement, pending: bool) {
    let _ = if pending {
        form.set_attribute("data-pending", "")
    } else {
        form.remove_attribute("data-pending")
    };
    let Some(button) = form
        .query_selector("button[type=submit]")
        .ok()
        .flatten()
        .and_then(|b| b.dyn_into::<HtmlButtonElement>().ok())
    else {
        return;
    };
    // The two labels swap places: the idle one waits in `data-busy` meanwhile.
    if let Some(other) = button.get_attribute("data-busy") {
        let current = button.text_content().unwrap_or_default();
        button.set_text_content(Some(&other));
        let _ = button.set_attribute("data-busy", &current);
    }
    button.set_disabled(pending);
}

/// Shows refused fields: each error under its field, a notice above the form.
fn refuse(form: &HtmlFormElement, errors: &FieldErrors) {
    for error in dom::all(form, ".field-error") {
        error.set_text_content(None);
    }
    for field in dom::all(form, "[aria-invalid]") {
        let _ = field.remove_attribute("aria-invalid");
    }
    for wrapper in dom::all(form, ".invalid") {
        let _ = wrapper.class_list().remove_1("invalid");
    }
    for (key, message) in &errors.fields {
        if key != FORM_LEVEL {
            mark(key, Some(message));
        }
    }
    let notice = errors
        .get(FORM_LEVEL)
        .map_or_else(|| dom::word(FIX_FIELDS), str::to_string);
    tell(form, &notice);
}

/// Writes (or clears) the error of field `key` and flags its control.
fn mark(key: &str, message: Option<&str>) {
    if let Some(error) = dom::by_id(&dom_ids::field_error(key)) {
        error.set_text_content(message);
        if let Some(wrapper) = error.parent_element() {
            let classes = wrapper.class_list();
            let _ = if message.is_some() {
                classes.add_1("invalid")
            } else {
                classes.remove_1("invalid")
            };
        }
    }
    if let Some(control) = dom::by_id(&dom_ids::field(key)) {
        let _ = match message {
            Some(_) => control.set_attribute("aria-invalid", "true"),
            None => control.remove_attribute("aria-invalid"),
        };
    }
}

/// Shows a message about the whole form and moves focus to the step's heading, so screen
/// readers hear it.
fn tell(form: &HtmlFormElement, message: &str) {
    if let Some(notice) = dom::by_id(&dom_ids::form_notice(&form.id())) {
        // Emptied first, so that the same message twice is announced twice.
        notice.set_text_content(None);
        notice.set_text_content(Some(message));
    }
    if let Some(title) = form.get_attribute("data-title") {
        dom::focus(&title);
    }
}

/// Clears a contact field's error as soon as what is typed passes. Errors appear on submit
/// only: one inserted when a field loses focus would move the submit button under the
/// pointer and swallow the click.
fn recheck(form: &HtmlFormElement, field: &Element) {
    let Some(key) = CONTACT_KEYS
        .into_iter()
        .find(|key| field.id() == dom_ids::field(key))
    else {
        return;
    };
    if field.get_attribute("aria-invalid").is_none() {
        return;
    }
    let phone_required = form.has_attribute("data-phone-required");
    let still_wrong = check_contact(&typed_contact(), phone_required)
        .err()
        .is_some_and(|e| e.get(key).is_some());
    if !still_wrong {
        mark(key, None);
    }
}
