//! What the visitor sees when no proposed slot fits or none is available.

use leptos::prelude::*;

use crate::domain::tunnel::FallbackReason;

/// The fallback step's heading and explanation (the form itself comes with issue 4).
#[component]
pub fn FallbackNotice(reason: Option<FallbackReason>) -> impl IntoView {
    let text = match reason {
        Some(FallbackReason::NoAvailability) => "Aucun créneau n’est disponible pour le moment.",
        Some(FallbackReason::NothingFits) => "Aucune des dates proposées ne vous convient.",
        None => "Les disponibilités en direct ne peuvent pas être affichées pour le moment.",
    };
    view! {
        <section class="step" aria-labelledby="step-fallback-title">
            <h2 id="step-fallback-title" tabindex="-1">
                "Proposez vos disponibilités"
            </h2>
            <p>{text}</p>
        </section>
    }
}
