//! The admin pages, rendered to HTML on the server (no script at all). Leptos escapes
//! every value, so whatever a visitor typed is shown as text, never as markup.

use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

use super::{
    bookings_view::{Bookings, UpcomingBookings},
    follow_up::{follow_up_view, FollowUp},
    links::mailto,
};
use crate::{domain::lang::Words, server::store::kinds::ProposalStatus};

/// Which proposals the inbox lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Filter {
    /// Every proposal.
    All,
    /// Not handled yet.
    New,
    /// Handled.
    Handled,
}

impl Filter {
    /// From `?statut=` (`nouveau`, `traite`; anything else: all).
    pub fn from_query(value: Option<&str>) -> Self {
        match value {
            Some("nouveau") => Self::New,
            Some("traite") => Self::Handled,
            _ => Self::All,
        }
    }
    /// The status it selects.
    pub fn status(self) -> Option<ProposalStatus> {
        match self {
            Self::All => None,
            Self::New => Some(ProposalStatus::New),
            Self::Handled => Some(ProposalStatus::Handled),
        }
    }

    /// The word of `?statut=` (`nouveau`, `traite`; none for all).
    pub fn word(self) -> Option<&'static str> {
        match self {
            Self::All => None,
            Self::New => Some("nouveau"),
            Self::Handled => Some("traite"),
        }
    }
    /// The query string that selects it (`?statut=…`, empty for all).
    pub fn query(self) -> String {
        self.word()
            .map_or_else(String::new, |w| format!("?statut={w}"))
    }
}

/// One proposal, ready to show.
#[derive(Clone, Debug)]
pub struct ProposalView {
    /// Row id.
    pub id: i64,
    /// "jeudi 26 novembre 2026 à 10:05".
    pub received: String,
    /// "Appel".
    pub type_label: String,
    /// Visitor's name.
    pub name: String,
    /// Visitor's email.
    pub email: String,
    /// Visitor's phone.
    pub phone: Option<String>,
    /// "jeudi 3 décembre 2026, de 09:00 à 11:00".
    pub availabilities: Vec<String>,
    /// Visitor's message.
    pub message: Option<String>,
    /// `utm_*` pairs.
    pub utm: Vec<(String, String)>,
    /// Where the owner is with it.
    pub status: ProposalStatus,
    /// What the matching did with it.
    pub follow_up: FollowUp,
}

pub(super) fn document(
    (options, w): (&LeptosOptions, &Words),
    title: &str,
    body: AnyView,
) -> String {
    let html = view! {
        <html lang=w.lang().as_str().to_string()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="robots" content="noindex, nofollow"/>
                <title>{title.to_string()}</title>
                <HashedStylesheet options=options.clone()/>
                <link rel="stylesheet" href="/admin.css"/>
            </head>
            <body>{body}</body>
        </html>
    }
    .to_html();
    format!("<!DOCTYPE html>{html}")
}

/// The login form; `error` after a wrong token.
pub fn login((options, w): (&LeptosOptions, &Words), error: Option<&str>) -> String {
    let error = error.map(|e| {
        view! {
            <p class="notice error" role="alert">
                {e.to_string()}
            </p>
        }
    });
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>{w.say("admin-title")}</h1>
            {error}
            <form method="post" action="/admin/connexion" class="login">
                <div class="field">
                    <label for="champ-token">{w.say("admin-token")}</label>
                    <p class="hint" id="aide-token">{w.say("admin-token-hint")}</p>
                    <input
                        id="champ-token"
                        name="token"
                        type="password"
                        autocomplete="current-password"
                        required=true
                        aria-describedby="aide-token"
                    />
                </div>
                <button type="submit" class="primary">
                    {w.say("admin-sign-in")}
                </button>
            </form>
        </main>
    }
    .into_any();
    document((options, w), &w.say("admin-sign-in-title"), body)
}

/// A page with one message (admin disabled, too many attempts…).
pub fn message((options, w): (&LeptosOptions, &Words), title: &str, text: &str) -> String {
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>{title.to_string()}</h1>
            <p>{text.to_string()}</p>
        </main>
    }
    .into_any();
    document((options, w), title, body)
}

/// The inbox: upcoming bookings, then the proposals.
pub fn inbox(
    (options, w): (&LeptosOptions, &Words),
    filter: Filter,
    proposals: Vec<ProposalView>,
    total: i64,
    [bookings, booked_here]: [Bookings; 2],
) -> String {
    let filter_link = |f: Filter, label: &str| {
        view! {
            <li>
                <a href=format!("/admin{}", f.query()) aria-current=(f == filter).then_some("page")>
                    {w.say(label)}
                </a>
            </li>
        }
    };
    let shown = proposals.len();
    let (total_said, shown_said) = (total.to_string(), shown.to_string());
    let count = if i64::try_from(shown).unwrap_or(i64::MAX) < total {
        w.say_with(
            "admin-count-shown",
            &[("total", &total_said), ("shown", &shown_said)],
        )
    } else {
        w.say_with("admin-count", &[("total", &total_said)])
    };
    let proposals = if proposals.is_empty() {
        view! { <p>{w.say("admin-no-proposal")}</p> }.into_any()
    } else {
        view! {
            <ol class="proposals">
                {proposals
                    .into_iter()
                    .map(|p| view! { <li><ProposalCard proposal=p filter=filter w=w.clone()/></li> })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>{w.say("admin-title")}</h1>
            <nav class="admin-nav" aria-label=w.say("admin-title")>
                <a href="#rendez-vous">{w.say("admin-upcoming")}</a>
                <a href="#demandes">{w.say("admin-proposals")}</a>
                <a href="/admin/proposals.csv">{w.say("admin-export-proposals")}</a>
                <a href="/admin/bookings.csv">{w.say("admin-export-bookings")}</a>
                <a href="/admin/effacement">{w.say("admin-erase-link")}</a>
                <form method="post" action="/admin/deconnexion">
                    <button type="submit" class="secondary-button">
                        {w.say("admin-sign-out")}
                    </button>
                </form>
            </nav>
            <section aria-labelledby="rendez-vous">
                <h2 id="rendez-vous">{w.say("admin-upcoming")}</h2>
                <UpcomingBookings bookings=bookings w=w.clone()/>
                <h3>{w.say("admin-booked-here")}</h3>
                <UpcomingBookings bookings=booked_here w=w.clone()/>
            </section>
            <section aria-labelledby="demandes">
                <h2 id="demandes">{w.say("admin-proposals-title")}</h2>
                <ul class="filters" aria-label=w.say("admin-filter")>
                    {filter_link(Filter::All, "admin-filter-all")}
                    {filter_link(Filter::New, "admin-filter-new")}
                    {filter_link(Filter::Handled, "admin-filter-handled")}
                </ul>
                <p class="count">{count}</p>
                {proposals}
            </section>
        </main>
    }
    .into_any();
    document((options, w), &w.say("admin-inbox-title"), body)
}

#[component]
fn ProposalCard(proposal: ProposalView, filter: Filter, w: Words) -> impl IntoView {
    let ProposalView {
        id,
        received,
        type_label,
        name,
        email,
        phone,
        availabilities,
        message,
        utm,
        status,
        follow_up,
    } = proposal;
    let handled = status == ProposalStatus::Handled;
    let title_id = format!("demande-{id}");
    let heading_id = format!("titre-demande-{id}");
    let labelled_by = heading_id.clone();
    let (next_status, button) = if handled {
        (ProposalStatus::New, w.say("admin-mark-new"))
    } else {
        (ProposalStatus::Handled, w.say("admin-mark-handled"))
    };
    let origin = (!utm.is_empty()).then(|| {
        let text = utm
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <dt>{w.say("admin-origin")}</dt>
            <dd>{text}</dd>
        }
    });
    view! {
        <article class="proposal" class:handled=handled id=title_id aria-labelledby=labelled_by>
            <h3 id=heading_id>{name}</h3>
            <p class="meta">
                {w.say_with("admin-received", &[("when", &received)])}
                {format!(" · {type_label} · ")}
                <span class="status">{w.say(status.word_id())}</span>
            </p>
            <dl>
                <dt>{w.say("owner-email")}</dt>
                <dd>
                    <a href=mailto(&email)>{email.clone()}</a>
                </dd>
                <dt>{w.say("owner-phone")}</dt>
                <dd>{phone.unwrap_or_else(|| "—".to_string())}</dd>
                <dt>{w.say("admin-availabilities")}</dt>
                <dd>
                    <ul>
                        {availabilities.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                    </ul>
                </dd>
                <dt>{w.say("owner-message")}</dt>
                <dd class="message">{message.unwrap_or_else(|| "—".to_string())}</dd>
                {origin}
            </dl>
            {follow_up_view(id, follow_up, &w)}
            <form method="post" action=format!("/admin/proposals/{id}/status")>
                <input type="hidden" name="status" value=next_status.as_str()/>
                <input type="hidden" name="back" value=filter.word()/>
                <button type="submit" class="secondary-button">
                    {button}
                </button>
            </form>
        </article>
    }
}
