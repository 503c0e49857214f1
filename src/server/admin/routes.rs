//! `/admin` routes: thin handlers over [`AdminGate`], the store and
//! the views.

use std::{collections::HashMap, net::SocketAddr};

use axum::{
    extract::{ConnectInfo, Form, Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{Html, IntoResponse, Redirect, Response},
    routing::{get, post},
    Router,
};
use serde::Deserialize;

use axum_extra::extract::CookieJar;

use super::{
    inbox,
    views::{self, Filter},
};
use crate::server::{
    abuse::admin_gate::{Access, AdminGate},
    state::AppState,
    store::kinds::ProposalStatus,
    store::StoreError,
};

/// Most proposals the inbox shows at once (the CSV export has them all).
const SHOWN: i64 = 200;

/// Admin pages load nothing but our stylesheet and post only to themselves.
const ADMIN_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
                         form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// The admin routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(inbox_page))
        .route("/admin/connexion", get(login_page).post(login))
        .route("/admin/deconnexion", post(logout))
        .route("/admin/proposals/{id}/status", post(set_status))
}

/// An admin page of one message (`title`, then `text`: catalogue ids) with `status`.
pub(super) fn said(state: &AppState, status: StatusCode, (title, text): (&str, &str)) -> Response {
    let w = inbox::owner_words(state);
    said_text(state, status, (title, &w.say(text)))
}

/// An admin page titled `title` (a catalogue id) saying `text` (already in the owner's
/// words) with `status`.
pub(super) fn said_text(
    state: &AppState,
    status: StatusCode,
    (title, text): (&str, &str),
) -> Response {
    let w = inbox::owner_words(state);
    page(
        status,
        views::message((&state.leptos_options, &w), &w.say(title), text),
    )
}

/// An admin HTML page: never cached, never indexed, no script.
pub(super) fn page(status: StatusCode, html: String) -> Response {
    let mut response = (status, Html(html)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(ADMIN_CSP),
    );
    headers.insert(
        "x-robots-tag",
        HeaderValue::from_static("noindex, nofollow"),
    );
    response
}

fn disabled(state: &AppState) -> Response {
    said(
        state,
        StatusCode::NOT_FOUND,
        ("admin-disabled-title", "admin-disabled"),
    )
}

fn blocked(state: &AppState) -> Response {
    let mut response = said(
        state,
        StatusCode::TOO_MANY_REQUESTS,
        ("admin-blocked-title", "admin-blocked"),
    );
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    response
}

fn unauthorized(state: &AppState, error: Option<&str>) -> Response {
    let w = inbox::owner_words(state);
    let error = error.map(|id| w.say(id));
    let mut response = page(
        StatusCode::UNAUTHORIZED,
        views::login((&state.leptos_options, &w), error.as_deref()),
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"rdv-tunnel admin\""),
    );
    response
}

/// Proof that the request may open the admin: a handler that takes an `Owner` cannot
/// forget the check (it runs before the handler, and answers the refusal itself).
pub(super) struct Owner;

impl axum::extract::FromRequestParts<AppState> for Owner {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &AppState,
    ) -> Result<Self, Response> {
        let Some(ConnectInfo(peer)) = parts.extensions.get::<ConnectInfo<SocketAddr>>().cloned()
        else {
            tracing::error!("admin: a router without connection info");
            return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response());
        };
        match refusal(state, &parts.headers, peer).await {
            None => Ok(Owner),
            Some(refused) => Err(refused),
        }
    }
}

/// The answer to a request without access (404, 401 with the login form, 429); `None`
/// lets it through.
async fn refusal(state: &AppState, headers: &HeaderMap, peer: SocketAddr) -> Option<Response> {
    let client = state.admin.client(peer.ip(), headers);
    match state.admin.check(headers, client).await {
        Access::Granted => None,
        Access::Disabled => Some(disabled(state)),
        Access::Blocked => Some(blocked(state)),
        Access::Missing => Some(unauthorized(state, None)),
        Access::Denied => Some(unauthorized(state, Some("admin-denied"))),
    }
}

async fn inbox_page(
    _: Owner,
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let filter = Filter::from_query(query.get("statut").map(String::as_str));
    let listed = async {
        let rows = state.db.list_proposals(filter.status(), SHOWN).await?;
        let total = state.db.count_proposals(filter.status()).await?;
        Ok::<_, StoreError>((rows, total))
    };
    let (rows, total) = match listed.await {
        Ok(listed) => listed,
        Err(error) => {
            tracing::error!(%error, "admin: proposals unreadable");
            return said(
                &state,
                StatusCode::INTERNAL_SERVER_ERROR,
                ("admin-error", "admin-proposals-unreadable"),
            );
        }
    };
    let mut proposals = Vec::with_capacity(rows.len());
    let mut free = inbox::FreeDays::new();
    for row in rows {
        let follow_up = inbox::follow_up(&state, &row, &mut free).await;
        proposals.push(inbox::proposal_view(&state, row, follow_up));
    }
    let bookings = [
        inbox::upcoming(&state).await,
        inbox::booked_here(&state).await,
    ];
    page(
        StatusCode::OK,
        views::inbox(
            (&state.leptos_options, &inbox::owner_words(&state)),
            filter,
            proposals,
            total,
            bookings,
        ),
    )
}

async fn login_page(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    match refusal(&state, &headers, peer).await {
        None => Redirect::to("/admin").into_response(),
        Some(response) if response.status() == StatusCode::UNAUTHORIZED => page(
            StatusCode::OK,
            views::login((&state.leptos_options, &inbox::owner_words(&state)), None),
        ),
        Some(response) => response,
    }
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    token: String,
}

/// `Secure` when the visitor's connection is HTTPS (as the reverse proxy reports it).
fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let client = state.admin.client(peer.ip(), &headers);
    match state.admin.try_token(&form.token, client).await {
        Access::Granted => {}
        Access::Disabled => return disabled(&state),
        Access::Blocked => return blocked(&state),
        Access::Missing | Access::Denied => return unauthorized(&state, Some("admin-wrong-token")),
    }
    let session = match state.admin.open_session(is_https(&headers)).await {
        Ok(cookie) => cookie,
        Err(error) => {
            tracing::error!(%error, "admin: session not opened");
            return said(
                &state,
                StatusCode::INTERNAL_SERVER_ERROR,
                ("admin-error", "admin-session-failed"),
            );
        }
    };
    let jar = CookieJar::new().add(session);
    tracing::info!(%client, "admin: signed in");
    (jar, Redirect::to("/admin")).into_response()
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Err(error) = state.admin.close_session(&headers).await {
        tracing::error!(%error, "admin: session not closed");
    }
    let jar = CookieJar::new().add(AdminGate::closed_session());
    (jar, Redirect::to("/admin/connexion")).into_response()
}

/// The inbox's "mark as handled" form.
#[derive(Deserialize)]
struct StatusForm {
    /// The new status (`new`, `handled`).
    status: String,
    /// The inbox filter to go back to (its `?statut=` word).
    #[serde(default)]
    back: String,
}

async fn set_status(
    _: Owner,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Response {
    let Ok(status) = form.status.parse::<ProposalStatus>() else {
        return (StatusCode::BAD_REQUEST, "statut attendu : new ou handled").into_response();
    };
    match state.db.set_proposal_status(id, status).await {
        Ok(true) => {
            // Back to the same filter, at the same proposal.
            let back = Filter::from_query(Some(&form.back));
            Redirect::to(&format!("/admin{}#demande-{id}", back.query())).into_response()
        }
        Ok(false) => (StatusCode::NOT_FOUND, "demande introuvable").into_response(),
        Err(error) => {
            tracing::error!(%error, id, "admin: status not saved");
            (StatusCode::INTERNAL_SERVER_ERROR, "statut non enregistré").into_response()
        }
    }
}
