//! Refused submissions kept briefly, so a form posted without JavaScript can be shown again
//! with what the visitor typed and the errors, behind an opaque URL token. Kept in the
//! database: the page that shows a draft may come from another instance, or after a restart.

use std::time::Duration;

use crate::domain::{forms::Draft, token::Token};

use crate::server::{abuse::keys::new_token, store::Database};

/// How long a draft is kept.
const DRAFT_TTL: Duration = Duration::from_secs(30 * 60);

/// Keeps `draft` in `db` and returns its token; `None` (logged) when it cannot be stored:
/// the form then comes back empty rather than not at all.
pub async fn save(db: &Database, draft: Draft) -> Option<Token> {
    let draft = draft.bounded();
    let token = new_token();
    let expires_at = chrono::Utc::now() + chrono::Duration::from_std(DRAFT_TTL).unwrap_or_default();
    match db.keep_draft(&token, &draft, expires_at).await {
        Ok(()) => Some(token),
        Err(error) => {
            tracing::error!(%error, "draft not kept");
            None
        }
    }
}

/// The draft behind `token` in `db`, if still kept.
pub async fn get(db: &Database, token: &Token) -> Option<Draft> {
    db.draft(token)
        .await
        .map_err(|error| tracing::error!(%error, "draft unreadable"))
        .ok()
        .flatten()
}
