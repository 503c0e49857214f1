//! The contact step: the chosen slot, the visitor's details, and the booking.

use leptos::prelude::*;

use crate::{
    browser,
    components::form_field::{typed_contact, ContactFields, FormFeedback},
    domain::{forms::BookingReply, tunnel::ContactStep, validation::check_contact},
    server_fns::forms::BookAppointment,
};

const TITLE: &str = "step-contact-title";
const SECTION: &str = "step-contact";

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
    let issued = RwSignal::new(step.form.issued.clone());
    let feedback = FormFeedback {
        errors,
        notice,
        issued,
        title: TITLE,
    };
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
            let input = typed_contact();
            match check_contact(&input, phone_required) {
                Ok(_) => false,
                Err(e) => {
                    feedback.refuse(e);
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
            Ok(BookingReply::Invalid(e)) => feedback.refuse(e),
            Ok(BookingReply::SlotTaken {
                message,
                alternatives: alt,
                ..
            }) => {
                alternatives.set(alt);
                available.set(false);
                feedback.tell(message);
            }
            Err(e) => feedback.tell(e.message()),
        }
    });

    let form = StoredValue::new(step.form.clone());
    let draft = StoredValue::new(step.draft.contact.clone());
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
                    <input type="hidden" name="form[issued]" value=move || issued.get()/>
                    <div class="hp" aria-hidden="true">
                        <label for="champ-website">"Ne pas remplir ce champ"</label>
                        <input id="champ-website" type="text" name="form[website]" tabindex="-1" autocomplete="off"/>
                    </div>
                    <input type="hidden" name="form[tz]" prop:value=move || visitor_tz.get()/>
                    <ContactFields
                        draft=draft
                        errors=errors
                        phone_required=phone_required
                        email_hint=Some("La confirmation vous sera envoyée à cette adresse.")
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
