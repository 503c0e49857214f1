//! What the page offers: turns availability and the URL state into dates and hours.

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::{
    calendar::{Day, Hour},
    hour_minute::HourMinute,
    lang::Words,
    selection::{pick_dates, pick_hours, week_windows},
    url::TunnelQuery,
    view::{OfferedDate, OfferedHour, ProposalReason, WeekOffer},
};

/// What a week index leads to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Offer {
    /// Dates of a week window.
    Week(WeekOffer),
    /// The proposal form.
    Proposal(ProposalReason),
}

/// The tunnel rules that shape an offer.
#[derive(Clone, Copy, Debug)]
pub struct OfferRules {
    /// Fewest dates per week.
    pub min_dates: usize,
    /// Most dates per week.
    pub max_dates: usize,
    /// Hours per date.
    pub hours_per_date: usize,
    /// Weeks offered before the proposal form.
    pub weeks_before_fallback: usize,
}

/// Computes the step for `query` (whose `seed` must be set) from sorted `days`.
///
/// No availability at all, or a week index past the configured number of weeks (or past
/// the last week with availability), leads to the proposal form.
pub fn offer(
    days: &[Day],
    query: &TunnelQuery,
    rules: &OfferRules,
    today: NaiveDate,
    stale: bool,
    words: &Words,
) -> Offer {
    let windows = week_windows(days);
    if windows.is_empty() {
        return Offer::Proposal(ProposalReason::NoAvailability);
    }
    let weeks = rules.weeks_before_fallback.min(windows.len());
    let Some(window) = windows.get(query.week).filter(|_| query.week < weeks) else {
        return Offer::Proposal(ProposalReason::NothingFits);
    };
    let seed = query.seed.unwrap_or_default();
    let window_days = &days[window.days.clone()];
    let picks = pick_dates(
        window_days.len(),
        rules.min_dates,
        rules.max_dates,
        seed,
        query.week,
    );
    let dates: Vec<OfferedDate> = picks
        .into_iter()
        .map(|i| {
            let day = &window_days[i];
            let hours = pick_hours(&day.hours, rules.hours_per_date, seed, day.date)
                .into_iter()
                .map(|h| offered_hour(&day.hours[h], day.date, query))
                .collect();
            OfferedDate {
                date: day.date.to_string(),
                label: words.date(day.date),
                href: query.at(query.week, Some(day.date), None).href(),
                hours,
            }
        })
        .collect();
    let selected = query
        .date
        .map(|d| d.to_string())
        .and_then(|d| dates.iter().position(|p| p.date == d));
    Offer::Week(WeekOffer {
        week: query.week,
        seed,
        start: window.start.to_string(),
        start_label: words.date(window.start),
        starts_later: window.start > today,
        dates,
        selected,
        next_href: query.at(query.week + 1, None, None).href(),
        dates_href: query.at(query.week, None, None).href(),
        stale,
    })
}

fn offered_hour(hour: &Hour, date: NaiveDate, query: &TunnelQuery) -> OfferedHour {
    OfferedHour {
        time: hour.time,
        label: hour.time.to_string(),
        start_utc: hour.start_utc.to_rfc3339_opts(SecondsFormat::Secs, true),
        href: query.at(query.week, Some(date), Some(hour.time)).href(),
    }
}

/// The free hour at `date` and `time`, if it is still available.
pub fn find_hour(days: &[Day], date: NaiveDate, time: HourMinute) -> Option<&Hour> {
    days.iter()
        .find(|d| d.date == date)
        .and_then(|d| d.hours.iter().find(|h| h.time == time))
}

/// The `count` free hours nearest to `target` (the same day first), in chronological order,
/// each labelled with its date.
pub fn nearest_hours(
    days: &[Day],
    target_date: NaiveDate,
    target: DateTime<Utc>,
    count: usize,
    query: &TunnelQuery,
    words: &Words,
) -> Vec<OfferedHour> {
    let mut all: Vec<(&Day, &Hour)> = days
        .iter()
        .flat_map(|d| d.hours.iter().map(move |h| (d, h)))
        .filter(|(_, h)| h.start_utc != target)
        .collect();
    all.sort_by_key(|(d, h)| {
        (
            d.date != target_date,
            (h.start_utc - target).num_seconds().abs(),
        )
    });
    all.truncate(count);
    all.sort_by_key(|(_, h)| h.start_utc);
    all.into_iter()
        .map(|(d, h)| OfferedHour {
            label: words.date_hour(d.date, h.time),
            ..offered_hour(h, d.date, query)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: OfferRules = OfferRules {
        min_dates: 3,
        max_dates: 4,
        hours_per_date: 2,
        weeks_before_fallback: 3,
    };

    fn days(dates: &[&str]) -> Vec<Day> {
        dates
            .iter()
            .map(|d| Day {
                date: d.parse().unwrap(),
                hours: ["09:00", "10:00", "14:00", "16:00"]
                    .iter()
                    .map(|t| Hour {
                        time: t.parse().unwrap(),
                        start_utc: DateTime::<Utc>::MIN_UTC,
                    })
                    .collect(),
            })
            .collect()
    }

    fn query(week: usize, date: Option<&str>) -> TunnelQuery {
        TunnelQuery {
            event_type: Some("appel".into()),
            week,
            seed: Some(7),
            date: date.map(|d| d.parse().unwrap()),
            ..TunnelQuery::default()
        }
    }

    const NOV: [&str; 9] = [
        "2026-11-26",
        "2026-11-27",
        "2026-11-30",
        "2026-12-01",
        "2026-12-02",
        "2026-12-08",
        "2026-12-09",
        "2026-12-10",
        "2026-12-11",
    ];

    #[test]
    fn first_week_offers_three_or_four_dates_with_two_hours() {
        let d = days(&NOV);
        let today = "2026-11-25".parse().unwrap();
        let Offer::Week(p) = offer(&d, &query(0, None), &RULES, today, false, &Words::default())
        else {
            panic!("dates expected")
        };
        assert!((3..=4).contains(&p.dates.len()));
        assert!(p.dates.windows(2).all(|w| w[0].date < w[1].date));
        assert!(p.dates.iter().all(|x| x.hours.len() == 2));
        assert!(p.dates.iter().all(|x| x.date.as_str() < "2026-12-03"));
        assert!(p.starts_later);
        assert_eq!(p.start, "2026-11-26");
        assert_eq!(p.next_href, "/prendre-rendez-vous?type=appel&week=1&seed=7");
        assert!(p.dates[0].href.contains("date=2026-"));
        assert!(
            p.dates[0].hours[0].href.contains("hour=09:00")
                || p.dates[0].hours[0].href.contains("hour=10:00")
        );
        assert_eq!(p.selected, None);
    }

    #[test]
    fn same_seed_same_offer_and_selection_from_url() {
        let d = days(&NOV);
        let today = "2026-11-25".parse().unwrap();
        let a = offer(&d, &query(0, None), &RULES, today, false, &Words::default());
        let b = offer(&d, &query(0, None), &RULES, today, false, &Words::default());
        assert_eq!(a, b);
        let Offer::Week(p) = a else { panic!() };
        let chosen = p.dates[1].date.clone();
        let Offer::Week(s) = offer(
            &d,
            &query(0, Some(&chosen)),
            &RULES,
            today,
            false,
            &Words::default(),
        ) else {
            panic!()
        };
        assert_eq!(s.selected, Some(1));
        assert_eq!(s.dates, p.dates);
    }

    #[test]
    fn next_weeks_then_proposal() {
        let d = days(&NOV);
        let today = "2026-11-26".parse().unwrap();
        let Offer::Week(w1) = offer(&d, &query(1, None), &RULES, today, false, &Words::default())
        else {
            panic!()
        };
        assert_eq!(w1.start, "2026-12-08");
        assert!(w1.dates.iter().all(|x| x.date >= w1.start));
        // Only two windows exist: week 2 is already the proposal form.
        assert_eq!(
            offer(&d, &query(2, None), &RULES, today, false, &Words::default()),
            Offer::Proposal(ProposalReason::NothingFits)
        );
        assert_eq!(
            offer(
                &[],
                &query(0, None),
                &RULES,
                today,
                false,
                &Words::default()
            ),
            Offer::Proposal(ProposalReason::NoAvailability)
        );
    }

    #[test]
    fn nearest_hours_prefer_the_same_day() {
        let mut d = days(&["2026-11-26", "2026-11-27"]);
        for (i, day) in d.iter_mut().enumerate() {
            for (j, h) in day.hours.iter_mut().enumerate() {
                h.start_utc = DateTime::<Utc>::from_timestamp(
                    1_800_000_000 + (i as i64) * 86_400 + (j as i64) * 3600,
                    0,
                )
                .unwrap();
            }
        }
        let target = d[0].hours[1].start_utc;
        let near = nearest_hours(&d, d[0].date, target, 3, &query(0, None), &Words::default());
        assert_eq!(near.len(), 3);
        assert!(near.iter().all(|h| h.href.contains("date=2026-11-26")));
        let fourteen = "14:00".parse().unwrap();
        assert!(find_hour(&d, d[1].date, fourteen).is_some());
        assert!(find_hour(&d, d[1].date, "14:01".parse().unwrap()).is_none());
    }
}
