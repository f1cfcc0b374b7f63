//! From the words of a matched surface to an [`Expr`], for every language.
//!
//! Each language maps its words to [`Word`]s ("yesterday" → `DayOffset(-1)`, "назад" →
//! `Ago`, "vergangenen" → `Rel(-1)`); the matched surface is read as a bag of those, so word
//! order does not matter ("two years ago", "vor zwei Jahren", "два года назад" all give
//! `{Count(2), Unit(Year), Ago}`). The regex that found the surface already checked its shape.

use chrono::Weekday;

use super::expr::{Dir, Expr, RefKind, Season, Unit, YearRef};
use super::rules::number;

/// What one word contributes to an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Word {
    Month(u32),
    Weekday(Weekday),
    /// today 0, yesterday -1, tomorrow 1, the day before yesterday -2.
    DayOffset(i64),
    /// last/previous/past -1, this/current 0, next/coming/following 1.
    Rel(i64),
    /// Counting back: "ago", "earlier", "назад", "vor".
    Ago,
    Unit(Unit),
    Season(Season),
    /// first … fourth, also spelled day ordinals ("eighth").
    Ordinal(u32),
    /// one, two, a, an.
    Count(i64),
    /// several, a few: an unspecified count.
    Vague,
    Ref(RefKind),
    /// "half" of a year.
    Half,
    /// A reporting period ("the latest period"): a quarter in company news.
    Period,
    /// "the nineties": the decade of the 20th century.
    DecadeOf1900s(i32),
    /// "week of": a week named by a day in it.
    Of,
    /// Christmas, Thanksgiving, …
    Holiday(Holiday),
}

/// Holidays with a rule for their date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// A fixed month and day.
    Fixed(u32, u32),
    /// The `n`th given weekday of a month (n = 5 for the last one).
    Nth(u32, Weekday, u32),
    /// US Election Day: the Tuesday after the first Monday of November.
    Election,
    /// Days from (Western) Easter Sunday: Good Friday is -2.
    Easter(i8),
}

/// The features a surface's words add up to.
#[derive(Debug, Default)]
struct Bag {
    month: Option<u32>,
    day: Option<u32>,
    year: Option<i32>,
    weekday: Option<Weekday>,
    day_offset: Option<i64>,
    /// The first relation word, and the first that is not "this" ("this past spring").
    rel_first: Option<i64>,
    rel_strong: Option<i64>,
    ago: bool,
    /// The units named, as a bit set, and the first of them.
    units: u16,
    first_unit: Option<Unit>,
    season: Option<Season>,
    ordinal: Option<u32>,
    count: Option<i64>,
    vague: bool,
    reference: Option<RefKind>,
    half: bool,
    period: bool,
    decade: Option<i32>,
    century: Option<i32>,
    of: bool,
    holiday: Option<Holiday>,
}

/// Reads `words` with the language's `lexicon`. `tense` says, when asked, which way an
/// unanchored "Friday" or "March" points (`None`: no cue either way); `century_of` turns a
/// two-digit year into a full one.
pub fn interpret<'a>(
    words: impl Iterator<Item = &'a str>,
    lexicon: impl Fn(&str) -> Option<Word>,
    tense: impl Fn() -> Option<Dir>,
    century_of: impl Fn(i32) -> i32,
) -> Option<Expr> {
    let mut b = Bag::default();
    for w in words {
        if let Some(word) = lexicon(w) {
            add(&mut b, word);
        } else {
            read_number(&mut b, w, &century_of);
        }
    }
    decide(&b, tense)
}

fn add(b: &mut Bag, word: Word) {
    match word {
        Word::Month(m) => b.month = Some(m),
        Word::Weekday(d) => b.weekday = Some(d),
        Word::DayOffset(n) => b.day_offset = Some(n),
        Word::Rel(n) => {
            b.rel_first = b.rel_first.or(Some(n));
            if n != 0 {
                b.rel_strong = b.rel_strong.or(Some(n));
            }
        }
        Word::Ago => b.ago = true,
        Word::Unit(u) => {
            b.units |= 1 << u as u16;
            b.first_unit = b.first_unit.or(Some(u));
        }
        Word::Season(s) => b.season = Some(s),
        Word::Ordinal(n) => {
            // "the 16th of October": a day when a month is around, else a quarter ordinal.
            if b.ordinal.is_none() {
                b.ordinal = Some(n);
            } else {
                b.day = Some(n);
            }
        }
        Word::Count(n) => b.count = Some(b.count.map_or(n, |c| c.saturating_add(n))),
        Word::Vague => b.vague = true,
        Word::Ref(k) => b.reference = Some(k),
        Word::Half => b.half = true,
        Word::Period => b.period = true,
        Word::DecadeOf1900s(d) => b.decade = Some(190 + d),
        Word::Of => b.of = true,
        Word::Holiday(h) => b.holiday = Some(h),
    }
}

/// Digits: a year, a two-digit year, a decade ("1990s", "'90s"), a day or count, an
/// ordinal ("3rd", "20th").
fn read_number(b: &mut Bag, w: &str, century_of: &impl Fn(i32) -> i32) {
    let apostrophe = w.starts_with(['\'', '’']);
    let w = w.trim_start_matches(['\'', '’']);
    if let Some(stem) = w
        .strip_suffix('s')
        .filter(|s| s.bytes().all(|c| c.is_ascii_digit()))
        && let Ok(n) = stem.parse::<i32>()
    {
        match (stem.len(), apostrophe) {
            (4, false) if n % 100 == 0 => b.century = Some(n / 100),
            (4, false) => b.decade = Some(n / 10),
            (2, _) => b.decade = Some(century_of(n) / 10),
            _ => {}
        }
        return;
    }
    let Some(n) = number(w) else { return };
    let ordinal_suffix = w.ends_with(|c: char| c.is_alphabetic());
    if apostrophe && w.len() == 2 {
        b.year = Some(century_of(n as i32));
    } else if w.len() == 4 && !ordinal_suffix {
        b.year = Some(n as i32);
    } else if n <= 31 && (b.month.is_some() || b.units == 0 && !ordinal_suffix) {
        b.day = Some(n as u32);
    } else if ordinal_suffix {
        if b.units == 0 && b.day.is_none() && b.ordinal.is_none() {
            b.ordinal = Some(n as u32);
        } else {
            b.day = Some(n as u32);
        }
    } else {
        b.count = Some(n);
    }
}

fn decide(b: &Bag, tense: impl Fn() -> Option<Dir>) -> Option<Expr> {
    // The strongest relation word: "this past spring" is the past one.
    let rel = b.rel_strong.or(b.rel_first);
    let has = |u: Unit| b.units & (1 << u as u16) != 0;
    let year_ref = |dir_if_rel: fn(i64) -> Dir, default: Dir| -> YearRef {
        if let Some(y) = b.year {
            YearRef::Abs(y)
        } else if let (Some(n), true) = (rel, has(Unit::Year)) {
            YearRef::Rel(i32::try_from(n).unwrap_or(0))
        } else if let Some(n) = rel {
            YearRef::Infer(dir_if_rel(n))
        } else {
            YearRef::Infer(match (default, tense()) {
                (Dir::Nearest, Some(Dir::Future)) => Dir::NearestFuture,
                (Dir::Nearest, Some(Dir::Past)) => Dir::NearestPast,
                (Dir::Nearest, _) => Dir::Nearest,
                (d, t) => t.unwrap_or(d),
            })
        }
    };
    let month_dir = |n: i64| match n {
        ..0 => Dir::Before,
        0 => Dir::Same,
        _ => Dir::After,
    };
    let day_of_month = b.day.or(b.ordinal.filter(|_| b.month.is_some()));

    if let Some(h) = b.holiday {
        let year = year_ref(month_dir, Dir::Nearest);
        return Some(if has(Unit::Week) {
            Expr::HolidayWeek { year, holiday: h }
        } else {
            Expr::Holiday { year, holiday: h }
        });
    }
    if let Some(month) = b.month {
        if let Some(day) = day_of_month {
            let year = year_ref(month_dir, Dir::Nearest);
            if has(Unit::Week) && b.of {
                return Some(Expr::WeekOf { year, month, day });
            }
            return Some(Expr::Date { year, month, day });
        }
        return Some(Expr::Month {
            year: year_ref(month_dir, Dir::Nearest),
            month,
        });
    }
    if let Some(day) = b.weekday {
        let dir = match rel {
            Some(n) if n < 0 => Dir::Before,
            Some(n) if n > 0 => Dir::After,
            _ => match tense() {
                Some(Dir::Future) => Dir::Future,
                _ => Dir::Past,
            },
        };
        return Some(Expr::Weekday { day, dir });
    }
    if let Some(n) = b.day_offset {
        // "the day before yesterday": a day word plus a day unit counted back or forward.
        let extra = match (has(Unit::Day), rel) {
            (true, Some(r)) => r,
            _ => 0,
        };
        return Some(Expr::DayOffset(n.saturating_add(extra)));
    }
    if let Some(d) = b.decade {
        return Some(Expr::Decade(d));
    }
    if let Some(c) = b.century {
        return Some(Expr::Century(c));
    }
    if let (Some(n), true) = (b.ordinal.or(b.day), has(Unit::Century)) {
        return Some(Expr::Century(i32::try_from(n).ok()? - 1));
    }
    if b.half {
        let half = match (b.ordinal.or(b.day), rel) {
            (Some(n), _) => n,
            (None, Some(-1)) => 2,
            _ => return None,
        };
        let year = b.year.map_or(YearRef::Rel(0), YearRef::Abs);
        return Some(Expr::Half { year, half });
    }
    if has(Unit::Quarter) || b.period {
        let year_ago = b.ago && has(Unit::Year);
        // "the third quarter", "3. Quartal" (a bare number reads as a day until here).
        if let Some(quarter) = b.ordinal.or(b.day) {
            // A quarter named without a year is the latest one by that name: company results
            // are reported after it ends, whatever the tense.
            let year = match (b.year, rel) {
                _ if year_ago => YearRef::Rel(-1),
                (Some(y), _) => YearRef::Abs(y),
                (None, Some(n)) if has(Unit::Year) => YearRef::Rel(i32::try_from(n).unwrap_or(0)),
                _ => YearRef::Infer(Dir::Past),
            };
            return Some(Expr::Quarter { year, quarter });
        }
        if let Some(y) = b.year {
            return Some(Expr::Year(YearRef::Abs(y)));
        }
        if year_ago || rel == Some(-1) && has(Unit::Year) {
            return Some(Expr::LatestQuarter(-4));
        }
        return Some(match rel {
            Some(n @ 0..) => Expr::Shift {
                unit: Unit::Quarter,
                n,
            },
            _ => Expr::LatestQuarter(0),
        });
    }
    if let Some(season) = b.season {
        let year = match (b.year, rel) {
            (Some(y), _) => YearRef::Abs(y),
            (None, Some(n)) => YearRef::Infer(month_dir(n)),
            (None, None) => YearRef::Infer(tense().unwrap_or(Dir::Past)),
        };
        return Some(Expr::Season { year, season });
    }
    if let Some(y) = b.year {
        return Some(Expr::Year(YearRef::Abs(y)));
    }
    if let Some(k) = b.reference {
        return Some(Expr::Ref(k));
    }
    let unit = b.first_unit;
    if b.vague {
        return Some(Expr::Ref(if b.ago || rel == Some(-1) {
            RefKind::Past
        } else {
            RefKind::Future
        }));
    }
    // "10 days ago": a small number read as a day of the month is the count.
    let count = b.count.or(b.day.map(i64::from));
    match (unit, rel) {
        (Some(unit), _) if b.ago && (count.is_some() || rel.is_none()) => {
            let n = count.unwrap_or(1);
            Some(match unit {
                Unit::Decade => Expr::Shift {
                    unit: Unit::Year,
                    n: n.saturating_mul(-10),
                },
                unit => Expr::Shift {
                    unit,
                    n: n.saturating_neg(),
                },
            })
        }
        (Some(unit), Some(n)) => Some(Expr::Shift { unit, n }),
        (Some(Unit::Weekend), None) => Some(Expr::RecentWeekend),
        (Some(unit @ (Unit::Year | Unit::Month | Unit::Week)), None) => {
            Some(Expr::Shift { unit, n: 0 })
        }
        (None, Some(-1)) => Some(Expr::Ref(RefKind::Past)),
        (None, Some(0)) => Some(Expr::Ref(RefKind::Present)),
        _ => None,
    }
}
