//! The contact step: the chosen slot, the visitor's details, and the booking.

use leptos::prelude::*;

use crate::{
    components::{
        form_field::{ContactFields, FormMetaFields, FormNotice},
        islands::FormEnhancer,
        questions::Questions,
        use_words,
    },
    dom_ids::{CONTACT_FORM as FORM, CONTACT_TITLE as TITLE},
    domain::url::with_lang,
    domain::view::ContactStep,
    server_fns::forms::BOOK_URL,
};

/// The contact form for a chosen hour, posting to Cal.com through the server.
#[component]
pub fn ContactForm(
    /// The step as computed by the server.
    step: ContactStep,
    /// "Appel".
    type_label: String,
    /// "heure de Paris".
    zone_label: String,
) -> impl IntoView {
    let ContactStep {
        form,
        date_label,
        time,
        start_utc,
        available,
        held_until,
        phone_required,
        questions,
        back_href,
        proposal_href,
        draft,
        alternatives,
    } = step;
    let words = use_words();
    let alternatives = (!alternatives.is_empty()).then(|| {
        view! {
            <ul class="choices alternatives">
                {alternatives
                    .into_iter()
                    .map(|h| {
                        view! {
                            <li>
                                <a class="choice" href=h.href rel="nofollow">
                                    {h.label}
                                </a>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    });
    let inner = words.clone();
    let form = available.then(move || {
        let words = inner;
        view! {
            <FormEnhancer>
                <form
                    id=FORM
                    // With the chosen language: the answer (and a no-JS redirect) speaks it.
                    action=with_lang(BOOK_URL, &words)
                    method="post"
                    novalidate=""
                    data-enhance=""
                    data-title=TITLE
                    data-phone-required=phone_required.then_some("")
                >
                    <input type="hidden" name="form[week]" value=form.week/>
                    <input type="hidden" name="form[seed]" value=form.seed/>
                    <input type="hidden" name="form[date]" value=form.date/>
                    <input type="hidden" name="form[hour]" value=form.hour/>
                    <input type="hidden" name="form[hold]" value=form.hold.map(String::from)/>
                    {form.offer.map(|offer| view! {
                        <input type="hidden" name="form[offer]" value=String::from(offer)/>
                    })}
                    // The visitor's time zone, filled in by the browser for Cal.com's emails.
                    <input type="hidden" name="form[tz]" value=""/>
                    <FormMetaFields meta=form.meta/>
                    <ContactFields
                        draft=draft.contact
                        errors=draft.errors.clone()
                        phone_required=phone_required
                        email_hint=Some(words.say("email-hint"))
                    />
                    <Questions questions=questions answers=draft.answers errors=draft.errors/>
                    <button type="submit" class="primary" data-busy=words.say("booking-busy")>
                        {words.say("book")}
                    </button>
                </form>
            </FormEnhancer>
        }
    });
    view! {
        <section class="step" aria-labelledby=TITLE>
            <h2 id=TITLE tabindex="-1">
                {words.say("contact-title")}
            </h2>
            <p class="summary">
                {type_label} " · "
                <strong>
                    <time datetime=start_utc>
                        {words.at(&date_label, &time.to_string())}
                    </time>
                </strong>
                {format!(" ({})", zone_label)}
            </p>
            {held_until
                .filter(|_| available)
                .map(|until| {
                    view! {
                        <p class="held">
                            {words
                                .say_with(
                                    "held-until",
                                    &[("time", &until.to_string()), ("zone", &zone_label)],
                                )}
                        </p>
                    }
                })}
            <FormNotice form=FORM notice=draft.notice/>
            {alternatives}
            {form}
            <p class="next">
                <a class="secondary" href=back_href>
                    {words.say("change-hour")}
                </a>
                <a class="secondary" href=proposal_href>
                    {words.say("propose-own")}
                </a>
            </p>
        </section>
    }
}
