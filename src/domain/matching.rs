//! Which free hours answer a proposal: an hour matches when it starts inside one of the
//! visitor's ranges — their date, from the range's start (included) to its end (excluded),
//! in the business's zone, as both the ranges and the days are.

use chrono::NaiveDate;

use super::{
    calendar::{Day, Hour},
    proposal::ProposedSlot,
};

/// An hour offered for a proposal: its date and time in the business's zone, and instant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// The date, in the business's zone.
    pub date: NaiveDate,
    /// The hour.
    pub hour: Hour,
}

/// The hours of `days` inside one of `ranges`, soonest first, at most `limit`.
pub fn matching_hours(ranges: &[ProposedSlot], days: &[Day], limit: usize) -> Vec<Match> {
    days.iter()
        .flat_map(|day| day.hours.iter().map(move |hour| (day.date, hour)))
        .filter(|(date, hour)| {
            ranges
                .iter()
                .any(|r| r.date == *date && r.from <= hour.time && hour.time < r.to)
        })
        .take(limit)
        .map(|(date, hour)| Match {
            date,
            hour: hour.clone(),
        })
        .collect()
}

/// The last day a proposal made on `made` is matched: its last proposed day, or `made`
/// plus `max_days` when that comes first. `None` for a proposal without ranges.
pub fn last_matchable_day(
    ranges: &[ProposedSlot],
    made: NaiveDate,
    max_days: Option<u32>,
) -> Option<NaiveDate> {
    let last = ranges.iter().map(|r| r.date).max()?;
    Some(match max_days {
        Some(days) => last.min(made + chrono::Days::new(u64::from(days))),
        None => last,
    })
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};

    use super::*;
    use crate::domain::hour_minute::HourMinute;

    fn hm(s: &str) -> HourMinute {
        s.parse().unwrap()
    }

    fn day(date: NaiveDate, times: &[&str]) -> Day {
        Day {
            date,
            hours: times
                .iter()
                .map(|t| Hour {
                    time: hm(t),
                    // Any distinct instant: matching reads the wall-clock time.
                    start_utc: Utc
                        .timestamp_opt(i64::from(hm(t).hour() * 60 + hm(t).minute()) * 60, 0)
                        .unwrap(),
                })
                .collect(),
        }
    }

    #[test]
    fn an_hour_matches_inside_a_range_start_included_end_excluded() {
        let d = NaiveDate::from_ymd_opt(2031, 3, 4).unwrap();
        let ranges = [ProposedSlot {
            date: d,
            from: hm("10:00"),
            to: hm("11:00"),
        }];
        let days = [
            day(d, &["09:30", "10:00", "10:30", "11:00"]),
            day(d.succ_opt().unwrap(), &["10:00"]),
        ];
        let found: Vec<String> = matching_hours(&ranges, &days, 5)
            .iter()
            .map(|m| format!("{} {}", m.date, m.hour.time))
            .collect();
        assert_eq!(found, ["2031-03-04 10:00", "2031-03-04 10:30"]);
        assert_eq!(matching_hours(&ranges, &days, 1).len(), 1, "the limit");
        assert!(
            matching_hours(&ranges, &days[1..], 5).is_empty(),
            "another day"
        );
    }

    #[test]
    fn matchable_until_the_last_day_or_the_configured_days() {
        let d = |n| NaiveDate::from_ymd_opt(2031, 3, n).unwrap();
        let range = |n| ProposedSlot {
            date: d(n),
            from: hm("10:00"),
            to: hm("11:00"),
        };
        let ranges = [range(20), range(9)];
        assert_eq!(last_matchable_day(&ranges, d(1), None), Some(d(20)));
        assert_eq!(last_matchable_day(&ranges, d(1), Some(5)), Some(d(6)));
        assert_eq!(last_matchable_day(&ranges, d(1), Some(30)), Some(d(20)));
        assert_eq!(last_matchable_day(&[], d(1), None), None);
    }
}
