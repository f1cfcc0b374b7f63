//! Mentioned dates: the temporal expressions of a text, resolved against its publication day.
//!
//! ```text
//! body ─ lang_en / de / es / fr / ru / uk: one combined regex per language (rules::Grammar) ─▶ spans
//!      ─ the language's filter (a "May" that is a name, "$1998", "1678.5") ─▶ kept spans
//!      ─ interpret: the span's words through the language's lexicon ─▶ Expr
//!      ─ resolve: Expr + publication day (+ tense cue) ─▶ TimeML-like value
//!      ─ overlaps between languages: the longer span wins ─▶ Vec<MentionedDate>, text order
//! ```
//!
//! * `rules`: the regex builder with word boundaries checked in code, the tokeniser, the
//!   sentence window used for tense cues.
//! * `interpret`: words → `expr::Expr`, shared by the languages.
//! * `expr`: what an expression means (`expr::Expr`) and what it resolves to
//!   (`expr::Value`: `2022-11-05`, `2022-11`, `2022`, `2022-W43`, `2022-Q3`, `2022-SU`,
//!   `199`, `PRESENT_REF`, …).
//! * `resolve`: the calendar arithmetic from one to the other.
//! * `lang_en`, `lang_de`, `lang_es`, `lang_fr`, `lang_ru`, `lang_uk`: rule tables, lexicons,
//!   filters, tense cues.
//! * `tests`, `robustness`: sentences per language with expected values; odd strings, every
//!   cut of a mixed text, and a property test (nothing panics, surfaces are the text's own).
//!
//! Extents follow TimeML: prepositions stay out ("on Saturday" → "Saturday", "в субботу" →
//! "субботу"), determiners and modifiers that are part of the expression stay in ("the third
//! quarter", "late last year", "early 1990s"; a decade drops its "the", as annotators do).
//!
//! Resolution: a weekday without "last"/"next" is the latest such day on or before publication
//! unless a future cue ("will", "scheduled", "wird", "будет") comes shortly before it; a month
//! or day without a year is the nearest occurrence, unless it is more than four months away
//! and the tense points the other way; a quarter without a year is the latest one by that
//! name. Without a publication date only what the text states
//! absolutely ("Oct. 16, 1998", "1998", "the 1990s") and the reference values (`PRESENT_REF`,
//! `PAST_REF`, `FUTURE_REF`) are returned. Nothing reads the clock.

mod expr;
mod interpret;
mod lang_de;
mod lang_en;
mod lang_es;
mod lang_fr;
mod lang_ru;
mod lang_uk;
mod resolve;
mod rules;

use chrono::NaiveDate;

use crate::MentionedDate;

use self::expr::{Dir, Expr};
use self::interpret::Word;
use self::rules::Grammar;

/// The dates `body` mentions, one per occurrence, in text order, each with its exact surface
/// and its value resolved against `published` (the publication day).
///
/// # Example
/// ```
/// use chrono::NaiveDate;
/// use newsdex::extract::mentions::mentioned_dates;
///
/// let text = "Kyiv was dark on Saturday. Strikes began on October 10 and eased last week.";
/// let found = mentioned_dates(text, NaiveDate::from_ymd_opt(2022, 11, 5));
/// let pairs: Vec<(&str, &str)> = found.iter().map(|m| (m.text.as_str(), m.value.as_str())).collect();
/// assert_eq!(pairs, [("Saturday", "2022-11-05"), ("October 10", "2022-10-10"), ("last week", "2022-W43")]);
///
/// // Without a publication date, only what the text states outright.
/// let found = mentioned_dates("It opened on Oct. 16, 1998, and closed on Friday.", None);
/// assert_eq!(found.len(), 1);
/// assert_eq!(found[0].value, "1998-10-16");
/// ```
pub fn mentioned_dates(body: &str, published: Option<NaiveDate>) -> Vec<MentionedDate> {
    let mut found: Vec<(usize, usize, String)> = Vec::new();
    let (de, ru) = (lang_de::likely(body), lang_ru::likely(body));
    // Spanish or French, whichever has more of its own common words (two at least): each
    // table's filters know only its own language ("2000 personas" is no year).
    let (es_words, fr_words) = (lang_es::markers(body), lang_fr::markers(body));
    let es = es_words >= 2 && es_words >= fr_words;
    let fr = fr_words >= 2 && fr_words > es_words;
    // The English grammar is the costliest scan; a German, Russian, Spanish or French text
    // runs it only when it has English in it too.
    if lang_en::likely(body) || !(de || ru || es || fr) {
        scan(&lang_en::English, body, published, &mut found);
    }
    if de {
        scan(&lang_de::German, body, published, &mut found);
    }
    if es {
        scan(&lang_es::Spanish, body, published, &mut found);
    }
    if fr {
        scan(&lang_fr::French, body, published, &mut found);
    }
    if ru {
        scan(&lang_ru::Russian, body, published, &mut found);
        if lang_uk::likely(body) {
            scan(&lang_uk::Ukrainian, body, published, &mut found);
        }
    }
    // Spans of one language never overlap; across languages the longer one wins.
    found.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    let mut kept: Vec<(usize, usize, String)> = Vec::with_capacity(found.len());
    for f in found {
        match kept.last_mut() {
            Some(last) if f.0 < last.1 => {
                if f.1 - f.0 > last.1 - last.0 {
                    *last = f;
                }
            }
            _ => kept.push(f),
        }
    }
    kept.into_iter()
        .map(|(s, e, value)| MentionedDate {
            text: body[s..e].to_string(),
            value,
        })
        .collect()
}

/// What a language supplies: its rules, a filter for false friends, its words, its tense cues.
trait Language {
    /// The language's rules, compiled once.
    fn grammar(&self) -> &Grammar;
    /// Whether the span `text[s..e]` is a date here (not "$1998", "Theresa May", "now-defunct").
    fn keep(&self, _text: &str, _s: usize, _e: usize) -> bool {
        true
    }
    /// What a word means; `None` for words without a meaning of their own ("the", digits).
    fn word(&self, w: &str) -> Option<Word>;
    /// Whether the sentence around `text[s..e]` points to the future or the past.
    fn tense(&self, text: &str, s: usize, e: usize) -> Option<Dir>;
    /// Surfaces the word bag cannot read (spelled-out years, numeric dates).
    fn special(&self, _surface: &str) -> Option<Expr> {
        None
    }
    /// The words after a number that make it an amount, for the shared amount check
    /// ([`rules::an_amount`]) run before [`Language::keep`]; `None` when the language's own
    /// `keep` does it all (English).
    fn amount_units(&self) -> Option<&[&str]> {
        None
    }
}

/// Finds, filters, reads and resolves one language's expressions into `out`.
fn scan(
    lang: &impl Language,
    text: &str,
    r: Option<NaiveDate>,
    out: &mut Vec<(usize, usize, String)>,
) {
    for (s, e) in lang.grammar().spans(text) {
        if let Some(units) = lang.amount_units()
            && text[s..e].starts_with(|c: char| c.is_ascii_digit())
        {
            let next_word = rules::words(rules::after(text, e, 32)).next().unwrap_or("");
            if rules::an_amount(text, (s, e), next_word, units) {
                continue;
            }
        }
        if !lang.keep(text, s, e) {
            continue;
        }
        let surface = &text[s..e];
        let expr = lang.special(surface).or_else(|| {
            interpret::interpret(
                rules::words(surface),
                |w| lang.word(w),
                || lang.tense(text, s, e),
                |yy| two_digit_year(yy, r),
            )
        });
        if let Some(v) = expr.and_then(|x| resolve::resolve(x, r)) {
            out.push((s, e, v.to_string()));
        }
    }
}

/// The full year of a two-digit one ("'98"): the one at most ten years after the reference
/// (or 2030 without one).
fn two_digit_year(yy: i32, r: Option<NaiveDate>) -> i32 {
    use chrono::Datelike;
    let pivot = r.map_or(2030, |d| d.year() + 10);
    let base = pivot - pivot.rem_euclid(100);
    let y = base + yy.rem_euclid(100);
    if y > pivot { y - 100 } else { y }
}

#[cfg(test)]
mod robustness;
#[cfg(test)]
mod tests;
