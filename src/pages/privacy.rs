//! The privacy note (`/confidentialite`).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::{url::PAGE_PATH, view::PrivacyFacts};

/// What is kept, why, and for how long.
#[component]
pub fn Privacy() -> impl IntoView {
    // Provided by the server for each page (the configured retention and calendar).
    let facts = use_context::<PrivacyFacts>().unwrap_or(PrivacyFacts {
        retention_days: 90,
        calendar: None,
    });
    let days = facts.retention_days;
    let calendar = facts.calendar.unwrap_or_else(|| "notre agenda".to_string());
    view! {
        <Title text="Confidentialité"/>
        <main id="contenu" class="page">
            <h1>"Confidentialité"</h1>
            <section class="step prose" aria-labelledby="donnees-title">
                <h2 id="donnees-title">"Ce que nous conservons"</h2>
                <p>
                    "Quand vous réservez un rendez-vous, votre nom, votre adresse e-mail, votre téléphone et votre message sont transmis à "
                    {calendar}
                    ", qui traite le rendez-vous pour nous, et conservés ici pour afficher la confirmation."
                </p>
                <p>
                    "Quand vous proposez vos disponibilités, ces mêmes informations et les créneaux proposés sont enregistrés pour que nous puissions vous recontacter. Ils ne servent à rien d’autre : ils peuvent nous être signalés par e-mail ou dans nos outils internes, et ne sont communiqués à personne d’autre."
                </p>
                <h2>"Combien de temps"</h2>
                <p>
                    "Les demandes de disponibilités sont supprimées au plus tard "
                    {days}
                    " jours après leur envoi, et les rendez-vous "
                    {days}
                    " jours après leur date. Un formulaire refusé (champ à corriger) est gardé 30 minutes au plus, pour vous le réafficher, puis effacé. Contre les abus, nous comptons les envois par adresse IP : une heure au plus pour les limites par minute, et un jour, sous une empreinte chiffrée (jamais l’adresse elle-même), pour les limites par jour."
                </p>
                <h2>"Vos droits"</h2>
                <p>
                    "Vous pouvez demander à consulter, corriger ou supprimer vos informations en nous écrivant à l’adresse indiquée sur notre site."
                </p>
                <p>
                    <a href=PAGE_PATH>"Revenir à la prise de rendez-vous"</a>
                </p>
            </section>
        </main>
    }
}
