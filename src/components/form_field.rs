//! Labelled form fields with their error message, shared by the forms.
//!
//! Rendered on the server with the errors of a refused post (no-JS path); in the browser,
//! `client::forms` writes later errors into the same elements, found by their ids
//! ([`crate::dom_ids`]).

use leptos::prelude::*;

use crate::{
    components::use_words,
    dom_ids,
    domain::{checks::MESSAGE_MAX, contact::ContactInput, fields::FieldErrors, forms::FormMeta},
};

/// What the islands may say about a form in the browser (its refusals, notices, errors), in
/// the page's language: a JSON block the browser reads (`client::dom::word`), so the bundle
/// carries no catalogue.
#[component]
pub fn BrowserWords() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let json = crate::server::words::browser_json(&use_words());
    #[cfg(not(feature = "ssr"))]
    let json = String::new();
    view! { <script type="application/json" data-words="" inner_html=json></script> }
}

/// The notice above a form (refusals, a slot taken); always present so that the browser
/// can fill it, and announced as an alert when it changes.
#[component]
pub fn FormNotice(
    /// Id of the form it belongs to.
    form: &'static str,
    /// The server's notice (a catalogue id), if any.
    notice: Option<String>,
) -> impl IntoView {
    let notice = notice.map(|id| use_words().say(&id));
    view! {
        <p class="notice" role="alert" id=dom_ids::form_notice(form)>
            {notice}
        </p>
    }
}

/// The hidden fields every form carries (type, campaign, form token) and a honeypot field
/// robots fill and people never see: posts that fill it are dropped.
#[component]
pub fn FormMetaFields(
    /// The values to carry.
    meta: FormMeta,
) -> impl IntoView {
    let words = use_words();
    view! {
        <BrowserWords/>
        <input type="hidden" name="form[type]" value=meta.event_type/>
        <input type="hidden" name="form[utm]" value=meta.utm/>
        <input type="hidden" name="form[issued]" value=meta.issued/>
        <div class="hp" aria-hidden="true">
            <label for=dom_ids::field("website")>{words.say("honeypot")}</label>
            <input
                id=dom_ids::field("website")
                type="text"
                name="form[website]"
                tabindex="-1"
                autocomplete="off"
            />
        </div>
    }
}

/// The contact fields both forms share: name, email, phone, message.
#[component]
pub fn ContactFields(
    /// What was typed before.
    draft: ContactInput,
    /// Errors of a refused post.
    errors: FieldErrors,
    /// Whether the phone is required.
    phone_required: bool,
    /// A hint under the email field.
    #[prop(default = None)]
    email_hint: Option<String>,
) -> impl IntoView {
    let words = use_words();
    let phone_label = if phone_required {
        words.say("phone")
    } else {
        words.say("phone-optional")
    };
    // A draft keeps catalogue ids: worded here, in the page's language.
    let error = |key: &str| errors.get(key).map(|id| words.say(id));
    view! {
        <Field
            key="name"
            label=words.say("name")
            autocomplete="name"
            required=true
            value=draft.name
            error=error("name")
        />
        <Field
            key="email"
            label=words.say("email")
            kind="email"
            autocomplete="email"
            hint=email_hint
            required=true
            maxlength=254
            value=draft.email
            error=error("email")
        />
        <Field
            key="phone"
            label=phone_label
            kind="tel"
            autocomplete="tel"
            required=phone_required
            maxlength=32
            value=draft.phone
            error=error("phone")
        />
        <Field
            key="message"
            label=words.say("message-optional")
            kind="textarea"
            maxlength=MESSAGE_MAX
            value=draft.message
            error=error("message")
        />
    }
}

/// A labelled input whose error (if any) is announced and tied to it by `aria-describedby`.
#[component]
pub fn Field(
    /// The field's key in [`FieldErrors`] (`name`, `email`…).
    #[prop(into)]
    key: String,
    /// The HTML name (`form[key]` when not given).
    #[prop(optional, into)]
    name: Option<String>,
    /// The visible label.
    #[prop(into)]
    label: String,
    /// `text`, `email`, `tel`… or `textarea`.
    #[prop(default = "text")]
    kind: &'static str,
    /// `autocomplete` token.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// A hint under the label.
    #[prop(default = None)]
    hint: Option<String>,
    /// Required field.
    #[prop(default = false)]
    required: bool,
    /// Longest accepted value.
    #[prop(default = 100)]
    maxlength: usize,
    /// Initial value.
    #[prop(into)]
    value: String,
    /// The error of a refused post.
    error: Option<String>,
) -> impl IntoView {
    let id = dom_ids::field(&key);
    let name = name.unwrap_or_else(|| format!("form[{key}]"));
    let error_id = dom_ids::field_error(&key);
    let hint_id = dom_ids::field_hint(&key);
    // The error element is always described: empty, it adds nothing; filled, it is read.
    let described = match hint {
        Some(_) => format!("{hint_id} {error_id}"),
        None => error_id.clone(),
    };
    let is_invalid = error.is_some();
    let invalid = is_invalid.then_some("true");
    let required_mark =
        required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> });
    let control = if kind == "textarea" {
        view! {
            <textarea
                id=id.clone()
                name=name
                rows="4"
                maxlength=maxlength
                aria-invalid=invalid
                aria-describedby=described
            >
                {value}
            </textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                required=required
                maxlength=maxlength
                autocomplete=autocomplete
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any()
    };
    view! {
        <div class="field" class:invalid=is_invalid>
            <label for=id>{label} {required_mark}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {control}
            <p class="field-error" id=error_id aria-live="polite">
                {error}
            </p>
        </div>
    }
}
