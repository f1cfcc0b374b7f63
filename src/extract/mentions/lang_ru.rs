//! Russian: rules, lexicon, false friends and tense cues.
//!
//! Prepositions stay out of the surface ("в субботу" → "субботу", "в прошлом году" →
//! "прошлом году", "на прошлой неделе" → "прошлой неделе"); "года"/"году" after a year stays
//! in ("16 октября 2022 года"), as does "назад" ("два года назад").

use std::sync::LazyLock;

use chrono::Weekday;

use super::Language;
use super::expr::{Dir, Expr, RefKind, Season, Unit};
use super::interpret::Word;
use super::rules::{
    Grammar, decade, dotted_date, lookup, lookup_or_stem, opens_sentence, past_verb, tense_by_cues,
    words,
};

#[rustfmt::skip]
const VARS: &[(&str, &str)] = &[
    ("MGEN", "января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"),
    ("MNOM", "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"),
    ("MPREP", "январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|ноябре|декабре"),
    ("WD", "понедельник(?:а|у|ом)?|вторник(?:а|у|ом)?|сред(?:а|у|ы|е|ой)|четверг(?:а|у|ом)?|пятниц(?:а|у|ы|е|ей)|\
         суббот(?:а|у|ы|е|ой)|воскресень(?:е|я|ю|ем)"),
    ("D", "[12][0-9]|3[01]|0?[1-9]"), ("Y", "1[0-9]{3}|20[0-9]{2}"), ("YS", "1[6-9][0-9]{2}|20[0-9]{2}"),
    ("GODA", r"\s*(?:года|году|год|гг|г)"), ("MOD", r"(?i:начал[аео]|конц[аеу]|середин[аеуы])\s+"),
    ("REL", "(?i:прошл(?:ом|ой|ую|ый|ого|ое|ым|ые|ых)|минувш(?:ем|ей|ую|ий|его|ее|им)|следующ(?:ем|ей|ую|ий|его|ее|им)|\
         эт(?:ом|ой|у|от|ого|им)|текущ(?:ем|ей|ую|ий|его|ее)|предыдущ(?:ем|ей|ую|ий|его)|нынешн(?:ем|ей|ий|его|ее)|\
         будущ(?:ем|ей|ий|его))"),
    ("UNIT", "(?i:году|года|год|месяце|месяца|месяц|неделе|неделю|недели|неделя|квартале|квартала|квартал|\
         десятилетии|десятилетия|веке|века|век|выходных|выходные)"),
    ("SEASON", "(?i:зимой|зиму|зима|зиме|зимы|весной|весну|весна|весне|весны|летом|лето|лета|лете|осенью|осень|осени)"),
    ("COUNT", "[0-9]{1,3}|(?i:один|одну|два|две|три|четыре|пять|шесть|семь|восемь|девять|десять|двадцать|тридцать|\
         несколько|пару|полтора)"),
    ("ORD", "(?i:перв(?:ом|ый|ого|ое)|втор(?:ом|ой|ого|ое)|треть(?:ем|ий|его|ее)|четв[её]рт(?:ом|ый|ого|ое))|I{1,3}|IV"),
];

const RULES: &[&str] = &[
    // "16.10.2022".
    r"(?:[12][0-9]|3[01]|0?[1-9])\.(?:1[0-2]|0?[1-9])\.(?:{Y})(?:{GODA})?",
    // "16 октября 2022 года", "16 октября".
    r"(?:{D})\s+(?i:{MGEN})(?:\s+(?:{Y})(?:{GODA})?)?",
    // "октябре 2022 года", "конце октября 2022 года", "октябрь 2022".
    r"(?:{MOD})?(?i:{MPREP}|{MNOM}|{MGEN})\s+(?:{Y})(?:{GODA})?",
    r"(?:{MOD})?(?i:{MPREP}|{MNOM}|{MGEN})(?:\s+(?:этого|прошлого|следующего|текущего)\s+года)?",
    // Weekdays: "субботу", "прошлую субботу".
    r"(?:{REL}\s+)?(?i:{WD})",
    // "вчера", "сегодня", "завтра".
    r"(?i:позавчера|вчера|сегодня|завтра|послезавтра)",
    // "прошлом году", "конце прошлого года", "этой неделе", "прошлым летом".
    r"(?:{MOD})?{REL}\s+(?:{UNIT}|{SEASON})",
    // "два года назад", "год назад", "неделю назад".
    r"(?:(?:{COUNT})\s+)?(?i:дня|дней|день|недели|недель|неделю|месяца|месяцев|месяц|года|лет|год)\s+(?i:тому\s+)?(?i:назад)",
    // "третьем квартале 2022 года", "III квартале".
    r"(?:{ORD})\s+(?i:квартале|квартала|квартал|полугодии|полугодия|полугодие)(?:\s+(?:{Y})(?:{GODA})?|\s+(?i:этого|прошлого|текущего|следующего)\s+года)?",
    // "1990-е годы", "1990-х", "90-е".
    r"(?:[12][0-9]{2}0|[0-9]0)-(?:е|х|ые|ых)(?:\s+(?:годы|годах|годов|гг))?",
    // "XX веке", "XXI века".
    r"(?:XXI|XX|XIX|XVIII|[0-9]{2})\s+(?i:веке|века|век)",
    // "2022 году", "конце 2021 года", "2022".
    r"(?:{MOD})?(?:{YS})(?:{GODA})?",
    // References.
    r"(?i:сейчас|теперь|ныне|нынче|настоящее\s+время|данный\s+момент)",
    r"(?i:недавно|на\s+днях)",
    r"(?i:будущем|ближайшее\s+время)",
];

static GRAMMAR: LazyLock<Grammar> = LazyLock::new(|| Grammar::new(RULES, VARS));

/// Russian.
pub struct Russian;

/// Whether `text` has Cyrillic letters (their UTF-8 lead bytes are 0xD0–0xD1).
pub fn likely(text: &str) -> bool {
    text.bytes().any(|b| b == 0xD0 || b == 0xD1)
}

#[rustfmt::skip]
const LEXICON: &[(&str, Word)] = &[
    ("января", Word::Month(1)), ("январь", Word::Month(1)), ("январе", Word::Month(1)),
    ("февраля", Word::Month(2)), ("февраль", Word::Month(2)), ("феврале", Word::Month(2)),
    ("марта", Word::Month(3)), ("март", Word::Month(3)), ("марте", Word::Month(3)), ("апреля", Word::Month(4)),
    ("апрель", Word::Month(4)), ("апреле", Word::Month(4)), ("мая", Word::Month(5)), ("май", Word::Month(5)),
    ("мае", Word::Month(5)), ("июня", Word::Month(6)), ("июнь", Word::Month(6)), ("июне", Word::Month(6)),
    ("июля", Word::Month(7)), ("июль", Word::Month(7)), ("июле", Word::Month(7)), ("августа", Word::Month(8)),
    ("август", Word::Month(8)), ("августе", Word::Month(8)), ("сентября", Word::Month(9)),
    ("сентябрь", Word::Month(9)), ("сентябре", Word::Month(9)), ("октября", Word::Month(10)),
    ("октябрь", Word::Month(10)), ("октябре", Word::Month(10)), ("ноября", Word::Month(11)),
    ("ноябрь", Word::Month(11)), ("ноябре", Word::Month(11)), ("декабря", Word::Month(12)),
    ("декабрь", Word::Month(12)), ("декабре", Word::Month(12)), ("вчера", Word::DayOffset(-1)),
    ("позавчера", Word::DayOffset(-2)), ("сегодня", Word::DayOffset(0)), ("завтра", Word::DayOffset(1)),
    ("послезавтра", Word::DayOffset(2)), ("назад", Word::Ago), ("день", Word::Unit(Unit::Day)),
    ("дня", Word::Unit(Unit::Day)), ("дней", Word::Unit(Unit::Day)), ("неделе", Word::Unit(Unit::Week)),
    ("неделю", Word::Unit(Unit::Week)), ("недели", Word::Unit(Unit::Week)), ("неделя", Word::Unit(Unit::Week)),
    ("недель", Word::Unit(Unit::Week)), ("выходных", Word::Unit(Unit::Weekend)),
    ("выходные", Word::Unit(Unit::Weekend)), ("месяце", Word::Unit(Unit::Month)),
    ("месяца", Word::Unit(Unit::Month)), ("месяц", Word::Unit(Unit::Month)),
    ("месяцев", Word::Unit(Unit::Month)), ("году", Word::Unit(Unit::Year)), ("года", Word::Unit(Unit::Year)),
    ("год", Word::Unit(Unit::Year)), ("лет", Word::Unit(Unit::Year)), ("квартале", Word::Unit(Unit::Quarter)),
    ("квартала", Word::Unit(Unit::Quarter)), ("квартал", Word::Unit(Unit::Quarter)), ("полугодии", Word::Half),
    ("полугодия", Word::Half), ("полугодие", Word::Half), ("десятилетии", Word::Unit(Unit::Decade)),
    ("десятилетия", Word::Unit(Unit::Decade)), ("веке", Word::Unit(Unit::Century)),
    ("века", Word::Unit(Unit::Century)), ("век", Word::Unit(Unit::Century)), ("один", Word::Count(1)),
    ("одну", Word::Count(1)), ("два", Word::Count(2)), ("две", Word::Count(2)), ("три", Word::Count(3)),
    ("четыре", Word::Count(4)), ("пять", Word::Count(5)), ("шесть", Word::Count(6)), ("семь", Word::Count(7)),
    ("восемь", Word::Count(8)), ("девять", Word::Count(9)), ("десять", Word::Count(10)),
    ("двадцать", Word::Count(20)), ("тридцать", Word::Count(30)), ("несколько", Word::Vague),
    ("пару", Word::Vague), ("полтора", Word::Vague), ("i", Word::Ordinal(1)), ("ii", Word::Ordinal(2)),
    ("iii", Word::Ordinal(3)), ("iv", Word::Ordinal(4)), ("xviii", Word::Ordinal(18)),
    ("xix", Word::Ordinal(19)), ("xx", Word::Ordinal(20)), ("xxi", Word::Ordinal(21)),
    ("сейчас", Word::Ref(RefKind::Present)), ("теперь", Word::Ref(RefKind::Present)),
    ("ныне", Word::Ref(RefKind::Present)), ("нынче", Word::Ref(RefKind::Present)),
    ("настоящее", Word::Ref(RefKind::Present)), ("данный", Word::Ref(RefKind::Present)),
    ("недавно", Word::Ref(RefKind::Past)), ("днях", Word::Ref(RefKind::Past)),
    ("будущем", Word::Ref(RefKind::Future)), ("ближайшее", Word::Ref(RefKind::Future)),
];

/// Inflected words by stem: relation words, ordinals, weekdays, seasons.
#[rustfmt::skip]
const STEMS: &[(&str, Word)] = &[
    ("прошл", Word::Rel(-1)), ("минувш", Word::Rel(-1)), ("предыдущ", Word::Rel(-1)), ("следующ", Word::Rel(1)),
    ("будущ", Word::Rel(1)), ("эт", Word::Rel(0)), ("текущ", Word::Rel(0)), ("нынешн", Word::Rel(0)),
    // Weekdays before ordinals: "вторник" is not "втор(ой)".
    ("понедельник", Word::Weekday(Weekday::Mon)), ("вторник", Word::Weekday(Weekday::Tue)),
    ("сред", Word::Weekday(Weekday::Wed)), ("четверг", Word::Weekday(Weekday::Thu)),
    ("пятниц", Word::Weekday(Weekday::Fri)), ("суббот", Word::Weekday(Weekday::Sat)),
    ("воскресень", Word::Weekday(Weekday::Sun)), ("перв", Word::Ordinal(1)), ("втор", Word::Ordinal(2)),
    ("треть", Word::Ordinal(3)), ("четв", Word::Ordinal(4)), ("зим", Word::Season(Season::Winter)),
    ("весн", Word::Season(Season::Spring)), ("лет", Word::Season(Season::Summer)),
    ("осен", Word::Season(Season::Fall)),
];

#[rustfmt::skip]
const FUTURE_CUES: &[&str] = &[
    "будет", "будут", "буду", "будем", "состоится", "состоятся", "планирует", "планируют", "планируется",
    "намерен", "намерена", "намерены", "собирается", "пройдет", "пройдёт", "начнется", "начнётся", "до",
];
const PAST_CUES: &[&str] = &["был", "была", "было", "были", "еще", "ещё", "с"];

/// Words after a number that make it an amount or a count, not a year (see
/// [`super::rules::an_amount`]).
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "рублей", "долларов", "человек", "процентов", "тысяч", "млн", "млрд",
];

impl Language for Russian {
    fn grammar(&self) -> &Grammar {
        &GRAMMAR
    }

    fn amount_units(&self) -> Option<&[&str]> {
        Some(UNITS)
    }

    fn keep(&self, text: &str, s: usize, e: usize) -> bool {
        // "Марта", "Мая" in the middle of a sentence are names (Martha, May).
        let mut ws = words(&text[s..e]);
        if let (Some(w), None) = (ws.next(), ws.next())
            && matches!(lookup(LEXICON, w), Some(Word::Month(_)))
            && w.starts_with(|c: char| c.is_uppercase())
            && !opens_sentence(text, s)
        {
            return false;
        }
        // "Сегодня", "Теперь" as names of newspapers are rare; "сейчас" is fine.
        true
    }

    fn word(&self, w: &str) -> Option<Word> {
        lookup_or_stem(LEXICON, STEMS, w)
    }

    fn tense(&self, text: &str, s: usize, e: usize) -> Option<Dir> {
        tense_by_cues(text, (s, e), FUTURE_CUES, PAST_CUES, |w| {
            past_verb(
                w,
                &["ал", "ил", "ел", "ала", "ила", "ела", "али", "или", "ели"],
            )
        })
    }

    fn special(&self, surface: &str) -> Option<Expr> {
        if let Some(date) = dotted_date(surface) {
            return Some(date);
        }
        // "1990-е годы", "90-х".
        let (digits, rest) = surface.split_once('-')?;
        if !digits.bytes().all(|b| b.is_ascii_digit()) || !rest.starts_with(['е', 'х', 'ы']) {
            return None;
        }
        decade(digits)
    }
}
