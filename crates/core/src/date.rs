//! Calendar days: the one date type of the dataset, written `YYYY-MM-DD`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::{Date, Month};

/// A real calendar day (proleptic Gregorian), serialized as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(Date);

/// Why a text is not a day, in words a user can act on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayError {
    text: String,
    reason: String,
}

impl fmt::Display for DayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a date: {}", self.text, self.reason)
    }
}

impl DayError {
    /// Why the text is not a day, without the text: "the month must be 01
    /// to 12".
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl std::error::Error for DayError {}

impl Day {
    /// The earliest day there is; a stand-in where some day is needed.
    pub const MIN: Day = Day(Date::MIN);

    /// The day `year-month-day`, or `None` when no such day exists
    /// (month 13, February 30, ...).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Day> {
        let month = Month::try_from(month).ok()?;
        Date::from_calendar_date(year, month, day).ok().map(Day)
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// Days since Monday: 0 for Monday up to 6 for Sunday.
    pub fn weekday_from_monday(self) -> u8 {
        self.0.weekday().number_days_from_monday()
    }

    /// The day `n` days later (earlier when `n` is negative), if it exists.
    pub fn add_days(self, n: i64) -> Option<Day> {
        self.0.checked_add(time::Duration::days(n)).map(Day)
    }

    /// Number of days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Day) -> i64 {
        (other.0 - self.0).whole_days()
    }

    /// The English name of the month, e.g. "November".
    pub fn month_name(self) -> &'static str {
        MONTH_NAMES[usize::from(self.month()) - 1]
    }
}

/// English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.0.year(),
            self.month(),
            self.0.day()
        )
    }
}

impl FromStr for Day {
    type Err = DayError;

    fn from_str(text: &str) -> Result<Day, DayError> {
        let error = |reason: &str| DayError {
            text: text.to_string(),
            reason: reason.to_string(),
        };
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(error("expected the form YYYY-MM-DD"));
        }
        let number = |range: std::ops::Range<usize>| -> u32 {
            text[range]
                .bytes()
                .fold(0, |n, b| n * 10 + u32::from(b - b'0'))
        };
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let month = u8::try_from(month)
            .ok()
            .and_then(|m| Month::try_from(m).ok())
            .ok_or_else(|| error("the month must be 01 to 12"))?;
        // Four ASCII digits always fit an i32 and a u8 holds any two digits.
        let date = Date::from_calendar_date(year as i32, month, day as u8).map_err(|_| {
            error(&format!(
                "{} {} has no day {}",
                MONTH_NAMES[month as usize - 1],
                year,
                day
            ))
        })?;
        Ok(Day(date))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

thread_local! {
    /// The text and day [`Day`]'s `Deserialize` read last.
    static LAST_READ: std::cell::Cell<Option<([u8; 10], Day)>> = const { std::cell::Cell::new(None) };
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Day;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Day, E> {
                // A dataset's quotes and posts mostly carry their story's
                // day, one after another: the last day read is kept, and
                // the same text again is not parsed again.
                if let Some((text, day)) = LAST_READ.get() {
                    if text.as_slice() == v.as_bytes() {
                        return Ok(day);
                    }
                }
                let day: Day = v.parse().map_err(E::custom)?;
                if let Ok(text) = <[u8; 10]>::try_from(v.as_bytes()) {
                    LAST_READ.set(Some((text, day)));
                }
                Ok(day)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_real_days() {
        let day: Day = "2021-11-26".parse().unwrap();
        assert_eq!(day.to_string(), "2021-11-26");
        assert_eq!((day.year(), day.month(), day.day()), (2021, 11, 26));
        assert_eq!(day.weekday_from_monday(), 4, "2021-11-26 was a Friday");
        assert_eq!(day.month_name(), "November");
    }

    #[test]
    fn days_read_in_a_row_keep_their_own_values() {
        let days: Vec<Day> =
            serde_json::from_str(r#"["2021-02-28","2021-02-28","2021-03-01","2021-02-28"]"#)
                .unwrap();
        let shown: Vec<String> = days.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            ["2021-02-28", "2021-02-28", "2021-03-01", "2021-02-28"]
        );
        let err = serde_json::from_str::<Vec<Day>>(r#"["2021-02-28","2021-02-30"]"#).unwrap_err();
        assert!(
            err.to_string().contains("February 2021 has no day 30"),
            "{err}"
        );
    }

    #[test]
    fn rejects_impossible_days_with_a_reason() {
        let err = "2021-02-30".parse::<Day>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "\"2021-02-30\" is not a date: February 2021 has no day 30"
        );
        let err = "2021-13-01".parse::<Day>().unwrap_err();
        assert!(err.to_string().contains("month must be 01 to 12"));
        for bad in ["2021-1-01", "21-11-26", "2021/11/26", "", "2021-11-26 "] {
            assert!(bad.parse::<Day>().is_err(), "{bad:?} should not parse");
        }
        assert!("2024-02-29".parse::<Day>().is_ok(), "leap day");
        assert!("2023-02-29".parse::<Day>().is_err(), "not a leap year");
    }

    #[test]
    fn arithmetic() {
        let day = Day::from_ymd(2021, 11, 26).unwrap();
        assert_eq!(day.add_days(-2).unwrap().to_string(), "2021-11-24");
        assert_eq!(day.days_until(Day::from_ymd(2021, 12, 1).unwrap()), 5);
        assert!(Day::from_ymd(2021, 2, 29).is_none());
    }

    #[test]
    fn serde_round_trip_and_errors() {
        let day: Day = serde_json::from_str("\"2021-11-24\"").unwrap();
        assert_eq!(serde_json::to_string(&day).unwrap(), "\"2021-11-24\"");
        let err = serde_json::from_str::<Day>("\"2021-11-31\"").unwrap_err();
        assert!(
            err.to_string().contains("November 2021 has no day 31"),
            "{err}"
        );
    }
}
