//! Publication dates as sources write them, to [`NewsDate`].
//!
//! Accepts ISO 8601 / RFC 3339 (with or without time and offset), RFC 2822, Unix epoch
//! seconds or milliseconds, day-first numeric dates (`05.11.2022`), and written dates in
//! English, German, French, Spanish, Italian, Russian and Ukrainian (`November 5, 2022`,
//! `5. November 2022`, `5 ноября 2022`). A date with a time but no offset is read as UTC.

mod months;
mod paths;

pub(crate) use self::months::month_names;
pub use self::months::month_number;
pub use self::paths::{date_from_file_name, date_from_url};

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc};
use regex::Regex;

use crate::NewsDate;

static ISO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?",
    )
    .expect("valid regex")
});
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})([./])(\d{1,2})[./](\d{2,4})\b").expect("valid regex"));

/// Parses a publication date; `None` when the string holds no recognisable date.
///
/// # Example
/// ```
/// use newsdex::extract::dates::parse_date;
/// assert_eq!(parse_date("2022-10-18T09:30:00+03:00").unwrap().to_string(), "2022-10-18T09:30:00+03:00");
/// assert_eq!(parse_date("November 5, 2022").unwrap().to_string(), "2022-11-05");
/// assert_eq!(parse_date("5 ноября 2022 г.").unwrap().to_string(), "2022-11-05");
/// assert_eq!(parse_date("1667642400").unwrap().to_string(), "2022-11-05T10:00:00Z");
/// assert!(parse_date("sometime soon").is_none());
/// ```
pub fn parse_date(s: &str) -> Option<NewsDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return epoch(s);
    }
    if let Some(d) = iso(s) {
        return Some(d);
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(NewsDate::Instant(t));
    }
    numeric(s).or_else(|| written(s)).filter(plausible)
}

fn plausible(d: &NewsDate) -> bool {
    (1900..=2100).contains(&d.day().year())
}

fn epoch(s: &str) -> Option<NewsDate> {
    let n: i64 = s.parse().ok()?;
    let secs = match s.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        _ => return None,
    };
    let t = Utc.timestamp_opt(secs, 0).single()?;
    Some(NewsDate::Instant(t.fixed_offset()))
}

fn iso(s: &str) -> Option<NewsDate> {
    let c = ISO.captures(s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let date = NaiveDate::from_ymd_opt(c[1].parse().ok()?, num(2)?, num(3)?)?;
    let Some(hour) = num(4) else {
        return Some(NewsDate::Day(date)).filter(plausible);
    };
    let time = date.and_hms_opt(hour, num(5)?, num(6).unwrap_or(0))?;
    let offset = match c.get(7).map(|m| m.as_str()) {
        None | Some("Z" | "z" | "UTC" | "GMT") => FixedOffset::east_opt(0)?,
        Some(o) => parse_offset(o)?,
    };
    Some(NewsDate::Instant(
        offset.from_local_datetime(&time).single()?,
    ))
    .filter(plausible)
}

fn parse_offset(o: &str) -> Option<FixedOffset> {
    let sign = if o.starts_with('-') { -1 } else { 1 };
    let digits: String = o[1..].chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        2 => (digits.parse::<i32>().ok()?, 0),
        4 => (
            digits[..2].parse::<i32>().ok()?,
            digits[2..].parse::<i32>().ok()?,
        ),
        _ => return None,
    };
    FixedOffset::east_opt(sign * (h * 3600 + m * 60))
}

/// `05.11.2022` (day first), `2022/11/05`, `11/05/2022` (month first with slashes, the US order,
/// unless the first number cannot be a month).
fn numeric(s: &str) -> Option<NewsDate> {
    let c = NUMERIC.captures(s)?;
    let (a, sep, b, y) = (&c[1], &c[2], &c[3], &c[4]);
    let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
    if c[1].len() == 4 {
        let d = NaiveDate::from_ymd_opt(a as i32, b, y.parse().ok()?)?;
        return Some(NewsDate::Day(d));
    }
    let year = full_year(y.parse().ok()?, y.len());
    let (day, month) = if sep == "/" && a <= 12 {
        (b, a)
    } else {
        (a, b)
    };
    Some(NewsDate::Day(NaiveDate::from_ymd_opt(year, month, day)?))
}

fn full_year(y: i32, digits: usize) -> i32 {
    match digits {
        2 if y < 70 => 2000 + y,
        2 => 1900 + y,
        _ => y,
    }
}

/// Written dates: a month name plus a day and a four-digit year, in any order
/// ("November 5, 2022", "5 Nov. 2022", "Samstag, 5. November 2022", "5 ноября 2022 года").
fn written(s: &str) -> Option<NewsDate> {
    let lower = s.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let (month_pos, month) = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| month_number(w).map(|m| (i, m)))?;
    let year_pos = words
        .iter()
        .position(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))?;
    let year: i32 = words[year_pos].parse().ok()?;
    // The day is the number nearest to the month name that is not the year ("5", "5th", "1er").
    let day = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != year_pos)
        .filter_map(|(i, w)| day_number(w).map(|d| (i, d)))
        .min_by_key(|(i, _)| i.abs_diff(month_pos))
        .map(|(_, d)| d)?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    Some(NewsDate::Day(date))
}

/// A day of the month as written: one or two digits, perhaps with an ordinal suffix.
fn day_number(word: &str) -> Option<u32> {
    let digits = word.len() - word.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let suffix = &word[digits..];
    let ordinal = ["", "st", "nd", "rd", "th", "er", "e", "º", "°"].contains(&suffix);
    ((1..=2).contains(&digits) && ordinal)
        .then(|| word[..digits].parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let cases = [
            ("2022-11-05", "2022-11-05"),
            ("2022-11-05T14:20:00Z", "2022-11-05T14:20:00Z"),
            ("2022-10-18T09:30:00+03:00", "2022-10-18T09:30:00+03:00"),
            ("2022-10-18T09:30+0300", "2022-10-18T09:30:00+03:00"),
            ("2022-11-03 08:15:00", "2022-11-03T08:15:00Z"),
            ("1987-02-26T15:01:01.790", "1987-02-26T15:01:01Z"),
            ("Sat, 05 Nov 2022 10:00:00 +0000", "2022-11-05T10:00:00Z"),
            ("5 November 2022", "2022-11-05"),
            ("November 5, 2022", "2022-11-05"),
            ("Nov. 5, 2022, 10:15 AM EST", "2022-11-05"),
            ("Samstag, 5. November 2022", "2022-11-05"),
            ("5 ноября 2022 года", "2022-11-05"),
            ("05.11.2022", "2022-11-05"),
            ("11/05/2022", "2022-11-05"),
            ("25/10/2022", "2022-10-25"),
            ("2022/11/05", "2022-11-05"),
            ("1667642400", "2022-11-05T10:00:00Z"),
            ("1667642400000", "2022-11-05T10:00:00Z"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_date(input).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{input}"
            );
        }
    }

    #[test]
    fn written_dates_in_more_languages() {
        let cases = [
            ("9 oktober 2020", "2020-10-09"),
            ("22 de novembro de 2020", "2020-11-22"),
            ("1er mai 2019", "2019-05-01"),
            ("5 Mart 2021", "2021-03-05"),
            ("12. března 2021", "2021-03-12"),
            ("3 augusti 2018", "2018-08-03"),
            ("7 ianuarie 2022", "2022-01-07"),
        ];
        for (input, want) in cases {
            assert_eq!(
                parse_date(input).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{input}"
            );
        }
    }

    #[test]
    fn rejects() {
        for s in [
            "",
            "soon",
            "2022-13-45",
            "Nov 2022",
            "31 February 2022",
            "12345",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
