//! `[reminders]`: an email to the visitor ahead of their appointment, with where it happens
//! and the link that moves or cancels it. Cal.com sends none without its paid workflows.

use std::time::Duration;

use serde::Deserialize;

use super::{error::Keys, ConfigError, NotifySettings};

/// `[reminders]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(super) struct RawReminders {
    pub enabled: Option<bool>,
    pub before: Vec<String>,
}

impl Default for RawReminders {
    fn default() -> Self {
        Self {
            enabled: None,
            before: vec!["24h".to_string()],
        }
    }
}

/// "24h", "90m", "2d", "45s": a duration as the settings write it.
fn duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let unit = text.chars().last()?;
    let n: u64 = text[..text.len() - unit.len_utf8()].trim().parse().ok()?;
    let seconds = match unit {
        's' => n,
        'm' => n.checked_mul(60)?,
        'h' => n.checked_mul(3600)?,
        'd' => n.checked_mul(86_400)?,
        _ => return None,
    };
    (1..=30 * 86_400)
        .contains(&seconds)
        .then(|| Duration::from_secs(seconds))
}

/// Reads `[reminders]`: on by default when emails can be sent (`SMTP_URL`) and their link
/// can name the page (`business.public_url`); `enabled = false` turns them off.
pub(super) fn reminders(
    file: Keys<'_>,
    raw: RawReminders,
    notify: &NotifySettings,
    public_url: Option<&str>,
) -> Result<Vec<Duration>, ConfigError> {
    let mut before = Vec::new();
    for text in &raw.before {
        let Some(d) = duration(text) else {
            return Err(file.invalid(
                "reminders.before",
                format!("holds {text:?}: write durations such as \"24h\", \"90m\" or \"2d\" (at most 30 days)"),
            ));
        };
        if !before.contains(&d) {
            before.push(d);
        }
    }
    let can = notify.email.is_some() && public_url.is_some();
    match raw.enabled {
        Some(true) if !can => Err(file.invalid(
            "reminders.enabled",
            "needs SMTP_URL, NOTIFY_EMAIL_TO and business.public_url: a reminder is an email with a link",
        )),
        Some(false) => Ok(Vec::new()),
        _ if !can => Ok(Vec::new()),
        _ => Ok(before),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_written() {
        assert_eq!(duration("24h"), Some(Duration::from_secs(86_400)));
        assert_eq!(duration("90m"), Some(Duration::from_secs(5_400)));
        assert_eq!(duration("2d"), Some(Duration::from_secs(172_800)));
        assert_eq!(duration("0h"), None);
        assert_eq!(duration("31d"), None);
        assert_eq!(duration("24"), None);
        assert_eq!(duration("h"), None);
    }
}
