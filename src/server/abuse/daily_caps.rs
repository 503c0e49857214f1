//! Daily caps on what a form sends, so that nobody fills the calendar or the owner's inbox:
//! - per mailbox: at most `spam.per_email_per_day` bookings, and as many proposal
//!   requests, in 24 hours (Cal.com emails the person named: a stranger cannot book in
//!   someone else's name again and again). `zoe+1@…` and `ZOE@…` are the same mailbox
//!   ([`mailbox_of`]);
//! - per client (its address, an IPv6 client by /64): at most `spam.per_client_per_day`
//!   bookings, and as many requests, in 24 hours, whatever emails it types.
//!
//! A sending is counted *before* it is made, in one atomic statement per count (parallel
//! posts each see their own number, so at most the cap of them go on, across instances), and
//! given back when it did not happen (refused, failed, or a second post of one form). Counts
//! live in the database per hour under keyed digests: no address, no email is stored, and
//! each count is forgotten after a day.

use std::net::IpAddr;

use chrono::{DateTime, Utc};

use crate::domain::{contact::mailbox_of, fields::FieldErrors, forms::FormReply};

use crate::server::{
    abuse::rate_limit::client_key,
    abuse::spam::FormGuard,
    config::Config,
    store::{Database, DAILY_PREFIX},
};

/// What is being sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sending {
    /// A booking.
    Booking,
    /// A proposal.
    Proposal,
}

impl Sending {
    fn word(self) -> &'static str {
        match self {
            Self::Booking => "booking",
            Self::Proposal => "proposal",
        }
    }
}

/// The counts one sending took; [`Taken::give_back`] when it did not happen.
#[must_use = "a sending that did not happen gives its counts back"]
pub struct Taken {
    buckets: Vec<String>,
    at: DateTime<Utc>,
}

impl Taken {
    /// Takes back what [`take`] counted (the sending was refused or failed).
    pub async fn give_back(self, db: &Database) {
        for bucket in &self.buckets {
            if let Err(error) = db.give_back_hit(bucket, self.at).await {
                tracing::error!(%error, "daily count not given back");
            }
        }
    }
}

/// Counts one `sending` by `email` from `client`, or the reply that refuses it (the counts
/// then given back): the email's field error, or the same form with a notice when the
/// client reached its cap. A count that cannot be read refuses nothing.
pub async fn take(
    (db, guard, config): (&Database, &FormGuard, &Config),
    email: &str,
    client: Option<IpAddr>,
    sending: Sending,
    issued: &str,
) -> Result<Taken, FormReply> {
    let at = Utc::now();
    let mut taken = Taken {
        buckets: Vec::new(),
        at,
    };
    let mailbox = format!(
        "{DAILY_PREFIX}email {} {}",
        sending.word(),
        guard.pseudonym(&mailbox_of(email))
    );
    let email_cap = i64::from(config.per_email_per_day.get());
    let refusal = if count(db, &mailbox, at, &mut taken).await > email_cap {
        tracing::warn!(?sending, "daily cap per email reached");
        let mut errors = FieldErrors::default();
        errors.add(
            "email",
            match sending {
                Sending::Booking => "cap-email-bookings",
                Sending::Proposal => "cap-email-proposals",
            },
        );
        Some(FormReply::Invalid(errors))
    } else if let Some(client) = client {
        let bucket = format!(
            "{DAILY_PREFIX}{} {}",
            sending.word(),
            guard.pseudonym(&client_key(client))
        );
        let client_cap = i64::from(config.per_client_per_day.get());
        (count(db, &bucket, at, &mut taken).await > client_cap).then(|| {
            tracing::warn!(?sending, "daily cap per client reached");
            FormReply::Retry {
                notice: match sending {
                    Sending::Booking => "cap-client-bookings",
                    Sending::Proposal => "cap-client-proposals",
                }
                .to_string(),
                issued: issued.to_string(),
            }
        })
    } else {
        None
    };
    match refusal {
        None => Ok(taken),
        Some(reply) => {
            taken.give_back(db).await;
            Err(reply)
        }
    }
}

/// `bucket`'s count over 24 hours with this sending (0 when unreadable: nothing refused).
async fn count(db: &Database, bucket: &str, at: DateTime<Utc>, taken: &mut Taken) -> i64 {
    match db.daily_hits(bucket, at, true).await {
        Ok(count) => {
            taken.buckets.push(bucket.to_string());
            count
        }
        Err(error) => {
            tracing::error!(%error, "daily cap unreadable");
            0
        }
    }
}
