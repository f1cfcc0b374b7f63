//! Spanish: rules, lexicon, false friends and tense cues.
//!
//! Prepositions and a bare article stay out of the surface ("el sábado" → "sábado", "en
//! septiembre" → "septiembre", "el 16 de octubre" → "16 de octubre"); the "de" inside a date
//! and the article of a relative expression stay in ("la semana pasada", "el próximo año"),
//! as "last week" and "the third quarter" do in English. "hace" is kept in "hace dos años",
//! where it is the "ago".

use std::sync::LazyLock;

use chrono::Weekday;

use super::Language;
use super::expr::{Dir, Expr, RefKind, Season, Unit, YearRef};
use super::interpret::{Holiday, Word};
use super::rules::{Grammar, after, day_first_date, decade, is_any, lookup, tense_by_cues, words};

#[rustfmt::skip]
const VARS: &[(&str, &str)] = &[
    ("MONF", "(?i:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)"),
    ("WD", "(?i:lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo)"),
    ("D", "[12][0-9]|3[01]|0?[1-9]"),
    ("Y", "1[0-9]{3}|20[0-9]{2}"), ("YS", "1[6-9][0-9]{2}|20[0-9]{2}"),
    ("MOD", r"(?i:principios|mediados|finales|fines)\s+de\s+(?:(?:la|el)\s+)?"),
    ("PREV", "(?i:pasado|pasada|anterior|último|última)"),
    ("NEXT", "(?i:próximo|próxima|proximo|proxima|siguiente|entrante|que\\s+viene)"),
    ("UNIT", "(?i:semana|mes|año|trimestre|semestre|década|decada|siglo|fin\\s+de\\s+semana)"),
    ("SEASON", "(?i:primavera|verano|otoño|invierno)"),
    ("COUNT", "[0-9]{1,3}|(?i:un|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|veinte|treinta|\
         cincuenta|cien|unos|unas|varios|varias|pocos|pocas)"),
    ("ORD", "(?i:primer|primero|primera|segundo|segunda|tercer|tercero|tercera|cuarto|cuarta)"),
];

const RULES: &[&str] = &[
    // "16/10/2022", "16-10-2022".
    r"(?:[12][0-9]|3[01]|0?[1-9])[/-](?:1[0-2]|0?[1-9])[/-](?:{Y})",
    // "sábado 5 de noviembre de 2022", "16 de octubre", "16 de octubre de 2022".
    r"(?:(?:{WD}),?\s+)?(?:{D})\s+de\s+(?:{MONF})(?:\s+(?:de|del)\s+(?:{Y}))?",
    // "octubre de 2022", "principios de octubre", "octubre".
    r"(?:{MOD})?(?:{MONF})\s+(?:de|del)\s+(?:{Y})",
    r"(?:{MOD})?(?:{MONF})",
    // Weekdays: "sábado", "el pasado sábado", "el próximo lunes", "este lunes", "el lunes pasado".
    r"(?:(?i:el|este)\s+)?(?:{PREV}|{NEXT})\s+(?:{WD})",
    r"(?:{WD})(?:\s+(?:{PREV}|{NEXT}))?",
    // "hoy", "ayer", "anteayer", "mañana", "pasado mañana".
    r"(?i:anteayer|antier|ayer|hoy|pasado\s+mañana|mañana)",
    // "la semana pasada", "el año pasado", "el próximo mes", "este año", "el año que viene".
    r"(?:{MOD})?(?i:el|la|este|esta|del)\s+(?:{UNIT})\s+(?:{PREV}|{NEXT})",
    r"(?:{MOD})?(?i:el|la|del)\s+(?:{PREV}|{NEXT})\s+(?:{UNIT})",
    r"(?:{MOD})?(?i:este|esta)\s+(?:{UNIT}|{SEASON})",
    // "hace dos años", "hace una semana", "hace unos días".
    r"(?i:hace)\s+(?:{COUNT})\s+(?i:días|dias|día|dia|semanas|semana|meses|mes|años|año|décadas|década)",
    // "tercer trimestre de 2022", "primer semestre" (the article stays out, as in "del").
    r"(?:{ORD})\s+(?i:trimestre|semestre)(?:\s+(?:de|del)\s+(?:{Y}))?",
    // "verano de 2022".
    r"(?:{MOD})?(?:{SEASON})\s+(?:de|del)\s+(?:{Y})",
    // "los años 90", "la década de 1990".
    r"(?i:los)\s+(?i:años)\s+(?:[0-9]0|[12][0-9]{2}0)",
    r"(?i:la)\s+(?i:década|decada)\s+de\s+(?:[12][0-9]{2}0|[0-9]0)",
    // "2022", "finales de 2021".
    r"(?:{MOD})?(?:{YS})",
    // Holidays.
    r"(?i:nochebuena|navidad|nochevieja|año\s+nuevo|viernes\s+santo|domingo\s+de\s+resurrección)",
    // References.
    r"(?i:actualmente|hoy\s+en\s+día|ahora|recientemente|últimamente)",
];

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(RULES, VARS));

/// Spanish.
pub struct Spanish;

/// How many of Spanish's commonest words that French lacks `text` has (see
/// [`super::lang_fr::markers`]: the two languages share "la" and "que").
pub fn markers(text: &str) -> usize {
    [
        " el ", " los ", " las ", " del ", " y ", " una ", " para ", " con ", " por ",
    ]
    .iter()
    .filter(|w| text.contains(*w))
    .count()
}

#[rustfmt::skip]
const LEXICON: &[(&str, Word)] = &[
    ("enero", Word::Month(1)), ("febrero", Word::Month(2)), ("marzo", Word::Month(3)), ("abril", Word::Month(4)),
    ("mayo", Word::Month(5)), ("junio", Word::Month(6)), ("julio", Word::Month(7)), ("agosto", Word::Month(8)),
    ("septiembre", Word::Month(9)), ("setiembre", Word::Month(9)), ("octubre", Word::Month(10)),
    ("noviembre", Word::Month(11)), ("diciembre", Word::Month(12)),
    ("lunes", Word::Weekday(Weekday::Mon)), ("martes", Word::Weekday(Weekday::Tue)),
    ("miércoles", Word::Weekday(Weekday::Wed)), ("miercoles", Word::Weekday(Weekday::Wed)),
    ("jueves", Word::Weekday(Weekday::Thu)), ("viernes", Word::Weekday(Weekday::Fri)),
    ("sábado", Word::Weekday(Weekday::Sat)), ("sabado", Word::Weekday(Weekday::Sat)),
    ("domingo", Word::Weekday(Weekday::Sun)),
    ("anteayer", Word::DayOffset(-2)), ("antier", Word::DayOffset(-2)), ("ayer", Word::DayOffset(-1)),
    ("hoy", Word::DayOffset(0)), ("mañana", Word::DayOffset(1)),
    ("hace", Word::Ago),
    ("pasado", Word::Rel(-1)), ("pasada", Word::Rel(-1)), ("anterior", Word::Rel(-1)),
    ("último", Word::Rel(-1)), ("última", Word::Rel(-1)),
    ("próximo", Word::Rel(1)), ("próxima", Word::Rel(1)), ("proximo", Word::Rel(1)), ("proxima", Word::Rel(1)),
    ("siguiente", Word::Rel(1)), ("entrante", Word::Rel(1)), ("viene", Word::Rel(1)),
    ("este", Word::Rel(0)), ("esta", Word::Rel(0)),
    ("día", Word::Unit(Unit::Day)), ("dia", Word::Unit(Unit::Day)), ("días", Word::Unit(Unit::Day)),
    ("dias", Word::Unit(Unit::Day)), ("semana", Word::Unit(Unit::Week)), ("semanas", Word::Unit(Unit::Week)),
    ("mes", Word::Unit(Unit::Month)), ("meses", Word::Unit(Unit::Month)), ("año", Word::Unit(Unit::Year)),
    ("años", Word::Unit(Unit::Year)), ("trimestre", Word::Unit(Unit::Quarter)), ("semestre", Word::Half),
    ("década", Word::Unit(Unit::Decade)), ("decada", Word::Unit(Unit::Decade)),
    ("décadas", Word::Unit(Unit::Decade)), ("siglo", Word::Unit(Unit::Century)),
    ("primavera", Word::Season(Season::Spring)), ("verano", Word::Season(Season::Summer)),
    ("otoño", Word::Season(Season::Fall)), ("invierno", Word::Season(Season::Winter)),
    ("primer", Word::Ordinal(1)), ("primero", Word::Ordinal(1)), ("primera", Word::Ordinal(1)),
    ("segundo", Word::Ordinal(2)), ("segunda", Word::Ordinal(2)), ("tercer", Word::Ordinal(3)),
    ("tercero", Word::Ordinal(3)), ("tercera", Word::Ordinal(3)), ("cuarto", Word::Ordinal(4)),
    ("cuarta", Word::Ordinal(4)),
    ("un", Word::Count(1)), ("una", Word::Count(1)), ("dos", Word::Count(2)), ("tres", Word::Count(3)),
    ("cuatro", Word::Count(4)), ("cinco", Word::Count(5)), ("seis", Word::Count(6)), ("siete", Word::Count(7)),
    ("ocho", Word::Count(8)), ("nueve", Word::Count(9)), ("diez", Word::Count(10)), ("once", Word::Count(11)),
    ("doce", Word::Count(12)), ("veinte", Word::Count(20)), ("treinta", Word::Count(30)),
    ("cincuenta", Word::Count(50)), ("cien", Word::Count(100)),
    ("unos", Word::Vague), ("unas", Word::Vague), ("varios", Word::Vague), ("varias", Word::Vague),
    ("pocos", Word::Vague), ("pocas", Word::Vague),
    ("actualmente", Word::Ref(RefKind::Present)), ("ahora", Word::Ref(RefKind::Present)),
    ("recientemente", Word::Ref(RefKind::Past)), ("últimamente", Word::Ref(RefKind::Past)),
    ("nochebuena", Word::Holiday(Holiday::Fixed(12, 24))), ("navidad", Word::Holiday(Holiday::Fixed(12, 25))),
    ("nochevieja", Word::Holiday(Holiday::Fixed(12, 31))),
];

#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "será", "serán", "va", "van", "vamos", "prevé", "prevén", "previsto", "prevista", "planea", "planean",
    "hasta", "celebrará", "tendrá", "habrá",
];
#[rustfmt::skip]
const PAST_CUES: &[&str] = &[
    "fue", "fueron", "era", "eran", "había", "habían", "ha", "han", "hubo", "dijo", "desde", "anunció",
];

/// Words after a number that make it an amount or a count, not a year (see
/// [`super::rules::an_amount`]).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "euros", "dólares", "pesos", "personas", "por", "millones", "metros", "kilómetros",
];

impl Language for Spanish {
    fn grammar(&self) -> &Grammar {
        &GRAMMAR
    }

    fn amount_units(&self) -> Option<&[&str]> {
        Some(UNITS)
    }

    fn keep(&self, text: &str, s: usize, e: usize) -> bool {
        let surface = &text[s..e];
        let ahead = text[..s].trim_end();
        let before = words(ahead).last().unwrap_or("").to_lowercase();
        let next_word = words(after(text, e, 24)).next().unwrap_or("");
        let lower = surface.to_lowercase();
        // "por la mañana", "esta mañana", "de la mañana": the morning, not tomorrow.
        if lower == "mañana" && is_any(&before, &["la", "esta", "una", "cada", "toda"]) {
            return false;
        }
        // "ahora" is a reference only on its own ("ahora mismo" too), not in "hasta ahora".
        if lower == "ahora" && before == "hasta" {
            return false;
        }
        // "Mayo", "Julio", "Abril" are also names and surnames ("Julio César", "Plaza de Mayo").
        if matches!(surface, "Mayo" | "Julio" | "Abril" | "Agosto")
            && (next_word.starts_with(|c: char| c.is_uppercase())
                || is_any(&before, &["de", "plaza"]))
        {
            return lookup(LEXICON, next_word).is_some();
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
        // "los años 90", "la década de 1990".
        if lower.starts_with("los años")
            || lower.starts_with("la déc")
            || lower.starts_with("la dec")
        {
            let digits = words(surface).last()?;
            return decade(digits);
        }
        // "año nuevo", "viernes santo", "domingo de resurrección", "hoy en día", "pasado
        // mañana": phrases whose words mean something else one by one.
        let holiday = |holiday| {
            Some(Expr::Holiday {
                year: YearRef::Infer(Dir::Nearest),
                holiday,
            })
        };
        match lower.split_whitespace().collect::<Vec<_>>()[..] {
            ["año", "nuevo"] => holiday(Holiday::Fixed(1, 1)),
            ["viernes", "santo"] => holiday(Holiday::Easter(-2)),
            ["domingo", "de", "resurrección"] => holiday(Holiday::Easter(0)),
            ["hoy", "en", "día"] => Some(Expr::Ref(RefKind::Present)),
            ["pasado", "mañana"] => Some(Expr::DayOffset(2)),
            _ => None,
        }
    }
}
