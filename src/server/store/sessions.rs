//! `admin_sessions`: who is signed in to `/admin`, until when.

use chrono::{DateTime, Utc};

use super::{Database, SqlInstant, StoreError};

impl Database {
    /// Records a session until `expires_at`.
    pub async fn open_admin_session(
        &self,
        id: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("INSERT INTO admin_sessions (id, expires_at) VALUES ($1, $2)")
            .bind(id)
            .bind(SqlInstant(expires_at))
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// True when the session exists and has not expired.
    pub async fn admin_session_open(&self, id: &str) -> Result<bool, StoreError> {
        let found: Option<String> = on_pool!(self, pool =>
            sqlx::query_scalar("SELECT id FROM admin_sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(SqlInstant::now())
                .fetch_optional(pool)
                .await?);
        Ok(found.is_some())
    }

    /// Ends a session (on every instance).
    pub async fn close_admin_session(&self, id: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM admin_sessions WHERE id = $1")
            .bind(id)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }
}
