//! The visitor's own proposal: the time ranges they offer when no proposed hour fits.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    checks::parse_date,
    contact::{check_contact, Contact, ContactInput},
    fields::{slot_key, FieldErrors},
    hour_minute::HourMinute,
};

/// Time-range rows of the proposal form (and the most a request may hold).
pub const SLOT_ROWS: usize = 3;

/// A time range proposed by the visitor, as typed (`form[slots][0][date]`…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotInput {
    /// `YYYY-MM-DD` (an `<input type="date">`).
    #[serde(default)]
    pub date: String,
    /// `HH:MM` start.
    #[serde(default)]
    pub from: String,
    /// `HH:MM` end.
    #[serde(default)]
    pub to: String,
}

/// A checked time range, as stored (a JSON array of these) and notified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposedSlot {
    /// The day, in the business time zone.
    pub date: NaiveDate,
    /// Start.
    pub from: HourMinute,
    /// End, after `from`.
    pub to: HourMinute,
}

/// A checked proposal: what is stored, listed and notified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    /// Event type slug.
    pub event_type: String,
    /// The visitor's name.
    pub name: String,
    /// The visitor's email.
    pub email: String,
    /// The visitor's phone, international format, if given.
    pub phone: Option<String>,
    /// The time ranges offered, in the business time zone.
    pub availabilities: Vec<ProposedSlot>,
    /// The visitor's message.
    pub message: Option<String>,
    /// `utm_*` parameters of the visit.
    pub utm: std::collections::BTreeMap<String, String>,
}

/// Checks the proposed time ranges: blank rows are skipped, at least one is needed, each
/// from today to a year ahead with its end after its start. Rows past [`SLOT_ROWS`] are
/// refused (the form never sends them).
pub fn check_slots(
    rows: &[SlotInput],
    today: NaiveDate,
    errors: &mut FieldErrors,
) -> Vec<ProposedSlot> {
    let mut slots = Vec::new();
    let last_day = today + chrono::Days::new(366);
    for (i, row) in rows.iter().enumerate() {
        let field = slot_key(i);
        let (date, from, to) = (row.date.trim(), row.from.trim(), row.to.trim());
        if date.is_empty() && from.is_empty() && to.is_empty() {
            continue;
        }
        if i >= SLOT_ROWS {
            errors.add(&field, "slots-too-many");
            continue;
        }
        let Some(day) = parse_date(date) else {
            errors.add(&field, "slot-day-missing");
            continue;
        };
        if day < today || day > last_day {
            errors.add(&field, "slot-day-range");
            continue;
        }
        let (Ok(from), Ok(to)) = (from.parse::<HourMinute>(), to.parse::<HourMinute>()) else {
            errors.add(&field, "slot-hours-missing");
            continue;
        };
        if from >= to {
            errors.add(&field, "slot-hours-order");
            continue;
        }
        slots.push(ProposedSlot {
            date: day,
            from,
            to,
        });
    }
    if slots.is_empty() && errors.fields.iter().all(|(f, _)| !f.starts_with("slot")) {
        errors.add(&slot_key(0), "slots-none");
    }
    slots
}

/// A proposal as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalInput {
    /// Contact details.
    pub contact: ContactInput,
    /// Proposed time ranges (blank rows allowed).
    pub slots: Vec<SlotInput>,
    /// The privacy consent box.
    pub consent: bool,
}

/// Checks a whole proposal.
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
        errors.add("consent", "consent-missing");
    }
    match contact {
        Some(c) if errors.is_empty() => Ok((c, slots)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(
            serde_json::to_string(&slots).unwrap(),
            r#"[{"date":"2026-12-01","from":"09:00","to":"12:00"}]"#,
            "the stored JSON"
        );

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
        input.slots = vec![row("2026-12-01", "09:00", "12:00"); SLOT_ROWS + 1];
        let e = check_proposal(&input, today).unwrap_err();
        assert_eq!(e.fields[0].0, slot_key(SLOT_ROWS), "one row too many");
    }
}
