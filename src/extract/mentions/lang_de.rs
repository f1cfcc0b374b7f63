//! German: rules, lexicon, false friends and tense cues.
//!
//! Prepositions stay out of the surface ("am Samstag" → "Samstag", "im September" →
//! "September", "im vergangenen Jahr" → "vergangenen Jahr"); "vor" is kept in "vor zwei
//! Jahren", where it is the "ago".

use std::sync::LazyLock;

use chrono::Weekday;
use regex::Regex;

use super::Language;
use super::expr::{Dir, Expr, RefKind, Season, Unit};
use super::interpret::{Holiday, Word};
use super::rules::{
    Grammar, after, decade, is_any, lookup, number, numeric_date, tense_by_cues, words,
};

#[rustfmt::skip]
const VARS: &[(&str, &str)] = &[
    ("MONF", "Januar|Jänner|Februar|Feber|März|Maerz|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"),
    ("MON", r"{MONF}|(?:Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept|Sep|Okt|Nov|Dez)\."),
    ("WD", "Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag"),
    ("TAGESZEIT", "abend|morgen|nachmittag|vormittag|nacht|mittag"), ("D", r"(?:[12][0-9]|3[01]|0?[1-9])\."),
    ("Y", "1[0-9]{3}|20[0-9]{2}"), ("YS", "1[6-9][0-9]{2}|20[0-9]{2}"), ("MOD", r"(?:Anfang|Mitte|Ende)\s+"),
    ("REL", "(?i:letzte[nrsm]?|vergangene[nrsm]?|vorige[nrsm]?|nächste[nrsm]?|kommende[nrsm]?|diese[nrsm]?|\
         laufende[nrsm]?|folgende[nrsm]?)"),
    ("UNIT", "Wochenendes|Wochenende|Woche|Monats|Monat|Jahres|Jahrs|Jahr|Quartals|Quartal|Halbjahres|Halbjahr|\
         Jahrzehnts|Jahrzehnt|Jahrhunderts|Jahrhundert"),
    ("SEASON", "Frühjahrs|Frühjahr|Frühlings|Frühling|Sommers|Sommer|Herbstes|Herbst|Winters|Winter"),
    ("COUNT", "[0-9]{1,3}|(?i:einem|einer|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|\
         dreißig|fünfzig|hundert|wenigen|einigen|mehreren|ein\\s+paar)"),
    ("ORD", r"(?i:erste[nmrs]?|zweite[nmrs]?|dritte[nmrs]?|vierte[nmrs]?)|[1-4]\."),
];

const RULES: &[&str] = &[
    // "16.10.2022".
    r"(?:[12][0-9]|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:{Y})",
    // "Samstag, 16. Oktober 2022", "16. Oktober", "den 16. Oktober".
    r"(?:(?:{WD}),?\s+(?:den\s+)?)?{D}\s*(?:{MON})(?:\s+(?:{Y}))?",
    // "Oktober 2022", "Ende Oktober 2022", "Oktober", "Mitte Mai".
    r"(?:{MOD})?(?:{MON})\s+(?:{Y})",
    r"(?:{MOD})?(?:{MONF})",
    // Weekdays: "Samstag", "vergangenen Samstag", "Samstagabend".
    r"(?:{REL}\s+)?(?:{WD})(?:{TAGESZEIT})?",
    // "heute", "gestern", "vorgestern", "morgen" (lower case: "Morgen" is the morning).
    r"(?i:vorgestern|gestern|heute|übermorgen)|morgen",
    // "vergangenen Jahr", "Anfang nächsten Jahres", "letzte Woche", "diesen Sommer".
    r"(?:{MOD})?{REL}\s+(?:{UNIT}|{SEASON})",
    // "vor zwei Jahren", "vor einem Monat", "vor wenigen Tagen".
    r"(?i:vor)\s+(?:{COUNT})\s+(?i:Tagen|Tag|Wochen|Woche|Monaten|Monat|Jahren|Jahr|Jahrzehnten|Jahrzehnt)",
    // "dritten Quartal 2022", "ersten Halbjahr", "Q3 2022".
    r"{ORD}\s+(?:Quartal|Halbjahr)(?:\s+(?:{Y}))?",
    r"Q[1-4]\s*/?\s*(?:{Y})",
    // "Sommer 2022".
    r"(?:{MOD})?(?:{SEASON})\s+(?:{Y})",
    // "1990er Jahre", "90er-Jahren".
    r"(?:[0-9]{2}|[12][0-9]{3})er(?:[- ]Jahren|[- ]Jahre)?",
    // "2022", "Ende 2021", "Mitte der 1990er" is above.
    r"(?:{MOD})?(?:{YS})",
    // Holidays.
    r"(?:Heiligabend|Weihnachten|Silvester|Neujahr|Ostern|Ostersonntag|Ostermontag|Karfreitag|Pfingsten)",
    // References.
    r"(?i:derzeit|zurzeit|gegenwärtig|heutzutage|momentan|jetzt)",
    r"(?i:kürzlich|jüngst|neulich|unlängst|vor\s+kurzem)",
    r"(?i:künftig|zukünftig)|Zukunft",
];

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(RULES, VARS));

/// German.
pub struct German;

/// Whether `text` may hold German: one of its commonest words, found in one pass.
pub fn likely(text: &str) -> bool {
    static CUE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(" (?:und|der|die|das|nicht|ist) ").expect("German cue pattern compiles")
    });
    CUE.is_match(text)
}

#[rustfmt::skip]
const LEXICON: &[(&str, Word)] = &[
    ("januar", Word::Month(1)), ("jänner", Word::Month(1)), ("jan", Word::Month(1)),
    ("februar", Word::Month(2)), ("feber", Word::Month(2)), ("feb", Word::Month(2)), ("märz", Word::Month(3)),
    ("maerz", Word::Month(3)), ("mär", Word::Month(3)), ("april", Word::Month(4)), ("apr", Word::Month(4)),
    ("mai", Word::Month(5)), ("juni", Word::Month(6)), ("jun", Word::Month(6)), ("juli", Word::Month(7)),
    ("jul", Word::Month(7)), ("august", Word::Month(8)), ("aug", Word::Month(8)), ("september", Word::Month(9)),
    ("sept", Word::Month(9)), ("sep", Word::Month(9)), ("oktober", Word::Month(10)), ("okt", Word::Month(10)),
    ("november", Word::Month(11)), ("nov", Word::Month(11)), ("dezember", Word::Month(12)),
    ("dez", Word::Month(12)), ("montag", Word::Weekday(Weekday::Mon)),
    ("dienstag", Word::Weekday(Weekday::Tue)), ("mittwoch", Word::Weekday(Weekday::Wed)),
    ("donnerstag", Word::Weekday(Weekday::Thu)), ("freitag", Word::Weekday(Weekday::Fri)),
    ("samstag", Word::Weekday(Weekday::Sat)), ("sonnabend", Word::Weekday(Weekday::Sat)),
    ("sonntag", Word::Weekday(Weekday::Sun)), ("vorgestern", Word::DayOffset(-2)),
    ("gestern", Word::DayOffset(-1)), ("heute", Word::DayOffset(0)), ("morgen", Word::DayOffset(1)),
    ("übermorgen", Word::DayOffset(2)), ("vor", Word::Ago), ("tag", Word::Unit(Unit::Day)),
    ("tagen", Word::Unit(Unit::Day)), ("woche", Word::Unit(Unit::Week)), ("wochen", Word::Unit(Unit::Week)),
    ("wochenende", Word::Unit(Unit::Weekend)), ("wochenendes", Word::Unit(Unit::Weekend)),
    ("monat", Word::Unit(Unit::Month)), ("monats", Word::Unit(Unit::Month)),
    ("monaten", Word::Unit(Unit::Month)), ("jahr", Word::Unit(Unit::Year)), ("jahres", Word::Unit(Unit::Year)),
    ("jahrs", Word::Unit(Unit::Year)), ("jahren", Word::Unit(Unit::Year)),
    ("quartal", Word::Unit(Unit::Quarter)), ("quartals", Word::Unit(Unit::Quarter)),
    ("jahrzehnt", Word::Unit(Unit::Decade)), ("jahrzehnts", Word::Unit(Unit::Decade)),
    ("jahrzehnten", Word::Unit(Unit::Decade)), ("jahrhundert", Word::Unit(Unit::Century)),
    ("jahrhunderts", Word::Unit(Unit::Century)), ("halbjahr", Word::Half), ("halbjahres", Word::Half),
    ("frühjahr", Word::Season(Season::Spring)), ("frühjahrs", Word::Season(Season::Spring)),
    ("frühling", Word::Season(Season::Spring)), ("frühlings", Word::Season(Season::Spring)),
    ("sommer", Word::Season(Season::Summer)), ("sommers", Word::Season(Season::Summer)),
    ("herbst", Word::Season(Season::Fall)), ("herbstes", Word::Season(Season::Fall)),
    ("winter", Word::Season(Season::Winter)), ("winters", Word::Season(Season::Winter)),
    ("ein", Word::Count(1)), ("einem", Word::Count(1)), ("einer", Word::Count(1)), ("zwei", Word::Count(2)),
    ("drei", Word::Count(3)), ("vier", Word::Count(4)), ("fünf", Word::Count(5)), ("sechs", Word::Count(6)),
    ("sieben", Word::Count(7)), ("acht", Word::Count(8)), ("neun", Word::Count(9)), ("zehn", Word::Count(10)),
    ("elf", Word::Count(11)), ("zwölf", Word::Count(12)), ("zwanzig", Word::Count(20)),
    ("dreißig", Word::Count(30)), ("fünfzig", Word::Count(50)), ("hundert", Word::Count(100)),
    ("wenigen", Word::Vague), ("einigen", Word::Vague), ("mehreren", Word::Vague), ("paar", Word::Vague),
    ("derzeit", Word::Ref(RefKind::Present)), ("zurzeit", Word::Ref(RefKind::Present)),
    ("gegenwärtig", Word::Ref(RefKind::Present)), ("heutzutage", Word::Ref(RefKind::Present)),
    ("momentan", Word::Ref(RefKind::Present)), ("jetzt", Word::Ref(RefKind::Present)),
    ("kürzlich", Word::Ref(RefKind::Past)), ("jüngst", Word::Ref(RefKind::Past)),
    ("neulich", Word::Ref(RefKind::Past)), ("unlängst", Word::Ref(RefKind::Past)),
    ("kurzem", Word::Ref(RefKind::Past)), ("künftig", Word::Ref(RefKind::Future)),
    ("zukünftig", Word::Ref(RefKind::Future)), ("zukunft", Word::Ref(RefKind::Future)),
    ("heiligabend", Word::Holiday(Holiday::Fixed(12, 24))),
    ("weihnachten", Word::Holiday(Holiday::Fixed(12, 25))),
    ("silvester", Word::Holiday(Holiday::Fixed(12, 31))), ("neujahr", Word::Holiday(Holiday::Fixed(1, 1))),
    ("ostern", Word::Holiday(Holiday::Easter(0))), ("ostersonntag", Word::Holiday(Holiday::Easter(0))),
    ("ostermontag", Word::Holiday(Holiday::Easter(1))), ("karfreitag", Word::Holiday(Holiday::Easter(-2))),
    ("pfingsten", Word::Holiday(Holiday::Easter(49))),
];

/// Inflected relation words: stem and value ("letzten" → last).
#[rustfmt::skip]
const REL_STEMS: &[(&str, i64)] = &[
    ("letzte", -1), ("vergangene", -1), ("vorige", -1), ("nächste", 1), ("kommende", 1), ("folgende", 1),
    ("diese", 0), ("laufende", 0),
];

/// Ordinal stems ("dritten" → 3).
const ORD_STEMS: &[(&str, u32)] = &[("erste", 1), ("zweite", 2), ("dritte", 3), ("vierte", 4)];

#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "wird", "werden", "will", "wollen", "soll", "sollen", "plant", "planen", "geplant", "bis", "ab", "künftig",
];
#[rustfmt::skip]
const PAST_CUES: &[&str] = &[
    "war", "waren", "hatte", "hatten", "wurde", "wurden", "hat", "haben", "seit",
];

/// Words after a number that make it an amount or a count, not a year (see
/// [`super::rules::an_amount`]).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "prozent", "euro", "dollar", "menschen", "personen", "mal", "uhr", "meter",
];

impl Language for German {
    fn grammar(&self) -> &Grammar {
        &GRAMMAR
    }

    fn amount_units(&self) -> Option<&[&str]> {
        Some(UNITS)
    }

    fn keep(&self, text: &str, s: usize, e: usize) -> bool {
        let surface = &text[s..e];
        let ahead = text[..s].trim_end();
        let next_word = words(after(text, e, 24)).next().unwrap_or("");
        // "heute Morgen" in the old spelling is this morning, not tomorrow.
        if surface == "morgen" && is_any(words(ahead).last().unwrap_or(""), &["heute", "gestern"]) {
            return false;
        }
        // "August Bebel", "April Wood": a month name before a capitalised word is a name.
        if matches!(surface, "April" | "Mai" | "Juni" | "Juli" | "August")
            && text[e..].starts_with(' ')
        {
            return !next_word.starts_with(|c: char| c.is_uppercase())
                || lookup(LEXICON, next_word).is_some()
                || number(next_word).is_some();
        }
        true
    }

    fn word(&self, w: &str) -> Option<Word> {
        if let Some(x) = lookup(LEXICON, w) {
            return Some(x);
        }
        let lower = w.to_lowercase();
        if let Some(&(_, n)) = REL_STEMS
            .iter()
            .find(|(stem, _)| lower.starts_with(stem) && lower.len() <= stem.len() + 1)
        {
            return Some(Word::Rel(n));
        }
        if let Some(&(_, n)) = ORD_STEMS
            .iter()
            .find(|(stem, _)| lower.starts_with(stem) && lower.len() <= stem.len() + 1)
        {
            return Some(Word::Ordinal(n));
        }
        // "Samstagabend": the weekday.
        [
            "abend",
            "morgen",
            "nachmittag",
            "vormittag",
            "nacht",
            "mittag",
        ]
        .iter()
        .find_map(|t| lower.strip_suffix(t))
        .and_then(|day| lookup(LEXICON, day))
    }

    fn tense(&self, text: &str, s: usize, e: usize) -> Option<Dir> {
        tense_by_cues(text, (s, e), FUTURE_CUES, PAST_CUES, |_| false)
    }

    fn special(&self, surface: &str) -> Option<Expr> {
        if surface.starts_with(|c: char| c.is_ascii_digit()) && surface.matches('.').count() == 2 {
            return numeric_date(surface);
        }
        let mut ws = words(surface);
        let first = ws.next()?;
        // "1990er Jahre", "90er".
        if let Some(stem) = first.strip_suffix("er")
            && stem.bytes().all(|b| b.is_ascii_digit())
        {
            return decade(stem);
        }
        // "Q3 2022".
        if let Some(q) = first.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()) {
            let y: i32 = ws.next()?.parse().ok()?;
            return Some(Expr::Quarter {
                year: super::expr::YearRef::Abs(y),
                quarter: q,
            });
        }
        None
    }
}
