//! A wall-clock time of day, `HH:MM` on 24 hours, as the tunnel shows and stores it.

use std::{fmt, str::FromStr};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A time of day to the minute (`09:30`). Ordered as the day goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HourMinute {
    hour: u8,
    minute: u8,
}

impl HourMinute {
    /// `hour:minute`, if both are in range (0–23, 0–59).
    pub fn new(hour: u32, minute: u32) -> Option<Self> {
        (hour < 24 && minute < 60).then_some(Self {
            hour: hour as u8,
            minute: minute as u8,
        })
    }

    /// The wall-clock time of a `chrono` time or date-time (seconds dropped).
    pub fn of(time: &impl chrono::Timelike) -> Self {
        // chrono guarantees hour < 24 and minute < 60.
        Self {
            hour: time.hour() as u8,
            minute: time.minute() as u8,
        }
    }

    /// The hour (0–23).
    pub fn hour(self) -> u32 {
        u32::from(self.hour)
    }

    /// The minute (0–59).
    pub fn minute(self) -> u32 {
        u32::from(self.minute)
    }

    /// As a `chrono` time, for arithmetic with dates.
    pub fn to_naive(self) -> chrono::NaiveTime {
        chrono::NaiveTime::MIN
            + chrono::TimeDelta::minutes(i64::from(self.hour) * 60 + i64::from(self.minute))
    }
}

/// Why a text is not an `HH:MM` time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotHourMinute;

impl fmt::Display for NotHourMinute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a time as HH:MM (00:00 to 23:59)")
    }
}

impl FromStr for HourMinute {
    type Err = NotHourMinute;

    /// Exactly two digits, a colon, two digits (`9:00` and `09:00:00` are refused).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.as_bytes();
        let digit = |i: usize| {
            b.get(i)
                .filter(|c| c.is_ascii_digit())
                .map(|c| u32::from(c - b'0'))
        };
        if b.len() != 5 || b[2] != b':' {
            return Err(NotHourMinute);
        }
        match (digit(0), digit(1), digit(3), digit(4)) {
            (Some(h1), Some(h2), Some(m1), Some(m2)) => {
                Self::new(h1 * 10 + h2, m1 * 10 + m2).ok_or(NotHourMinute)
            }
            _ => Err(NotHourMinute),
        }
    }
}

impl fmt::Display for HourMinute {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for HourMinute {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for HourMinute {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_hh_mm_only() {
        for ok in ["00:00", "09:30", "23:59"] {
            assert_eq!(ok.parse::<HourMinute>().unwrap().to_string(), ok);
        }
        for bad in [
            "24:00", "9:00", "09:0a", "+9:00", "09:60", "09:00:00", "", "0९:00",
        ] {
            assert!(bad.parse::<HourMinute>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn orders_as_the_day_goes_and_converts() {
        let nine: HourMinute = "09:00".parse().unwrap();
        let ten_past_two: HourMinute = "14:10".parse().unwrap();
        assert!(nine < ten_past_two);
        assert_eq!(ten_past_two.to_naive().to_string(), "14:10:00");
        assert_eq!(
            serde_json::to_string(&nine).unwrap(),
            "\"09:00\"",
            "stored and sent as text"
        );
        assert_eq!(
            serde_json::from_str::<HourMinute>("\"14:10\"").unwrap(),
            ten_past_two
        );
    }
}
