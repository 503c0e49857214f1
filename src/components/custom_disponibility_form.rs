//! CustomDisponibilityForm: when nothing fits, the visitor proposes their own availabilities.

use leptos::prelude::*;

use crate::{
    components::{
        form_field::{ContactFields, FormNotice, Honeypot},
        islands::FormEnhancer,
    },
    domain::{
        forms::SLOT_ROWS,
        tunnel::{FallbackReason, FallbackStep},
        validation::SlotInput,
    },
    server_fns::forms::PROPOSE_URL,
};

/// Id of the step's heading.
pub const TITLE: &str = "step-fallback-title";
/// Id of the form (`client::forms` picks its browser-side checks by it).
pub const FORM: &str = "form-proposal";

/// The own-availability form; the thank-you comes only once the request is stored.
#[component]
#[allow(non_snake_case)]
pub fn CustomDisponibilityForm(
    /// The step as computed by the server.
    step: FallbackStep,
    /// Event type slug.
    event_type: String,
) -> impl IntoView {
    let FallbackStep {
        reason,
        draft,
        back_href,
        utm,
        issued,
    } = step;
    let intro = match reason {
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
    let mut rows = draft.slots.clone();
    rows.resize(SLOT_ROWS, SlotInput::default());
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            view! { <SlotRow index=i row=row error=draft.errors.get(&format!("slot{i}")).map(str::to_string)/> }
        })
        .collect_view();
    let consent_error = draft.errors.get("consent").map(str::to_string);
    let consent_invalid = consent_error.is_some();
    view! {
        <section class="step" aria-labelledby=TITLE>
            <h2 id=TITLE tabindex="-1">
                "Proposez vos disponibilités"
            </h2>
            <p class="step-intro">{intro}</p>
            <FormNotice form=FORM notice=draft.notice.clone()/>
            <FormEnhancer>
                <form
                    id=FORM
                    action=PROPOSE_URL
                    method="post"
                    novalidate=""
                    data-enhance=""
                    data-title=TITLE
                >
                    <input type="hidden" name="form[type]" value=event_type/>
                    <input type="hidden" name="form[utm]" value=utm/>
                    <input type="hidden" name="form[issued]" value=issued/>
                    <Honeypot/>
                    <fieldset class="slots">
                        <legend>"Vos disponibilités (au moins une)"</legend>
                        {rows}
                    </fieldset>
                    <ContactFields draft=draft.contact errors=draft.errors.clone() phone_required=false/>
                    <div class="field consent" class:invalid=consent_invalid>
                        <input
                            type="checkbox"
                            id="champ-consent"
                            name="form[consent]"
                            value="on"
                            checked=draft.consent
                            aria-invalid=consent_invalid.then_some("true")
                            aria-describedby="erreur-consent"
                        />
                        <label for="champ-consent">
                            "J’accepte que mes coordonnées soient conservées pour être recontacté(e). "
                            <a href="/confidentialite">"Confidentialité"</a>
                        </label>
                        <p class="field-error" id="erreur-consent" aria-live="polite">
                            {consent_error}
                        </p>
                    </div>
                    <button type="submit" class="primary" data-busy="Envoi en cours…">
                        "Envoyer mes disponibilités"
                    </button>
                </form>
            </FormEnhancer>
            {back_href
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

/// One own-availability row: a day, a start and an end.
#[component]
fn SlotRow(index: usize, row: SlotInput, error: Option<String>) -> impl IntoView {
    let key = format!("slot{index}");
    let number = index + 1;
    let parts = [
        ("date", "Jour", "date", row.date),
        ("from", "De", "time", row.from),
        ("to", "À", "time", row.to),
    ]
    .into_iter()
    .map(|(part, label, kind, value)| {
        view! {
            <label>
                {label}
                <span class="visually-hidden">{format!(" (créneau {number})")}</span>
                <input
                    type=kind
                    id=format!("champ-{part}{index}")
                    name=format!("form[{part}{index}]")
                    value=value
                    step=(kind == "time").then_some("900")
                    aria-describedby=format!("erreur-{key}")
                />
            </label>
        }
    })
    .collect_view();
    let invalid = error.is_some();
    view! {
        <div class="slot-row" class:invalid=invalid>
            <p class="slot-title" id=format!("titre-{key}")>
                {format!("Créneau {number}")}
            </p>
            {parts}
            <p class="field-error" id=format!("erreur-{key}") aria-live="polite">
                {error}
            </p>
        </div>
    }
}
