//! Checks of what visitors type, shared by the server (authoritative) and the islands
//! (instant feedback). No regex: hand-written checks keep the browser bundle small.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Longest name accepted.
pub const NAME_MAX: usize = 100;
/// Longest email accepted (RFC 5321 path limit).
pub const EMAIL_MAX: usize = 254;
/// Longest free message accepted.
pub const MESSAGE_MAX: usize = 2000;
/// Longest raw phone input accepted.
pub const PHONE_MAX: usize = 32;

/// Contact details as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactInput {
    /// Full name.
    pub name: String,
    /// Email address.
    pub email: String,
    /// Phone number, any common French or international writing.
    pub phone: String,
    /// Optional free message.
    pub message: String,
}

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

/// The key of errors about the whole form rather than one field.
pub const FORM_LEVEL: &str = "form";
/// The key under which a refusal carries a fresh form token.
pub const FRESH_TOKEN: &str = "issued";
/// Shown above a form when fields need fixing.
pub const FIX_FIELDS: &str =
    "Certains champs sont à corriger : voyez les messages sous chaque champ.";

/// One French message per field at fault.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors {
    /// Errors as (field name, message), in form order.
    pub fields: Vec<(String, String)>,
}

impl FieldErrors {
    /// Records an error for `field`.
    pub fn add(&mut self, field: &str, message: &str) {
        self.fields.push((field.to_string(), message.to_string()));
    }
    /// The message for `field`, if any.
    pub fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
    /// A refusal of the whole form (not of one field), with its message.
    pub fn form(message: &str) -> Self {
        let mut e = Self::default();
        e.add(FORM_LEVEL, message);
        e
    }
    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }
}

/// Control characters are refused (except line breaks and tabs in free text).
fn has_control(s: &str, allow_newlines: bool) -> bool {
    s.chars()
        .any(|c| c.is_control() && !(allow_newlines && matches!(c, '\n' | '\r' | '\t')))
}

/// Validates a name: 2 to 100 characters, any script, no control characters.
pub fn check_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    let len = name.chars().count();
    if len == 0 {
        return Err("Indiquez votre nom.");
    }
    if !(2..=NAME_MAX).contains(&len) || has_control(name, false) {
        return Err("Le nom doit compter de 2 à 100 caractères, sans caractère spécial invisible.");
    }
    Ok(name.to_string())
}

/// Validates an email address: the common shape `local@domain.tld`, at most 254 characters.
pub fn check_email(raw: &str) -> Result<String, &'static str> {
    const INVALID: &str = "Adresse e-mail invalide (exemple : nom@domaine.fr).";
    let email = raw.trim();
    if email.is_empty() {
        return Err("Indiquez votre adresse e-mail.");
    }
    if email.len() > EMAIL_MAX || has_control(email, false) || email.contains(char::is_whitespace) {
        return Err(INVALID);
    }
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err(INVALID);
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.contains('@')
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && !local.contains(['<', '>', '(', ')', '[', ']', ',', ';', ':', '"', '\\']);
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
    if local_ok && domain_ok {
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
    const INVALID: &str =
        "Numéro de téléphone invalide (exemple : 06 12 34 56 78 ou +33 6 12 34 56 78).";
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
        return Err("Le message ne peut pas dépasser 2000 caractères.");
    }
    if has_control(message, true) {
        return Err("Le message contient des caractères invisibles non autorisés.");
    }
    Ok((!message.is_empty()).then(|| message.to_string()))
}

/// Validates contact details; `phone_required` for phone appointments.
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
            errors.add(
                "phone",
                "Indiquez un numéro de téléphone pour être rappelé.",
            );
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

/// Most proposed time ranges in one request.
pub const MAX_SLOTS: usize = 5;

/// A time range proposed by the visitor, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotInput {
    /// `YYYY-MM-DD` (an `<input type="date">`).
    pub date: String,
    /// `HH:MM` start.
    pub from: String,
    /// `HH:MM` end.
    pub to: String,
}

/// A checked time range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedSlot {
    /// The day.
    pub date: NaiveDate,
    /// Start, `HH:MM`.
    pub from: String,
    /// End, `HH:MM`, after `from`.
    pub to: String,
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

/// Checks the proposed time ranges: blank rows are skipped, at least one is needed, each
/// from today to a year ahead with its end after its start.
pub fn check_slots(
    rows: &[SlotInput],
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Vec<ProposedSlot> {
    let mut slots = Vec::new();
    let last_day = today + chrono::Days::new(366);
    for (i, row) in rows.iter().enumerate().take(MAX_SLOTS) {
        let field = format!("slot{i}");
        let (date, from, to) = (row.date.trim(), row.from.trim(), row.to.trim());
        if date.is_empty() && from.is_empty() && to.is_empty() {
            continue;
        }
        let Some(day) = parse_date(date) else {
            errors.add(&field, "Indiquez un jour (jj/mm/aaaa).");
            continue;
        };
        if day < today || day > last_day {
            errors.add(
                &field,
                "Choisissez un jour entre aujourd’hui et dans un an.",
            );
            continue;
        }
        if !super::tunnel::is_hh_mm(from) || !super::tunnel::is_hh_mm(to) {
            errors.add(&field, "Indiquez une heure de début et de fin (hh:mm).");
            continue;
        }
        if from >= to {
            errors.add(&field, "L’heure de fin doit suivre l’heure de début.");
            continue;
        }
        slots.push(ProposedSlot {
            date: day,
            from: from.to_string(),
            to: to.to_string(),
        });
    }
    if slots.is_empty() && errors.fields.iter().all(|(f, _)| !f.starts_with("slot")) {
        errors.add(
            "slot0",
            "Proposez au moins un créneau : un jour, une heure de début et de fin.",
        );
    }
    slots
}

/// An own-availability request as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalInput {
    /// Contact details.
    pub contact: ContactInput,
    /// Proposed time ranges (blank rows allowed).
    pub slots: Vec<SlotInput>,
    /// The privacy consent box.
    pub consent: bool,
}

/// Checks a whole own-availability request.
pub fn check_proposal(
    input: &ProposalInput,
    today: NaiveDate,
) -> Result<(Contact, Vec<ProposedSlot>), FieldErrors> {
    let (contact, mut errors) = match check_contact(&input.contact, false) {
        Ok(c) => (Some(c), FieldErrors::default()),
        Err(e) => (None, e),
    };
    let slots = check_slots(&input.slots, today, &mut errors);
    if !input.consent {
        errors.add(
            "consent",
            "Cochez la case pour accepter que vos coordonnées soient conservées pour vous recontacter.",
        );
    }
    match contact {
        Some(c) if errors.is_empty() => Ok((c, slots)),
        _ => Err(errors),
    }
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
    fn contact_collects_every_error_and_requires_phone_for_calls() {
        let input = ContactInput {
            name: "".into(),
            email: "nope".into(),
            phone: "".into(),
            message: "x".repeat(2001),
        };
        let errors = check_contact(&input, true).unwrap_err();
        let fields: Vec<&str> = errors.fields.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, ["name", "email", "phone", "message"]);

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

    fn row(date: &str, from: &str, to: &str) -> SlotInput {
        SlotInput {
            date: date.into(),
            from: from.into(),
            to: to.into(),
        }
    }

    #[test]
    fn proposals() {
        let today = parse_date("2026-11-25").unwrap();
        let contact = ContactInput {
            name: "Zoé".into(),
            email: "zoe@example.fr".into(),
            ..ContactInput::default()
        };
        let mut input = ProposalInput {
            contact,
            slots: vec![row("2026-12-01", "09:00", "12:00"), row("", "", "")],
            consent: true,
        };
        let (_, slots) = check_proposal(&input, today).unwrap();
        assert_eq!(slots.len(), 1);

        input.consent = false;
        assert_eq!(
            check_proposal(&input, today).unwrap_err().fields[0].0,
            "consent"
        );

        input.consent = true;
        input.slots = vec![row("", "", "")];
        assert_eq!(
            check_proposal(&input, today).unwrap_err().fields[0].0,
            "slot0"
        );
        for (bad, why) in [
            (row("2026-11-24", "09:00", "10:00"), "past"),
            (row("2028-01-01", "09:00", "10:00"), "too far"),
            (row("2026-12-01", "10:00", "09:00"), "reversed"),
            (row("2026-12-01", "9h", "10:00"), "format"),
            (row("2026-02-30", "09:00", "10:00"), "no such day"),
        ] {
            input.slots = vec![row("2026-12-01", "09:00", "12:00"), bad];
            let e = check_proposal(&input, today).unwrap_err();
            assert_eq!(e.fields[0].0, "slot1", "{why}");
        }
    }
}
