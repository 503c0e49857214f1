//! The demo calendar: plausible availability when no Cal.com account is configured.
//!
//! Weekdays 09:00–12:00 and 14:00–18:00 in the business zone, one slot per event length,
//! with a fixed share of slots "taken" so the page looks like a real week. Deterministic:
//! the same event type and time always give the same answer.

use chrono::{DateTime, Datelike, Days, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;

use crate::server::config::EventType;

/// Share of slots shown as already taken, in percent.
const TAKEN_PERCENT: u64 = 40;
/// Opening periods, as (start, end) minutes after midnight.
const PERIODS: [(u32, u32); 2] = [(9 * 60, 12 * 60), (14 * 60, 18 * 60)];

/// The built-in demo calendar.
#[derive(Clone, Debug)]
pub struct DemoCalendar {
    tz: Tz,
}

impl DemoCalendar {
    /// A demo calendar in the business time zone.
    pub fn new(tz: Tz) -> Self {
        Self { tz }
    }

    /// Free slot starts of `event` between `start` and `end`.
    pub fn slot_starts(
        &self,
        event: &EventType,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Vec<DateTime<Utc>> {
        let step = event.duration_minutes.max(5);
        let mut out = Vec::new();
        let mut date = start.with_timezone(&self.tz).date_naive();
        let last = end.with_timezone(&self.tz).date_naive();
        while date <= last {
            if !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
                for (open, close) in PERIODS {
                    let mut minute = open;
                    while minute + step <= close {
                        let local = NaiveTime::from_hms_opt(minute / 60, minute % 60, 0)
                            .map(|t| date.and_time(t));
                        let instant = local
                            .and_then(|l| self.tz.from_local_datetime(&l).earliest())
                            .map(|t| t.with_timezone(&Utc));
                        if let Some(at) = instant {
                            if at >= start && at <= end && !is_taken(event.calcom_id, at) {
                                out.push(at);
                            }
                        }
                        minute += step;
                    }
                }
            }
            match date.checked_add_days(Days::new(1)) {
                Some(next) => date = next,
                None => break,
            }
        }
        out
    }
}

/// A stable pseudo-random verdict per (event type, instant), so reloads agree.
fn is_taken(event_id: u64, at: DateTime<Utc>) -> bool {
    // FNV-1a over the two numbers: tiny, stable across platforms and releases.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in event_id
        .to_le_bytes()
        .into_iter()
        .chain(at.timestamp().to_le_bytes())
    {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 100 < TAKEN_PERCENT
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;
    use chrono_tz::Europe::Paris;

    fn appel() -> EventType {
        EventType {
            slug: "appel".into(),
            calcom_id: 2283473,
            label: "Appel".into(),
            duration_minutes: 30,
            public_page: None,
            phone_required: true,
            changes_until_minutes: None,
        }
    }

    #[test]
    fn weekdays_in_business_hours_only_and_deterministic() {
        let cal = DemoCalendar::new(Paris);
        let start = Utc.with_ymd_and_hms(2026, 11, 23, 0, 0, 0).unwrap(); // a Monday
        let end = Utc.with_ymd_and_hms(2026, 12, 6, 23, 0, 0).unwrap();
        let slots = cal.slot_starts(&appel(), start, end);
        assert!(!slots.is_empty());
        for s in &slots {
            let local = s.with_timezone(&Paris);
            assert!(!matches!(local.weekday(), Weekday::Sat | Weekday::Sun));
            let m = local.hour() * 60 + local.minute();
            assert!(
                (540..720).contains(&m) || (840..1080).contains(&m),
                "{local}"
            );
        }
        // About 60 % of the 2 weeks × 5 days × 14 slots (140) are free.
        assert!((65..=105).contains(&slots.len()), "{}", slots.len());
        assert_eq!(slots, cal.slot_starts(&appel(), start, end));
    }

    #[test]
    fn respects_the_window() {
        let cal = DemoCalendar::new(Paris);
        let start = Utc.with_ymd_and_hms(2026, 11, 26, 12, 0, 0).unwrap();
        let end = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
        let slots = cal.slot_starts(&appel(), start, end);
        assert!(slots.iter().all(|s| *s >= start && *s <= end));
    }
}
