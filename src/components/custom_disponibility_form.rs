//! CustomDisponibilityForm: when nothing fits, the visitor proposes their own availabilities.

use leptos::prelude::*;

use crate::{
    components::{
        form_field::{ContactFields, FormMetaFields, FormNotice},
        islands::FormEnhancer,
    },
    dom_ids::{self, PROPOSAL_FORM as FORM, PROPOSAL_TITLE as TITLE},
    domain::{
        fields::slot_key,
        forms::FormMeta,
        proposal::{SlotInput, SLOT_ROWS},
        view::{ProposalReason, ProposalStep},
    },
    server_fns::forms::PROPOSE_URL,
};

/// The own-availability form; the thank-you comes only once the request is stored.
#[component]
#[allow(non_snake_case)]
pub fn CustomDisponibilityForm(
    /// The step as computed by the server.
    step: ProposalStep,
    /// Event type slug.
    event_type: String,
) -> impl IntoView {
    let ProposalStep {
        reason,
        draft,
        back_href,
        utm,
        issued,
    } = step;
    let intro = match reason {
        ProposalReason::NoAvailability => {
            "Aucun créneau n’est libre pour le moment. Dites-nous quand vous êtes disponible : nous vous recontacterons."
        }
        ProposalReason::NothingFits => {
            "Aucune des dates proposées ne vous convient ? Dites-nous quand vous êtes disponible : nous vous recontacterons."
        }
        ProposalReason::Unavailable => {
            "Les disponibilités en direct ne peuvent pas être affichées pour le moment. Dites-nous quand vous êtes disponible : nous vous recontacterons."
        }
        ProposalReason::Asked => {
            "Dites-nous quand vous êtes disponible : nous vous recontacterons pour fixer le rendez-vous."
        }
    };
    let mut rows = draft.slots.clone();
    rows.resize(SLOT_ROWS, SlotInput::default());
    let rows = rows
        .into_iter()
        .take(SLOT_ROWS)
        .enumerate()
        .map(|(i, row)| {
            view! { <SlotRow index=i row=row error=draft.errors.get(&slot_key(i)).map(str::to_string)/> }
        })
        .collect_view();
    let consent_error = draft.errors.get("consent").map(str::to_string);
    let consent_invalid = consent_error.is_some();
    let meta = FormMeta {
        event_type,
        utm,
        issued,
        website: String::new(),
    };
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
                    <FormMetaFields meta=meta/>
                    <fieldset class="slots">
                        <legend>"Vos disponibilités (au moins une)"</legend>
                        {rows}
                    </fieldset>
                    <ContactFields draft=draft.contact errors=draft.errors.clone() phone_required=false/>
                    <div class="field consent" class:invalid=consent_invalid>
                        <input
                            type="checkbox"
                            id=dom_ids::field("consent")
                            name="form[consent]"
                            value="on"
                            checked=draft.consent
                            aria-invalid=consent_invalid.then_some("true")
                            aria-describedby=dom_ids::field_error("consent")
                        />
                        <label for=dom_ids::field("consent")>
                            "J’accepte que mes coordonnées soient conservées pour être recontacté(e). "
                            <a href="/confidentialite">"Confidentialité"</a>
                        </label>
                        <p class="field-error" id=dom_ids::field_error("consent") aria-live="polite">
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

/// One own-availability row: a day, a start and an end (`form[slots][i][date]`…).
#[component]
fn SlotRow(index: usize, row: SlotInput, error: Option<String>) -> impl IntoView {
    let key = slot_key(index);
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
                    id=dom_ids::slot_part(part, index)
                    name=format!("form[slots][{index}][{part}]")
                    value=value
                    step=(kind == "time").then_some("900")
                    aria-describedby=dom_ids::field_error(&key)
                />
            </label>
        }
    })
    .collect_view();
    let invalid = error.is_some();
    view! {
        <div class="slot-row" class:invalid=invalid>
            <p class="slot-title">{format!("Créneau {number}")}</p>
            {parts}
            <p class="field-error" id=dom_ids::field_error(&key) aria-live="polite">
                {error}
            </p>
        </div>
    }
}
