//! `booking_attempts`: which contact forms are being or were booked, and their outcome.

use chrono::Utc;
use sqlx::types::Json;

use super::{stored, Database, StoreError};
use crate::domain::forms::FormReply;

impl Database {
    /// Claims the booking of the form whose token this is: true for the first post, false
    /// when another post of the same form came first.
    pub async fn claim_booking(&self, token: &str) -> Result<bool, StoreError> {
        let done = sqlx::query(
            "INSERT INTO booking_attempts (token, created_at) VALUES ($1, $2) \
             ON CONFLICT (token) DO NOTHING",
        )
        .bind(token)
        .bind(stored(Utc::now()))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records the outcome of a claimed booking, for the posts that wait on it.
    pub async fn settle_booking(&self, token: &str, reply: &FormReply) -> Result<(), StoreError> {
        sqlx::query("UPDATE booking_attempts SET reply = $1 WHERE token = $2")
            .bind(Json(reply))
            .bind(token)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Gives a claimed form back (its fields were refused: corrected, it may book).
    pub async fn release_booking(&self, token: &str) -> Result<(), StoreError> {
        sqlx::query("DELETE FROM booking_attempts WHERE token = $1")
            .bind(token)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The outcome of a claimed booking, once it is known.
    pub async fn booking_outcome(&self, token: &str) -> Result<Option<FormReply>, StoreError> {
        let reply: Option<Option<Json<FormReply>>> =
            sqlx::query_scalar("SELECT reply FROM booking_attempts WHERE token = $1")
                .bind(token)
                .fetch_optional(&self.pool)
                .await?;
        Ok(reply.flatten().map(|Json(r)| r))
    }
}
