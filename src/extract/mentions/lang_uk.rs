//! Ukrainian: rules, lexicon, false friends and tense cues, in the manner of the Russian
//! table.
//!
//! Prepositions stay out of the surface ("у суботу" → "суботу", "минулого року" stays whole,
//! "у вересні" → "вересні"); "року"/"році" after a year stays in ("16 жовтня 2022 року"), as
//! does "тому" ("два роки тому").

use std::sync::LazyLock;

use chrono::Weekday;

use super::Language;
use super::expr::{Dir, Expr, RefKind, Season, Unit, YearRef};
use super::interpret::Word;
use super::rules::{Grammar, decade, dotted_date, lookup_or_stem, past_verb, tense_by_cues};

#[rustfmt::skip]
const VARS: &[(&str, &str)] = &[
    ("MGEN", "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"),
    ("MNOM", "січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень"),
    ("MLOC", "січні|лютому|березні|квітні|травні|червні|липні|серпні|вересні|жовтні|листопаді|грудні"),
    ("WD", "понеділ(?:ок|ка|ку)|вівтор(?:ок|ка|ку)|серед(?:а|у|и|і)|четвер(?:га|гу)?|п['’ʼ]?ятниц(?:я|ю|і)|\
         субот(?:а|у|и|і)|неділ(?:я|ю|і)"),
    ("D", "[12][0-9]|3[01]|0?[1-9]"), ("Y", "1[0-9]{3}|20[0-9]{2}"), ("YS", "1[6-9][0-9]{2}|20[0-9]{2}"),
    ("ROKU", r"\s*(?:року|році|рік|рр|р)"), ("MOD", r"(?i:початку|наприкінці|кінці|середині)\s+"),
    ("REL", "(?i:минул(?:ого|ому|ий|ої|ій|у|им|і)|наступн(?:ого|ому|ий|ої|ій|у|им|і)|ц(?:ього|ьому|ей|ю|ій|я|і)|\
         поточн(?:ого|ому|ий|ої|ій)|попередн(?:ього|ьому|ій|ього))"),
    ("UNIT", "(?i:року|році|рік|місяця|місяці|місяць|тижня|тижні|тиждень|кварталу|кварталі|квартал|\
         десятиліття|століття|столітті|вихідних|вихідні)"),
    ("SEASON", "(?i:взимку|зима|зиму|зими|навесні|весна|весну|весни|влітку|літо|літа|восени|осінь|осені)"),
    ("COUNT", "[0-9]{1,3}|(?i:один|одну|два|дві|три|чотири|п['’ʼ]?ять|шість|сім|вісім|дев['’ʼ]?ять|десять|двадцять|\
         тридцять|кілька|декілька|пару|півтора)"),
    ("ORD", "(?i:перш(?:ому|ий|ого|е)|друг(?:ому|ий|ого|е)|трет(?:ьому|ій|ього|є)|четверт(?:ому|ий|ого|е))|I{1,3}|IV"),
];

const RULES: &[&str] = &[
    // "16.10.2022".
    r"(?:[12][0-9]|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:{Y})(?:{ROKU})?",
    // "16 жовтня 2022 року", "16 жовтня".
    r"(?:{D})\s+(?i:{MGEN})(?:\s+(?:{Y})(?:{ROKU})?)?",
    // "жовтні 2022 року", "кінці жовтня 2022 року", "жовтень 2022".
    r"(?:{MOD})?(?i:{MLOC}|{MNOM}|{MGEN})\s+(?:{Y})(?:{ROKU})?",
    r"(?:{MOD})?(?i:{MLOC}|{MNOM}|{MGEN})(?:\s+(?:цього|минулого|наступного|поточного)\s+року)?",
    // Weekdays: "суботу", "минулої суботи".
    r"(?:{REL}\s+)?(?i:{WD})",
    // "вчора", "сьогодні", "завтра".
    r"(?i:позавчора|вчора|учора|сьогодні|завтра|післязавтра)",
    // "минулого року", "наступного тижня", "цього літа", "торік".
    r"(?:{MOD})?{REL}\s+(?:{UNIT}|{SEASON})",
    r"(?i:торік|позаторік)",
    // "два роки тому", "рік тому", "тиждень тому".
    r"(?:(?:{COUNT})\s+)?(?i:дні|днів|день|тижні|тижнів|тиждень|місяці|місяців|місяць|роки|років|рік)\s+(?i:тому)",
    // "третьому кварталі 2022 року", "першому півріччі".
    r"(?:{ORD})\s+(?i:кварталі|кварталу|квартал|півріччі|півріччя|півріччя)(?:\s+(?:{Y})(?:{ROKU})?|\s+(?i:цього|минулого|поточного|наступного)\s+року)?",
    // "1990-х роках", "90-ті".
    r"(?:[12][0-9]{2}0|[0-9]0)-(?:х|ті|тих)(?:\s+(?:роки|роках|років|рр))?",
    // "XX столітті".
    r"(?:XXI|XX|XIX|XVIII|[0-9]{2})\s+(?i:столітті|століття)",
    // "2022 року", "кінці 2021 року", "2022".
    r"(?:{MOD})?(?:{YS})(?:{ROKU})?",
    // References.
    r"(?i:зараз|тепер|нині|наразі)",
    r"(?i:нещодавно|днями)",
    r"(?i:майбутньому|найближчим\s+часом)",
];

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(RULES, VARS));

/// Ukrainian.
pub struct Ukrainian;

/// Whether `text` has a letter only Ukrainian has among the Cyrillic alphabets used here.
pub fn likely(text: &str) -> bool {
    text.contains(['і', 'ї', 'є', 'ґ'])
}

#[rustfmt::skip]
const LEXICON: &[(&str, Word)] = &[
    ("січня", Word::Month(1)), ("січень", Word::Month(1)), ("січні", Word::Month(1)),
    ("лютого", Word::Month(2)), ("лютий", Word::Month(2)), ("лютому", Word::Month(2)),
    ("березня", Word::Month(3)), ("березень", Word::Month(3)), ("березні", Word::Month(3)),
    ("квітня", Word::Month(4)), ("квітень", Word::Month(4)), ("квітні", Word::Month(4)),
    ("травня", Word::Month(5)), ("травень", Word::Month(5)), ("травні", Word::Month(5)),
    ("червня", Word::Month(6)), ("червень", Word::Month(6)), ("червні", Word::Month(6)),
    ("липня", Word::Month(7)), ("липень", Word::Month(7)), ("липні", Word::Month(7)),
    ("серпня", Word::Month(8)), ("серпень", Word::Month(8)), ("серпні", Word::Month(8)),
    ("вересня", Word::Month(9)), ("вересень", Word::Month(9)), ("вересні", Word::Month(9)),
    ("жовтня", Word::Month(10)), ("жовтень", Word::Month(10)), ("жовтні", Word::Month(10)),
    ("листопада", Word::Month(11)), ("листопад", Word::Month(11)), ("листопаді", Word::Month(11)),
    ("грудня", Word::Month(12)), ("грудень", Word::Month(12)), ("грудні", Word::Month(12)),
    ("вчора", Word::DayOffset(-1)), ("учора", Word::DayOffset(-1)), ("позавчора", Word::DayOffset(-2)),
    ("сьогодні", Word::DayOffset(0)), ("завтра", Word::DayOffset(1)), ("післязавтра", Word::DayOffset(2)),
    ("тому", Word::Ago), ("день", Word::Unit(Unit::Day)), ("дні", Word::Unit(Unit::Day)),
    ("днів", Word::Unit(Unit::Day)), ("тиждень", Word::Unit(Unit::Week)), ("тижня", Word::Unit(Unit::Week)),
    ("тижні", Word::Unit(Unit::Week)), ("тижнів", Word::Unit(Unit::Week)),
    ("вихідних", Word::Unit(Unit::Weekend)), ("вихідні", Word::Unit(Unit::Weekend)),
    ("місяць", Word::Unit(Unit::Month)), ("місяця", Word::Unit(Unit::Month)),
    ("місяці", Word::Unit(Unit::Month)), ("місяців", Word::Unit(Unit::Month)),
    ("рік", Word::Unit(Unit::Year)), ("року", Word::Unit(Unit::Year)), ("році", Word::Unit(Unit::Year)),
    ("роки", Word::Unit(Unit::Year)), ("років", Word::Unit(Unit::Year)),
    ("квартал", Word::Unit(Unit::Quarter)), ("кварталу", Word::Unit(Unit::Quarter)),
    ("кварталі", Word::Unit(Unit::Quarter)), ("півріччі", Word::Half), ("півріччя", Word::Half),
    ("десятиліття", Word::Unit(Unit::Decade)), ("століття", Word::Unit(Unit::Century)),
    ("столітті", Word::Unit(Unit::Century)),
    ("один", Word::Count(1)), ("одну", Word::Count(1)), ("два", Word::Count(2)), ("дві", Word::Count(2)),
    ("три", Word::Count(3)), ("чотири", Word::Count(4)), ("п'ять", Word::Count(5)), ("п’ять", Word::Count(5)),
    ("шість", Word::Count(6)), ("сім", Word::Count(7)), ("вісім", Word::Count(8)),
    ("дев'ять", Word::Count(9)), ("дев’ять", Word::Count(9)), ("десять", Word::Count(10)),
    ("двадцять", Word::Count(20)), ("тридцять", Word::Count(30)), ("кілька", Word::Vague),
    ("декілька", Word::Vague), ("пару", Word::Vague), ("півтора", Word::Vague),
    ("i", Word::Ordinal(1)), ("ii", Word::Ordinal(2)), ("iii", Word::Ordinal(3)), ("iv", Word::Ordinal(4)),
    ("xviii", Word::Ordinal(18)), ("xix", Word::Ordinal(19)), ("xx", Word::Ordinal(20)),
    ("xxi", Word::Ordinal(21)),
    ("зараз", Word::Ref(RefKind::Present)), ("тепер", Word::Ref(RefKind::Present)),
    ("нині", Word::Ref(RefKind::Present)), ("наразі", Word::Ref(RefKind::Present)),
    ("нещодавно", Word::Ref(RefKind::Past)), ("днями", Word::Ref(RefKind::Past)),
    ("майбутньому", Word::Ref(RefKind::Future)), ("найближчим", Word::Ref(RefKind::Future)),
];

/// Inflected words by stem: relation words, ordinals, weekdays, seasons.
#[rustfmt::skip]
const STEMS: &[(&str, Word)] = &[
    ("минул", Word::Rel(-1)), ("попередн", Word::Rel(-1)), ("наступн", Word::Rel(1)), ("поточн", Word::Rel(0)),
    ("ц", Word::Rel(0)),
    // Weekdays before ordinals: "вівторок" is not "друг(ий)", "четвер" not "четверт(ий)".
    ("понеділ", Word::Weekday(Weekday::Mon)), ("вівтор", Word::Weekday(Weekday::Tue)),
    ("серед", Word::Weekday(Weekday::Wed)), ("четвертий", Word::Ordinal(4)),
    ("четвертому", Word::Ordinal(4)), ("четвертого", Word::Ordinal(4)), ("четверте", Word::Ordinal(4)),
    ("четвер", Word::Weekday(Weekday::Thu)), ("п'ятниц", Word::Weekday(Weekday::Fri)),
    ("п’ятниц", Word::Weekday(Weekday::Fri)), ("пʼятниц", Word::Weekday(Weekday::Fri)),
    ("пятниц", Word::Weekday(Weekday::Fri)), ("субот", Word::Weekday(Weekday::Sat)),
    ("неділ", Word::Weekday(Weekday::Sun)), ("перш", Word::Ordinal(1)), ("друг", Word::Ordinal(2)),
    ("трет", Word::Ordinal(3)), ("зим", Word::Season(Season::Winter)), ("взимку", Word::Season(Season::Winter)),
    ("весн", Word::Season(Season::Spring)), ("навесні", Word::Season(Season::Spring)),
    ("літ", Word::Season(Season::Summer)), ("влітку", Word::Season(Season::Summer)),
    ("осен", Word::Season(Season::Fall)), ("осін", Word::Season(Season::Fall)),
    ("восени", Word::Season(Season::Fall)),
];

#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "буде", "будуть", "буду", "будемо", "відбудеться", "відбудуться", "планує", "планують", "планується",
    "має", "мають", "збирається", "пройде", "почнеться", "до",
];
const PAST_CUES: &[&str] = &["був", "була", "було", "були", "ще", "з", "із"];

/// Words after a number that make it an amount or a count, not a year (see
/// [`super::rules::an_amount`]).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "гривень", "гривні", "доларів", "людей", "осіб", "відсотків", "тисяч", "млн", "млрд",
];

impl Language for Ukrainian {
    fn grammar(&self) -> &Grammar {
        &GRAMMAR
    }

    fn amount_units(&self) -> Option<&[&str]> {
        Some(UNITS)
    }

    fn word(&self, w: &str) -> Option<Word> {
        lookup_or_stem(LEXICON, STEMS, w)
    }

    fn tense(&self, text: &str, s: usize, e: usize) -> Option<Dir> {
        tense_by_cues(text, (s, e), FUTURE_CUES, PAST_CUES, |w| {
            past_verb(w, &["ав", "ив", "ів", "ла", "ли", "ло"])
        })
    }

    fn special(&self, surface: &str) -> Option<Expr> {
        if let Some(date) = dotted_date(surface) {
            return Some(date);
        }
        // "торік" is last year, "позаторік" the year before.
        match surface.to_lowercase().as_str() {
            "торік" => return Some(Expr::Year(YearRef::Rel(-1))),
            "позаторік" => return Some(Expr::Year(YearRef::Rel(-2))),
            _ => {}
        }
        // "1990-х", "90-ті".
        let (digits, rest) = surface.split_once('-')?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) || !rest.starts_with(['х', 'т']) {
            return None;
        }
        decade(digits)
    }
}
