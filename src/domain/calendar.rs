//! Bookable days and hours in the business time zone.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::hour_minute::HourMinute;

/// One bookable hour: the wall-clock time in the business zone and its exact instant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hour {
    /// The wall-clock time in the business time zone.
    pub time: HourMinute,
    /// The exact start instant; bookings are made with it.
    pub start_utc: DateTime<Utc>,
}

/// A date of the business calendar with its bookable hours, in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// The calendar date in the business time zone.
    pub date: NaiveDate,
    /// Hours in chronological order; never empty in a grouped result.
    pub hours: Vec<Hour>,
}

/// Groups slot start instants into days of `tz`.
///
/// The result is sorted by date then hour; duplicates are removed, slots that start at or
/// before `now` are dropped, and days left without hours do not appear. Slots may carry any
/// offset: grouping is done from the instant, so a slot that Cal.com dated in another zone
/// still lands on the right local day.
pub fn group_by_day<Tz: TimeZone>(
    starts: impl IntoIterator<Item = DateTime<Utc>>,
    tz: &Tz,
    now: DateTime<Utc>,
) -> Vec<Day> {
    let mut instants: Vec<DateTime<Utc>> = starts.into_iter().filter(|s| *s > now).collect();
    instants.sort();
    instants.dedup();

    let mut days: Vec<Day> = Vec::new();
    for start in instants {
        let local = start.with_timezone(tz);
        let date = local.date_naive();
        let hour = Hour {
            time: HourMinute::of(&local),
            start_utc: start,
        };
        match days.last_mut() {
            Some(day) if day.date == date => day.hours.push(hour),
            _ => days.push(Day {
                date,
                hours: vec![hour],
            }),
        }
    }
    days
}

/// The instant of `hour` on `date` in `zone` (the earlier one on a fall-back night; none
/// in a spring-forward gap).
pub fn instant_of<Tz: TimeZone>(
    zone: &Tz,
    date: NaiveDate,
    hour: HourMinute,
) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&date.and_time(hour.to_naive()))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Drops the hours that start at or before `now` (and the days left empty).
pub fn drop_past(days: &[Day], now: DateTime<Utc>) -> Vec<Day> {
    between(days, now, DateTime::<Utc>::MAX_UTC)
}

/// The hours of `days` that start after `now` and before `until`; days left empty go.
pub fn between(days: &[Day], now: DateTime<Utc>, until: DateTime<Utc>) -> Vec<Day> {
    days.iter()
        .filter_map(|day| {
            let hours: Vec<Hour> = day
                .hours
                .iter()
                .filter(|h| h.start_utc > now && h.start_utc < until)
                .cloned()
                .collect();
            (!hours.is_empty()).then_some(Day {
                date: day.date,
                hours,
            })
        })
        .collect()
}

/// `days` without the hours that start at one of `taken` (held by other visits); days
/// left empty go.
pub fn without(days: &[Day], taken: &[DateTime<Utc>]) -> Vec<Day> {
    if taken.is_empty() {
        return days.to_vec();
    }
    days.iter()
        .filter_map(|day| {
            let hours: Vec<Hour> = day
                .hours
                .iter()
                .filter(|h| !taken.contains(&h.start_utc))
                .cloned()
                .collect();
            (!hours.is_empty()).then_some(Day {
                date: day.date,
                hours,
            })
        })
        .collect()
}

/// The week (from Monday 00:00 to the next, in `tz`) of `instant`, as instants.
pub fn week_of<Tz: TimeZone>(tz: &Tz, instant: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    use chrono::Datelike;
    let date = instant.with_timezone(tz).date_naive();
    let monday = date - chrono::Duration::days(i64::from(date.weekday().num_days_from_monday()));
    let midnight = |d: chrono::NaiveDate| {
        tz.from_local_datetime(&d.and_time(chrono::NaiveTime::MIN))
            .earliest()
            .map_or(instant, |t| t.with_timezone(&Utc))
    };
    (
        midnight(monday),
        midnight(monday + chrono::Duration::days(7)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Paris;

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn groups_by_local_day_in_order_and_drops_past() {
        let now = utc("2026-11-26T08:30:00Z");
        let days = group_by_day(
            [
                utc("2026-11-27T08:00:00Z"),
                utc("2026-11-26T09:00:00Z"),
                utc("2026-11-26T08:00:00Z"), // past
                utc("2026-11-26T13:30:00Z"),
                utc("2026-11-26T09:00:00Z"), // duplicate
            ],
            &Paris,
            now,
        );
        assert_eq!(days.len(), 2);
        assert_eq!(days[0].date.to_string(), "2026-11-26");
        let times: Vec<String> = days[0].hours.iter().map(|h| h.time.to_string()).collect();
        assert_eq!(times, ["10:00", "14:30"]);
        assert_eq!(days[1].hours[0].time.to_string(), "09:00");
    }

    #[test]
    fn late_utc_evening_is_next_local_day() {
        let days = group_by_day(
            [utc("2026-06-30T22:30:00Z")],
            &Paris,
            utc("2026-01-01T00:00:00Z"),
        );
        assert_eq!(days[0].date.to_string(), "2026-07-01");
        assert_eq!(days[0].hours[0].time.to_string(), "00:30");
    }

    #[test]
    fn spring_forward_day_in_paris() {
        // 2026-03-29: clocks go from 02:00 to 03:00 (UTC+1 -> UTC+2).
        let days = group_by_day(
            [
                utc("2026-03-29T00:30:00Z"), // 01:30 CET
                utc("2026-03-29T01:00:00Z"), // 03:00 CEST (02:00 does not exist)
                utc("2026-03-29T07:00:00Z"), // 09:00 CEST
            ],
            &Paris,
            utc("2026-01-01T00:00:00Z"),
        );
        let times: Vec<String> = days[0].hours.iter().map(|h| h.time.to_string()).collect();
        assert_eq!(times, ["01:30", "03:00", "09:00"]);
    }

    #[test]
    fn fall_back_day_in_paris_keeps_both_repeated_hours() {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
        let days = group_by_day(
            [
                utc("2026-10-25T00:30:00Z"), // 02:30 CEST
                utc("2026-10-25T01:30:00Z"), // 02:30 CET
                utc("2026-10-25T08:00:00Z"), // 09:00 CET
            ],
            &Paris,
            utc("2026-01-01T00:00:00Z"),
        );
        assert_eq!(days.len(), 1);
        let times: Vec<String> = days[0].hours.iter().map(|h| h.time.to_string()).collect();
        assert_eq!(times, ["02:30", "02:30", "09:00"]);
        assert_ne!(days[0].hours[0].start_utc, days[0].hours[1].start_utc);
    }

    #[test]
    fn between_keeps_the_hours_of_a_shorter_range() {
        let days = group_by_day(
            [
                utc("2026-11-26T08:00:00Z"),
                utc("2026-11-27T08:00:00Z"),
                utc("2026-11-27T15:00:00Z"),
            ],
            &Paris,
            utc("2026-01-01T00:00:00Z"),
        );
        let cut = between(
            &days,
            utc("2026-11-26T09:00:00Z"),
            utc("2026-11-27T12:00:00Z"),
        );
        assert_eq!(cut.len(), 1);
        assert_eq!(cut[0].hours.len(), 1);
        assert_eq!(cut[0].hours[0].start_utc, utc("2026-11-27T08:00:00Z"));
    }

    #[test]
    fn drop_past_removes_hours_and_empty_days() {
        let days = group_by_day(
            [utc("2026-11-26T08:00:00Z"), utc("2026-11-27T08:00:00Z")],
            &Paris,
            utc("2026-01-01T00:00:00Z"),
        );
        let left = drop_past(&days, utc("2026-11-26T12:00:00Z"));
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].date.to_string(), "2026-11-27");
    }

    #[test]
    fn held_hours_leave_the_offer_and_empty_days_go() {
        let now = utc("2026-12-07T07:00:00Z");
        let days = group_by_day(
            [
                utc("2026-12-07T09:00:00Z"),
                utc("2026-12-07T10:00:00Z"),
                utc("2026-12-08T09:00:00Z"),
            ],
            &Paris,
            now,
        );
        let left = without(
            &days,
            &[utc("2026-12-07T09:00:00Z"), utc("2026-12-08T09:00:00Z")],
        );
        assert_eq!(left.len(), 1);
        assert_eq!(left[0].hours.len(), 1);
        assert_eq!(left[0].hours[0].start_utc, utc("2026-12-07T10:00:00Z"));
        assert_eq!(without(&days, &[]), days);
    }

    #[test]
    fn a_week_runs_from_monday_midnight_in_the_business_zone() {
        // Sunday 2026-03-29 is the spring change in Paris: that week has 167 hours.
        let (start, end) = week_of(&Paris, utc("2026-03-27T12:00:00Z"));
        assert_eq!(start, utc("2026-03-22T23:00:00Z"));
        assert_eq!(end, utc("2026-03-29T22:00:00Z"));
        // Sunday 23:30 in Paris is still that week; Monday 00:30 the next one.
        assert_eq!(week_of(&Paris, utc("2026-03-29T21:30:00Z")).0, start);
        assert_eq!(week_of(&Paris, utc("2026-03-29T22:30:00Z")).0, end);
    }
}
