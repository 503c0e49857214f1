//! The admin pages, rendered to HTML on the server (no script at all). Leptos escapes
//! every value, so whatever a visitor typed is shown as text, never as markup.

use leptos::prelude::*;
use leptos_meta::HashedStylesheet;

use super::{
    bookings_view::{Bookings, UpcomingBookings},
    follow_up::{follow_up_view, FollowUp},
    links::mailto,
};
use crate::server::store::kinds::ProposalStatus;

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

pub(super) fn document(options: &LeptosOptions, title: &str, body: AnyView) -> String {
    let html = view! {
        <html lang="fr">
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
pub fn login(options: &LeptosOptions, error: Option<&str>) -> String {
    let error = error.map(|e| {
        view! {
            <p class="notice error" role="alert">
                {e.to_string()}
            </p>
        }
    });
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>"Administration"</h1>
            {error}
            <form method="post" action="/admin/connexion" class="login">
                <div class="field">
                    <label for="champ-token">"Jeton d’administration"</label>
                    <p class="hint" id="aide-token">"La valeur de ADMIN_TOKEN dans la configuration du serveur."</p>
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
                    "Se connecter"
                </button>
            </form>
        </main>
    }
    .into_any();
    document(options, "Administration — connexion", body)
}

/// A page with one message (admin disabled, too many attempts…).
pub fn message(options: &LeptosOptions, title: &str, text: &str) -> String {
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>{title.to_string()}</h1>
            <p>{text.to_string()}</p>
        </main>
    }
    .into_any();
    document(options, title, body)
}

/// The inbox: upcoming bookings, then the proposals.
pub fn inbox(
    options: &LeptosOptions,
    filter: Filter,
    proposals: Vec<ProposalView>,
    total: i64,
    [bookings, booked_here]: [Bookings; 2],
) -> String {
    let filter_link = |f: Filter, label: &'static str| {
        view! {
            <li>
                <a href=format!("/admin{}", f.query()) aria-current=(f == filter).then_some("page")>
                    {label}
                </a>
            </li>
        }
    };
    let shown = proposals.len();
    let count = if i64::try_from(shown).unwrap_or(i64::MAX) < total {
        format!("{total} demande(s) ; les {shown} plus récentes sont affichées, l’export CSV les contient toutes.")
    } else {
        format!("{total} demande(s)")
    };
    let proposals = if proposals.is_empty() {
        view! { <p>"Aucune demande."</p> }.into_any()
    } else {
        view! {
            <ol class="proposals">
                {proposals
                    .into_iter()
                    .map(|p| view! { <li><ProposalCard proposal=p filter=filter/></li> })
                    .collect_view()}
            </ol>
        }
        .into_any()
    };
    let body = view! {
        <main id="contenu" class="page admin">
            <h1>"Administration"</h1>
            <nav class="admin-nav" aria-label="Administration">
                <a href="#rendez-vous">"Rendez-vous à venir"</a>
                <a href="#demandes">"Demandes"</a>
                <a href="/admin/proposals.csv">"Exporter les demandes (CSV)"</a>
                <a href="/admin/bookings.csv">"Exporter les rendez-vous (CSV)"</a>
                <a href="/admin/effacement">"Effacer les données d’une personne"</a>
                <form method="post" action="/admin/deconnexion">
                    <button type="submit" class="secondary-button">
                        "Se déconnecter"
                    </button>
                </form>
            </nav>
            <section aria-labelledby="rendez-vous">
                <h2 id="rendez-vous">"Rendez-vous à venir"</h2>
                <UpcomingBookings bookings=bookings/>
                <h3>"Pris sur la page, et ce qu’ils sont devenus"</h3>
                <UpcomingBookings bookings=booked_here/>
            </section>
            <section aria-labelledby="demandes">
                <h2 id="demandes">"Demandes de disponibilités"</h2>
                <ul class="filters" aria-label="Filtrer par statut">
                    {filter_link(Filter::All, "Toutes")}
                    {filter_link(Filter::New, "Nouvelles")}
                    {filter_link(Filter::Handled, "Traitées")}
                </ul>
                <p class="count">{count}</p>
                {proposals}
            </section>
        </main>
    }
    .into_any();
    document(options, "Administration — demandes et rendez-vous", body)
}

#[component]
fn ProposalCard(proposal: ProposalView, filter: Filter) -> impl IntoView {
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
        (ProposalStatus::New, "Remettre en « nouveau »")
    } else {
        (ProposalStatus::Handled, "Marquer comme traitée")
    };
    let origin = (!utm.is_empty()).then(|| {
        let text = utm
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(", ");
        view! {
            <dt>"Origine"</dt>
            <dd>{text}</dd>
        }
    });
    view! {
        <article class="proposal" class:handled=handled id=title_id aria-labelledby=labelled_by>
            <h3 id=heading_id>{name}</h3>
            <p class="meta">
                {format!("Reçue le {received} · {type_label} · ")}
                <span class="status">{status.label()}</span>
            </p>
            <dl>
                <dt>"E-mail"</dt>
                <dd>
                    <a href=mailto(&email)>{email.clone()}</a>
                </dd>
                <dt>"Téléphone"</dt>
                <dd>{phone.unwrap_or_else(|| "—".to_string())}</dd>
                <dt>"Disponibilités"</dt>
                <dd>
                    <ul>
                        {availabilities.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
                    </ul>
                </dd>
                <dt>"Message"</dt>
                <dd class="message">{message.unwrap_or_else(|| "—".to_string())}</dd>
                {origin}
            </dl>
            {follow_up_view(id, follow_up)}
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
