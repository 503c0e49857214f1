//! The ids by which the browser code (`client/`) finds what the server's components
//! rendered. Both sides import them from here, so neither imports the other.

/// The contact form.
pub const CONTACT_FORM: &str = "form-contact";
/// The contact step's heading (focused when the browser shows a refusal).
pub const CONTACT_TITLE: &str = "step-contact-title";
/// The proposal form.
pub const PROPOSAL_FORM: &str = "form-proposal";
/// The proposal step's heading.
pub const PROPOSAL_TITLE: &str = "step-proposal-title";
/// The dates step's heading.
pub const DATES_TITLE: &str = "step-dates-title";

/// The control of the field `key` (`name`, `email`, `slots-0-date`, `consent`…).
pub fn field(key: &str) -> String {
    format!("field-{key}")
}

/// The error message under the field `key`.
pub fn field_error(key: &str) -> String {
    format!("error-{key}")
}

/// The hint under the field `key`.
pub fn field_hint(key: &str) -> String {
    format!("hint-{key}")
}

/// The notice above the form `form`.
pub fn form_notice(form: &str) -> String {
    format!("notice-{form}")
}

/// The control of one part (`date`, `from`, `to`) of the proposal row `index`.
pub fn slot_part(part: &str, index: usize) -> String {
    field(&format!("slots-{index}-{part}"))
}

/// The heading of the hours step of the `index`-th offered date.
pub fn hours_title(index: usize) -> String {
    format!("step-hours-title-{index}")
}
