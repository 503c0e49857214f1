//! The business's rules for changing an appointment from its page: what Cal.com's event
//! type forbids (`disableCancelling`, `disableRescheduling` and its `minutesBefore`), and
//! the cut-off the business sets in `Leptos.toml` (`changes_until_hours_before`). Cal.com
//! exempts the owner of the API key from its own rules, and every call the tunnel makes
//! uses that key: the tunnel applies them itself, on the page and on the post.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{lang::Words, manage::ManageAction};

/// What may be changed, and until when.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRules {
    /// Cal.com's `disableCancelling.disabled`.
    pub cancel_forbidden: bool,
    /// Cal.com's `disableRescheduling.disabled`.
    pub move_forbidden: bool,
    /// No move within this many minutes of the start (`disableRescheduling.minutesBefore`).
    pub move_notice_minutes: Option<u32>,
    /// No change within this many minutes of the start (the business's own cut-off).
    pub cutoff_minutes: Option<u32>,
}

impl ChangeRules {
    /// Minutes before the start after which `action` is refused; `None`: until the start.
    fn deadline(&self, action: ManageAction) -> Option<u32> {
        match action {
            ManageAction::Cancel => self.cutoff_minutes,
            ManageAction::Move => self.cutoff_minutes.max(self.move_notice_minutes),
        }
    }

    fn forbidden(&self, action: ManageAction) -> bool {
        match action {
            ManageAction::Cancel => self.cancel_forbidden,
            ManageAction::Move => self.move_forbidden,
        }
    }

    /// True when `action` is allowed now for an appointment starting at `start`.
    pub fn allows(&self, action: ManageAction, start: DateTime<Utc>, now: DateTime<Utc>) -> bool {
        let before = chrono::Duration::minutes(i64::from(self.deadline(action).unwrap_or(0)));
        !self.forbidden(action) && now < start - before
    }

    /// The rules in the visitor's words: one sentence per action that has one (one for both
    /// when they share it), nothing when changes are free until the start.
    pub fn said(&self, words: &Words, start: DateTime<Utc>, now: DateTime<Utc>) -> Vec<String> {
        let sentence = |action: ManageAction| -> Option<(&'static str, Option<String>)> {
            let (forbidden, until, late) = match action {
                ManageAction::Cancel => ("rule-no-cancel", "rule-cancel-until", "rule-cancel-late"),
                ManageAction::Move => ("rule-no-move", "rule-move-until", "rule-move-late"),
            };
            if self.forbidden(action) {
                return Some((forbidden, None));
            }
            let delay = delay_label(self.deadline(action)?);
            Some(if self.allows(action, start, now) {
                (until, Some(delay))
            } else {
                (late, Some(delay))
            })
        };
        let say = |(id, delay): (&str, Option<String>)| match delay {
            Some(delay) => words.say_with(id, &[("delay", &delay)]),
            None => words.say(id),
        };
        match (sentence(ManageAction::Move), sentence(ManageAction::Cancel)) {
            (Some(("rule-move-until", Some(a))), Some(("rule-cancel-until", Some(b))))
                if a == b =>
            {
                vec![words.say_with("rule-both-until", &[("delay", &a)])]
            }
            (m, c) => m.into_iter().chain(c).map(say).collect(),
        }
    }
}

/// "24 h", "30 min", "1 h 30" (French and English alike).
pub fn delay_label(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(hours_before: i64) -> (DateTime<Utc>, DateTime<Utc>) {
        let start: DateTime<Utc> = "2031-03-04T10:00:00Z".parse().unwrap();
        (start, start - chrono::Duration::hours(hours_before))
    }

    #[test]
    fn deadlines_and_prohibitions() {
        let rules = ChangeRules {
            move_notice_minutes: Some(120),
            cutoff_minutes: Some(60),
            ..ChangeRules::default()
        };
        let (start, now) = at(3);
        assert!(rules.allows(ManageAction::Move, start, now));
        let (start, now) = at(1);
        assert!(
            !rules.allows(ManageAction::Move, start, now),
            "within the 2 h notice"
        );
        let (start, now) = at(2);
        assert!(rules.allows(ManageAction::Cancel, start, now));
        assert!(!rules.allows(
            ManageAction::Cancel,
            start,
            start - chrono::Duration::minutes(59)
        ));
        let none = ChangeRules {
            cancel_forbidden: true,
            ..ChangeRules::default()
        };
        assert!(!none.allows(ManageAction::Cancel, start, now));
        assert!(none.allows(ManageAction::Move, start, now));
        assert!(
            !ChangeRules::default().allows(ManageAction::Move, start, start),
            "never after the start"
        );
    }

    #[test]
    fn delays_read_as_people_write_them() {
        assert_eq!(delay_label(1440), "24 h");
        assert_eq!(delay_label(30), "30 min");
        assert_eq!(delay_label(90), "1 h 30");
    }
}
