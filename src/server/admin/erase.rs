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
    let w = super::inbox::owner_words(state);
    let error = error.map(|e| {
        view! {
            <p class="notice error" role="alert" id="erreur-effacement">
                {w.say(e)}
            </p>
        }
    });
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>{w.say("admin-erase-link")}</h1>
            <p>
                {w.say("admin-erase-intro")}
            </p>
            {error}
            <form method="post" action="/admin/effacement" class="login">
                <div class="field">
                    <label for="champ-email">{w.say("admin-erase-email")}</label>
                    <input id="champ-email" name="email" type="email" required=true autocomplete="off"/>
                </div>
                <button type="submit" class="primary">
                    {w.say("admin-erase-confirm")}
                </button>
            </form>
            <p>
                <a href="/admin">{w.say("admin-back")}</a>
            </p>
        </main>
    }
    .into_any();
    page(
        status,
        views::document(
            (&state.leptos_options, &w),
            &w.say("admin-erase-link"),
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
        return form(&state, StatusCode::BAD_REQUEST, Some("admin-erase-invalid"));
    };
    match state.db.erase_person(&email).await {
        Ok(erased) => {
            // Counts only: the address itself is personal data.
            tracing::info!(?erased, "admin: a person's data erased");
            let w = super::inbox::owner_words(&state);
            let count = |n: u64| n.to_string();
            let text = w.say_with(
                "admin-erased",
                &[
                    ("email", email.as_str()),
                    ("proposals", &count(erased.proposals)),
                    ("bookings", &count(erased.bookings)),
                    ("notifications", &count(erased.notifications)),
                    ("drafts", &count(erased.drafts)),
                ],
            );
            super::routes::said_text(&state, StatusCode::OK, ("admin-erased-title", &text))
        }
        Err(error) => {
            tracing::error!(%error, "admin: erasure failed");
            super::routes::said(
                &state,
                StatusCode::INTERNAL_SERVER_ERROR,
                ("admin-erase-failed-title", "admin-erase-failed"),
            )
        }
    }
}
