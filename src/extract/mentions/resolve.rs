//! From a language-neutral [`Expr`] and the publication date to a TimeML-like [`Value`].
//!
//! Everything here is calendar arithmetic on `chrono::NaiveDate`; no clock is read. An
//! expression that needs the reference date (anything without an explicit year) resolves to
//! `None` when there is none.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::expr::{Dir, Expr, Season, Unit, Value, YearRef};
use super::interpret::Holiday;

/// Years outside this range are not dates we resolve (and keep chrono well inside its range).
const YEARS: std::ops::RangeInclusive<i32> = 1000..=2999;

/// Resolves `e` against the publication day `r`; `None` when it needs a reference that is
/// missing, or names an impossible date.
pub fn resolve(e: Expr, r: Option<NaiveDate>) -> Option<Value> {
    let v = match e {
        Expr::Ref(k) => Value::Ref(k),
        Expr::Date { year, month, day } => {
            Value::Day(date(year, r, |y| NaiveDate::from_ymd_opt(y, month, day))?)
        }
        Expr::WeekOf { year, month, day } => {
            let w = date(year, r, |y| NaiveDate::from_ymd_opt(y, month, day))?.iso_week();
            Value::Week(w.year(), w.week())
        }
        Expr::Month { year, month } if (1..=12).contains(&month) => {
            Value::Month(cyclic(year, r, 12, month - 1)?, month)
        }
        Expr::Quarter { year, quarter } if (1..=4).contains(&quarter) => {
            Value::Quarter(cyclic(year, r, 4, quarter - 1)?, quarter)
        }
        Expr::Half { year: y, half } if (1..=2).contains(&half) => Value::Half(year(y, r)?, half),
        Expr::Holiday { year, holiday } => Value::Day(date(year, r, |y| holiday_in(holiday, y))?),
        Expr::HolidayWeek { year, holiday } => {
            let w = date(year, r, |y| holiday_in(holiday, y))?.iso_week();
            Value::Week(w.year(), w.week())
        }
        Expr::Weekday { day, dir } => {
            let r = r?;
            Value::Day(r.checked_add_signed(Duration::days(weekday_offset(
                r.weekday(),
                day,
                dir,
            )))?)
        }
        Expr::DayOffset(n) => Value::Day(r?.checked_add_signed(Duration::try_days(n)?)?),
        Expr::Year(y) => Value::Year(year(y, r)?),
        Expr::Season { year: y, season } => {
            let y = match y {
                YearRef::Infer(dir) => season_year(r?, season, dir),
                other => year(other, r)?,
            };
            Value::Season(y, season)
        }
        Expr::Shift { unit, n } => shift(unit, n, r?)?,
        Expr::RecentWeekend => {
            let r = r?;
            let n = if r.weekday().num_days_from_monday() < 4 {
                -1
            } else {
                0
            };
            shift(Unit::Weekend, n, r)?
        }
        Expr::Decade(d) => Value::Decade(d),
        Expr::Century(c) => Value::Century(c),
        Expr::LatestQuarter(n) => shift(Unit::Quarter, n.checked_sub(1)?, r?)?,
        Expr::Month { .. } | Expr::Quarter { .. } | Expr::Half { .. } => return None,
    };
    let y = match v {
        Value::Day(d) => d.year(),
        Value::Month(y, _)
        | Value::Year(y)
        | Value::Week(y, _)
        | Value::Weekend(y, _)
        | Value::Quarter(y, _)
        | Value::Half(y, _)
        | Value::Season(y, _) => y,
        Value::Decade(d) => d.saturating_mul(10),
        Value::Century(c) => c.saturating_mul(100),
        Value::Ref(_) => 2000,
    };
    YEARS.contains(&y).then_some(v)
}

/// The year of a month (`cycle` 12) or quarter (`cycle` 4) numbered `index` from 0; without a
/// stated year, the occurrence `dir` picks around the reference.
fn cyclic(y: YearRef, r: Option<NaiveDate>, cycle: i64, index: u32) -> Option<i32> {
    match y {
        YearRef::Infer(dir) if dir != Dir::Same => {
            let r = r?;
            let per = 12 / cycle;
            let here = i64::from(r.year()) * cycle + i64::from(r.month0()) / per;
            let cands = (-1..=1).map(|k| i64::from(r.year() + k) * cycle + i64::from(index));
            i32::try_from(pick(cands, here, dir, cycle / 2)?.div_euclid(cycle)).ok()
        }
        other => year(other, r),
    }
}

/// Days from the reference's weekday `from` to the `day` that `dir` asks for.
fn weekday_offset(from: Weekday, day: Weekday, dir: Dir) -> i64 {
    let back = i64::from((7 + from.num_days_from_monday() - day.num_days_from_monday()) % 7);
    let fwd = (7 - back) % 7;
    match dir {
        Dir::Past => -back,
        Dir::Future => fwd,
        Dir::Before if back == 0 => -7,
        Dir::Before => -back,
        Dir::After if fwd == 0 => 7,
        Dir::After => fwd,
        // The one in the reference's ISO week.
        Dir::Same => i64::from(day.num_days_from_monday()) - i64::from(from.num_days_from_monday()),
        Dir::Nearest | Dir::NearestFuture | Dir::NearestPast if fwd < back => fwd,
        Dir::Nearest | Dir::NearestFuture | Dir::NearestPast => -back,
    }
}

/// The year of an unnamed-year season: "last fall" is the fall before the current season.
fn season_year(r: NaiveDate, season: Season, dir: Dir) -> i32 {
    let order = |s: Season| match s {
        Season::Spring => 0,
        Season::Summer => 1,
        Season::Fall => 2,
        Season::Winter => 3,
    };
    // January and February belong to the winter that began the year before.
    let sy = if r.month() <= 2 {
        r.year() - 1
    } else {
        r.year()
    };
    let d = order(season) - order(Season::of_month(r.month()));
    match dir {
        Dir::Before if d >= 0 => sy - 1,
        Dir::After if d <= 0 => sy + 1,
        Dir::Past if d > 0 => sy - 1,
        Dir::Future if d < 0 => sy + 1,
        _ => sy,
    }
}

/// The day a holiday falls on in year `y`.
fn holiday_in(h: Holiday, y: i32) -> Option<NaiveDate> {
    match h {
        Holiday::Fixed(m, d) => NaiveDate::from_ymd_opt(y, m, d),
        Holiday::Nth(m, wd, n) => {
            if n >= 5 {
                let first_next = if m == 12 {
                    NaiveDate::from_ymd_opt(y + 1, 1, 1)?
                } else {
                    NaiveDate::from_ymd_opt(y, m + 1, 1)?
                };
                let last = first_next.pred_opt()?;
                let back =
                    (7 + last.weekday().num_days_from_monday() - wd.num_days_from_monday()) % 7;
                last.checked_sub_signed(Duration::days(i64::from(back)))
            } else {
                NaiveDate::from_weekday_of_month_opt(y, m, wd, u8::try_from(n).ok()?)
            }
        }
        Holiday::Easter(offset) => {
            // The anonymous Gregorian computus.
            let (a, b, c) = (y % 19, y / 100, y % 100);
            let (d, e) = (b / 4, b % 4);
            let g = (8 * b + 13) / 25;
            let h = (19 * a + b - d - g + 15) % 30;
            let (i, k) = (c / 4, c % 4);
            let l = (32 + 2 * e + 2 * i - h - k) % 7;
            let m = (a + 11 * h + 19 * l) / 433;
            let month = u32::try_from((h + l - 7 * m + 90) / 25).ok()?;
            let day =
                u32::try_from((h + l - 7 * m + 33 * i32::try_from(month).ok()? + 19) % 32).ok()?;
            NaiveDate::from_ymd_opt(y, month, day)?
                .checked_add_signed(Duration::days(i64::from(offset)))
        }
        Holiday::Election => {
            let monday = NaiveDate::from_weekday_of_month_opt(y, 11, Weekday::Mon, 1)?;
            monday.succ_opt()
        }
    }
}

/// The year of a [`YearRef`]; an inferred year is the reference's.
fn year(y: YearRef, r: Option<NaiveDate>) -> Option<i32> {
    match y {
        YearRef::Abs(y) => Some(y),
        YearRef::Rel(n) => Some(r?.year() + n),
        YearRef::Infer(_) => Some(r?.year()),
    }
}

/// A day given by `on(year)`; without a stated year, the occurrence `dir` picks around the
/// reference.
fn date(
    y: YearRef,
    r: Option<NaiveDate>,
    on: impl Fn(i32) -> Option<NaiveDate>,
) -> Option<NaiveDate> {
    match y {
        YearRef::Infer(dir) if dir != Dir::Same => {
            let r = r?;
            let cands: Vec<NaiveDate> = (-1..=1).filter_map(|k| on(r.year() + k)).collect();
            let days = |d: &NaiveDate| i64::from(d.num_days_from_ce());
            let idx = pick(cands.iter().map(days), days(&r), dir, 183)?;
            cands.into_iter().find(|d| days(d) == idx)
        }
        other => on(year(other, r)?),
    }
}

/// Chooses among candidate positions (months or days on one axis) the one `dir` asks for
/// relative to `here`; `half` is half a cycle, for [`Dir::Nearest`].
fn pick(cands: impl Iterator<Item = i64> + Clone, here: i64, dir: Dir, half: i64) -> Option<i64> {
    let before = cands.clone().filter(|&c| c <= here).max();
    let after = cands.clone().filter(|&c| c >= here).min();
    match dir {
        Dir::Past => before,
        Dir::Future => after,
        Dir::Before => cands.clone().filter(|&c| c < here).max(),
        Dir::After => cands.clone().filter(|&c| c > here).min(),
        // Callers resolve "the same year" themselves; fall back to the past one.
        Dir::Same => before,
        Dir::Nearest | Dir::NearestFuture | Dir::NearestPast => {
            let nearest = match (before, after) {
                (Some(b), Some(a)) => Some(if a - here < here - b { a } else { b }),
                (b, a) => b.or(a),
            }?;
            // Beyond two thirds of a half cycle (4 months), a tense cue may overrule.
            let far = (nearest - here).abs() * 3 >= half * 2;
            Some(match dir {
                Dir::NearestFuture if far && nearest < here => after.unwrap_or(nearest),
                Dir::NearestPast if far && nearest > here => before.unwrap_or(nearest),
                _ => nearest,
            })
        }
    }
}

/// "last week", "this month", "two years ago": the unit containing the reference moved by `n`.
fn shift(unit: Unit, n: i64, r: NaiveDate) -> Option<Value> {
    Some(match unit {
        Unit::Day => Value::Day(r.checked_add_signed(Duration::try_days(n)?)?),
        Unit::Week | Unit::Weekend => {
            let w = r.checked_add_signed(Duration::try_weeks(n)?)?.iso_week();
            if unit == Unit::Week {
                Value::Week(w.year(), w.week())
            } else {
                Value::Weekend(w.year(), w.week())
            }
        }
        Unit::Month => {
            let m = (i64::from(r.year()) * 12 + i64::from(r.month0())).checked_add(n)?;
            Value::Month(
                i32::try_from(m.div_euclid(12)).ok()?,
                u32::try_from(m.rem_euclid(12) + 1).ok()?,
            )
        }
        Unit::Quarter => {
            let q = (i64::from(r.year()) * 4 + i64::from(r.month0() / 3)).checked_add(n)?;
            Value::Quarter(
                i32::try_from(q.div_euclid(4)).ok()?,
                u32::try_from(q.rem_euclid(4) + 1).ok()?,
            )
        }
        Unit::Year => Value::Year(r.year().checked_add(i32::try_from(n).ok()?)?),
        Unit::Decade => Value::Decade((r.year() / 10).checked_add(i32::try_from(n).ok()?)?),
        Unit::Century => Value::Century((r.year() / 100).checked_add(i32::try_from(n).ok()?)?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::expr::RefKind;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn wd(day: Weekday, dir: Dir) -> Expr {
        Expr::Weekday { day, dir }
    }
    fn date(year: YearRef, month: u32, day: u32) -> Expr {
        Expr::Date { year, month, day }
    }
    fn month(year: YearRef, month: u32) -> Expr {
        Expr::Month { year, month }
    }
    fn shift(unit: Unit, n: i64) -> Expr {
        Expr::Shift { unit, n }
    }
    fn season(year: YearRef, season: Season) -> Expr {
        Expr::Season { year, season }
    }

    #[test]
    fn values_against_a_saturday() {
        use Dir::*;
        use YearRef::*;
        let r = Some(d("2022-11-05")); // a Saturday
        #[rustfmt::skip]
        let cases: &[(Expr, &str)] = &[
            (wd(Weekday::Sat, Past), "2022-11-05"),
            (wd(Weekday::Fri, Past), "2022-11-04"),
            (wd(Weekday::Sun, Past), "2022-10-30"),
            (wd(Weekday::Sun, Future), "2022-11-06"),
            (wd(Weekday::Sat, Before), "2022-10-29"),
            (wd(Weekday::Sat, After), "2022-11-12"),
            (date(Infer(Nearest), 10, 16), "2022-10-16"),
            (date(Infer(Nearest), 1, 9), "2023-01-09"),
            (date(Infer(Past), 1, 9), "2022-01-09"),
            (date(Infer(NearestPast), 1, 9), "2023-01-09"),
            (date(Infer(NearestPast), 4, 9), "2022-04-09"),
            (date(Infer(NearestFuture), 6, 9), "2023-06-09"),
            (month(Infer(Past), 9), "2022-09"),
            (month(Infer(Before), 11), "2021-11"),
            (month(Infer(After), 3), "2023-03"),
            (month(Infer(Same), 3), "2022-03"),
            (month(Rel(-1), 7), "2021-07"),
            (shift(Unit::Week, -1), "2022-W43"),
            (shift(Unit::Month, -11), "2021-12"),
            (shift(Unit::Year, 1), "2023"),
            (shift(Unit::Quarter, 0), "2022-Q4"),
            (shift(Unit::Weekend, 0), "2022-W44-WE"),
            (Expr::RecentWeekend, "2022-W44-WE"),
            (Expr::LatestQuarter(0), "2022-Q3"),
            (Expr::LatestQuarter(-4), "2021-Q3"),
            (Expr::DayOffset(-1), "2022-11-04"),
            (season(Infer(Before), Season::Fall), "2021-FA"),
            (season(Infer(Past), Season::Summer), "2022-SU"),
            (Expr::Quarter { year: Abs(1998), quarter: 3 }, "1998-Q3"),
            (Expr::Quarter { year: Infer(Past), quarter: 4 }, "2022-Q4"),
            (Expr::Quarter { year: Infer(Past), quarter: 1 }, "2022-Q1"),
            (Expr::Holiday { year: Infer(Nearest), holiday: Holiday::Nth(11, Weekday::Thu, 4) }, "2022-11-24"),
            (Expr::Holiday { year: Abs(2022), holiday: Holiday::Nth(5, Weekday::Mon, 5) }, "2022-05-30"),
            (Expr::Holiday { year: Abs(2022), holiday: Holiday::Election }, "2022-11-08"),
            (Expr::Decade(199), "199"),
            (Expr::Holiday { year: Abs(2000), holiday: Holiday::Easter(0) }, "2000-04-23"),
            (Expr::Holiday { year: Abs(2022), holiday: Holiday::Easter(-2) }, "2022-04-15"),
            (Expr::Holiday { year: Abs(2024), holiday: Holiday::Easter(0) }, "2024-03-31"),
            (Expr::Ref(RefKind::Present), "PRESENT_REF"),
        ];
        for (e, want) in cases {
            let got = resolve(*e, r).map(|v| v.to_string());
            assert_eq!(got.as_deref(), Some(*want), "{e:?}");
        }
    }

    #[test]
    fn without_a_reference_only_absolute_values() {
        let none: &[Expr] = &[
            Expr::Year(YearRef::Rel(-1)),
            wd(Weekday::Mon, Dir::Past),
            date(YearRef::Abs(2022), 2, 30),
            Expr::Year(YearRef::Abs(99999)),
            month(YearRef::Abs(2022), 13),
            Expr::Quarter {
                year: YearRef::Abs(2022),
                quarter: 0,
            },
        ];
        for e in none {
            assert_eq!(resolve(*e, None), None, "{e:?}");
        }
        assert_eq!(
            resolve(Expr::Year(YearRef::Abs(1998)), None),
            Some(Value::Year(1998))
        );
        let r = Some(d("2022-01-01"));
        assert_eq!(resolve(Expr::DayOffset(i64::MAX), r), None);
        assert_eq!(resolve(shift(Unit::Month, i64::MAX), r), None);
        assert_eq!(resolve(shift(Unit::Year, i64::MIN), r), None);
    }
}
