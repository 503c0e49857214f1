//! `availability_changes`: how often each event type's availability changed through a
//! booking, watched by every instance.

use super::{Database, StoreError};

impl Database {
    /// Records that `calcom_id`'s availability changed; returns its new count.
    pub async fn availability_changed(&self, calcom_id: u64) -> Result<i64, StoreError> {
        Ok(on_pool!(self, pool => sqlx::query_scalar(
            "INSERT INTO availability_changes (calcom_id, generation) VALUES ($1, 1) \
             ON CONFLICT (calcom_id) DO UPDATE \
             SET generation = availability_changes.generation + 1 RETURNING generation",
        )
        .bind(i64::try_from(calcom_id).unwrap_or(i64::MAX))
        .fetch_one(pool)
        .await?))
    }

    /// Each event type's count of changes.
    pub async fn availability_generations(&self) -> Result<Vec<(u64, i64)>, StoreError> {
        let rows: Vec<(i64, i64)> = on_pool!(self, pool =>
            sqlx::query_as("SELECT calcom_id, generation FROM availability_changes")
                .fetch_all(pool)
                .await?);
        Ok(rows
            .into_iter()
            .filter_map(|(id, generation)| Some((u64::try_from(id).ok()?, generation)))
            .collect())
    }
}
