//! French: rules, lexicon, false friends and tense cues, in the manner of the Spanish table.
//!
//! Prepositions and a bare article stay out of the surface ("le samedi" → "samedi", "en
//! septembre" → "septembre", "le 16 octobre" → "16 octobre"); the article of a relative
//! expression stays in ("la semaine dernière", "l'année prochaine"), as "last week" does in
//! English, and "il y a" in "il y a deux ans", where it is the "ago".

use std::sync::LazyLock;

use chrono::Weekday;

use super::Language;
use super::expr::{Dir, Expr, RefKind, Season, Unit, YearRef};
use super::interpret::{Holiday, Word};
use super::rules::{Grammar, day_first_date, decade, lookup, opens_sentence, tense_by_cues, words};

#[rustfmt::skip]
const VARS: &[(&str, &str)] = &[
    ("MONF", "(?i:janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre)"),
    ("WD", "(?i:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"),
    ("D", "1er|[12][0-9]|3[01]|0?[1-9]"),
    ("Y", "1[0-9]{3}|20[0-9]{2}"), ("YS", "1[6-9][0-9]{2}|20[0-9]{2}"),
    ("MOD", r"(?i:début|fin|mi-|courant)\s*"),
    ("PREV", "(?i:dernier|dernière|passé|passée|précédent|précédente)"),
    ("NEXT", "(?i:prochain|prochaine|suivant|suivante)"),
    ("UNIT", "(?i:semaine|mois|année|an|trimestre|semestre|décennie|siècle|week-end)"),
    ("SEASON", "(?i:printemps|été|automne|hiver)"),
    ("COUNT", "[0-9]{1,3}|(?i:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|vingt|trente|\
         cinquante|cent|quelques|plusieurs)"),
    ("ORD", "(?i:premier|première|deuxième|second|seconde|troisième|quatrième)"),
];

const RULES: &[&str] = &[
    // "16/10/2022".
    r"(?:[12][0-9]|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])/(?:{Y})",
    // "samedi 5 novembre 2022", "16 octobre", "1er mars 2021".
    r"(?:(?:{WD})\s+)?(?:{D})\s+(?:{MONF})(?:\s+(?:{Y}))?",
    // "octobre 2022", "début octobre", "mi-octobre".
    r"(?:{MOD})?(?:{MONF})\s+(?:{Y})",
    r"(?:{MOD})?(?:{MONF})",
    // Weekdays: "samedi", "samedi dernier", "lundi prochain", "ce samedi".
    r"(?i:ce)\s+(?:{WD})",
    r"(?:{WD})(?:\s+(?:{PREV}|{NEXT}))?",
    // "hier", "aujourd'hui", "demain".
    r"(?i:avant-hier|hier|aujourd['’]hui|après-demain|demain)",
    // "la semaine dernière", "l'année prochaine", "le mois dernier", "cette année", "cet été".
    r"(?:{MOD})?(?i:la|le|l['’])\s*(?:{UNIT})\s+(?:{PREV}|{NEXT})",
    r"(?:{MOD})?(?i:cette|ce|cet)\s+(?:{UNIT}|{SEASON})",
    // "il y a deux ans", "il y a quelques jours".
    r"(?i:il\s+y\s+a)\s+(?:{COUNT})\s+(?i:jours|jour|semaines|semaine|mois|ans|an|années|année|décennies|décennie)",
    // "troisième trimestre 2022", "premier semestre".
    r"(?:{ORD})\s+(?i:trimestre|semestre)(?:\s+(?:{Y}))?",
    // "été 2022", "l'automne 2021".
    r"(?:{SEASON})\s+(?:{Y})",
    // "les années 1990", "les années 90".
    r"(?i:les)\s+(?i:années)\s+(?:[12][0-9]{2}0|[0-9]0)",
    // "2022", "fin 2021".
    r"(?:{MOD})?(?:{YS})",
    // Holidays.
    r"(?i:noël|pâques|nouvel\s+an|saint-sylvestre|toussaint)",
    // References.
    r"(?i:actuellement|maintenant|désormais|récemment|dernièrement)",
];

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(RULES, VARS));

/// French.
pub struct French;

/// How many of French's commonest words that Spanish lacks `text` has.
pub fn markers(text: &str) -> usize {
    [
        " le ", " les ", " des ", " du ", " et ", " une ", " pour ", " dans ", " est ",
    ]
    .iter()
    .filter(|w| text.contains(*w))
    .count()
}

#[rustfmt::skip]
const LEXICON: &[(&str, Word)] = &[
    ("janvier", Word::Month(1)), ("février", Word::Month(2)), ("fevrier", Word::Month(2)), ("mars", Word::Month(3)),
    ("avril", Word::Month(4)), ("mai", Word::Month(5)), ("juin", Word::Month(6)), ("juillet", Word::Month(7)),
    ("août", Word::Month(8)), ("aout", Word::Month(8)), ("septembre", Word::Month(9)), ("octobre", Word::Month(10)),
    ("novembre", Word::Month(11)), ("décembre", Word::Month(12)), ("decembre", Word::Month(12)),
    ("lundi", Word::Weekday(Weekday::Mon)), ("mardi", Word::Weekday(Weekday::Tue)),
    ("mercredi", Word::Weekday(Weekday::Wed)), ("jeudi", Word::Weekday(Weekday::Thu)),
    ("vendredi", Word::Weekday(Weekday::Fri)), ("samedi", Word::Weekday(Weekday::Sat)),
    ("dimanche", Word::Weekday(Weekday::Sun)),
    ("hier", Word::DayOffset(-1)), ("aujourd", Word::DayOffset(0)), ("demain", Word::DayOffset(1)),
    ("a", Word::Ago),
    ("dernier", Word::Rel(-1)), ("dernière", Word::Rel(-1)), ("passé", Word::Rel(-1)), ("passée", Word::Rel(-1)),
    ("précédent", Word::Rel(-1)), ("précédente", Word::Rel(-1)), ("prochain", Word::Rel(1)),
    ("prochaine", Word::Rel(1)), ("suivant", Word::Rel(1)), ("suivante", Word::Rel(1)),
    ("ce", Word::Rel(0)), ("cet", Word::Rel(0)), ("cette", Word::Rel(0)),
    ("jour", Word::Unit(Unit::Day)), ("jours", Word::Unit(Unit::Day)), ("semaine", Word::Unit(Unit::Week)),
    ("semaines", Word::Unit(Unit::Week)), ("week", Word::Unit(Unit::Weekend)), ("mois", Word::Unit(Unit::Month)),
    ("an", Word::Unit(Unit::Year)), ("ans", Word::Unit(Unit::Year)), ("année", Word::Unit(Unit::Year)),
    ("années", Word::Unit(Unit::Year)), ("trimestre", Word::Unit(Unit::Quarter)), ("semestre", Word::Half),
    ("décennie", Word::Unit(Unit::Decade)), ("décennies", Word::Unit(Unit::Decade)),
    ("siècle", Word::Unit(Unit::Century)),
    ("printemps", Word::Season(Season::Spring)), ("été", Word::Season(Season::Summer)),
    ("automne", Word::Season(Season::Fall)), ("hiver", Word::Season(Season::Winter)),
    ("premier", Word::Ordinal(1)), ("première", Word::Ordinal(1)), ("deuxième", Word::Ordinal(2)),
    ("second", Word::Ordinal(2)), ("seconde", Word::Ordinal(2)), ("troisième", Word::Ordinal(3)),
    ("quatrième", Word::Ordinal(4)),
    ("un", Word::Count(1)), ("une", Word::Count(1)), ("deux", Word::Count(2)), ("trois", Word::Count(3)),
    ("quatre", Word::Count(4)), ("cinq", Word::Count(5)), ("six", Word::Count(6)), ("sept", Word::Count(7)),
    ("huit", Word::Count(8)), ("neuf", Word::Count(9)), ("dix", Word::Count(10)), ("onze", Word::Count(11)),
    ("douze", Word::Count(12)), ("vingt", Word::Count(20)), ("trente", Word::Count(30)),
    ("cinquante", Word::Count(50)), ("cent", Word::Count(100)),
    ("quelques", Word::Vague), ("plusieurs", Word::Vague),
    ("actuellement", Word::Ref(RefKind::Present)), ("maintenant", Word::Ref(RefKind::Present)),
    ("désormais", Word::Ref(RefKind::Present)), ("récemment", Word::Ref(RefKind::Past)),
    ("dernièrement", Word::Ref(RefKind::Past)),
    ("noël", Word::Holiday(Holiday::Fixed(12, 25))), ("pâques", Word::Holiday(Holiday::Easter(0))),
    ("toussaint", Word::Holiday(Holiday::Fixed(11, 1))),
];

#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "sera", "seront", "va", "vont", "prévu", "prévue", "devrait", "devraient", "doit", "doivent", "aura",
    "auront", "jusqu",
];
#[rustfmt::skip]
const PAST_CUES: &[&str] = &[
    "a", "ont", "était", "étaient", "avait", "avaient", "fut", "depuis", "été",
];

/// Words after a number that make it an amount or a count, not a year (see
/// [`super::rules::an_amount`]).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "euros", "dollars", "personnes", "millions", "milliards", "mètres", "kilomètres",
];

impl Language for French {
    fn grammar(&self) -> &Grammar {
        &GRAMMAR
    }

    fn amount_units(&self) -> Option<&[&str]> {
        Some(UNITS)
    }

    fn keep(&self, text: &str, s: usize, e: usize) -> bool {
        let surface = &text[s..e];
        // French writes months in lowercase: "Mars" inside a sentence is the planet (or a
        // brand), "Mai" a name.
        if matches!(surface, "Mars" | "Mai" | "Juin" | "Août") && !opens_sentence(text, s) {
            return false;
        }
        true
    }

    fn word(&self, w: &str) -> Option<Word> {
        lookup(LEXICON, w)
    }

    fn tense(&self, text: &str, s: usize, e: usize) -> Option<Dir> {
        tense_by_cues(text, (s, e), FUTURE_CUES, PAST_CUES, |_| false)
    }

    fn special(&self, surface: &str) -> Option<Expr> {
        let lower = surface.to_lowercase();
        // "16/10/2022": day first.
        if let Some(date) = day_first_date(surface) {
            return Some(date);
        }
        // "les années 90", "les années 1990".
        if lower.starts_with("les années") {
            let digits = words(surface).last()?;
            return decade(digits);
        }
        let holiday = |holiday| {
            Some(Expr::Holiday {
                year: YearRef::Infer(Dir::Nearest),
                holiday,
            })
        };
        match lower.split_whitespace().collect::<Vec<_>>()[..] {
            ["nouvel", "an"] => holiday(Holiday::Fixed(1, 1)),
            ["saint-sylvestre"] => holiday(Holiday::Fixed(12, 31)),
            ["avant-hier"] => Some(Expr::DayOffset(-2)),
            ["après-demain"] => Some(Expr::DayOffset(2)),
            // "1er mars 2021": the day is the ordinal.
            ["1er", ..] => {
                let rest: Vec<&str> = words(surface).skip(1).collect();
                let month = rest.iter().find_map(|w| match lookup(LEXICON, w) {
                    Some(Word::Month(m)) => Some(m),
                    _ => None,
                })?;
                let year = rest
                    .iter()
                    .find_map(|w| w.parse::<i32>().ok())
                    .map_or(YearRef::Infer(Dir::Nearest), YearRef::Abs);
                Some(Expr::Date {
                    year,
                    month,
                    day: 1,
                })
            }
            _ => None,
        }
    }
}
