//! `DateBound`: a calendar period (year, month, day, ISO week) as filters and queries write it.

use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// A calendar period written as `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or `YYYY-Www` (ISO week).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateBound {
    start: NaiveDate,
    end: NaiveDate,
}

impl DateBound {
    /// Parses a period; `None` when the text is not one.
    ///
    /// # Example
    /// ```
    /// use newsdex::search::DateBound;
    /// let oct = DateBound::parse("2022-10").unwrap();
    /// assert_eq!(oct.start().to_rfc3339(), "2022-10-01T00:00:00+00:00");
    /// assert_eq!(oct.end().to_rfc3339(), "2022-11-01T00:00:00+00:00");
    /// assert_eq!(DateBound::parse("2022-W42").unwrap().start().date_naive().to_string(), "2022-10-17");
    /// assert!(DateBound::parse("October").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<DateBound> {
        let s = s.trim();
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str| p.parse::<u32>().ok();
        let (start, end) = match parts.as_slice() {
            [y] if y.len() == 4 => {
                let y = num(y)? as i32;
                (
                    NaiveDate::from_ymd_opt(y, 1, 1)?,
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?,
                )
            }
            [y, w] if y.len() == 4 && (w.starts_with('W') || w.starts_with('w')) => {
                let start = NaiveDate::from_isoywd_opt(
                    num(y)? as i32,
                    num(&w[1..])?,
                    chrono::Weekday::Mon,
                )?;
                (start, start + chrono::Days::new(7))
            }
            [y, m] if y.len() == 4 && m.len() <= 2 => {
                let start = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, 1)?;
                (start, start.checked_add_months(chrono::Months::new(1))?)
            }
            [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
                let start = NaiveDate::from_ymd_opt(num(y)? as i32, num(m)?, num(d)?)?;
                (start, start.succ_opt()?)
            }
            _ => return None,
        };
        (1000..=9999)
            .contains(&start.year())
            .then_some(DateBound { start, end })
    }

    /// Parses a period, or says what is wrong.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] naming the value and the accepted forms.
    pub fn parse_flag(flag: &str, s: &str) -> Result<DateBound> {
        DateBound::parse(s).ok_or_else(|| {
            Error::InvalidRequest(format!(
                "{flag} {s:?}: expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www"
            ))
        })
    }

    /// First instant of the period (midnight UTC).
    pub fn start(&self) -> DateTime<Utc> {
        midnight(self.start)
    }

    /// First instant after the period.
    pub fn end(&self) -> DateTime<Utc> {
        midnight(self.end)
    }
}

fn midnight(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).expect("midnight exists"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let cases = [
            ("2022", "2022-01-01", "2023-01-01"),
            ("2022-02", "2022-02-01", "2022-03-01"),
            ("2022-12", "2022-12-01", "2023-01-01"),
            ("2022-02-28", "2022-02-28", "2022-03-01"),
            ("2020-W53", "2020-12-28", "2021-01-04"),
        ];
        for (s, a, b) in cases {
            let d = DateBound::parse(s).unwrap();
            assert_eq!(
                (
                    d.start().date_naive().to_string(),
                    d.end().date_naive().to_string()
                ),
                (a.into(), b.into()),
                "{s}"
            );
        }
        for bad in [
            "",
            "22",
            "2022-13",
            "2022-02-30",
            "2022/02",
            "2022-W60",
            "x",
        ] {
            assert!(DateBound::parse(bad).is_none(), "{bad}");
        }
    }
}
