//! `drafts`: refused submissions to show again, until they expire.

use chrono::{DateTime, Utc};
use sqlx::types::Json;

use super::{Database, SqlInstant, StoreError};
use crate::domain::{forms::Draft, token::Token};

impl Database {
    /// Keeps `draft` behind `token` until `expires_at`.
    pub async fn keep_draft(
        &self,
        token: &Token,
        draft: &Draft,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("INSERT INTO drafts (token, expires_at, draft) VALUES ($1, $2, $3)")
            .bind(token)
            .bind(SqlInstant(expires_at))
            .bind(Json(draft))
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The draft behind `token`, if it has not expired.
    pub async fn draft(&self, token: &Token) -> Result<Option<Draft>, StoreError> {
        let draft: Option<Json<Draft>> = on_pool!(self, pool =>
            sqlx::query_scalar("SELECT draft FROM drafts WHERE token = $1 AND expires_at > $2")
                .bind(token)
                .bind(SqlInstant::now())
                .fetch_optional(pool)
                .await?);
        Ok(draft.map(|Json(d)| d))
    }
}
