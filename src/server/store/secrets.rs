//! `secrets`: keys the server makes once and every instance shares.

use super::{Database, StoreError};

impl Database {
    /// The secret `name`: the one already stored, or `made` stored now. Two instances that
    /// start together agree on the first one written.
    pub async fn secret(&self, name: &str, made: String) -> Result<String, StoreError> {
        Ok(on_pool!(self, pool => {
            sqlx::query(
                "INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            )
            .bind(name)
            .bind(&made)
            .execute(pool)
            .await?;
            sqlx::query_scalar("SELECT value FROM secrets WHERE name = $1")
                .bind(name)
                .fetch_one(pool)
                .await?
        }))
    }
}
