//! What an expression means ([`Expr`], language-neutral, before the publication date is
//! applied) and what it resolves to ([`Value`], printed as TimeML-like strings).

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use super::interpret::Holiday;

/// Which occurrence of a recurring date ("Friday", "March", "March 5") is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// The latest on or before the reference ("said on Friday").
    Past,
    /// The earliest on or after the reference ("will meet on Friday").
    Future,
    /// Strictly before the reference's own period ("last November").
    Before,
    /// Strictly after the reference's own period ("next March").
    After,
    /// The one in the reference's own year or week ("this September").
    Same,
    /// Whichever is nearest, within half a cycle.
    Nearest,
    /// The nearest, but the next one when the nearest lies well in the past (a future cue).
    NearestFuture,
    /// The nearest, but the previous one when the nearest lies well ahead (a past cue).
    NearestPast,
}

/// The year a month, day, quarter or season belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearRef {
    /// Stated in the text ("1998", "'98").
    Abs(i32),
    /// The reference year plus an offset ("last year" is -1).
    Rel(i32),
    /// Not stated: the occurrence nearest the reference in the given direction.
    Infer(Dir),
}

/// A calendar unit a relative expression counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// TimeML's underspecified references.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefKind {
    Present,
    Past,
    Future,
}

/// Seasons as TimeML writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Season {
    Spring,
    Summer,
    Fall,
    Winter,
}

impl Season {
    fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The season a month falls in (northern hemisphere; December counts as winter of its year).
    pub(super) fn of_month(m: u32) -> Season {
        match m {
            3..=5 => Season::Spring,
            6..=8 => Season::Summer,
            9..=11 => Season::Fall,
            _ => Season::Winter,
        }
    }
}

/// What a temporal expression means, before the reference date is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expr {
    /// "now", "recently", "the future".
    Ref(RefKind),
    /// "Oct. 16, 2022", "October 16", "16 октября".
    Date { year: YearRef, month: u32, day: u32 },
    /// "September 1998", "last November", "im September".
    Month { year: YearRef, month: u32 },
    /// "Friday", "last Friday", "am Samstag".
    Weekday { day: Weekday, dir: Dir },
    /// "today" 0, "yesterday" -1, "tomorrow" 1.
    DayOffset(i64),
    /// "1998", "last year", "fiscal 1989".
    Year(YearRef),
    /// "the third quarter of 1998", "this year's first quarter".
    Quarter { year: YearRef, quarter: u32 },
    /// "the first half of 1999".
    Half { year: YearRef, half: u32 },
    /// "summer 1998", "last fall" (the year is that of the season's start).
    Season { year: YearRef, season: Season },
    /// "last week" (-1), "this month" (0), "two years ago" (-2), "next quarter" (1).
    Shift { unit: Unit, n: i64 },
    /// "the week of March 9": the ISO week containing the date.
    WeekOf { year: YearRef, month: u32, day: u32 },
    /// "the 1990s" (199), "the 1800s" (180).
    Decade(i32),
    /// "the 20th century" (19).
    Century(i32),
    /// "Christmas", "Thanksgiving", "last Thanksgiving".
    Holiday { year: YearRef, holiday: Holiday },
    /// "Easter week", "Christmas week": the ISO week of the holiday.
    HolidayWeek { year: YearRef, holiday: Holiday },
    /// "the weekend" without "this"/"last": the one just past early in the week, else this one.
    RecentWeekend,
    /// "the quarter", "the latest quarter": the last quarter that has ended; with -4, the
    /// year-ago one.
    LatestQuarter(i64),
}

/// A resolved TimeML-like value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    Day(NaiveDate),
    Month(i32, u32),
    Year(i32),
    Week(i32, u32),
    Weekend(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, Season),
    Decade(i32),
    Century(i32),
    Ref(RefKind),
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Value::Day(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Value::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Value::Year(y) => write!(f, "{y:04}"),
            Value::Week(y, w) => write!(f, "{y:04}-W{w:02}"),
            Value::Weekend(y, w) => write!(f, "{y:04}-W{w:02}-WE"),
            Value::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Value::Half(y, h) => write!(f, "{y:04}-H{h}"),
            Value::Season(y, s) => write!(f, "{y:04}-{}", s.code()),
            Value::Decade(d) => write!(f, "{d:03}"),
            Value::Century(c) => write!(f, "{c:02}"),
            Value::Ref(RefKind::Present) => f.write_str("PRESENT_REF"),
            Value::Ref(RefKind::Past) => f.write_str("PAST_REF"),
            Value::Ref(RefKind::Future) => f.write_str("FUTURE_REF"),
        }
    }
}
