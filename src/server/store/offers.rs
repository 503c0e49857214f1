//! `offers`: the hours offered to a visitor for their proposal, each behind the nonce of an
//! email link (the link's key is the nonce signed with the form key: a copy of this table
//! opens nothing), and the proposal's life after them: offered, booked, withdrawn.

use chrono::{DateTime, Utc};

use super::{
    outbox::Outbound, proposals::ProposalRow, Database, ProposalStatus, SqlInstant, StoreError,
};
use crate::domain::token::Token;

/// An offer to store: the nonce of its link, and the hour (`None`: the withdrawal link).
#[derive(Clone, Debug)]
pub struct NewOffer {
    /// The random half of the link's key.
    pub nonce: String,
    /// The hour offered.
    pub start: Option<DateTime<Utc>>,
}

/// An offer as its link finds it, with its proposal.
#[derive(Clone, Debug)]
pub struct OfferRow {
    /// The hour offered (`None`: the withdrawal link).
    pub start: Option<DateTime<Utc>>,
    /// Until when its link works.
    pub expires_at: DateTime<Utc>,
    /// The proposal it answers.
    pub proposal: ProposalRow,
}

/// Whether a proposal is offered its hours only once, or again at the owner's asking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfferKind {
    /// The matching's own: only when nothing was offered yet.
    First,
    /// The owner's "send these hours": whatever was offered before.
    Again,
}

impl Database {
    /// Stores `offers` of the proposal `id`, valid until `expires_at`, and queues the email
    /// that carries them, in one transaction, if the proposal is still new (and, for a
    /// [`OfferKind::First`], never offered): true when done. Parallel matchings, on any
    /// instance, offer a proposal once.
    pub async fn offer_hours(
        &self,
        id: i64,
        (offers, kind): (&[NewOffer], OfferKind),
        expires_at: DateTime<Utc>,
        notify: &Outbound<'_>,
    ) -> Result<bool, StoreError> {
        let now = SqlInstant::now();
        let claim = match kind {
            OfferKind::First => {
                "UPDATE proposals SET offered_at = $2 WHERE id = $1 AND status = $3 \
                 AND offered_at IS NULL"
            }
            OfferKind::Again => {
                "UPDATE proposals SET offered_at = COALESCE(offered_at, $2) WHERE id = $1 \
                 AND status = $3"
            }
        };
        Ok(on_pool!(self, pool => {
            let mut tx = pool.begin().await?;
            let claimed = sqlx::query(claim)
                .bind(id)
                .bind(now)
                .bind(ProposalStatus::New)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if claimed == 0 {
                tx.rollback().await?;
                return Ok(false);
            }
            for offer in offers {
                sqlx::query(
                    "INSERT INTO offers (proposal_id, nonce, start_utc, expires_at, created_at) \
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(id)
                .bind(&offer.nonce)
                .bind(offer.start.map(|s| SqlInstant(s).to_second()))
                .bind(SqlInstant(expires_at))
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
            for row in notify.rows(id, now)? {
                row.insert().execute(&mut *tx).await?;
            }
            tx.commit().await?;
            true
        }))
    }

    /// The offer behind `nonce`, with its proposal, if it exists (expired or not).
    pub async fn find_offer(&self, nonce: &str) -> Result<Option<OfferRow>, StoreError> {
        let row: Option<(i64, Option<SqlInstant>, SqlInstant)> = on_pool!(self, pool =>
            sqlx::query_as("SELECT proposal_id, start_utc, expires_at FROM offers WHERE nonce = $1")
                .bind(nonce)
                .fetch_optional(pool)
                .await?);
        let Some((id, start, expires_at)) = row else {
            return Ok(None);
        };
        Ok(self.find_proposal(id).await?.map(|proposal| OfferRow {
            start: start.map(|s| s.0),
            expires_at: expires_at.0,
            proposal,
        }))
    }

    /// Takes the new proposal `id` for a booking through its offer: true when taken (a
    /// second booking through any of its links finds it taken).
    pub async fn take_proposal(&self, id: i64) -> Result<bool, StoreError> {
        self.move_proposal(id, ProposalStatus::New, ProposalStatus::Booked)
            .await
    }

    /// Gives back a proposal taken for a booking that was not made.
    pub async fn give_back_proposal(&self, id: i64) -> Result<bool, StoreError> {
        self.move_proposal(id, ProposalStatus::Booked, ProposalStatus::New)
            .await
    }

    /// The visitor withdrew their new proposal `id`: true when it was new.
    pub async fn withdraw_proposal(&self, id: i64) -> Result<bool, StoreError> {
        self.move_proposal(id, ProposalStatus::New, ProposalStatus::Withdrawn)
            .await
    }

    async fn move_proposal(
        &self,
        id: i64,
        from: ProposalStatus,
        to: ProposalStatus,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self, pool => sqlx::query(
            "UPDATE proposals SET status = $3 WHERE id = $1 AND status = $2 AND booking_id IS NULL",
        )
        .bind(id)
        .bind(from)
        .bind(to)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(done == 1)
    }

    /// The proposal `id` became the appointment `booking`.
    pub async fn proposal_booked(&self, id: i64, booking: &Token) -> Result<(), StoreError> {
        on_pool!(self, pool => sqlx::query("UPDATE proposals SET booking_id = $2 WHERE id = $1")
            .bind(id)
            .bind(booking)
            .execute(pool)
            .await
            .map(drop)?);
        Ok(())
    }
}
