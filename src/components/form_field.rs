//! Labelled form fields with their error message, shared by the forms.

use leptos::prelude::*;

use crate::domain::validation::{
    check_email, check_message, check_name, check_phone, ContactInput, FieldErrors, FORM_LEVEL,
    FRESH_TOKEN, MESSAGE_MAX,
};

/// Shown above a form when fields need fixing.
pub const FIX_FIELDS: &str =
    "Certains champs sont à corriger : voyez les messages sous chaque champ.";

/// What a form island shows after a refusal: errors under the fields, a notice above, and
/// focus back on the step's heading so screen readers hear it.
#[derive(Clone, Copy)]
pub struct FormFeedback {
    /// Errors per field.
    pub errors: RwSignal<FieldErrors>,
    /// The notice above the form.
    pub notice: RwSignal<Option<String>>,
    /// The form token to send next.
    pub issued: RwSignal<String>,
    /// Id of the step's heading.
    pub title: &'static str,
}

impl FormFeedback {
    /// Shows refused fields (from the browser's checks or the server's reply).
    pub fn refuse(self, errors: FieldErrors) {
        self.notice.set(Some(
            errors.get(FORM_LEVEL).unwrap_or(FIX_FIELDS).to_string(),
        ));
        if let Some(token) = errors.get(FRESH_TOKEN) {
            self.issued.set(token.to_string());
        }
        self.errors.set(errors);
        crate::browser::focus_later(self.title);
    }

    /// Handles a submit of the form `form`: runs the browser-side `check`, then sends the
    /// form once (`pending` guards double submits) and gives the decoded reply to `on_reply`.
    pub fn submit<T: serde::de::DeserializeOwned + 'static>(
        self,
        ev: leptos::ev::SubmitEvent,
        form: &'static str,
        pending: RwSignal<bool>,
        check: impl FnOnce() -> Result<(), FieldErrors>,
        on_reply: impl FnOnce(T) + 'static,
    ) {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if let Err(e) = check() {
            self.refuse(e);
            return;
        }
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::browser::send_form(form).await;
            pending.set(false);
            if let Some(reply) = self.decode::<T>(answer) {
                on_reply(reply);
            }
        });
    }

    /// Reads a server-function answer: the reply on 200, the error's message otherwise.
    fn decode<T: serde::de::DeserializeOwned>(
        self,
        answer: Result<(u16, String), ()>,
    ) -> Option<T> {
        use crate::error::AppError;
        match answer {
            Ok((200, body)) => serde_json::from_str(&body)
                .map_err(|_| self.tell(AppError::Internal.message()))
                .ok(),
            Ok((_, body)) => {
                let error = serde_json::from_str::<AppError>(&body).unwrap_or(AppError::Internal);
                self.tell(error.message());
                None
            }
            Err(()) => {
                self.tell(AppError::Transport(String::new()).message());
                None
            }
        }
    }

    /// Shows a message about the whole form.
    pub fn tell(self, message: String) {
        self.notice.set(Some(message));
        crate::browser::focus_later(self.title);
    }
}

fn name_error(v: &str) -> Option<&'static str> {
    check_name(v).err()
}
fn email_error(v: &str) -> Option<&'static str> {
    check_email(v).err()
}
fn phone_error(v: &str) -> Option<&'static str> {
    (!v.trim().is_empty())
        .then(|| check_phone(v).err())
        .flatten()
}
fn message_error(v: &str) -> Option<&'static str> {
    check_message(v).err()
}

/// The contact fields both forms share: name, email, phone, message.
#[component]
pub fn ContactFields(
    /// What was typed before.
    draft: ContactInput,
    /// Current errors.
    errors: RwSignal<FieldErrors>,
    /// Whether the phone is required.
    phone_required: bool,
    /// A hint under the email field.
    #[prop(default = None)]
    email_hint: Option<&'static str>,
) -> impl IntoView {
    let phone_label = if phone_required {
        "Téléphone"
    } else {
        "Téléphone (facultatif)"
    };
    view! {
        <Field
            key="name"
            name="form[name]"
            label="Nom et prénom"
            autocomplete="name"
            required=true
            value=draft.name
            errors=errors
            check=name_error
        />
        <Field
            key="email"
            name="form[email]"
            label="Adresse e-mail"
            kind="email"
            autocomplete="email"
            hint=email_hint
            required=true
            maxlength=254
            value=draft.email
            errors=errors
            check=email_error
        />
        <Field
            key="phone"
            name="form[phone]"
            label=phone_label
            kind="tel"
            autocomplete="tel"
            required=phone_required
            maxlength=32
            value=draft.phone
            errors=errors
            check=phone_error
        />
        <Field
            key="message"
            name="form[message]"
            label="Message (facultatif)"
            kind="textarea"
            maxlength=MESSAGE_MAX
            value=draft.message
            errors=errors
            check=message_error
        />
    }
}

/// The browser-side copy of the contact fields, read from the form controls.
pub fn typed_contact() -> ContactInput {
    ContactInput {
        name: crate::browser::field_value("champ-name"),
        email: crate::browser::field_value("champ-email"),
        phone: crate::browser::field_value("champ-phone"),
        message: crate::browser::field_value("champ-message"),
    }
}

/// A labelled input whose error (if any) is announced and tied to it by `aria-describedby`.
#[component]
pub fn Field(
    /// The field's key in [`FieldErrors`] (`name`, `email`…).
    key: &'static str,
    /// The HTML `name` (`form[name]`).
    name: &'static str,
    /// The visible label.
    label: &'static str,
    /// `text`, `email`, `tel`…
    #[prop(default = "text")]
    kind: &'static str,
    /// `autocomplete` token.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// A hint under the label.
    #[prop(default = None)]
    hint: Option<&'static str>,
    /// Required field.
    #[prop(default = false)]
    required: bool,
    /// Longest accepted value.
    #[prop(default = 100)]
    maxlength: usize,
    /// Initial value.
    #[prop(into)]
    value: String,
    /// Current errors.
    errors: RwSignal<FieldErrors>,
    /// Re-checks the value as the visitor types, to clear an error once it is fixed.
    #[prop(optional)]
    check: Option<fn(&str) -> Option<&'static str>>,
) -> impl IntoView {
    let id = format!("champ-{key}");
    let error_id = format!("erreur-{key}");
    let hint_id = format!("aide-{key}");
    let error = move || errors.with(|e| e.get(key).map(str::to_string));
    let described = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // Errors appear on submit only: an error inserted when a field loses focus would move
    // the submit button under the pointer and swallow the click.
    let on_input = move |ev: leptos::ev::Event| {
        let Some(check) = check else { return };
        if errors.with_untracked(|e| e.get(key).is_none()) {
            return;
        }
        if check(&event_target_value(&ev)).is_none() {
            errors.update(|e| e.fields.retain(|(f, _)| f != key));
        }
    };
    let required_mark =
        required.then(|| view! { <span class="required" aria-hidden="true">" *"</span> });
    view! {
        <div class="field" class:invalid=move || error().is_some()>
            <label for=id.clone()>{label} {required_mark}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {if kind == "textarea" {
                view! {
                    <textarea
                        id=id.clone()
                        name=name
                        rows="4"
                        maxlength=maxlength
                        aria-invalid=move || error().is_some().then_some("true")
                        aria-describedby=described.clone()
                        on:input=on_input
                    >
                        {value.clone()}
                    </textarea>
                }
                    .into_any()
            } else {
                view! {
                    <input
                        id=id.clone()
                        name=name
                        type=kind
                        value=value.clone()
                        required=required
                        maxlength=maxlength
                        autocomplete=autocomplete
                        aria-invalid=move || error().is_some().then_some("true")
                        aria-describedby=described.clone()
                        on:input=on_input
                    />
                }
                    .into_any()
            }}
            <p class="field-error" id=error_id.clone() aria-live="polite">
                {error}
            </p>
        </div>
    }
}
