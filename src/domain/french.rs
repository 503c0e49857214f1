//! French (fr-FR) wording of dates, without a locale database in the bundle.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The French weekday name, lower case ("lundi" … "dimanche").
pub fn weekday(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// The French month name, lower case.
pub fn month(date: NaiveDate) -> &'static str {
    MONTHS[date.month0() as usize % 12]
}

/// "jeudi 26 novembre" ("1er" for the first of the month, as French writes it).
pub fn date_label(date: NaiveDate) -> String {
    let day = date.day();
    let day = if day == 1 {
        "1er".to_string()
    } else {
        day.to_string()
    };
    format!("{} {} {}", weekday(date.weekday()), day, month(date))
}

/// "jeudi 26 novembre 2026": for confirmations and anything kept beyond the visit.
pub fn date_label_with_year(date: NaiveDate) -> String {
    format!("{} {}", date_label(date), date.year())
}

/// "jeudi 26 novembre 2026 à 10:05": a local date and time, for what is kept beyond the visit.
pub fn date_time_label(at: NaiveDateTime) -> String {
    format!(
        "{} à {}",
        date_label_with_year(at.date()),
        at.format("%H:%M")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn labels_in_french() {
        assert_eq!(date_label(d("2026-11-26")), "jeudi 26 novembre");
        assert_eq!(date_label(d("2026-12-01")), "mardi 1er décembre");
        assert_eq!(date_label(d("2027-08-15")), "dimanche 15 août");
        assert_eq!(
            date_label_with_year(d("2026-02-02")),
            "lundi 2 février 2026"
        );
    }

    #[test]
    fn date_and_time_in_french() {
        let at = d("2026-12-01").and_hms_opt(9, 5, 0).unwrap();
        assert_eq!(date_time_label(at), "mardi 1er décembre 2026 à 09:05");
    }
}
