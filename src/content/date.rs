//! Dates as annual reports write them: a day (`2024-05-01`), a month
//! (`2024-05`) or, for archive material known only by its year, a year.
//! Written here rather than taken from a date crate: chrono and time know
//! whole dates only, and a partial date that sorts before its own days
//! (`2024` < `2024-05` < `2024-05-01`) is the point.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl Date {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking that the day exists.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || crate::tr!("content-date-invalid", text = text);
        let mut parts = text.trim().split('-');
        let year_text = parts.next().ok_or_else(bad)?;
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        // `is_month`: a month, else a day.
        let mut number = |is_month: bool, max: u32| -> Result<Option<u8>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    let n: u32 = p.parse().map_err(|_| bad())?;
                    if n == 0 || n > max {
                        Err(if is_month {
                            crate::tr!("content-date-no-month", text = text, month = n)
                        } else {
                            crate::tr!("content-date-no-day", text = text, day = n)
                        })
                    } else {
                        Ok(Some(n as u8))
                    }
                }
                Some(_) => Err(bad()),
            }
        };
        let month = number(true, 12)?;
        let day = match month {
            Some(m) => number(false, days_in_month(year, m))?,
            None => None,
        };
        if parts.next().is_some() {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }

    /// The same date as a day, for feeds and sitemaps: the first of the
    /// month or year where only those are known.
    pub fn first_day(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date as written in YAML: `2024-05-01` is a string there, `2024` a number.
/// Checked later, where the error can carry the position.
#[derive(Debug, Clone)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(&crate::tr!("content-expect-date"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_day_month_year() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert_eq!(Date::parse("2024-09").unwrap().to_string(), "2024-09");
        assert_eq!(Date::parse("2024").unwrap().month, None);
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(Date::parse("2024-13-45").unwrap_err().contains("no month 13"));
        assert!(Date::parse("2023-02-29").unwrap_err().contains("no day 29"));
        assert!(Date::parse("24-01-01").is_err());
        assert!(Date::parse("2024/01/01").is_err());
        assert!(Date::parse("2024-1-1").is_err());
    }

    #[test]
    fn orders_by_year_month_day() {
        let a = Date::parse("2024").unwrap();
        let b = Date::parse("2024-01").unwrap();
        let c = Date::parse("2024-01-02").unwrap();
        assert!(a < b && b < c);
    }
}
