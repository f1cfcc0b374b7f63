//! English: rules, lexicon, false friends and tense cues.

use std::sync::LazyLock;

use chrono::Weekday;

use super::Language;
use super::expr::{Dir, Expr, RefKind, Season, Unit, YearRef};
use super::interpret::{Holiday, Word};
use super::rules::{
    Grammar, after, before, context, decimal, is, is_any, lookup, number, numeric_date, words,
};

/// Pattern pieces; later ones may use earlier ones.
#[rustfmt::skip]
const VARS: &[(&str, &str)] = &[
    ("MONF", "January|February|March|April|May|June|July|August|September|October|November|December"),
    ("MON", r"{MONF}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"),
    ("WD", "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"),
    ("D", "(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"),
    ("ONES", "one|two|three|four|five|six|seven|eight|nine"),
    ("TEENS", "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"),
    ("TENS", "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"),
    ("ORDW", "(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|\
         thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|\
         twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty[- ]first)"),
    ("Y", "1[0-9]{3}|20[0-9]{2}"), ("YS", "1[6-9][0-9]{2}|20[0-9]{2}"),
    ("SPY", r"(?i:nineteen[- ](?:hundred[- ](?:and[- ])?)?(?:(?:{TENS})(?:[- ](?:{ONES}))?|{TEENS}|oh[- ](?:{ONES})))"),
    ("COUNT", r"[0-9]{1,3}|(?i:a|an|one|(?:{TENS})(?:[- ](?:{ONES}))?|{ONES}|{TEENS}|a\s+few|a\s+couple\s+of|several|few|many)"),
    ("APPROX", r"(?i:about|around|nearly|almost|some|roughly|more\s+than|less\s+than|over|at\s+least)\s+"),
    ("MODP", r"(?i:(?:early|late|mid)(?:-|\s+)|(?:the\s+)?(?:beginning|end|middle|start|close)\s+of\s+)"),
    ("REL", r"(?i:this\s+past|this\s+coming|last|next|this|past|previous|coming|following|current)"),
    ("UNIT", "(?i:weekend|week|month|year|quarter|decade|century)"),
    ("UNITS", "(?i:days?|weeks?|months?|years?|decades?|centuries|quarters?)"),
    ("SEASON", "(?i:spring|summer|fall|autumn|winter)"),
    ("QORD", "(?i:first|second|third|fourth|1st|2nd|3rd|4th)"),
    ("DECW", "(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)"),
];

/// Alternatives in priority order for matches starting at the same place.
const RULES: &[&str] = &[
    // Numeric dates.
    r"[0-9]{4}-[0-1][0-9]-[0-3][0-9]",
    r"(?:0?[1-9]|1[0-2])/(?:[0-2]?[0-9]|3[01])/(?:{Y})",
    // "the week of March 6".
    r"(?i:the\s+week\s+of\s+)(?:{MON})\s+{D}",
    // "Friday, 16 October 1998", "the 16th of October 1998".
    r"(?:(?:{WD}),?\s+)?(?i:the\s+)?{D}\s+(?i:of\s+)?(?:{MONF}),?\s+(?:{Y})",
    // "Friday, Oct. 16, 1998", "Oct. 16", "this coming Sunday, March eighth".
    r"(?:(?i:this)\s+(?i:coming\s+|past\s+)?)?(?:(?:{WD}),?\s+)?(?:{MON})\s+(?:{D}|{ORDW})(?:,?\s*(?:{Y})|\s+{SPY})?",
    // "16 October", "the 16th of October".
    r"(?:(?:{WD}),?\s+)?(?i:the\s+)?{D}\s+(?i:of\s+)?(?:{MONF})",
    // "October 1998", "late October 1998", "January nineteen ninety-seven".
    r"(?:{MODP})?(?:{MON}),?\s+(?i:of\s+)?(?:{Y}|{SPY})",
    // "June last year".
    r"(?:{MODP})?(?:{MONF})\s+(?i:of\s+)?(?i:this|last|next)\s+(?i:year)",
    // "last November", "this September".
    r"(?:{MODP})?(?i:last|next|this(?:\s+past|\s+coming)?|past|coming)\s+(?:{MONF})",
    // Holidays.
    r"(?:(?i:last|next|this)\s+)?(?:Christmas(?:\s+Day)?|Thanksgiving(?:\s+Day)?|Halloween|Election\s+Day|Labor\s+Day|Memorial\s+Day|New\s+Year['’]s\s+Day|Valentine['’]s\s+Day|Independence\s+Day|Easter(?:\s+Sunday)?|Good\s+Friday|(?i:the\s+)?Fourth\s+of\s+July)(?:\s+(?i:week))?",
    // "late November", "the end of October", "November".
    r"(?:{MODP})?(?:{MONF})",
    // Weekdays: "last Friday", "the previous Friday", "Friday night".
    r"(?i:the\s+day\s+(?:before|after)\s+)?(?:(?i:last|next|this(?:\s+coming|\s+past)?|coming|past|the\s+previous|the\s+following)\s+)?(?:{WD})(?:\s+(?i:morning|afternoon|evening|night))?",
    // "yesterday", "late yesterday", "the day after tomorrow".
    r"(?i:(?:early|late|earlier|later)\s+)?(?i:the\s+day\s+(?:before|after)\s+)?(?i:yesterday|tomorrow|today|tonight)",
    // Quarters: "the third quarter of 1998", "this year's first quarter", "third-quarter".
    r"(?i:the\s+)?(?:(?:{Y})(?:['’]s)?\s+|(?i:this|last|next)\s+(?i:year)['’]s\s+|(?i:year[- ](?:ago|earlier))\s+)?(?i:fiscal[- ])?{QORD}\s+(?i:fiscal\s+)?(?i:quarter)(?:\s+(?i:of)\s+(?:(?i:fiscal\s+)?(?:{Y})|(?i:this|last|next)\s+(?i:year)))?",
    r"(?i:fiscal[- ])?{QORD}-(?i:quarter|half)",
    r"(?i:the\s+)?(?i:comparable\s+|corresponding\s+|same\s+)?(?i:year[- ](?:ago|earlier))\s+(?:{QORD}\s+)?(?i:quarter|period)",
    r"(?i:year-(?:ago|earlier))",
    r"(?i:the\s+(?:latest\s+|current\s+|same\s+|comparable\s+)?(?:fiscal\s+)?quarter)",
    r"(?i:the\s+)(?:(?i:latest|comparable|corresponding)|{Y})\s+(?i:fiscal\s+)?(?i:period|quarter)",
    r"(?i:the\s+)?(?i:first|second|last|latter)\s+(?i:half)\s+(?i:of)\s+(?:(?:{Y})|(?i:this|last|next)\s+(?i:year)|(?i:the\s+year))",
    // Fiscal years.
    r"(?i:fiscal\s+(?:year\s+)?)(?:{Y})",
    r"(?i:the\s+(?:current\s+|latest\s+|last\s+|previous\s+|next\s+|new\s+)?fiscal\s+year)",
    // Relative units: "last week", "earlier this month", "late last year", "the past year".
    r"(?:{MODP}|(?i:(?:earlier|later)\s+))?(?i:the\s+)?{REL}\s+(?i:fiscal\s+)?(?:{UNIT}|{SEASON})(?i:\s+or\s+so)?",
    r"(?:{MODP}|(?i:(?:earlier|later)\s+in\s+))(?i:the\s+(?:week|month|year))",
    // "the last few months" (the past).
    r"(?i:the\s+(?:last|past)\s+(?:few|several)\s+(?:days|weeks|months|years|decades|quarters))",
    // "two years ago", "a year earlier", "a week or so ago".
    r"(?:{APPROX})?(?:{COUNT})\s+{UNITS}(?i:\s+or\s+so)?\s+(?i:ago|earlier)",
    // Decades and centuries: "the 1990s", "the late '80s", "the nineties", "the 20th century".
    r"(?i:(?:early|late|mid)[- ]?)?(?:[0-9]{3}0s|['’][0-9]0s|(?i:nineteen[- ])?{DECW})",
    r"(?i:the\s+)?(?i:(?:early|late|mid)[- ]?)?(?:[0-9]{1,2}(?:st|nd|rd|th)|{ORDW})\s+(?i:century)",
    // Spelled-out years: "the year two thousand", "nineteen ninety-six".
    r"(?i:the\s+year\s+two\s+thousand(?:\s+and)?(?:\s+(?:{TENS}|{TEENS}|{ONES}))?)",
    r"(?i:the\s+)?(?:{SEASON})\s+(?i:of\s+)?{SPY}",
    r"{SPY}",
    // "the year", "the week": the current one.
    r"(?i:the\s+(?:full\s+)?(?:year|week|weekend))",
    // "year-end", "year's end".
    r"(?i:year[- ]end|year['’]s\s+end)",
    // "last year's quarter".
    r"(?i:(?:this|last|next)\s+year['’]s\s+quarter)",
    // Seasons: "summer 1998", "the winter of 1994", "the summer".
    r"(?:{MODP})?(?i:the\s+)?(?:{SEASON})\s+(?i:of\s+)?(?:{Y})",
    r"(?:{MODP})?(?i:the\s+)(?:{SEASON})",
    // Years: "1998", "mid-1990", "the end of 1998", "post-1998".
    r"(?:{MODP}|(?i:post|pre)-)?(?:{YS})",
    // References.
    r"(?i:now)",
    r"(?i:currently|nowadays|presently|at\s+present|these\s+days|current)",
    r"(?i:(?:more\s+)?recently)",
    r"(?i:recent\s+(?:years|days|weeks|months|decades|times))",
    r"(?i:(?:the\s+)?(?:coming|upcoming)\s+(?:days|weeks|months|years|quarters))",
    r"(?i:the\s+(?:near\s+|distant\s+|immediate\s+)?future)",
    r"(?i:the\s+past)",
];

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(RULES, VARS));

/// English.
pub struct English;

/// Whether `text` has English in it: one of its commonest words between spaces.
pub fn likely(text: &str) -> bool {
    [" the ", " of ", " and ", " to "]
        .iter()
        .any(|w| text.contains(w))
}

#[rustfmt::skip]
const LEXICON: &[(&str, Word)] = &[
    ("jan", Word::Month(1)), ("january", Word::Month(1)), ("feb", Word::Month(2)), ("february", Word::Month(2)),
    ("mar", Word::Month(3)), ("march", Word::Month(3)), ("apr", Word::Month(4)), ("april", Word::Month(4)),
    ("may", Word::Month(5)), ("jun", Word::Month(6)), ("june", Word::Month(6)), ("jul", Word::Month(7)),
    ("july", Word::Month(7)), ("aug", Word::Month(8)), ("august", Word::Month(8)), ("sep", Word::Month(9)),
    ("sept", Word::Month(9)), ("september", Word::Month(9)), ("oct", Word::Month(10)),
    ("october", Word::Month(10)), ("nov", Word::Month(11)), ("november", Word::Month(11)),
    ("dec", Word::Month(12)), ("december", Word::Month(12)), ("monday", Word::Weekday(Weekday::Mon)),
    ("tuesday", Word::Weekday(Weekday::Tue)), ("wednesday", Word::Weekday(Weekday::Wed)),
    ("thursday", Word::Weekday(Weekday::Thu)), ("friday", Word::Weekday(Weekday::Fri)),
    ("saturday", Word::Weekday(Weekday::Sat)), ("sunday", Word::Weekday(Weekday::Sun)),
    ("today", Word::DayOffset(0)), ("tonight", Word::DayOffset(0)), ("yesterday", Word::DayOffset(-1)),
    ("tomorrow", Word::DayOffset(1)), ("last", Word::Rel(-1)), ("past", Word::Rel(-1)),
    ("previous", Word::Rel(-1)), ("this", Word::Rel(0)), ("current", Word::Rel(0)), ("next", Word::Rel(1)),
    ("coming", Word::Rel(1)), ("following", Word::Rel(1)), ("ago", Word::Ago), ("before", Word::Rel(-1)),
    ("after", Word::Rel(1)), ("earlier", Word::Ago), ("day", Word::Unit(Unit::Day)),
    ("days", Word::Unit(Unit::Day)), ("week", Word::Unit(Unit::Week)), ("weeks", Word::Unit(Unit::Week)),
    ("weekend", Word::Unit(Unit::Weekend)), ("month", Word::Unit(Unit::Month)),
    ("months", Word::Unit(Unit::Month)), ("quarter", Word::Unit(Unit::Quarter)),
    ("quarters", Word::Unit(Unit::Quarter)), ("year", Word::Unit(Unit::Year)),
    ("years", Word::Unit(Unit::Year)), ("decade", Word::Unit(Unit::Decade)),
    ("decades", Word::Unit(Unit::Decade)), ("century", Word::Unit(Unit::Century)),
    ("centuries", Word::Unit(Unit::Century)), ("spring", Word::Season(Season::Spring)),
    ("summer", Word::Season(Season::Summer)), ("fall", Word::Season(Season::Fall)),
    ("autumn", Word::Season(Season::Fall)), ("winter", Word::Season(Season::Winter)),
    ("first", Word::Ordinal(1)), ("second", Word::Ordinal(2)), ("third", Word::Ordinal(3)),
    ("fourth", Word::Ordinal(4)), ("fifth", Word::Ordinal(5)), ("sixth", Word::Ordinal(6)),
    ("seventh", Word::Ordinal(7)), ("eighth", Word::Ordinal(8)), ("ninth", Word::Ordinal(9)),
    ("tenth", Word::Ordinal(10)), ("eleventh", Word::Ordinal(11)), ("twelfth", Word::Ordinal(12)),
    ("thirteenth", Word::Ordinal(13)), ("fourteenth", Word::Ordinal(14)), ("fifteenth", Word::Ordinal(15)),
    ("sixteenth", Word::Ordinal(16)), ("seventeenth", Word::Ordinal(17)), ("eighteenth", Word::Ordinal(18)),
    ("nineteenth", Word::Ordinal(19)), ("twentieth", Word::Ordinal(20)), ("thirtieth", Word::Ordinal(30)),
    ("latter", Word::Ordinal(2)), ("a", Word::Count(1)), ("an", Word::Count(1)), ("one", Word::Count(1)),
    ("two", Word::Count(2)), ("three", Word::Count(3)), ("four", Word::Count(4)), ("five", Word::Count(5)),
    ("six", Word::Count(6)), ("seven", Word::Count(7)), ("eight", Word::Count(8)), ("nine", Word::Count(9)),
    ("ten", Word::Count(10)), ("eleven", Word::Count(11)), ("twelve", Word::Count(12)),
    ("thirteen", Word::Count(13)), ("fourteen", Word::Count(14)), ("fifteen", Word::Count(15)),
    ("sixteen", Word::Count(16)), ("seventeen", Word::Count(17)), ("eighteen", Word::Count(18)),
    ("nineteen", Word::Count(19)), ("twenty", Word::Count(20)), ("thirty", Word::Count(30)),
    ("forty", Word::Count(40)), ("fifty", Word::Count(50)), ("sixty", Word::Count(60)),
    ("seventy", Word::Count(70)), ("eighty", Word::Count(80)), ("ninety", Word::Count(90)),
    ("few", Word::Vague), ("several", Word::Vague), ("many", Word::Vague), ("couple", Word::Count(1)),
    ("now", Word::Ref(RefKind::Present)), ("currently", Word::Ref(RefKind::Present)),
    ("nowadays", Word::Ref(RefKind::Present)), ("presently", Word::Ref(RefKind::Present)),
    ("present", Word::Ref(RefKind::Present)), ("days", Word::Unit(Unit::Day)),
    ("recently", Word::Ref(RefKind::Past)), ("recent", Word::Ref(RefKind::Past)),
    ("previously", Word::Ref(RefKind::Past)), ("formerly", Word::Ref(RefKind::Past)),
    ("future", Word::Ref(RefKind::Future)), ("half", Word::Half), ("period", Word::Period), ("of", Word::Of),
    ("twenties", Word::DecadeOf1900s(2)), ("thirties", Word::DecadeOf1900s(3)),
    ("forties", Word::DecadeOf1900s(4)), ("fifties", Word::DecadeOf1900s(5)),
    ("sixties", Word::DecadeOf1900s(6)), ("seventies", Word::DecadeOf1900s(7)),
    ("eighties", Word::DecadeOf1900s(8)), ("nineties", Word::DecadeOf1900s(9)),
    ("christmas", Word::Holiday(Holiday::Fixed(12, 25))), ("halloween", Word::Holiday(Holiday::Fixed(10, 31))),
    ("valentine", Word::Holiday(Holiday::Fixed(2, 14))), ("independence", Word::Holiday(Holiday::Fixed(7, 4))),
    ("thanksgiving", Word::Holiday(Holiday::Nth(11, Weekday::Thu, 4))),
    ("labor", Word::Holiday(Holiday::Nth(9, Weekday::Mon, 1))),
    ("memorial", Word::Holiday(Holiday::Nth(5, Weekday::Mon, 5))),
    ("election", Word::Holiday(Holiday::Election)), ("easter", Word::Holiday(Holiday::Easter(0))),
    ("good", Word::Holiday(Holiday::Easter(-2))),
];

/// Words that make an unanchored weekday or month point forward.
#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "will", "ll", "shall", "would", "expected", "expects", "expect", "scheduled", "planned", "plans", "plan",
    "planning", "set", "due", "until", "through", "payable", "effective", "record", "upcoming", "next",
    "tomorrow", "soon", "early",
];

/// Words that make it point back (besides "-ed" forms not in [`FUTURE_CUES`]).
#[rustfmt::skip]
const PAST_CUES: &[&str] = &[
    "was", "were", "had", "did", "since", "ago", "last", "earlier", "began", "said",
];

impl Language for English {
    fn grammar(&self) -> &Grammar {
        &GRAMMAR
    }

    fn keep(&self, text: &str, s: usize, e: usize) -> bool {
        let surface = &text[s..e];
        let ahead = text[..s].trim_end();
        let prev_word = words(before(text, s, 24)).last().unwrap_or("");
        let next_char = text[e..].chars().next().unwrap_or(' ');
        let next_word = words(after(text, e, 24)).next().unwrap_or("");
        let first = surface.as_bytes()[0];
        if first.is_ascii_digit() {
            // Money, counts, percentages, codes: "$1998", "1998 shares", "No. 1989".
            if ahead.ends_with(['$', '#', '£', '€', '¥']) || is(prev_word, "no") {
                return false;
            }
            if next_char == '%' || decimal(text, e) || is_any(next_word, NOT_AFTER_NUMBER) {
                return false;
            }
            let tight = text[..s].ends_with(|c: char| {
                c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '/' | ':')
            });
            if tight && !surface.contains(['-', '/']) {
                return false;
            }
            // A name with a number ("Orion 1980", "Windows 2000"): a capitalised word before
            // the year in mid-sentence.
            let mid_sentence = ahead.strip_suffix(prev_word).is_some_and(|rest| {
                rest.trim_end()
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | ')'))
            });
            if surface.len() == 4
                && prev_word.starts_with(|c: char| c.is_uppercase())
                && mid_sentence
                && lookup(LEXICON, prev_word).is_none()
            {
                return false;
            }
        }
        // "This Week", "Last Week": a title, not a date.
        let mut ws = words(surface);
        if let (Some(rel), Some(unit), None) = (ws.next(), ws.next(), ws.next())
            && matches!(lookup(LEXICON, rel), Some(Word::Rel(_)))
            && matches!(lookup(LEXICON, unit), Some(Word::Unit(_)))
            && unit.starts_with(|c: char| c.is_uppercase())
        {
            return false;
        }
        if is(surface, "may") || is_any(surface, &["june", "april", "august"]) {
            // A name ("Theresa May", "June Carter") or the modal verb.
            let capital_next =
                text[e..].starts_with(' ') && next_word.starts_with(|c: char| c.is_uppercase());
            let sentence_start =
                ahead.is_empty() || ahead.ends_with(['.', '"', '\n', '“', '`', '\'']);
            if capital_next || surface == "May" && sentence_start {
                return false;
            }
            if surface == "May"
                && !is_any(
                    prev_word,
                    &[
                        "in", "since", "until", "by", "of", "through", "from", "early", "late",
                        "mid", "before", "after", "during", "last", "next", "this", "and", "or",
                        "to",
                    ],
                )
            {
                return false;
            }
        }
        // "now-defunct" is an adjective.
        if is(surface, "now") && next_char == '-' {
            return false;
        }
        if is(surface, "the past")
            && (number(next_word).is_some() || is_any(next_word, PAST_DURATION))
        {
            return false;
        }
        if (is(surface, "the year") || is(surface, "the week"))
            && (next_char == '-'
                || is_any(
                    next_word,
                    &["before", "after", "earlier", "ago", "two", "of", "and"],
                ))
        {
            return false;
        }
        if surface.ends_with("all") && is(next_word, "of") {
            return false; // "the fall of the wall"
        }
        true
    }

    fn word(&self, w: &str) -> Option<Word> {
        lookup(LEXICON, w)
    }

    fn tense(&self, text: &str, s: usize, e: usize) -> Option<Dir> {
        // The nearest cue before the expression, in the same sentence.
        let (before, _) = context(text, s, e, 6);
        before.iter().rev().find_map(|w| {
            if is_any(w, FUTURE_CUES) {
                Some(Dir::Future)
            } else if is_any(w, PAST_CUES) || w.len() > 4 && w.ends_with("ed") {
                Some(Dir::Past)
            } else {
                None
            }
        })
    }

    fn special(&self, surface: &str) -> Option<Expr> {
        if surface.starts_with(|c: char| c.is_ascii_digit()) && surface.contains(['-', '/']) {
            return numeric_date(surface);
        }
        // "the coming months": the future, not one month.
        if surface.ends_with('s') && words(surface).any(|w| is(w, "coming") || is(w, "upcoming")) {
            return Some(Expr::Ref(RefKind::Future));
        }
        if !surface.contains("ineteen") && !surface.contains("housand") || surface.ends_with("ies")
        {
            return None;
        }
        spelled_year(surface).map(|(y, season)| match season {
            Some(season) => Expr::Season {
                year: YearRef::Abs(y),
                season,
            },
            None if words(surface)
                .any(|w| lookup(LEXICON, w).is_some_and(|x| matches!(x, Word::Month(_)))) =>
            {
                let month = words(surface).find_map(|w| match lookup(LEXICON, w) {
                    Some(Word::Month(m)) => Some(m),
                    _ => None,
                });
                Expr::Month {
                    year: YearRef::Abs(y),
                    month: month.unwrap_or(1),
                }
            }
            None => Expr::Year(YearRef::Abs(y)),
        })
    }
}

/// Nouns after a number that make it a count, not a year.
#[rustfmt::skip]
const NOT_AFTER_NUMBER: &[&str] = &[
    "percent", "people", "shares", "cents", "feet", "miles", "tons", "troops", "men", "women", "votes", "yards",
    "meters", "kilometers", "pounds", "dollars", "points", "acres", "units", "employees", "workers", "am", "pm",
    "hours", "gmt", "est", "edt",
];

/// What makes "the past" a duration ("the past three months").
#[rustfmt::skip]
const PAST_DURATION: &[&str] = &[
    "few", "several", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twenty", "year",
    "years", "month", "months", "week", "weeks", "decade", "decades", "day", "days", "century", "quarter",
    "quarters", "hour", "hours", "summer", "winter", "fall", "spring", "half", "dozen", "couple",
];

/// "nineteen ninety-six" → 1996, "the year two thousand" → 2000, with a season if one is named.
fn spelled_year(surface: &str) -> Option<(i32, Option<Season>)> {
    let mut century: Option<i32> = None;
    let mut rest = 0;
    let mut season = None;
    for w in words(surface) {
        match lookup(LEXICON, w) {
            Some(Word::Count(19)) if century.is_none() => century = Some(1900),
            Some(Word::Count(n)) if century.is_some() => rest += i32::try_from(n).ok()?,
            Some(Word::Season(s)) => season = Some(s),
            _ if is(w, "thousand") => century = Some(2000),
            _ if is(w, "oh") || is(w, "hundred") || is(w, "and") => {}
            _ => {}
        }
    }
    let y = century? + rest;
    (rest < 100).then_some((y, season))
}
