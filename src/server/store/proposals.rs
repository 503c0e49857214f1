//! `proposals`: the visitors' own availabilities, for the owner's inbox.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::types::Json;

use super::{outbox::Outbound, Database, ProposalStatus, SqlInstant, StoreError};
use crate::domain::proposal::{Proposal, ProposedSlot};

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

/// A `proposals` row as read.
#[derive(sqlx::FromRow)]
struct Stored {
    id: i64,
    created_at: SqlInstant,
    status: ProposalStatus,
    event_type: String,
    name: String,
    email: String,
    phone: Option<String>,
    availabilities: Json<Vec<ProposedSlot>>,
    message: Option<String>,
    utm: Option<Json<BTreeMap<String, String>>>,
}

impl From<Stored> for ProposalRow {
    fn from(row: Stored) -> Self {
        Self {
            id: row.id,
            created_at: row.created_at.0,
            status: row.status,
            proposal: Proposal {
                event_type: row.event_type,
                name: row.name,
                email: row.email,
                phone: row.phone,
                availabilities: row.availabilities.0,
                message: row.message,
                utm: row.utm.map(|Json(u)| u).unwrap_or_default(),
            },
        }
    }
}

impl Database {
    /// Stores a proposal sent with the form `form_token` and queues its notifications;
    /// returns its id once both are committed (never before), or `None` when a proposal of
    /// that form is already stored (nothing more is stored or sent).
    pub async fn insert_proposal(
        &self,
        p: &Proposal,
        form_token: &str,
        notify: &Outbound<'_>,
    ) -> Result<Option<i64>, StoreError> {
        // To the second: the owner reads it, and notifications repeat it.
        let created_at = SqlInstant::now().to_second();
        let id = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO proposals (created_at, event_type, name, email, phone, \
                 availabilities, message, utm, status, form_token) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (form_token) DO NOTHING RETURNING id",
            )
            .bind(created_at)
            .bind(&p.event_type)
            .bind(&p.name)
            .bind(&p.email)
            .bind(&p.phone)
            .bind(Json(&p.availabilities))
            .bind(&p.message)
            .bind((!p.utm.is_empty()).then_some(Json(&p.utm)))
            .bind(ProposalStatus::New)
            .bind(form_token)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(id) = id else {
                tx.rollback().await?;
                return Ok(None);
            };
            for row in notify.rows(id, created_at)? {
                row.insert().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            id
        });
        Ok(Some(id))
    }

    /// Proposals, newest first; only those with `status` when given; at most `limit`.
    pub async fn list_proposals(
        &self,
        status: Option<ProposalStatus>,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError> {
        let rows: Vec<Stored> = on_pool!(self, pool => sqlx::query_as(
            "SELECT id, created_at, event_type, name, email, phone, availabilities, message, utm, \
             status FROM proposals WHERE ($1 IS NULL OR status = $1) \
             ORDER BY created_at DESC, id DESC LIMIT $2",
        )
        .bind(status)
        .bind(limit)
        .fetch_all(pool)
        .await?);
        Ok(rows.into_iter().map(ProposalRow::from).collect())
    }

    /// How many proposals there are (with `status` when given).
    pub async fn count_proposals(&self, status: Option<ProposalStatus>) -> Result<i64, StoreError> {
        Ok(on_pool!(self, pool =>
            sqlx::query_scalar("SELECT COUNT(*) FROM proposals WHERE ($1 IS NULL OR status = $1)")
                .bind(status)
                .fetch_one(pool)
                .await?))
    }

    /// Sets a proposal's status; false when there is no such proposal.
    pub async fn set_proposal_status(
        &self,
        id: i64,
        status: ProposalStatus,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self, pool => sqlx::query("UPDATE proposals SET status = $1 WHERE id = $2")
            .bind(status)
            .bind(id)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(done == 1)
    }
}
