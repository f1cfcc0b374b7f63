//! Named entities: people, organisations, places and other names in an article's title and
//! body, each linked to one canonical entity.
//!
//! ```text
//! text ─ tokenize: words with byte offsets, per line ─▶ tokens
//!      ─ English: model (averaged perceptron over hashed features, CoNLL-2003-trained),
//!        then its spans mended: cut where they run on (a sentence end, a lowercase word, a
//!        possessive), common words and titles dropped, an office split from its holder,
//!        a name ending in a legal form typed as an organisation (bodies)
//!        Russian: russian (capitalisation, name lists, patronymics, organisation markers)
//!        every language: the alias table's names found in the text ─▶ spans with a type
//!        a wire dateline's place in capitals ("ST. LOUIS (Harbor Times) —"): a place
//!      ─ link: alias table (Kiev → Kyiv, U.S. → United States), then short forms within the
//!        article (Amir-Abdollahian → Hossein Amir-Abdollahian, Chrysler → Chrysler Corp)
//!        ─▶ Vec<Entity>
//! ```
//!
//! Nothing is downloaded: the model's weights and the alias table are part of the crate.

pub mod aliases;
mod bodies;
mod features;
mod headline;
mod honorific;
mod initial;
mod latin;
mod latin_words;
mod link;
mod model;
mod russian;
mod russian_orgs;
mod russian_words;
mod tokenize;
pub mod train;
mod wordhash;

pub use self::aliases::AliasTable;
pub use self::model::Model;

/// The version of what recognition finds, part of what an index records as applied with its
/// alias table: a release whose tagger, tokeniser or linking finds different entities bumps
/// it, and an index built before finds its articles' entities again, from their stored text,
/// at its next run.
pub const RECOGNITION: u32 = 5;

use crate::{Entity, EntityKind};

/// A name found in a text: `text[start..end]`, of a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// What it names.
    pub kind: EntityKind,
}

impl Span {
    /// The span's text in `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// The tokens of a text walked once alongside the names found in it, in text order: the
/// passes after tagging look at each name's own tokens.
pub(crate) struct SpanTokens<'a>(
    std::iter::Peekable<std::iter::Flatten<std::slice::Iter<'a, Vec<tokenize::Token>>>>,
);

impl<'a> SpanTokens<'a> {
    /// The walk over the tokens of `lines`.
    pub(crate) fn new(lines: &'a [Vec<tokenize::Token>]) -> SpanTokens<'a> {
        SpanTokens(lines.iter().flatten().peekable())
    }

    /// The tokens of `span`, which must not start before the span asked for last.
    pub(crate) fn of(
        &mut self,
        span: &Span,
    ) -> impl Iterator<Item = &'a tokenize::Token> + Clone + use<'a> {
        while self.0.next_if(|t| t.start < span.start).is_some() {}
        let end = span.end;
        self.0.clone().take_while(move |t| t.end <= end)
    }
}

#[cfg(test)]
impl Span {
    /// The span of the first `name` in `text`, of `kind`: how tests write what a stage found.
    pub(crate) fn found(text: &str, name: &str, kind: EntityKind) -> Span {
        let start = text.find(name).expect("the name is in the text");
        Span {
            start,
            end: start + name.len(),
            kind,
        }
    }

    /// Spans of the first occurrence of each of `names` in `text`, of `kind`, in text order (as
    /// every stage takes them).
    pub(crate) fn all_found(text: &str, names: &[&str], kind: EntityKind) -> Vec<Span> {
        let mut out: Vec<Span> = names.iter().map(|n| Span::found(text, n, kind)).collect();
        out.sort_by_key(|s| s.start);
        out
    }

    /// The texts of `spans` in `text`: how tests compare what a stage found.
    pub(crate) fn texts<'a>(text: &'a str, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| s.of(text)).collect()
    }
}

fn kind_of(ty: usize) -> EntityKind {
    match ty {
        0 => EntityKind::Person,
        1 => EntityKind::Organization,
        2 => EntityKind::Place,
        _ => EntityKind::Other,
    }
}

/// The spans `model` tags in `text`, in text order.
pub fn tag(model: &Model, text: &str) -> Vec<Span> {
    tag_lines(model, text, &tokenize::tokenize(text), false)
}

fn tag_lines(
    model: &Model,
    text: &str,
    lines: &[Vec<tokenize::Token>],
    headline: bool,
) -> Vec<Span> {
    let doc = if headline {
        features::Doc::headline(text, lines)
    } else {
        features::Doc::new(text, lines)
    };
    let labels = model.tag(&doc);
    let mut out = Vec::new();
    for (line, labels) in lines.iter().zip(&labels) {
        let mut open: Option<(usize, usize, usize)> = None;
        for (t, &l) in line.iter().zip(labels) {
            match features::label_type(l) {
                Some(ty) if !features::label_begins(l) && open.is_some_and(|o| o.2 == ty) => {
                    if let Some(o) = open.as_mut() {
                        o.1 = t.end;
                    }
                }
                Some(ty) => {
                    out.extend(open.take());
                    open = Some((t.start, t.end, ty));
                }
                None => out.extend(open.take()),
            }
        }
        out.extend(open);
    }
    out.into_iter()
        .map(|(start, end, ty)| Span {
            start,
            end,
            kind: kind_of(ty),
        })
        .collect()
}

/// `spans` (in text order) cut where the tagger ran a name on past its end: at a sentence end
/// ("Black Sea. Zelensky"; a full stop after an initial or a title, "J. Smith", "St. Louis",
/// ends no sentence), or at a lowercase word that is not a name's particle ("Crimea helping
/// Russian", "Fed considers", "McCarthy on Friday"; "Bank of England" and "Charles de Gaulle"
/// stay whole). Only the part before stays: the type the tagger gave the whole says little
/// about the rest. A particle left at the end ("Bank of" before "said") goes too.
fn cut_overruns(text: &str, lines: &[Vec<tokenize::Token>], spans: Vec<Span>) -> Vec<Span> {
    let mut tokens = SpanTokens::new(lines);
    let mut out = Vec::with_capacity(spans.len());
    for mut span in spans {
        let inside: Vec<&tokenize::Token> = tokens.of(&span).collect();
        let sentence_end = inside.windows(3).position(|w| {
            let before = w[0].of(text);
            matches!(w[1].of(text), "." | "!" | "?")
                && w[2].sentence_start
                && before.chars().count() > 1
                && !tokenize::BEFORE_NAMES.contains(&before)
        });
        let common_word = (1..inside.len()).find(|&i| {
            let word = inside[i].of(text);
            // Glued to what precedes it, a word ends a compound ("U.S.-made"); an office
            // before a capitalised word is for `honorific::split_offices` to split at
            // ("Chrysler chairman Lee Iacocca"), not the end of the name.
            let glued = || inside[i - 1].end == inside[i].start;
            let holder_follows = || {
                honorific::office(word)
                    && inside
                        .get(i + 1)
                        .is_some_and(|t| t.of(text).starts_with(char::is_uppercase))
            };
            !in_a_name(word) && !glued() && !holder_follows()
        });
        let keep = match (sentence_end.map(|i| i + 1), common_word) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b).unwrap_or(inside.len()),
        };
        // What is left ends on a word: not on a particle once cut ("Bank of"), nor ever on a
        // dash ("U.S.-" of "U.S.-origin goods", "GMT -") or a possessive ("Fed" of "Fed's").
        let cut = keep < inside.len();
        let last = inside[..keep].iter().rposition(|t| {
            let w = t.of(text);
            let dash = w.chars().all(|c| matches!(c, '-' | '–' | '—'));
            let possessive = matches!(w, "'s" | "'S" | "’s" | "’S");
            let joiner = cut && particle(w);
            !dash && !possessive && !joiner
        });
        if let Some(last) = last {
            span.end = inside[last].end;
        }
        out.push(span);
    }
    out
}

/// Lowercase words that join the parts of a name besides the surname particles of
/// [`latin_words::PARTICLES`] ("van", "de", "von"…): "Bank of England", "Osama bin Laden",
/// "Organisation for Security and Cooperation in Europe". "on" is not one: "McCarthy on
/// Friday" is the commoner reading.
const JOINERS: &[&str] = &[
    "al", "and", "bin", "des", "do", "e", "el", "et", "for", "ibn", "in", "of", "the", "und", "wa",
    "y",
];

/// Whether `word` joins the parts of a name ([`JOINERS`], [`latin_words::PARTICLES`]).
fn particle(word: &str) -> bool {
    JOINERS.contains(&word) || latin_words::PARTICLES.contains(&word)
}

/// Whether a word may stand inside a name: anything but a lowercase word of letters alone
/// ("helping", "mission") that is not a particle. Hyphenated forms ("al-Aqsa", "ex-Milan")
/// and anything with a capital, digit or sign may.
fn in_a_name(word: &str) -> bool {
    let mut chars = word.chars();
    let lowercase_word =
        chars.next().is_some_and(char::is_lowercase) && chars.all(char::is_alphabetic);
    !lowercase_word || particle(word)
}

/// The names in `text` of an article in `language` (ISO 639-1), in text order, without
/// linking: English by the model, Russian by rules, every language by the alias table. A text
/// of unknown language goes to the Russian rules when most of its letters are Cyrillic, else
/// to the English model.
pub fn recognise(text: &str, language: Option<&str>, aliases: &AliasTable) -> Vec<Span> {
    recognise_part(text, language, aliases, false)
}

fn recognise_part(
    text: &str,
    language: Option<&str>,
    aliases: &AliasTable,
    headline: bool,
) -> Vec<Span> {
    let lines = tokenize::tokenize(text);
    let language = language.or_else(|| mostly_cyrillic(text).then_some("ru"));
    let found = match language {
        Some("ru") | Some("uk") => russian::recognise(text, &lines, aliases),
        Some("en") | None => {
            let tagged = tag_lines(Model::english(), text, &lines, headline);
            let tagged = cut_overruns(text, &lines, tagged);
            let tagged = initial::drop_common(text, &lines, tagged);
            let tagged = honorific::strip(text, &lines, tagged);
            let tagged = honorific::split_offices(text, &lines, tagged);
            bodies::typed_by_last_word(text, &lines, tagged)
        }
        Some(code) if latin_script(code) => latin::recognise(text, &lines, code, aliases),
        Some(_) => Vec::new(),
    };
    link::with_known_names(text, &lines, found, aliases)
}

/// Whether `code` (ISO 639-1) is a language written in the Latin script, whose names the
/// shape rules of [`latin`] can find.
fn latin_script(code: &str) -> bool {
    matches!(
        code,
        "de" | "es"
            | "fr"
            | "it"
            | "pt"
            | "nl"
            | "pl"
            | "ca"
            | "da"
            | "sv"
            | "no"
            | "nb"
            | "fi"
            | "cs"
            | "sk"
            | "sl"
            | "hr"
            | "ro"
            | "hu"
            | "tr"
            | "et"
            | "lv"
            | "lt"
            | "id"
            | "ms"
    )
}

/// Whether most letters among the first thousand of `text` are Cyrillic: the English model
/// was trained on English and has nothing to say about a Russian text whose language
/// detection gave no verdict.
fn mostly_cyrillic(text: &str) -> bool {
    let (mut cyrillic, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()).take(1000) {
        letters += 1;
        cyrillic += usize::from(('\u{0400}'..='\u{052F}').contains(&c));
    }
    cyrillic * 2 > letters
}

/// The entities of an article: names in its title and body, each linked to its canonical
/// entity, with one mention per occurrence (the exact surface text), in order of first
/// appearance. An English title in title case keeps only the names its body confirms (see
/// `headline`). What gets indexed is [`crate::extract::article_entities`], which also types
/// the article's credited agencies and outlet as organisations.
///
/// # Example
/// ```
/// use newsdex::extract::entities::{entities, AliasTable};
/// use newsdex::EntityKind;
///
/// let body = "Foreign Minister Hossein Amir-Abdollahian said drones reached Kiev. \
///             Amir-Abdollahian spoke in Tehran.";
/// let found = entities(None, body, Some("en"), AliasTable::shipped());
/// let kyiv = found.iter().find(|e| e.name == "Kyiv").unwrap();
/// assert_eq!(kyiv.kind, EntityKind::Place);
/// assert_eq!(kyiv.mentions[0].text, "Kiev");
/// let minister = found.iter().find(|e| e.name == "Hossein Amir-Abdollahian").unwrap();
/// assert_eq!(minister.mentions.len(), 2);
/// ```
pub fn entities(
    title: Option<&str>,
    body: &str,
    language: Option<&str>,
    aliases: &AliasTable,
) -> Vec<Entity> {
    let in_body = with_dateline_place(body, recognise(body, language, aliases));
    let mut found: Vec<(&str, EntityKind)> = Vec::new();
    if let Some(t) = title {
        let in_title = if matches!(language, Some("en") | None) && headline::is_title_case(t) {
            let lines = tokenize::tokenize(t);
            let confirmed = headline::confirmed(t, &lines, body, &in_body);
            link::with_known_names(t, &lines, confirmed, aliases)
        } else {
            recognise_part(t, language, aliases, true)
        };
        for s in in_title {
            found.push((s.of(t), s.kind));
        }
    }
    for s in in_body {
        found.push((s.of(body), s.kind));
    }
    found.retain(|(surface, _)| !link::names_no_one(surface) && !link::too_little(surface));
    link::link(&found, aliases)
}

/// `spans` (in text order) with the place of the body's dateline, if it has one in capitals
/// (see [`crate::extract::wire::dateline_place`]), as a place: what was found over it gives way.
fn with_dateline_place(body: &str, mut spans: Vec<Span>) -> Vec<Span> {
    let Some((start, end)) = crate::extract::wire::dateline_place(body) else {
        return spans;
    };
    spans.retain(|s| s.end <= start || s.start >= end);
    let at = spans.partition_point(|s| s.start < start);
    let kind = EntityKind::Place;
    spans.insert(at, Span { start, end, kind });
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cyrillic_text_of_unknown_language_goes_to_the_russian_rules() {
        let text = "Министр Сергей Лавров встретился в Москве с послом. Talks ended.";
        assert!(mostly_cyrillic(text));
        assert!(!mostly_cyrillic(
            "Sergei Lavrov met the envoy in Moscow (Москва)."
        ));
        let unknown = recognise(text, None, AliasTable::shipped());
        assert_eq!(unknown, recognise(text, Some("ru"), AliasTable::shipped()));
        assert!(
            unknown.iter().any(|s| s.of(text) == "Сергей Лавров"),
            "{unknown:?}"
        );
    }

    #[test]
    fn a_dateline_in_capitals_is_the_place_the_body_names() {
        let found = entities(
            Some("Flooding in St. Louis"),
            "ST. LOUIS (Harbor Times) — The Mississippi rose above flood stage in St. Louis \
             on Monday, officials said.",
            Some("en"),
            AliasTable::shipped(),
        );
        let louis: Vec<_> = found.iter().filter(|e| e.name.contains("Louis")).collect();
        assert_eq!(louis.len(), 1, "{found:?}");
        assert_eq!(louis[0].name, "St. Louis");
        assert_eq!(louis[0].kind, EntityKind::Place);
        let surfaces: Vec<&str> = louis[0].mentions.iter().map(|m| m.text.as_str()).collect();
        assert_eq!(surfaces, ["St. Louis", "ST. LOUIS", "St. Louis"]);
    }

    #[test]
    fn a_name_never_runs_past_a_sentence_end() {
        let text = "Ships left the Black Sea. Zelensky spoke in St. Louis with J. Smith.";
        let lines = tokenize::tokenize(text);
        let spans = Span::all_found(
            text,
            &["Black Sea. Zelensky", "St. Louis", "J. Smith"],
            EntityKind::Place,
        );
        let cut = Span::texts(text, &cut_overruns(text, &lines, spans));
        assert_eq!(cut, ["Black Sea", "St. Louis", "J. Smith"]);
    }

    #[test]
    fn a_name_never_runs_on_into_ordinary_lowercase_words() {
        let text = "Personnel in Crimea helping Russian forces met the Bank of England, \
                    Charles de Gaulle and the Fed considers rates; the Bank of said. U.S.-made \
                    Chrysler chairman Lee Iacocca, Purcell chairman of the board. 0900 GMT - up. \
                    The Fed's rates.";
        let lines = tokenize::tokenize(text);
        let spans = Span::all_found(
            text,
            &[
                "Crimea helping Russian",
                "Bank of England",
                "Charles de Gaulle",
                "Fed considers",
                "Bank of said",
                "U.S.-made",
                "Chrysler chairman Lee",
                "Purcell chairman of",
                "GMT -",
                "Fed's",
            ],
            EntityKind::Other,
        );
        let cut = Span::texts(text, &cut_overruns(text, &lines, spans));
        assert_eq!(
            cut,
            [
                "Crimea",
                "Bank of England",
                "Charles de Gaulle",
                "Fed",
                "Bank",
                "U.S.-made",
                "Chrysler chairman Lee",
                "Purcell",
                "GMT",
                "Fed"
            ]
        );
        assert!(in_a_name("al-Aqsa") && in_a_name("of") && in_a_name("3M"));
        assert!(!in_a_name("helping") && !in_a_name("on"));
    }

    #[test]
    fn a_table_name_may_end_in_a_clitic() {
        let body = "The notes are rated AAA by Standard and Poor's and Aaa by Moody's.";
        let found = entities(None, body, Some("en"), AliasTable::shipped());
        let sp = found
            .iter()
            .find(|e| e.name == "Standard & Poor's")
            .expect("found");
        assert_eq!(sp.kind, EntityKind::Organization);
        assert_eq!(sp.mentions[0].text, "Standard and Poor's");
        assert!(!found.iter().any(|e| e.name == "Poor"), "{found:?}");
        let moodys = found
            .iter()
            .find(|e| e.name == "Moody's Investors Service")
            .expect("found");
        assert_eq!(moodys.mentions[0].text, "Moody's");
    }

    #[test]
    fn table_names_in_running_text() {
        let names = |body: &str| -> Vec<String> {
            entities(None, body, Some("en"), AliasTable::shipped())
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        // A lowercase last word is a common noun, not the table's name.
        let found =
            names("Clerics said Iran remained an Islamic state. The Islamic State denied it.");
        assert!(found.contains(&"Islamic State".to_string()), "{found:?}");
        let found = names("Clerics said Iran remained an Islamic state of mind.");
        assert!(!found.contains(&"Islamic State".to_string()), "{found:?}");
        // A table name that runs across the tagger's name gives way ("Bank of Japan"
        // across "Industrial Bank of"), but one inside it is still found.
        let text = "It was owned by the Industrial Bank of Japan, the broker said.";
        let lines = tokenize::tokenize(text);
        let tagged = vec![Span::found(
            text,
            "Industrial Bank of",
            EntityKind::Organization,
        )];
        let got = Span::texts(
            text,
            &link::with_known_names(text, &lines, tagged, AliasTable::shipped()),
        );
        assert_eq!(got, ["Industrial Bank of", "Japan"]);
    }

    #[test]
    fn title_case_headlines_are_not_one_long_name() {
        let found = entities(
            Some("Iran Admits Sending Drones to Russia"),
            "Tehran said on Saturday that it had sent drones to Russia.",
            Some("en"),
            AliasTable::shipped(),
        );
        let names: Vec<&str> = found.iter().map(|e| e.name.as_str()).collect();
        assert!(names.contains(&"Iran"), "{names:?}");
        assert!(names.contains(&"Russia"), "{names:?}");
        assert!(!names.iter().any(|n| n.contains("Admits")), "{names:?}");
    }
}
