//! The contact step: the chosen slot, the visitor's details, and the booking.

use leptos::prelude::*;

use crate::{
    browser,
    components::form_field::{typed_contact, ContactFields, FormFeedback},
    domain::{forms::BookingReply, tunnel::ContactStep, validation::check_contact},
    server_fns::forms::BOOK_URL,
};

const TITLE: &str = "step-contact-title";
const FORM: &str = "form-contact";

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
    let pending = RwSignal::new(false);
    let phone_required = step.phone_required;

    // Effects run only once the island is live in the browser: a marker for tests.
    let live = RwSignal::new(false);
    Effect::new(move |_| {
        live.set(true);
        if let Some(zone) = browser::visitor_time_zone() {
            visitor_tz.set(zone);
        }
    });
    // The same checks as the server, then the booking, without leaving the page.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        feedback.submit(
            ev,
            FORM,
            pending,
            || check_contact(&typed_contact(), phone_required).map(|_| ()),
            move |reply: BookingReply| match reply {
                BookingReply::Booked { url } | BookingReply::Failed { url, .. } => {
                    browser::go(&url)
                }
                BookingReply::Invalid(e) => feedback.refuse(e),
                BookingReply::SlotTaken {
                    message,
                    alternatives: alt,
                    ..
                } => {
                    alternatives.set(alt);
                    available.set(false);
                    feedback.tell(message);
                }
            },
        )
    };

    let form = StoredValue::new(step.form.clone());
    let draft = StoredValue::new(step.draft.contact.clone());
    view! {
        <section class="step" aria-labelledby=TITLE>
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
                <form
                    id=FORM
                    action=BOOK_URL
                    method="post"
                    novalidate=""
                    on:submit=submit
                    data-live=move || live.get().then_some("")
                >
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
                </form>
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
