//! The contact fields both forms share: name, email, phone, message.

use serde::{Deserialize, Serialize};

use super::{
    checks::{check_email, check_message, check_name, check_phone},
    fields::FieldErrors,
};

/// Contact details as typed (`form[name]`, `form[email]`… in HTML; flattened into both
/// forms, so every field is a string and may be missing).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    /// Full name.
    #[serde(default)]
    pub name: String,
    /// Email address.
    #[serde(default)]
    pub email: String,
    /// Phone number, any common French or international writing.
    #[serde(default)]
    pub phone: String,
    /// Optional free message.
    #[serde(default)]
    pub message: String,
}

/// The contact fields' keys, in form order.
pub const CONTACT_KEYS: [&str; 4] = ["name", "email", "phone", "message"];

/// Contact details once checked and normalised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    /// Trimmed name.
    pub name: String,
    /// Trimmed email.
    pub email: String,
    /// International format (`+33612345678`), if given.
    pub phone: Option<String>,
    /// Trimmed message, if any.
    pub message: Option<String>,
}

/// Validates contact details; `phone_required` for phone appointments.
/// The one mailbox an address reaches, for counting what it sent: lower case, without a
/// `+tag` (`zoe+1@…` is `zoe@…` at every provider that supports tags), and without the dots
/// Gmail ignores (`z.o.e@gmail.com` is `zoe@gmail.com`). Never shown, never sent.
pub fn mailbox_of(email: &str) -> String {
    let email = email.trim().to_lowercase();
    let Some((local, domain)) = email.rsplit_once('@') else {
        return email;
    };
    let local = local.split('+').next().unwrap_or(local);
    let domain = match domain {
        "googlemail.com" => "gmail.com",
        other => other,
    };
    let local = if domain == "gmail.com" {
        local.replace('.', "")
    } else {
        local.to_string()
    };
    format!("{local}@{domain}")
}

pub fn check_contact(input: &ContactInput, phone_required: bool) -> Result<Contact, FieldErrors> {
    let mut errors = FieldErrors::default();
    let name = check_name(&input.name)
        .map_err(|e| errors.add("name", e))
        .ok();
    let email = check_email(&input.email)
        .map_err(|e| errors.add("email", e))
        .ok();
    let phone = if input.phone.trim().is_empty() {
        if phone_required {
            errors.add("phone", "phone-missing");
        }
        None
    } else {
        check_phone(&input.phone)
            .map_err(|e| errors.add("phone", e))
            .ok()
    };
    let message = check_message(&input.message)
        .map_err(|e| errors.add("message", e))
        .ok()
        .flatten();
    match (name, email) {
        (Some(name), Some(email)) if errors.is_empty() => Ok(Contact {
            name,
            email,
            phone,
            message,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_collects_every_error_and_requires_phone_for_calls() {
        let input = ContactInput {
            name: "".into(),
            email: "nope".into(),
            phone: "".into(),
            message: "x".repeat(2001),
        };
        let errors = check_contact(&input, true).unwrap_err();
        let fields: Vec<&str> = errors.fields.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, CONTACT_KEYS);

        let ok = ContactInput {
            name: "Zoé".into(),
            email: "zoe@example.fr".into(),
            phone: "".into(),
            message: "  Bonjour\nà bientôt  ".into(),
        };
        let c = check_contact(&ok, false).unwrap();
        assert_eq!(c.phone, None);
        assert_eq!(c.message.as_deref(), Some("Bonjour\nà bientôt"));
        assert!(check_contact(&ok, true).is_err());
    }

    #[test]
    fn one_mailbox_however_the_address_is_written() {
        for written in [
            "zoe@example.fr",
            " ZOE@Example.FR ",
            "zoe+1@example.fr",
            "Zoe+rdv+2@example.fr",
        ] {
            assert_eq!(mailbox_of(written), "zoe@example.fr", "{written}");
        }
        assert_eq!(mailbox_of("z.o.e+x@googlemail.com"), "zoe@gmail.com");
        assert_eq!(mailbox_of("z.o.e@example.fr"), "z.o.e@example.fr");
        assert_ne!(mailbox_of("zoe@example.fr"), mailbox_of("zoe@example.com"));
        assert_eq!(mailbox_of("no-at-sign"), "no-at-sign");
    }
}
