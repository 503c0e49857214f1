//! `proposals`: the visitors' own availabilities, for the owner's inbox.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::types::Json;

use super::{outbox::Outbound, Database, ProposalStatus, SqlInstant, StoreError};
use crate::domain::{
    lang::Lang,
    proposal::{Proposal, ProposedSlot},
    token::Token,
};

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
    /// The language of the visit that sent it.
    pub lang: Lang,
    /// When matching hours were first offered to the visitor.
    pub offered_at: Option<DateTime<Utc>>,
    /// The appointment it became through an offer's link (its confirmation id).
    pub booking_id: Option<Token>,
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
    lang: String,
    offered_at: Option<SqlInstant>,
    booking_id: Option<Token>,
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
            lang: Lang::parse(&row.lang).unwrap_or_else(Lang::french),
            offered_at: row.offered_at.map(|at| at.0),
            booking_id: row.booking_id,
        }
    }
}

/// Columns of a proposal as [`Stored`] reads it.
pub(super) const COLUMNS: &str = "id, created_at, event_type, name, email, phone, \
     availabilities, message, utm, status, lang, offered_at, booking_id";

impl Database {
    /// The proposal `id`, if it exists.
    pub async fn find_proposal(&self, id: i64) -> Result<Option<ProposalRow>, StoreError> {
        let query = format!("SELECT {COLUMNS} FROM proposals WHERE id = $1");
        let row: Option<Stored> = on_pool!(self, pool => sqlx::query_as(&query)
            .bind(id)
            .fetch_optional(pool)
            .await?);
        Ok(row.map(ProposalRow::from))
    }

    /// The proposals of `event_type` nobody handled yet, oldest first (the matching reads
    /// them; at most `limit`).
    pub async fn open_proposals(
        &self,
        event_type: &str,
        limit: i64,
    ) -> Result<Vec<ProposalRow>, StoreError> {
        let query = format!(
            "SELECT {COLUMNS} FROM proposals WHERE status = $1 AND event_type = $2 \
             ORDER BY id LIMIT $3"
        );
        let rows: Vec<Stored> = on_pool!(self, pool => sqlx::query_as(&query)
            .bind(ProposalStatus::New)
            .bind(event_type)
            .bind(limit)
            .fetch_all(pool)
            .await?);
        Ok(rows.into_iter().map(ProposalRow::from).collect())
    }

    /// Stores a proposal sent with the form `form_token` and queues its notifications;
    /// returns its id once both are committed (never before), or `None` when a proposal of
    /// that form is already stored (nothing more is stored or sent).
    pub async fn insert_proposal(
        &self,
        (p, lang): (&Proposal, &Lang),
        form_token: &str,
        notify: &Outbound<'_>,
    ) -> Result<Option<i64>, StoreError> {
        // To the second: the owner reads it, and notifications repeat it.
        let created_at = SqlInstant::now().to_second();
        let id = on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO proposals (created_at, event_type, name, email, phone, \
                 availabilities, message, utm, status, form_token, lang) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
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
            .bind(lang.as_str())
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
        let query = format!(
            "SELECT {COLUMNS} FROM proposals WHERE ($1 IS NULL OR status = $1) \
             ORDER BY created_at DESC, id DESC LIMIT $2"
        );
        let rows: Vec<Stored> = on_pool!(self, pool => sqlx::query_as(&query)
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
        // The owner moves a proposal between new and handled only: a booked or withdrawn
        // one stays as the visitor left it.
        let done = on_pool!(self, pool => sqlx::query(
            "UPDATE proposals SET status = $1 WHERE id = $2 AND status IN ($3, $4)",
        )
            .bind(status)
            .bind(id)
            .bind(ProposalStatus::New)
            .bind(ProposalStatus::Handled)
            .execute(pool)
            .await?
            .rows_affected());
        Ok(done == 1)
    }
}
