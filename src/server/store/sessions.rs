//! `admin_sessions`: who is signed in to `/admin`, until when.

use chrono::{DateTime, Utc};

use super::{stored, Database, StoreError};

impl Database {
    /// Records a session until `expires_at`.
    pub async fn open_admin_session(
        &self,
        id: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query("INSERT INTO admin_sessions (id, expires_at) VALUES ($1, $2)")
            .bind(id)
            .bind(stored(expires_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// True when the session exists and has not expired.
    pub async fn admin_session_open(&self, id: &str) -> Result<bool, StoreError> {
        let found: Option<String> =
            sqlx::query_scalar("SELECT id FROM admin_sessions WHERE id = $1 AND expires_at > $2")
                .bind(id)
                .bind(stored(Utc::now()))
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.is_some())
    }

    /// Ends a session (on every instance).
    pub async fn close_admin_session(&self, id: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM admin_sessions WHERE id = $1")
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
