//! CustomDisponibilityForm: when nothing fits, the visitor proposes their own availabilities.

use leptos::prelude::*;

use crate::{
    components::{
        form_field::{ContactFields, FormMetaFields, FormNotice},
        islands::FormEnhancer,
        use_words,
    },
    dom_ids::{self, PROPOSAL_FORM as FORM, PROPOSAL_TITLE as TITLE},
    domain::url::{privacy_href, with_lang},
    domain::{
        fields::slot_key,
        forms::FormMeta,
        proposal::{SlotInput, SLOT_ROWS},
        view::{ProposalReason, ProposalStep},
    },
    server_fns::forms::PROPOSE_URL,
};

/// The proposal form; the thank-you comes only once the request is stored.
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
        offers_by_email,
    } = step;
    let words = use_words();
    let intro = words.say(match reason {
        ProposalReason::NoAvailability => "propose-intro-none",
        ProposalReason::NothingFits => "propose-intro-nothing-fits",
        ProposalReason::Unavailable => "propose-intro-unavailable",
        ProposalReason::Asked => "propose-intro-asked",
    });
    let mut rows = draft.slots.clone();
    rows.resize(SLOT_ROWS, SlotInput::default());
    let rows = rows
        .into_iter()
        .take(SLOT_ROWS)
        .enumerate()
        .map(|(i, row)| {
            let error = draft.errors.get(&slot_key(i)).map(|id| words.say(id));
            view! { <SlotRow index=i row=row error=error/> }
        })
        .collect_view();
    let consent_error = draft.errors.get("consent").map(|id| words.say(id));
    let consent_invalid = consent_error.is_some();
    let meta = FormMeta {
        event_type,
        utm,
        issued,
        website: String::new(),
    };
    let back_label = words.say("back-to-dates");
    view! {
        <section class="step" aria-labelledby=TITLE>
            <h2 id=TITLE tabindex="-1">
                {words.say("propose-title")}
            </h2>
            <p class="step-intro">{intro}</p>
            <FormNotice form=FORM notice=draft.notice.clone()/>
            <FormEnhancer>
                <form
                    id=FORM
                    // With the chosen language: the answer (and a no-JS redirect) speaks it.
                    action=with_lang(PROPOSE_URL, &words)
                    method="post"
                    novalidate=""
                    data-enhance=""
                    data-title=TITLE
                >
                    <FormMetaFields meta=meta/>
                    <fieldset class="slots">
                        <legend>{words.say("propose-slots")}</legend>
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
                            {words.say("consent")}
                            " "
                            {offers_by_email.then(|| format!("{} ", words.say("offer-consent")))}
                            <a href=privacy_href(&words)>{words.say("privacy-link")}</a>
                        </label>
                        <p class="field-error" id=dom_ids::field_error("consent") aria-live="polite">
                            {consent_error}
                        </p>
                    </div>
                    <button type="submit" class="primary" data-busy=words.say("sending-busy")>
                        {words.say("send-proposal")}
                    </button>
                </form>
            </FormEnhancer>
            {back_href
                .map(|href| {
                    view! {
                        <p class="next">
                            <a class="secondary" href=href>
                                {back_label.clone()}
                            </a>
                        </p>
                    }
                })}
        </section>
    }
}

/// One proposal row: a day, a start and an end (`form[slots][i][date]`…).
#[component]
fn SlotRow(index: usize, row: SlotInput, error: Option<String>) -> impl IntoView {
    let words = use_words();
    let key = slot_key(index);
    let number = (index + 1).to_string();
    let which = words.say_with("slot-which", &[("number", &number)]);
    let parts = [
        ("date", words.say("slot-day"), "date", row.date),
        ("from", words.say("slot-from"), "time", row.from),
        ("to", words.say("slot-to"), "time", row.to),
    ]
    .into_iter()
    .map(|(part, label, kind, value)| {
        view! {
            <label>
                {label}
                <span class="visually-hidden">{format!(" ({which})")}</span>
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
            <p class="slot-title">{words.say_with("slot-title", &[("number", &number)])}</p>
            {parts}
            <p class="field-error" id=dom_ids::field_error(&key) aria-live="polite">
                {error}
            </p>
        </div>
    }
}
