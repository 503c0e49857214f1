//! `proposals`: the visitors' own availabilities, for the owner's inbox.

use std::collections::BTreeMap;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{sqlite::SqliteRow, types::Json, Row};

use super::{instant, outbox::Outbound, Database, ProposalStatus, StoreError};
use crate::domain::proposal::Proposal;

/// A stored proposal, as the admin shows it.
#[derive(Clone, Debug)]
pub struct ProposalRow {
    /// Row id.
    pub id: i64,
    /// When it was stored.
    pub created_at: DateTime<Utc>,
    /// Where the owner is with it.
    pub status: ProposalStatus,
    /// What the visitor sent.
    pub proposal: Proposal,
}

fn proposal(row: &SqliteRow) -> Result<ProposalRow, StoreError> {
    let Json(availabilities) = row.try_get("availabilities")?;
    let utm: Option<Json<BTreeMap<String, String>>> = row.try_get("utm")?;
    Ok(ProposalRow {
        id: row.try_get("id")?,
        created_at: instant("proposals.created_at", row.try_get("created_at")?)?,
        status: row.try_get("status")?,
        proposal: Proposal {
            event_type: row.try_get("event_type")?,
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
            availabilities,
            message: row.try_get("message")?,
            utm: utm.map(|Json(u)| u).unwrap_or_default(),
        },
    })
}

impl Database {
    /// Stores a proposal and queues its notifications; returns its id once both are
    /// committed (never before).
    pub async fn insert_proposal(
        &self,
        p: &Proposal,
        notify: &Outbound<'_>,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin().await?;
        // To the second: the owner reads it, and notifications repeat it.
        let now = Utc::now();
        let created_at = now.to_rfc3339_opts(SecondsFormat::Secs, true);
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO proposals (created_at, event_type, name, email, phone, availabilities, \
             message, utm, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(&created_at)
        .bind(&p.event_type)
        .bind(&p.name)
        .bind(&p.email)
        .bind(&p.phone)
        .bind(Json(&p.availabilities))
        .bind(&p.message)
        .bind((!p.utm.is_empty()).then_some(Json(&p.utm)))
        .bind(ProposalStatus::New)
        .fetch_one(&mut *tx)
        .await?;
        notify
            .enqueue(&mut tx, id, instant("proposals.created_at", &created_at)?)
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Proposals, newest first; only those with `status` when given; at most `limit`.
    pub async fn list_proposals(
        &self,
        status: Option<ProposalStatus>,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError> {
        sqlx::query(
            "SELECT id, created_at, event_type, name, email, phone, availabilities, message, utm, \
             status FROM proposals WHERE ($1 IS NULL OR status = $1) \
             ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(status)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(proposal)
        .collect()
    }

    /// How many proposals there are (with `status` when given).
    pub async fn count_proposals(&self, status: Option<ProposalStatus>) -> Result<i64, StoreError> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE ($1 IS NULL OR status = $1)")
                .bind(status)
                .fetch_one(&self.pool)
                .await?,
        )
    }

    /// Sets a proposal's status; false when there is no such proposal.
    pub async fn set_proposal_status(
        &self,
        id: i64,
        status: ProposalStatus,
    ) -> Result<bool, StoreError> {
        let done = sqlx::query("UPDATE proposals SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
