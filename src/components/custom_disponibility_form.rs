//! CustomDisponibilityForm: when nothing fits, the visitor proposes their own availabilities.

use leptos::prelude::*;

use crate::{
    browser,
    components::form_field::{typed_contact, ContactFields, FormFeedback},
    domain::{
        forms::{ProposalReply, SLOT_ROWS},
        tunnel::{FallbackReason, FallbackStep},
        validation::{check_proposal, parse_date, FieldErrors, ProposalInput, SlotInput},
    },
    server_fns::forms::PROPOSE_URL,
};

const TITLE: &str = "step-fallback-title";
const FORM: &str = "form-proposal";

/// The server's checks of the request, run in the browser on the typed values.
fn check_in_browser() -> Result<(), FieldErrors> {
    let Some(today) = browser::today().as_deref().and_then(parse_date) else {
        return Ok(());
    };
    let input = ProposalInput {
        contact: typed_contact(),
        slots: (0..SLOT_ROWS)
            .map(|i| SlotInput {
                date: browser::field_value(&format!("champ-date{i}")),
                from: browser::field_value(&format!("champ-from{i}")),
                to: browser::field_value(&format!("champ-to{i}")),
            })
            .collect(),
        consent: !browser::field_value("champ-consent").is_empty(),
    };
    check_proposal(&input, today).map(|_| ())
}

/// The own-availability form; the thank-you comes only once the request is stored.
#[island]
#[allow(non_snake_case)]
pub fn CustomDisponibilityForm(
    /// The step as computed by the server.
    step: FallbackStep,
    /// Event type slug.
    event_type: String,
) -> impl IntoView {
    let errors = RwSignal::new(step.draft.errors.clone());
    let notice = RwSignal::new(step.draft.notice.clone());
    let pending = RwSignal::new(false);
    // Effects run only once the island is live in the browser: a marker for tests.
    let live = RwSignal::new(false);
    Effect::new(move |_| live.set(true));
    let issued = RwSignal::new(step.issued.clone());
    let feedback = FormFeedback {
        errors,
        notice,
        issued,
        title: TITLE,
    };
    // The same checks as the server, then the request, without leaving the page.
    let submit = move |ev: leptos::ev::SubmitEvent| {
        feedback.submit(
            ev,
            FORM,
            pending,
            check_in_browser,
            move |reply: ProposalReply| match reply {
                ProposalReply::Saved { url } => browser::go(&url),
                ProposalReply::Invalid(e) => feedback.refuse(e),
            },
        )
    };

    let intro = match step.reason {
        FallbackReason::NoAvailability => {
            "Aucun créneau n’est libre pour le moment. Dites-nous quand vous êtes disponible : nous vous recontacterons."
        }
        FallbackReason::NothingFits => {
            "Aucune des dates proposées ne vous convient ? Dites-nous quand vous êtes disponible : nous vous recontacterons."
        }
        FallbackReason::Unavailable => {
            "Les disponibilités en direct ne peuvent pas être affichées pour le moment. Dites-nous quand vous êtes disponible : nous vous recontacterons."
        }
        FallbackReason::Asked => {
            "Dites-nous quand vous êtes disponible : nous vous recontacterons pour fixer le rendez-vous."
        }
    };
    let draft = step.draft.contact.clone();
    let mut rows = step.draft.slots.clone();
    rows.resize(SLOT_ROWS, SlotInput::default());
    let consent = step.draft.consent;
    view! {
        <section class="step" aria-labelledby=TITLE>
            <h2 id=TITLE tabindex="-1">
                "Proposez vos disponibilités"
            </h2>
            <p class="step-intro">{intro}</p>
            {move || notice.get().map(|n| view! { <p class="notice" role="alert">{n}</p> })}
            <form
                id=FORM
                action=PROPOSE_URL
                method="post"
                novalidate=""
                on:submit=submit
                data-live=move || live.get().then_some("")
            >
                <input type="hidden" name="form[type]" value=event_type/>
                <input type="hidden" name="form[utm]" value=step.utm.clone()/>
                <input type="hidden" name="form[issued]" value=move || issued.get()/>
                <div class="hp" aria-hidden="true">
                        <label for="champ-website">"Ne pas remplir ce champ"</label>
                        <input id="champ-website" type="text" name="form[website]" tabindex="-1" autocomplete="off"/>
                    </div>
                <fieldset class="slots">
                    <legend>"Vos disponibilités (au moins une)"</legend>
                    {rows
                        .into_iter()
                        .enumerate()
                        .map(|(i, row)| {
                            let key = format!("slot{i}");
                            let error = move || errors.with(|e| e.get(&format!("slot{i}")).map(str::to_string));
                            view! {
                                <div class="slot-row" class:invalid=move || error().is_some()>
                                    <p class="slot-title" id=format!("titre-{key}")>
                                        {format!("Créneau {}", i + 1)}
                                    </p>
                                    {[
                                        ("date", "Jour", "date", row.date),
                                        ("from", "De", "time", row.from),
                                        ("to", "À", "time", row.to),
                                    ]
                                        .into_iter()
                                        .map(|(part, label, kind, value)| {
                                            view! {
                                                <label>
                                                    {label}
                                                    <span class="visually-hidden">
                                                        {format!(" (créneau {})", i + 1)}
                                                    </span>
                                                    <input
                                                        type=kind
                                                        id=format!("champ-{part}{i}")
                                                        name=format!("form[{part}{i}]")
                                                        value=value
                                                        step=(kind == "time").then_some("900")
                                                        aria-describedby=format!("erreur-{key}")
                                                    />
                                                </label>
                                            }
                                        })
                                        .collect_view()}
                                    <p class="field-error" id=format!("erreur-{key}") aria-live="polite">
                                        {error}
                                    </p>
                                </div>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <ContactFields draft=draft errors=errors phone_required=false/>
                <div class="field consent" class:invalid=move || errors.with(|e| e.get("consent").is_some())>
                    <input
                        type="checkbox"
                        id="champ-consent"
                        name="form[consent]"
                        value="on"
                        checked=consent
                        aria-describedby="erreur-consent"
                    />
                    <label for="champ-consent">
                        "J’accepte que mes coordonnées soient conservées pour être recontacté(e). "
                        <a href="/confidentialite">"Confidentialité"</a>
                    </label>
                    <p class="field-error" id="erreur-consent" aria-live="polite">
                        {move || errors.with(|e| e.get("consent").map(str::to_string))}
                    </p>
                </div>
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { "Envoi en cours…" } else { "Envoyer mes disponibilités" }}
                </button>
            </form>
            {step
                .back_href
                .map(|href| {
                    view! {
                        <p class="next">
                            <a class="secondary" href=href>
                                "Revoir les dates proposées"
                            </a>
                        </p>
                    }
                })}
        </section>
    }
}
