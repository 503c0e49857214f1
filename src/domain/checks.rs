//! Checks of single values a visitor types, shared by the server (authoritative) and the
//! islands (instant feedback). No regex: the browser bundle stays small. A refusal is the
//! catalogue id of its message (`locales/*.ftl`).

use chrono::NaiveDate;
use email_address::{EmailAddress, Options};

/// Longest name accepted.
pub const NAME_MAX: usize = 100;
/// Longest email accepted (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Longest free message accepted.
pub const MESSAGE_MAX: usize = 2000;
/// Longest raw phone input accepted.
pub const PHONE_MAX: usize = 32;

/// Control characters are refused (except line breaks and tabs in free text).
pub fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
}

/// Validates a name: 2 to 100 characters, any script, no control characters.
pub fn check_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err("name-missing");
    }
    if !(2..=NAME_MAX).contains(&len) || has_control(name, false) {
        return Err("name-length");
    }
    Ok(name.to_string())
}

/// Validates an email address: RFC 5322 syntax (the `email_address` crate), a domain with
/// at least two labels and a top-level domain of two characters or more, no spaces or
/// quoted parts, at most 254 characters.
pub fn check_email(raw: &str) -> Result<String, &'static str> {
    const INVALID: &str = "email-invalid";
    let email = raw.trim();
    if email.is_empty() {
        return Err("email-missing");
    }
    // Quoted local parts and spaces are valid RFC 5322 but refused by most mail forms, and
    // by Cal.com's own attendee check: not worth a booking that cannot be emailed.
    if email.len() > EMAIL_MAX
        || has_control(email, false)
        || email.contains(char::is_whitespace)
        || email.contains('"')
        // URL characters: valid in a local part, but they rewrite a `mailto:` link
        // (`?cc=…`) wherever the address is shown.
        || email.contains(['?', '&', '%', '#'])
    {
        return Err(INVALID);
    }
    let options = Options::default()
        .with_minimum_sub_domains(2)
        .without_domain_literal()
        .without_display_text();
    let Ok(address) = EmailAddress::parse_with_options(email, options) else {
        return Err(INVALID);
    };
    let tld_ok = address
        .domain()
        .rsplit('.')
        .next()
        .is_some_and(|tld| tld.chars().count() >= 2);
    if tld_ok {
        Ok(email.to_string())
    } else {
        Err(INVALID)
    }
}

/// Validates a phone number and returns it in international format.
///
/// Accepts spaces, dots, dashes and parentheses; a French national number (`06 12 34 56 78`)
/// becomes `+33612345678`; `00` is read as `+`. 8 to 15 digits, as E.164 allows.
pub fn check_phone(raw: &str) -> Result<String, &'static str> {
    const INVALID: &str = "phone-invalid";
    let phone = raw.trim();
    if phone.len() > PHONE_MAX {
        return Err(INVALID);
    }
    let plus = phone.starts_with('+');
    let body = if plus { &phone[1..] } else { phone };
    if !body
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '.' | '-' | '(' | ')'))
    {
        return Err(INVALID);
    }
    let digits: String = body.chars().filter(char::is_ascii_digit).collect();
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if digits.len() == 10 && digits.starts_with('0') {
        format!("33{}", &digits[1..])
    } else {
        return Err(INVALID);
    };
    if (8..=15).contains(&international.len()) && !international.starts_with('0') {
        Ok(format!("+{international}"))
    } else {
        Err(INVALID)
    }
}

/// Validates an optional free message (at most 2000 characters).
pub fn check_message(raw: &str) -> Result<Option<String>, &'static str> {
    let message = raw.trim();
    if message.chars().count() > MESSAGE_MAX {
        return Err("message-too-long");
    }
    if has_control(message, true) {
        return Err("message-invisible");
    }
    Ok((!message.is_empty()).then(|| message.to_string()))
}

/// Reads `YYYY-MM-DD` without `chrono`'s format parser (kept out of the browser bundle).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s[..4].parse().ok()?;
    let m: u32 = s[5..7].parse().ok()?;
    let d: u32 = s[8..].parse().ok()?;
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A lower-case ASCII slug, as used for event types in URLs.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 32
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(
            check_name("  Zoé Dupont-Éluard "),
            Ok("Zoé Dupont-Éluard".into())
        );
        assert_eq!(check_name("李小龍"), Ok("李小龍".into()));
        assert!(check_name("").is_err());
        assert!(check_name("a").is_err());
        assert!(check_name(&"x".repeat(101)).is_err());
        assert!(check_name("Jean\u{0}Paul").is_err());
        assert!(
            check_name("<b>Jean</b>").is_ok(),
            "markup is text, rendered escaped"
        );
    }

    #[test]
    fn emails() {
        for ok in [
            "a@b.fr",
            "jean.dupont+rdv@example.co.uk",
            "zoé@exemple.fr",
            "x@xn--bcher-kva.de",
        ] {
            assert!(check_email(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "plain",
            "@b.fr",
            "a@",
            "a@b",
            "a@b.c",
            "a b@c.fr",
            "a@b..fr",
            ".a@b.fr",
            "a@-b.fr",
            "a<script>@b.fr",
            "a@b\n.fr",
            "a\u{7}@b.fr",
            "a@@b.fr",
            "\"a\"@b.fr",
            "a@[127.0.0.1]",
            "Zoé <a@b.fr>",
            "a?cc=x@b.fr",
            "a&b@b.fr",
            "a%40@b.fr",
            "a#b@b.fr",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
        assert!(check_email(&format!("{}@b.fr", "a".repeat(65))).is_err());
    }

    #[test]
    fn phones() {
        assert_eq!(check_phone("06 12 34 56 78"), Ok("+33612345678".into()));
        assert_eq!(check_phone("06.12.34.56.78"), Ok("+33612345678".into()));
        assert!(check_phone("+33 (0)6").is_err());
        assert_eq!(check_phone("+33 6 12 34 56 78"), Ok("+33612345678".into()));
        assert_eq!(check_phone("0044 20 7946 0958"), Ok("+442079460958".into()));
        assert_eq!(check_phone("+1 (514) 555-0199"), Ok("+15145550199".into()));
        for bad in [
            "",
            "12",
            "0612",
            "06 12 34 56 7a",
            "+0612345678",
            "++33612345678",
            "0612345678901234567890",
        ] {
            assert!(check_phone(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn slugs() {
        assert!(is_slug("appel-2"));
        assert!(!is_slug("Appel"));
        assert!(!is_slug(""));
    }
}
