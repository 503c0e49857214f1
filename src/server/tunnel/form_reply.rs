//! The one path by which both forms answer: a [`FormReply`] for the browser's `fetch`, or,
//! for a plain HTML post (no JavaScript), a redirect to the next page — the form again,
//! with what was typed and the errors behind a draft token, when it was refused.

use crate::{
    domain::{
        forms::{BookingForm, Draft, FormReply, ProposalForm},
        token::Token,
        url::TunnelQuery,
    },
    error::AppError,
};

use crate::server::{
    booking::request,
    state::AppState,
    words::{words_now, Visit},
};

/// The current server-function request's context: its words and its client (the one
/// lookup of the request, at the edge; services are handed the [`Visit`]).
pub fn visit() -> Visit {
    Visit {
        words: words_now(),
        client: client(),
    }
}

/// The client that posted the current server-function request, as the post limit counted
/// it (`None` only in routers built without connection info).
pub fn client() -> Option<std::net::IpAddr> {
    leptos::prelude::use_context::<http::request::Parts>().and_then(|parts| {
        parts
            .extensions
            .get::<crate::server::abuse::rate_limit::Client>()
            .map(|c| c.0)
    })
}

/// True when the current request is a visitor's own step through the tunnel: a navigation
/// from one of its pages (`Sec-Fetch-Site: same-origin`, which every current browser sends,
/// in an embed's frame too), and not a prefetch or prerender (`Sec-Purpose` or `Purpose`).
/// Link previewers, mail scanners and crawlers fetching a shared URL send neither, and so
/// do browsers without Fetch Metadata (before 2023): they see the same page, without a hold.
pub fn own_navigation() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        let header = |name: &str| {
            parts
                .headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_ascii_lowercase()
        };
        let prefetch = ["sec-purpose", "purpose", "x-purpose", "x-moz"]
            .iter()
            .any(|name| {
                let value = header(name);
                value.contains("prefetch")
                    || value.contains("prerender")
                    || value.contains("preview")
            });
        header("sec-fetch-site") == "same-origin" && !prefetch
    })
}

/// The application state of the current server-function request.
pub fn state() -> Result<AppState, AppError> {
    leptos::prelude::use_context::<AppState>().ok_or(AppError::Internal)
}

/// A form both pipelines handle alike.
pub trait SubmittedForm {
    /// What was typed, to show again with `draft.errors` and `draft.notice`.
    fn with_typed(&self, draft: Draft) -> Draft;
    /// The page that shows this form again, with the draft behind `token` when it was kept.
    fn page(&self, visit: &Visit, token: Option<Token>) -> TunnelQuery;
}

impl SubmittedForm for BookingForm {
    fn with_typed(&self, draft: Draft) -> Draft {
        Draft {
            contact: self.contact.clone(),
            answers: self.answers.clone(),
            offer: self.offer.clone(),
            ..draft
        }
    }
    fn page(&self, visit: &Visit, token: Option<Token>) -> TunnelQuery {
        TunnelQuery {
            draft: token,
            ..request::query_of(self, visit)
        }
    }
}

impl SubmittedForm for ProposalForm {
    fn with_typed(&self, draft: Draft) -> Draft {
        Draft {
            contact: self.contact.clone(),
            slots: self.slots.clone(),
            consent: self.consented(),
            ..draft
        }
    }
    fn page(&self, visit: &Visit, token: Option<Token>) -> TunnelQuery {
        TunnelQuery {
            event_type: Some(self.meta.event_type.clone())
                .filter(|t| crate::domain::checks::is_slug(t)),
            lang: visit.carried(),
            ..TunnelQuery::default()
        }
        .proposal_step(token)
    }
}

/// Answers a form: the reply as it is, plus a redirect when the browser posted without
/// JavaScript (it cannot show the reply itself).
pub async fn respond(
    state: &AppState,
    visit: &Visit,
    form: &impl SubmittedForm,
    reply: Result<FormReply, AppError>,
) -> Result<FormReply, AppError> {
    if let Ok(reply) = &reply {
        if is_plain_form_post() {
            // The draft keeps catalogue ids: its page words them in its own language.
            leptos_axum::redirect(&location(state, visit, form, reply).await);
        }
    }
    reply.map(|reply| reply.worded(|id| visit.say(id)))
}

/// Where a browser without JavaScript goes after `reply`.
async fn location(
    state: &AppState,
    visit: &Visit,
    form: &impl SubmittedForm,
    reply: &FormReply,
) -> String {
    if let Some(url) = reply.next_page() {
        return url.to_string();
    }
    let draft = match reply {
        FormReply::Invalid(errors) => Draft {
            // As the browser says it with JavaScript: the form's own refusal, or "fix the
            // fields below".
            notice: Some(
                errors
                    .get(crate::domain::fields::FORM_LEVEL)
                    .unwrap_or(crate::domain::fields::FIX_FIELDS)
                    .to_string(),
            ),
            errors: errors.clone(),
            ..Draft::default()
        },
        FormReply::Retry { notice, .. } => Draft {
            notice: Some(notice.clone()),
            ..Draft::default()
        },
        _ => Draft::default(),
    };
    form.page(
        visit,
        crate::server::booking::drafts::save(&state.db, form.with_typed(draft)).await,
    )
    .href()
}

/// True when the current server-function request is a plain HTML form post (no JavaScript):
/// the browser then needs a redirect, not a serialized reply.
fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts
            .headers
            .get(http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("text/html"))
    })
}
