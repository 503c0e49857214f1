//! Refused submissions kept briefly, so a form posted without JavaScript can be shown again
//! with what the visitor typed and the errors, behind an opaque URL token. Kept in the
//! database: the page that shows a draft may come from another instance, or after a restart.

use std::time::Duration;

use crate::domain::forms::Draft;

use super::store::Database;

/// How long a draft is kept.
const DRAFT_TTL: Duration = Duration::from_secs(30 * 60);

/// The draft store.
#[derive(Clone, Debug)]
pub struct Drafts {
    db: Database,
}

impl Drafts {
    /// Drafts kept in `db`.
    pub fn new(db: Database) -> Self {
        Self { db }
    }

    /// Keeps `draft` and returns its token; `None` (logged) when it cannot be stored: the
    /// form then comes back empty rather than not at all.
    pub async fn keep(&self, draft: Draft) -> Option<String> {
        let draft = draft.bounded();
        let token = new_token();
        let expires_at =
            chrono::Utc::now() + chrono::Duration::from_std(DRAFT_TTL).unwrap_or_default();
        match self.db.keep_draft(&token, &draft, expires_at).await {
            Ok(()) => Some(token),
            Err(error) => {
                tracing::error!(%error, "draft not kept");
                None
            }
        }
    }

    /// The draft behind `token`, if still kept.
    pub async fn get(&self, token: &str) -> Option<Draft> {
        self.db
            .draft(token)
            .await
            .map_err(|error| tracing::error!(%error, "draft unreadable"))
            .ok()
            .flatten()
    }
}

/// 128 random bits as 32 hex digits: confirmation ids, draft tokens, session ids.
pub fn new_token() -> String {
    let bits: u128 = rand::random();
    format!("{bits:032x}")
}
