//! Bot defences of the forms: a honeypot field and a signed "form shown at" time.
//!
//! Each rendered form carries `issued` = `<unix ms>.<nonce>.<HMAC>`: when it was shown, 128
//! random bits that make it this form's own (two forms shown in the same millisecond still
//! differ: a booking is claimed by its token, a request is stored once per token), and the
//! signature of both and of what the form is for ([`Purpose`]: the contact form of one event
//! type, date and hour, or the proposal form of one event type). A token is good
//! for that form only, for 2 hours (booking) or a day (request). A submission faster than
//! the configured minimum, or with a token we did not sign for this form (or too old), is
//! refused with a message; one that fills the honeypot is dropped.

use std::time::Duration;

use chrono::NaiveDate;
use hmac::{digest::KeyInit, Hmac, Mac};
use sha2::Sha256;

use crate::domain::{
    forms::{FormMeta, FormReply},
    hour_minute::HourMinute,
    token::Token,
};

/// The form-signing key: from `RDV_FORM_KEY` when set (hashed to a key), otherwise the one
/// stored in the database, made by the first instance that started. Either way every
/// instance, before and after a restart, signs and checks forms alike.
pub async fn form_key(
    configured: Option<&secrecy::SecretString>,
    db: &crate::server::store::Database,
) -> Result<[u8; 64], crate::server::store::StoreError> {
    use secrecy::ExposeSecret;
    use sha2::{Digest, Sha512};
    if let Some(secret) = configured {
        return Ok(Sha512::digest(secret.expose_secret().as_bytes()).into());
    }
    let fresh: [u8; 64] = std::array::from_fn(|_| rand::random());
    let stored = db.secret("form_key", hex::encode(fresh)).await?;
    let mut key = [0u8; 64];
    match hex::decode_to_slice(&stored, &mut key) {
        Ok(()) => Ok(key),
        Err(e) => Err(crate::server::store::StoreError::Corrupt {
            column: "secrets.value (form_key)",
            problem: e.to_string(),
        }),
    }
}

/// Oldest contact-form token accepted: a visitor who left the page longer gets a fresh
/// one with a notice (what they typed stays), so a token found later books nothing. The
/// store forgets booking attempts once no accepted token can refer to them.
const BOOKING_MAX_AGE: Duration =
    Duration::from_secs(crate::server::store::BOOKING_FORM_MAX_SECONDS.unsigned_abs());

/// Oldest proposal token accepted (a request takes longer to write).
const PROPOSAL_MAX_AGE: Duration = Duration::from_secs(24 * 3600);

/// What a form token was issued for; it is refused for anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose<'a> {
    /// The contact form of one hour.
    Booking {
        /// Event type slug.
        event_type: &'a str,
        /// The chosen date.
        date: NaiveDate,
        /// The chosen hour.
        hour: HourMinute,
    },
    /// The proposal form of one event type.
    Proposal {
        /// Event type slug.
        event_type: &'a str,
    },
}

impl Purpose<'_> {
    /// What the signature covers, unambiguously (slugs have no spaces).
    fn signed_text(&self) -> String {
        match self {
            Self::Booking {
                event_type,
                date,
                hour,
            } => format!("booking {event_type} {date} {hour}"),
            Self::Proposal { event_type } => format!("proposal {event_type}"),
        }
    }

    fn max_age(&self) -> Duration {
        match self {
            Self::Booking { .. } => BOOKING_MAX_AGE,
            Self::Proposal { .. } => PROPOSAL_MAX_AGE,
        }
    }
}

/// What a submission looks like.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing suspicious.
    Human,
    /// The honeypot was filled: a bot.
    Bot,
    /// Sent too soon after the form was shown.
    TooFast,
    /// The token is missing, forged, too old, or issued for another form.
    Expired,
}

/// Signs and checks form tokens with the key every instance shares (see [`form_key`]).
#[derive(Clone)]
pub struct FormGuard {
    /// One HMAC-SHA256 block: keys of exactly this size need no fallible conversion.
    key: [u8; 64],
    min_fill: Duration,
}

/// Why a form was not let through.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// The honeypot was filled: a bot, answered as the caller sees fit.
    Bot,
    /// Sent too fast or with an expired token: the visitor is told and gets a fresh token.
    Retry(FormReply),
}

impl FormGuard {
    /// A guard signing with `key`.
    pub fn new(key: [u8; 64], min_fill: Duration) -> Self {
        Self { key, min_fill }
    }

    /// A guard with a fresh random key (tests).
    pub fn random(min_fill: Duration) -> Self {
        Self::new(std::array::from_fn(|_| rand::random()), min_fill)
    }

    /// The signature of what a token says: its time, its nonce and its purpose.
    fn mac(&self, millis: i64, nonce: &str, purpose: &Purpose) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new(&self.key.into());
        mac.update(millis.to_string().as_bytes());
        mac.update(b".");
        mac.update(nonce.as_bytes());
        // A separator no nonce or time contains.
        mac.update(b"|");
        mac.update(purpose.signed_text().as_bytes());
        mac
    }

    /// A stable digest of `text` under the form key (a client's address, counted without
    /// being stored): the same on every instance, meaningless without the key.
    pub fn pseudonym(&self, text: &str) -> String {
        hex::encode(self.keyed("pseudonym", text))
    }

    /// A hold id for a new visit: 64 random bits and their 64-bit signature, in the 32
    /// lower-case hex digits of every token in URLs. Only ids the server issued hold hours.
    pub fn new_hold_id(&self) -> Token {
        self.signed_key("hold", rand::random())
    }

    /// True when `id` is a hold id this server (any instance) issued.
    pub fn is_hold_id(&self, id: &Token) -> bool {
        self.is_signed_key("hold", id)
    }

    /// The key of the `nonce` (64 bits) for the use `label` names: the nonce and its 64-bit
    /// signature, as 32 lower-case hex digits. Only this server (any instance) makes them.
    pub fn signed_key(&self, label: &str, nonce: u64) -> Token {
        let mut tag = [0u8; 8];
        tag.copy_from_slice(&self.keyed(label, &format!("{nonce:016x}"))[..8]);
        Token::from_bits(u128::from(nonce) << 64 | u128::from(u64::from_be_bytes(tag)))
    }

    /// True when `key` was made by [`Self::signed_key`] for `label`; its nonce is its first
    /// half.
    pub fn is_signed_key(&self, label: &str, key: &Token) -> bool {
        use subtle::ConstantTimeEq;
        let (random, tag) = key.halves();
        let expected = hex::encode(&self.keyed(label, random)[..8]);
        expected.as_bytes().ct_eq(tag.as_bytes()).into()
    }

    /// 16 bytes of HMAC of `text` under the form key, for the use `label` names.
    fn keyed(&self, label: &str, text: &str) -> [u8; 16] {
        let mut mac = <Hmac<Sha256> as KeyInit>::new(&self.key.into());
        mac.update(label.as_bytes());
        mac.update(b"|");
        mac.update(text.as_bytes());
        let mut out = [0u8; 16];
        out.copy_from_slice(&mac.finalize().into_bytes()[..16]);
        out
    }

    /// A token for a form shown now for `purpose`, unlike any other.
    pub fn issue(&self, purpose: &Purpose) -> String {
        let now = chrono::Utc::now().timestamp_millis();
        let nonce = hex::encode(rand::random::<[u8; 16]>());
        let signature = hex::encode(self.mac(now, &nonce, purpose).finalize().into_bytes());
        format!("{now}.{nonce}.{signature}")
    }

    /// The time `token` was issued at, when it is one we signed for `purpose`, written the
    /// one way [`Self::issue`] writes it: decimal time without leading zeros, lower-case
    /// hex. Any other spelling of a good token (upper case, `+`, leading zeros) is refused,
    /// so that one token cannot be claimed several times under several spellings; and no
    /// signature without a purpose is accepted.
    fn verified(&self, token: &str, purpose: &Purpose) -> Option<i64> {
        let lower_hex = |s: &str, len: usize| {
            s.len() == len && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
        };
        let mut parts = token.split('.');
        let (Some(time), Some(nonce), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return None;
        };
        let millis = time.parse::<i64>().ok().filter(|m| m.to_string() == time)?;
        if !lower_hex(nonce, 32) || !lower_hex(signature, 64) {
            return None;
        }
        let signature = hex::decode(signature).ok()?;
        // verify_slice compares in constant time.
        self.mac(millis, nonce, purpose)
            .verify_slice(&signature)
            .ok()?;
        Some(millis)
    }

    /// Judges a submission for `purpose` from its token and honeypot value.
    pub fn check(&self, token: &str, purpose: &Purpose, honeypot: &str) -> Verdict {
        if !honeypot.trim().is_empty() {
            return Verdict::Bot;
        }
        let Some(millis) = self.verified(token, purpose) else {
            return Verdict::Expired;
        };
        let age = chrono::Utc::now().timestamp_millis() - millis;
        let min = i64::try_from(self.min_fill.as_millis()).unwrap_or(i64::MAX);
        let max = i64::try_from(purpose.max_age().as_millis()).unwrap_or(i64::MAX);
        if age > max {
            Verdict::Expired
        } else if age < min {
            Verdict::TooFast
        } else {
            Verdict::Human
        }
    }

    /// The one bot check of both forms, sent for `purpose`: lets a person through, and says
    /// what to answer otherwise.
    pub fn screen(&self, meta: &FormMeta, purpose: &Purpose) -> Result<(), Refused> {
        let notice = match self.check(&meta.issued, purpose, &meta.website) {
            Verdict::Human => return Ok(()),
            Verdict::Bot => return Err(Refused::Bot),
            Verdict::TooFast => "retry-too-fast",
            Verdict::Expired => "retry-expired",
        };
        Err(Refused::Retry(FormReply::Retry {
            notice: notice.to_string(),
            issued: self.issue(purpose),
        }))
    }
}

#[cfg(test)]
mod tests;
