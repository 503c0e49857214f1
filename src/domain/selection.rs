//! Which dates and hours the tunnel proposes: week windows and a seeded random pick.
//!
//! The pick is a pure function of the availability and a seed carried in the URL, so that
//! server rendering, reloads, the back button and tests all see the same proposal.

use std::ops::Range;

use chrono::{Days, NaiveDate};
use rand::{rngs::StdRng, seq::index::sample, Rng, SeedableRng};

use super::calendar::{Day, Hour};

/// Length of one week window, in calendar days.
pub const WINDOW_DAYS: u64 = 7;

/// A run of days shown together: it starts at its first available date and spans 7 days.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WeekWindow {
    /// The first available date of the window.
    pub start: NaiveDate,
    /// Indices of the window's days in the slice it was cut from.
    pub days: Range<usize>,
}

/// Cuts sorted days into week windows.
///
/// A window never starts on an empty day: each starts at the first available date after
/// the previous window's end, so "the next week" skips weeks with nothing to offer.
pub fn week_windows(days: &[Day]) -> Vec<WeekWindow> {
    let mut windows = Vec::new();
    let mut i = 0;
    while i < days.len() {
        let start = days[i].date;
        let end = start
            .checked_add_days(Days::new(WINDOW_DAYS))
            .unwrap_or(NaiveDate::MAX);
        let first = i;
        while i < days.len() && days[i].date < end {
            i += 1;
        }
        windows.push(WeekWindow {
            start,
            days: first..i,
        });
    }
    windows
}

/// Mixes the visit seed with a salt so each decision draws from its own stream.
fn rng_for(seed: u64, salt: u64) -> StdRng {
    StdRng::seed_from_u64(seed ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// Picks how many and which days of a window to propose, returned in chronological order.
///
/// The count is drawn in `min..=max` and capped by the days available.
pub fn pick_dates(
    window_len: usize,
    min: usize,
    max: usize,
    seed: u64,
    window_index: usize,
) -> Vec<usize> {
    let mut rng = rng_for(seed, window_index as u64 + 1);
    let max = max.max(min);
    let wanted = if max > min {
        rng.random_range(min..=max)
    } else {
        min
    };
    let count = wanted.min(window_len);
    let mut picked = sample(&mut rng, window_len, count).into_vec();
    picked.sort_unstable();
    picked
}

/// Picks `count` hours of a day, in order, preferring a spread-out choice.
///
/// With two or more hours wanted and both a morning (before 12:00) and an afternoon on
/// offer, one of each is taken first; among the draws, a choice with no two adjacent
/// hours is preferred when the day allows one.
pub fn pick_hours(hours: &[Hour], count: usize, seed: u64, date: NaiveDate) -> Vec<usize> {
    let salt = u64::from(date.to_string().bytes().fold(0u32, |acc, b| {
        acc.wrapping_mul(31).wrapping_add(u32::from(b))
    }));
    let mut rng = rng_for(seed, salt | (1 << 40));
    let count = count.min(hours.len());
    if count == hours.len() {
        return (0..count).collect();
    }
    let is_morning = |h: &Hour| h.time.hour() < 12;
    let morning: Vec<usize> = (0..hours.len())
        .filter(|&i| is_morning(&hours[i]))
        .collect();
    let afternoon: Vec<usize> = (0..hours.len())
        .filter(|&i| !is_morning(&hours[i]))
        .collect();

    let mut best: Option<Vec<usize>> = None;
    // A few draws are enough to find a non-adjacent choice when one exists; the bound
    // keeps the cost fixed whatever the day looks like.
    for _ in 0..16 {
        let mut picked: Vec<usize> = Vec::with_capacity(count);
        if count >= 2 && !morning.is_empty() && !afternoon.is_empty() {
            picked.push(morning[rng.random_range(0..morning.len())]);
            picked.push(afternoon[rng.random_range(0..afternoon.len())]);
        }
        let rest: Vec<usize> = (0..hours.len()).filter(|i| !picked.contains(i)).collect();
        let more = count - picked.len();
        for j in sample(&mut rng, rest.len(), more) {
            picked.push(rest[j]);
        }
        picked.sort_unstable();
        let spread = picked.windows(2).all(|w| w[1] - w[0] >= 2);
        if spread {
            return picked;
        }
        best.get_or_insert(picked);
    }
    best.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn day(date: &str, times: &[&str]) -> Day {
        Day {
            date: date.parse().unwrap(),
            hours: times
                .iter()
                .map(|t| Hour {
                    time: t.parse().unwrap(),
                    start_utc: DateTime::<Utc>::MIN_UTC,
                })
                .collect(),
        }
    }

    #[test]
    fn windows_skip_empty_weeks_and_span_seven_days() {
        let days = vec![
            day("2026-11-26", &["09:00"]),
            day("2026-11-30", &["09:00"]),
            day("2026-12-02", &["09:00"]),
            day("2026-12-03", &["09:00"]),
            day("2026-12-21", &["09:00"]),
        ];
        let w = week_windows(&days);
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].days, 0..3);
        assert_eq!(w[1].start.to_string(), "2026-12-03");
        assert_eq!(w[1].days, 3..4);
        assert_eq!(w[2].start.to_string(), "2026-12-21");
        assert!(week_windows(&[]).is_empty());
    }

    #[test]
    fn dates_are_sorted_distinct_within_bounds_and_seeded() {
        for seed in 0..200 {
            let p = pick_dates(5, 3, 4, seed, 0);
            assert!((3..=4).contains(&p.len()));
            assert!(p.windows(2).all(|w| w[0] < w[1]));
            assert!(p.iter().all(|&i| i < 5));
            assert_eq!(p, pick_dates(5, 3, 4, seed, 0));
        }
        assert_eq!(pick_dates(2, 3, 4, 7, 0), vec![0, 1]);
        let counts: std::collections::HashSet<usize> =
            (0..50).map(|s| pick_dates(6, 3, 4, s, 0).len()).collect();
        assert_eq!(counts.len(), 2, "both 3 and 4 dates occur");
    }

    #[test]
    fn hours_prefer_morning_and_afternoon() {
        let d = day(
            "2026-11-26",
            &[
                "09:00", "09:30", "10:00", "10:30", "14:00", "14:30", "15:00",
            ],
        );
        for seed in 0..200 {
            let p = pick_hours(&d.hours, 2, seed, d.date);
            assert_eq!(p.len(), 2);
            assert!(d.hours[p[0]].time.hour() < 12);
            assert!(d.hours[p[1]].time.hour() >= 12);
        }
    }

    #[test]
    fn hours_avoid_adjacent_when_possible() {
        let d = day("2026-11-26", &["14:00", "14:30", "15:00", "15:30", "16:00"]);
        for seed in 0..200 {
            let p = pick_hours(&d.hours, 2, seed, d.date);
            assert!(p[1] - p[0] >= 2, "seed {seed}: {p:?}");
        }
        let two = day("2026-11-26", &["14:00", "14:30"]);
        assert_eq!(pick_hours(&two.hours, 2, 1, two.date), vec![0, 1]);
        let one = day("2026-11-26", &["14:00"]);
        assert_eq!(pick_hours(&one.hours, 2, 1, one.date), vec![0]);
    }
}
