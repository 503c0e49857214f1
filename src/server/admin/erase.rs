//! `/admin/effacement`: the owner erases everything stored about one person, on request
//! (the right to erasure): their requests, bookings, notifications and drafts.

use axum::{
    extract::{Form, State},
    http::StatusCode,
    response::Response,
    routing::get,
    Router,
};
use leptos::prelude::*;
use serde::Deserialize;

use super::{
    routes::{page, Owner},
    views,
};
use crate::{domain::checks::check_email, server::state::AppState};

/// The erasure's routes.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/effacement", get(form_page).post(erase))
}

/// The form; `error` when the address was not one.
fn form(state: &AppState, status: StatusCode, error: Option<&str>) -> Response {
    let error = error.map(|e| {
        view! {
            <p class="notice error" role="alert" id="erreur-effacement">
                {e.to_string()}
            </p>
        }
    });
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>"Effacer les données d’une personne"</h1>
            <p>
                "Sur demande d’une personne, efface tout ce qui est conservé ici à son sujet : ses demandes de disponibilités, ses rendez-vous, les notifications et formulaires qui la citent. C’est définitif. Ses rendez-vous restent dans Cal.com : annulez-les ou effacez-les là-bas aussi."
            </p>
            {error}
            <form method="post" action="/admin/effacement" class="login">
                <div class="field">
                    <label for="champ-email">"Adresse e-mail de la personne"</label>
                    <input id="champ-email" name="email" type="email" required=true autocomplete="off"/>
                </div>
                <button type="submit" class="primary">
                    "Effacer définitivement"
                </button>
            </form>
            <p>
                <a href="/admin">"Revenir à l’administration"</a>
            </p>
        </main>
    }
    .into_any();
    page(
        status,
        views::document(
            &state.leptos_options,
            "Effacer les données d’une personne",
            body,
        ),
    )
}

async fn form_page(_: Owner, State(state): State<AppState>) -> Response {
    form(&state, StatusCode::OK, None)
}

#[derive(Deserialize)]
struct EraseForm {
    #[serde(default)]
    email: String,
}

async fn erase(
    _: Owner,
    State(state): State<AppState>,
    Form(request): Form<EraseForm>,
) -> Response {
    let Ok(email) = check_email(&request.email) else {
        return form(
            &state,
            StatusCode::BAD_REQUEST,
            Some("Indiquez l’adresse e-mail de la personne, par exemple zoe@exemple.fr."),
        );
    };
    match state.db.erase_person(&email).await {
        Ok(erased) => {
            // Counts only: the address itself is personal data.
            tracing::info!(?erased, "admin: a person's data erased");
            let text = format!(
                "Effacé pour {email} : {} demande(s), {} rendez-vous, {} notification(s), {} formulaire(s) en attente. Pensez à Cal.com pour ses rendez-vous.",
                erased.proposals, erased.bookings, erased.notifications, erased.drafts
            );
            page(
                StatusCode::OK,
                views::message(&state.leptos_options, "Données effacées", &text),
            )
        }
        Err(error) => {
            tracing::error!(%error, "admin: erasure failed");
            page(
                StatusCode::INTERNAL_SERVER_ERROR,
                views::message(
                    &state.leptos_options,
                    "Effacement impossible",
                    "Rien n’a été effacé : la base de données ne répond pas. Réessayez dans un instant.",
                ),
            )
        }
    }
}
