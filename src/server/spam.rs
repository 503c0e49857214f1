//! Bot defences of the forms: a honeypot field and a signed "form shown at" time.
//!
//! Each rendered form carries `issued` = `<unix ms>.<nonce>.<HMAC>`: when it was shown, 128
//! random bits that make it this form's own (two forms shown in the same millisecond still
//! differ: a booking is claimed by its token), and the signature of both. A submission
//! faster than the configured minimum, or with a token we did not sign (or older than a
//! day), is refused with a message; one that fills the honeypot is dropped.

use std::time::Duration;

use hmac::{digest::KeyInit, Hmac, Mac};
use sha2::Sha256;

use crate::domain::forms::{FormMeta, FormReply};

/// The form-signing key: from `RDV_FORM_KEY` when set (hashed to a key), otherwise the one
/// stored in the database, made by the first instance that started. Either way every
/// instance, before and after a restart, signs and checks forms alike.
pub async fn form_key(
    configured: Option<&secrecy::SecretString>,
    db: &super::store::Database,
) -> Result<[u8; 64], super::store::StoreError> {
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
        Err(e) => Err(super::store::StoreError::Corrupt {
            column: "secrets.value (form_key)",
            problem: e.to_string(),
        }),
    }
}

/// Oldest form token accepted.
const MAX_AGE: Duration = Duration::from_secs(24 * 3600);

/// What a submission looks like.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing suspicious.
    Human,
    /// The honeypot was filled: a bot.
    Bot,
    /// Sent too soon after the form was shown.
    TooFast,
    /// The token is missing, forged, or too old.
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

    /// The signature of what a token says: its time and, for tokens issued since nonces
    /// exist, its nonce.
    fn mac(&self, millis: i64, nonce: Option<&str>) -> Hmac<Sha256> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new(&self.key.into());
        mac.update(millis.to_string().as_bytes());
        if let Some(nonce) = nonce {
            mac.update(b".");
            mac.update(nonce.as_bytes());
        }
        mac
    }

    /// A token for a form shown now, unlike any other.
    pub fn issue(&self) -> String {
        let now = chrono::Utc::now().timestamp_millis();
        let nonce = hex::encode(rand::random::<[u8; 16]>());
        let signature = hex::encode(self.mac(now, Some(&nonce)).finalize().into_bytes());
        format!("{now}.{nonce}.{signature}")
    }

    /// Judges a submission from its token and honeypot value.
    pub fn check(&self, token: &str, honeypot: &str) -> Verdict {
        if !honeypot.trim().is_empty() {
            return Verdict::Bot;
        }
        let mut parts = token.split('.');
        let signed = match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(millis), Some(nonce), Some(signature), None) => {
                Some((millis, Some(nonce), signature))
            }
            // Shown before nonces existed (at most a day ago): still accepted.
            (Some(millis), Some(signature), None, None) => Some((millis, None, signature)),
            _ => None,
        }
        .and_then(|(millis, nonce, signature)| {
            let millis = millis.parse::<i64>().ok()?;
            let signature = hex::decode(signature).ok()?;
            // verify_slice compares in constant time.
            self.mac(millis, nonce).verify_slice(&signature).ok()?;
            Some(millis)
        });
        let Some(millis) = signed else {
            return Verdict::Expired;
        };
        let age = chrono::Utc::now().timestamp_millis() - millis;
        let min = i64::try_from(self.min_fill.as_millis()).unwrap_or(i64::MAX);
        let max = i64::try_from(MAX_AGE.as_millis()).unwrap_or(i64::MAX);
        if age > max {
            Verdict::Expired
        } else if age < min {
            Verdict::TooFast
        } else {
            Verdict::Human
        }
    }

    /// The one bot check of both forms: lets a person through, and says what to answer
    /// otherwise.
    pub fn screen(&self, meta: &FormMeta) -> Result<(), Refused> {
        let notice = match self.check(&meta.issued, &meta.website) {
            Verdict::Human => return Ok(()),
            Verdict::Bot => return Err(Refused::Bot),
            Verdict::TooFast => {
                "Envoi trop rapide : vérifiez vos informations, puis renvoyez le formulaire."
            }
            Verdict::Expired => {
                "Le formulaire a expiré : vérifiez vos informations, puis renvoyez-le."
            }
        };
        Err(Refused::Retry(FormReply::Retry {
            notice: notice.to_string(),
            issued: self.issue(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let guard = FormGuard::random(Duration::ZERO);
        let token = guard.issue();
        assert_eq!(guard.check(&token, ""), Verdict::Human);
        assert_eq!(guard.check(&token, "http://spam"), Verdict::Bot);
        assert_eq!(guard.check("", ""), Verdict::Expired);
        assert_eq!(guard.check("123.abc", ""), Verdict::Expired);
        let other = FormGuard::random(Duration::ZERO).issue();
        assert_eq!(
            guard.check(&other, ""),
            Verdict::Expired,
            "another key (a restart)"
        );
        let (millis, _) = token.split_once('.').unwrap();
        assert_ne!(
            guard.issue(),
            token,
            "each form its own token, even in one millisecond"
        );
        let legacy = format!(
            "{millis}.{}",
            hex::encode(
                guard
                    .mac(millis.parse().unwrap(), None)
                    .finalize()
                    .into_bytes()
            )
        );
        assert_eq!(
            guard.check(&legacy, ""),
            Verdict::Human,
            "a form shown before the upgrade"
        );
        let parts: Vec<&str> = token.split('.').collect();
        let other_nonce = format!("{}.{}.{}", parts[0], "ab".repeat(16), parts[2]);
        assert_eq!(
            guard.check(&other_nonce, ""),
            Verdict::Expired,
            "the nonce is signed"
        );
        let forged = format!(
            "{}.{}",
            millis.parse::<i64>().unwrap() - 10_000,
            "0".repeat(64)
        );
        assert_eq!(guard.check(&forged, ""), Verdict::Expired);

        let slow = FormGuard::random(Duration::from_secs(60));
        assert_eq!(slow.check(&slow.issue(), ""), Verdict::TooFast);
        let old = format!(
            "{}.{}",
            1_000,
            hex::encode(slow.mac(1_000, None).finalize().into_bytes())
        );
        assert_eq!(slow.check(&old, ""), Verdict::Expired);
    }
}
