//! `booking_attempts`: which contact forms are being or were booked, and their outcome.

use sqlx::types::Json;

use super::{Database, SqlInstant, StoreError};
use crate::domain::forms::FormReply;

impl Database {
    /// Claims the booking of the form whose token this is: true for the first post, false
    /// when another post of the same form came first.
    pub async fn claim_booking(&self, token: &str) -> Result<bool, StoreError> {
        let done = on_pool!(self, pool => sqlx::query(
            "INSERT INTO booking_attempts (token, created_at) VALUES ($1, $2) \
             ON CONFLICT (token) DO NOTHING",
        )
        .bind(token)
        .bind(SqlInstant::now())
        .execute(pool)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// Records the outcome of a claimed booking, for the posts that wait on it.
    pub async fn settle_booking(&self, token: &str, reply: &FormReply) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("UPDATE booking_attempts SET reply = $1 WHERE token = $2")
            .bind(Json(reply))
            .bind(token)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// Gives a claimed form back (its fields were refused: corrected, it may book).
    pub async fn release_booking(&self, token: &str) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("DELETE FROM booking_attempts WHERE token = $1")
            .bind(token)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }

    /// The outcome of a claimed booking, once it is known.
    pub async fn booking_outcome(&self, token: &str) -> Result<Option<FormReply>, StoreError> {
        let reply: Option<Option<Json<FormReply>>> = on_pool!(self, pool =>
            sqlx::query_scalar("SELECT reply FROM booking_attempts WHERE token = $1")
                .bind(token)
                .fetch_optional(pool)
                .await?);
        Ok(reply.flatten().map(|Json(r)| r))
    }
}
