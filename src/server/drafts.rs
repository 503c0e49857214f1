//! Refused submissions kept briefly in memory, so a form posted without JavaScript can be
//! shown again with what the visitor typed and the errors, behind an opaque URL token.

use std::time::Duration;

use moka::sync::Cache;

use crate::domain::forms::Draft;

/// How long a draft is kept.
const DRAFT_TTL: Duration = Duration::from_secs(30 * 60);

/// The draft store.
#[derive(Clone)]
pub struct Drafts {
    cache: Cache<String, Draft>,
}

impl Default for Drafts {
    fn default() -> Self {
        Self {
            cache: Cache::builder()
                .max_capacity(10_000)
                .time_to_live(DRAFT_TTL)
                .build(),
        }
    }
}

impl Drafts {
    /// Keeps `draft` and returns its token.
    pub fn keep(&self, draft: Draft) -> String {
        let token = new_token();
        self.cache.insert(token.clone(), draft);
        token
    }

    /// The draft behind `token`, if still kept.
    pub fn get(&self, token: &str) -> Option<Draft> {
        self.cache.get(token)
    }
}

/// 128 random bits as 32 hex digits: confirmation ids and draft tokens.
pub fn new_token() -> String {
    let bits: u128 = rand::random();
    format!("{bits:032x}")
}
