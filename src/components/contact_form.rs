//! The contact step: the chosen slot, the visitor's details, and the booking.

use leptos::prelude::*;

use crate::{
    browser,
    components::form_field::Field,
    domain::{
        forms::BookingReply,
        tunnel::ContactStep,
        validation::{
            check_contact, check_email, check_message, check_name, check_phone, ContactInput,
            MESSAGE_MAX,
        },
    },
    server_fns::forms::BookAppointment,
};

const TITLE: &str = "step-contact-title";
const SECTION: &str = "step-contact";
/// Shown above the form when fields need fixing.
pub const FIX_FIELDS: &str =
    "Certains champs sont à corriger : voyez les messages sous chaque champ.";

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

/// The contact form for a chosen hour, posting to Cal.com through the server.
#[island]
pub fn ContactForm(
    /// The step as computed by the server.
    step: ContactStep,
    /// "Appel".
    type_label: String,
    /// "heure de Paris".
    zone_label: String,
) -> impl IntoView {
    let action = ServerAction::<BookAppointment>::new();
    let errors = RwSignal::new(step.draft.errors.clone());
    let notice = RwSignal::new(step.draft.notice.clone());
    let alternatives = RwSignal::new(step.alternatives.clone());
    let available = RwSignal::new(step.available);
    let visitor_tz = RwSignal::new(String::new());
    let pending = action.pending();
    let phone_required = step.phone_required;

    Effect::new(move |_| {
        if let Some(zone) = browser::visitor_time_zone() {
            visitor_tz.set(zone);
        }
    });
    // The same checks as the server, before anything is sent.
    Effect::new(move |_| {
        browser::on_submit_capture(SECTION, move || {
            let input = ContactInput {
                name: browser::field_value("champ-name"),
                email: browser::field_value("champ-email"),
                phone: browser::field_value("champ-phone"),
                message: browser::field_value("champ-message"),
            };
            match check_contact(&input, phone_required) {
                Ok(_) => false,
                Err(e) => {
                    errors.set(e);
                    notice.set(Some(FIX_FIELDS.to_string()));
                    browser::focus_later(TITLE);
                    true
                }
            }
        });
    });
    Effect::new(move |_| {
        let Some(result) = action.value().get() else {
            return;
        };
        match result {
            Ok(BookingReply::Booked { url }) | Ok(BookingReply::Failed { url, .. }) => {
                browser::go(&url)
            }
            Ok(BookingReply::Invalid(e)) => {
                notice.set(Some(FIX_FIELDS.to_string()));
                errors.set(e);
                browser::focus_later(TITLE);
            }
            Ok(BookingReply::SlotTaken {
                message,
                alternatives: alt,
            }) => {
                notice.set(Some(message));
                alternatives.set(alt);
                available.set(false);
                browser::focus_later(TITLE);
            }
            Err(e) => {
                notice.set(Some(e.message()));
                browser::focus_later(TITLE);
            }
        }
    });

    let form = StoredValue::new(step.form.clone());
    let draft = StoredValue::new(step.draft.contact.clone());
    let phone_label = if phone_required {
        "Téléphone"
    } else {
        "Téléphone (facultatif)"
    };
    view! {
        <section class="step" id=SECTION aria-labelledby=TITLE>
            <h2 id=TITLE tabindex="-1">
                "Vos coordonnées"
            </h2>
            <p class="summary">
                {type_label} " · "
                <strong>
                    <time datetime=step.start_utc.clone()>
                        {format!("{} à {}", step.date_label, step.time)}
                    </time>
                </strong>
                {format!(" ({zone_label})")}
            </p>
            {move || {
                notice.get().map(|n| view! { <p class="notice" role="alert">{n}</p> })
            }}
            {move || {
                let alt = alternatives.get();
                (!alt.is_empty())
                    .then(|| {
                        view! {
                            <ul class="choices alternatives">
                                {alt
                                    .into_iter()
                                    .map(|h| {
                                        view! {
                                            <li>
                                                <a class="choice" href=h.href>
                                                    {h.time}
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })
            }}
            <Show when=move || available.get()>
                {move || {
                    let form = form.get_value();
                    let draft = draft.get_value();
                    view! {
                <ActionForm action=action attr:novalidate="">
                    <input type="hidden" name="form[type]" value=form.event_type.clone()/>
                    <input type="hidden" name="form[week]" value=form.week/>
                    <input type="hidden" name="form[seed]" value=form.seed/>
                    <input type="hidden" name="form[date]" value=form.date.clone()/>
                    <input type="hidden" name="form[hour]" value=form.hour.clone()/>
                    <input type="hidden" name="form[utm]" value=form.utm.clone()/>
                    <input type="hidden" name="form[tz]" prop:value=move || visitor_tz.get()/>
                    <Field
                        key="name"
                        name="form[name]"
                        label="Nom et prénom"
                        autocomplete="name"
                        required=true
                        value=draft.name.clone()
                        errors=errors
                        check=name_error
                    />
                    <Field
                        key="email"
                        name="form[email]"
                        label="Adresse e-mail"
                        kind="email"
                        autocomplete="email"
                        hint="La confirmation vous sera envoyée à cette adresse."
                        required=true
                        maxlength=254
                        value=draft.email.clone()
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
                        value=draft.phone.clone()
                        errors=errors
                        check=phone_error
                    />
                    <Field
                        key="message"
                        name="form[message]"
                        label="Message (facultatif)"
                        kind="textarea"
                        maxlength=MESSAGE_MAX
                        value=draft.message.clone()
                        errors=errors
                        check=message_error
                    />
                    <button type="submit" class="primary" disabled=move || pending.get()>
                        {move || {
                            if pending.get() { "Réservation en cours…" } else { "Confirmer le rendez-vous" }
                        }}
                    </button>
                </ActionForm>
                    }
                }}
            </Show>
            <p class="next">
                <a class="secondary" href=step.back_href>
                    "Changer d’horaire"
                </a>
                <a class="secondary" href=step.fallback_href>
                    "Proposer mes disponibilités"
                </a>
            </p>
        </section>
    }
}
