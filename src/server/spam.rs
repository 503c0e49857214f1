//! Bot defences of the forms: a honeypot field and a signed "form shown at" time.
//!
//! Each rendered form carries `issued` = `<unix ms>.<HMAC>`; a submission faster than the
//! configured minimum, or with a token we did not sign (or older than a day), is refused
//! with a message; one that fills the honeypot is dropped.

use std::time::Duration;

use hmac::{Hmac, Mac};
use sha2::Sha256;

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
    /// The token is missing, forged, from before a restart, or too old.
    Expired,
}

/// Signs and checks form tokens with a key made at startup.
#[derive(Clone)]
pub struct FormGuard {
    key: [u8; 32],
    min_fill: Duration,
}

impl FormGuard {
    /// A guard with a fresh random key.
    pub fn new(min_fill: Duration) -> Self {
        Self {
            key: rand::random(),
            min_fill,
        }
    }

    fn sign(&self, millis: i64) -> String {
        let mut mac = match Hmac::<Sha256>::new_from_slice(&self.key) {
            Ok(m) => m,
            // HMAC takes keys of any length: this cannot happen.
            Err(_) => return String::new(),
        };
        mac.update(millis.to_string().as_bytes());
        mac.finalize()
            .into_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// A token for a form shown now.
    pub fn issue(&self) -> String {
        let now = chrono::Utc::now().timestamp_millis();
        format!("{now}.{}", self.sign(now))
    }

    /// Judges a submission from its token and honeypot value.
    pub fn check(&self, token: &str, honeypot: &str) -> Verdict {
        if !honeypot.trim().is_empty() {
            return Verdict::Bot;
        }
        let Some((millis, signature)) = token.split_once('.') else {
            return Verdict::Expired;
        };
        let Ok(millis) = millis.parse::<i64>() else {
            return Verdict::Expired;
        };
        // Constant-time comparison of the signatures, through the MAC itself.
        let expected = self.sign(millis);
        let same = expected.len() == signature.len()
            && expected
                .bytes()
                .zip(signature.bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b))
                == 0;
        if !same {
            return Verdict::Expired;
        }
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
}

/// The visitor-facing message for a refused verdict.
pub fn message(verdict: &Verdict) -> Option<&'static str> {
    match verdict {
        Verdict::Human | Verdict::Bot => None,
        Verdict::TooFast => {
            Some("Envoi trop rapide : vérifiez vos informations, puis renvoyez le formulaire.")
        }
        Verdict::Expired => {
            Some("Le formulaire a expiré : vérifiez vos informations, puis renvoyez-le.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verdicts() {
        let guard = FormGuard::new(Duration::ZERO);
        let token = guard.issue();
        assert_eq!(guard.check(&token, ""), Verdict::Human);
        assert_eq!(guard.check(&token, "http://spam"), Verdict::Bot);
        assert_eq!(guard.check("", ""), Verdict::Expired);
        assert_eq!(guard.check("123.abc", ""), Verdict::Expired);
        let other = FormGuard::new(Duration::ZERO).issue();
        assert_eq!(
            guard.check(&other, ""),
            Verdict::Expired,
            "another key (a restart)"
        );
        let (millis, _) = token.split_once('.').unwrap();
        let forged = format!(
            "{}.{}",
            millis.parse::<i64>().unwrap() - 10_000,
            "0".repeat(64)
        );
        assert_eq!(guard.check(&forged, ""), Verdict::Expired);

        let slow = FormGuard::new(Duration::from_secs(60));
        assert_eq!(slow.check(&slow.issue(), ""), Verdict::TooFast);
        let old = format!("{}.{}", 1_000, slow.sign(1_000));
        assert_eq!(slow.check(&old, ""), Verdict::Expired);
    }
}
