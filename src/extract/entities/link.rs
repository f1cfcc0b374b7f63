//! From found names to entities: names the alias table knows are added where the tagger
//! missed them; each mention is linked to its canonical name (the table first, then a longer
//! name of the same article it is a short form of), and mentions of one name are grouped.

use super::Span;
use super::aliases::{AliasEntry, AliasTable, stem};
use super::bodies::{company_form, legal_form};
use super::tokenize::Token;
use crate::ingest::FnvMap;
use crate::{Entity, EntityKind, Mention};

/// `found` plus the table's names in `text`, in text order: where nothing was found, and in
/// place of what was found inside one of them (the tagger's "Standard" and "Poor's Corp" in
/// the table's "Standard and Poor's Corp"). A name found across a table name's edge stays.
pub(super) fn with_known_names(
    text: &str,
    lines: &[Vec<Token>],
    mut found: Vec<Span>,
    aliases: &AliasTable,
) -> Vec<Span> {
    // The table's names come in text order: a cursor walks `found`, in text order too, beside
    // them. Comparing each table name with every found span was quadratic in a long text.
    // (Spans may overlap: the Russian rules' can.)
    found.sort_by_key(|s| (s.start, s.end));
    let mut extra = Vec::new();
    let mut covered = vec![false; found.len()];
    // Spans before `next` end before the last table name's start, so before every later one's.
    let mut next = 0;
    for line in lines {
        let mut i = 0;
        while i < line.len() {
            let first = line[i].of(text).chars().next();
            if !first.is_some_and(|c| c.is_uppercase()) {
                i += 1;
                continue;
            }
            let hit = known_at(text, line, i, aliases).map(|(n, e)| {
                let (start, end) = (line[i].start, line[i + n - 1].end);
                (
                    n,
                    Span {
                        start,
                        end,
                        kind: e.kind,
                    },
                )
            });
            match hit {
                Some((n, span)) => {
                    while found.get(next).is_some_and(|f| f.end <= span.start) {
                        next += 1;
                    }
                    // Every span from `next` that starts before the name ends, and of those
                    // the ones that end after it starts.
                    let until = next + found[next..].partition_point(|f| f.start < span.end);
                    let overlaps = |f: &Span| span.start < f.end;
                    let inside = |f: &Span| span.start <= f.start && f.end <= span.end;
                    let near = &found[next..until];
                    if near.iter().filter(|f| overlaps(f)).all(inside) {
                        for (c, f) in covered[next..until].iter_mut().zip(near) {
                            *c |= overlaps(f);
                        }
                        extra.push(span);
                        i += n;
                    } else {
                        // A table name inside may still be one: "Japan" of "Industrial Bank
                        // of Japan", which the tagger cut as "Industrial Bank of".
                        i += 1;
                    }
                }
                None => i += 1,
            }
        }
    }
    let mut kept = covered.iter();
    found.retain(|_| !kept.next().copied().unwrap_or(false));
    found.extend(extra);
    found.sort_by_key(|s| (s.start, s.end));
    found
}

/// The alias table's longest name starting at token `i` of `line`: its length in tokens and
/// its entry. A name ends on a word, never on punctuation ("NATO." is "NATO" and a full stop).
pub(super) fn known_at<'a>(
    text: &str,
    line: &[Token],
    i: usize,
    aliases: &'a AliasTable,
) -> Option<(usize, &'a AliasEntry)> {
    // A name of k words spans at most k + 2 tokens (punctuation inside: "St. John's").
    let most = aliases.words_from(line[i].of(text))?;
    let max = (most + 2).min(line.len() - i);
    (1..=max).rev().find_map(|n| {
        // A name ends on a word; the clitic "'s" is one ("Standard and Poor's").
        let last = line[i + n - 1].of(text);
        if !last.chars().any(char::is_alphanumeric) {
            return None;
        }
        let e = aliases.lookup_in_text(&text[line[i].start..line[i + n - 1].end])?;
        // Names compare without case (wire copy writes "New york"), but a name's last word
        // in lowercase that English mostly writes so is a common noun: "an Islamic state" is
        // not the Islamic State.
        let word = match last.starts_with(['\'', '’']) {
            true if n > 1 => line[i + n - 2].of(text),
            _ => last,
        };
        let canonical_last = e.name.rsplit(' ').next().unwrap_or_default();
        if n > 1 && word != canonical_last && super::initial::common_lowercase(word) {
            return None;
        }
        Some((n, e))
    })
}

/// Words that name no one alone, besides a company's legal form ([`company_form`]): an
/// abbreviation written before a name ("Sen.", "St."), an abbreviated month, an abbreviation
/// of wire copy's results tables (the tagger takes "Dlrs" at a line's start).
const NO_NAME_ALONE: [&[&str]; 3] = [
    super::tokenize::BEFORE_NAMES,
    &[
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    ],
    &[
        "Dlr", "Dlrs", "Cts", "Shr", "Shrs", "Revs", "Qtr", "Qtly", "Mths", "Mln", "Bln", "Pct",
        "Vs", "Avg",
    ],
];

/// Number words: no name with those words alone ("Nine Mths"), but a number alone may be one
/// (the British television channel Five).
const NUMBERS: &[&str] = &[
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
    "Twenty",
    "Thirty",
    "Forty",
    "Fifty",
    "Hundred",
    "Thousand",
    "Million",
    "Billion",
];

/// Whether `surface` is nothing but such words ("Co", "Inc.", "Co Inc", "Rep.", "Feb"): what
/// the tagger leaves when it misses the name after or before them ("Birr, Wilson and Co", a
/// name cut by a line, "Sen." whose full stop was taken for a sentence end), with or without
/// [`NUMBERS`] ("Nine Mths").
pub(super) fn names_no_one(surface: &str) -> bool {
    let mut listed = 0;
    for w in surface
        .split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
    {
        if company_form(w) || NO_NAME_ALONE.iter().any(|list| list.contains(&w)) {
            listed += 1;
        } else if !NUMBERS.contains(&w) {
            return false;
        }
    }
    listed > 0
}

/// Whether `surface` is too little to be a name: no letter or digit at all (">", "."), or one
/// letter alone ("J", "F."), what the tagger makes of table marks and a lone initial. Codes
/// such as "A-1", "F-16" and "C$" are more.
pub(super) fn too_little(surface: &str) -> bool {
    let mut chars = surface.chars().filter(|&c| c != '.' && !c.is_whitespace());
    match (chars.next(), chars.next()) {
        (Some(c), None) => c.is_alphabetic() || !c.is_alphanumeric(),
        _ => !surface.chars().any(char::is_alphanumeric),
    }
}

/// Collapses whitespace (a possessive never ends a name: see `cut_overruns`).
fn clean(surface: &str) -> String {
    surface.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn words_of(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace()).map(stem).collect()
}

/// The longer name of the article that `short` is a short form of: its last words for a
/// person ("Amir-Abdollahian" → "Hossein Amir-Abdollahian"), its initials for an
/// organisation ("IMF" → "International Monetary Fund"), a company's name without its legal
/// form ("Chrysler" → "Chrysler Corp", whatever the tagger took "Chrysler" for, but a place).
/// `None` when there is none, or more than one.
fn long_form<'a>(short: &str, kind: EntityKind, names: &'a [Longer]) -> Option<&'a Longer> {
    let is_acronym = short.chars().count() >= 2
        && short.chars().count() <= 6
        && short.chars().all(|c| c.is_uppercase());
    let person_like = matches!(
        kind,
        EntityKind::Person | EntityKind::Other | EntityKind::Organization | EntityKind::Place
    );
    let sw = if is_acronym {
        Vec::new()
    } else {
        words_of(short)
    };
    let mut hits = names.iter().filter(|l| {
        if l.kind == EntityKind::Person && person_like && !is_acronym {
            return l.stems.len() > sw.len()
                && (l.stems.ends_with(&sw) || (sw.len() == 1 && l.stems.last() == sw.first()));
        }
        if !l.company.is_empty() && kind != EntityKind::Place && !is_acronym {
            return l.company == sw;
        }
        is_acronym && l.kind == EntityKind::Organization && l.initials == short
    });
    let first = hits.next()?;
    // Two different people called Smith: no guess.
    match hits.find(|h| h.name != first.name) {
        Some(_) => None,
        None => Some(first),
    }
}

/// A name of several words in the article, which shorter mentions may stand for.
struct Longer {
    name: String,
    kind: EntityKind,
    stems: Vec<String>,
    initials: String,
    /// For a company, the stems of its name without the legal form ("chrysler" of "Chrysler
    /// Corp"); else empty.
    company: Vec<String>,
}

/// A name written in capitals (a dateline, a headline) takes the spelling of the same name
/// of the same type written in mixed case in the article: "ST. LOUIS" is the body's
/// "St. Louis", one entity, not two. The type is not borrowed: the body's "Chicago" is often
/// the team and the dateline's "CHICAGO" the city (on CoNLL dev, borrowing lost 7 names).
fn in_mixed_case(canon: &mut [(String, EntityKind, bool)]) {
    // Two or three capitals alone are an acronym as often as not ("EC" beside a stray "Ec").
    let capitals = |n: &str| {
        (n.contains(' ') || n.chars().filter(|c| c.is_alphabetic()).count() >= 4)
            && !n.chars().any(char::is_lowercase)
    };
    if !canon.iter().any(|(n, ..)| capitals(n)) {
        return;
    }
    let mut mixed: FnvMap<(String, EntityKind), usize> = FnvMap::default();
    for (i, (n, k, _)) in canon.iter().enumerate() {
        if n.chars().any(char::is_lowercase) {
            mixed.entry((n.to_lowercase(), *k)).or_insert(i);
        }
    }
    for i in 0..canon.len() {
        if capitals(&canon[i].0)
            && let Some(&j) = mixed.get(&(canon[i].0.to_lowercase(), canon[i].1))
        {
            canon[i] = canon[j].clone();
        }
    }
}

/// Entities from found `(surface, kind)` pairs, in order of first mention.
pub(super) fn link(found: &[(&str, EntityKind)], aliases: &AliasTable) -> Vec<Entity> {
    // Canonical names from the table; unknown names stay as written.
    let mut canon: Vec<(String, EntityKind, bool)> = found
        .iter()
        .map(|(s, k)| match aliases.lookup(s) {
            Some(e) => (e.name.clone(), e.kind, true),
            None => (clean(s), *k, false),
        })
        .collect();
    in_mixed_case(&mut canon);
    let mut longer: Vec<Longer> = Vec::new();
    for (n, k, known) in &canon {
        if !known
            && n.split_whitespace().count() > 1
            && !longer.iter().any(|l| &l.name == n && l.kind == *k)
        {
            let words: Vec<&str> = n.split_whitespace().collect();
            let bare = words.len() - words.iter().rev().take_while(|w| legal_form(w)).count();
            let company = if *k == EntityKind::Organization && (1..words.len()).contains(&bare) {
                words_of(&words[..bare].join(" "))
            } else {
                Vec::new()
            };
            longer.push(Longer {
                name: n.clone(),
                kind: *k,
                company,
                stems: words_of(n),
                initials: n
                    .split_whitespace()
                    .filter_map(|w| w.chars().next())
                    .filter(|c| c.is_uppercase())
                    .collect(),
            });
        }
    }
    // Entities in order of first mention, found by group key.
    let mut out: Vec<Entity> = Vec::new();
    let mut groups: FnvMap<(String, Option<EntityKind>), usize> = FnvMap::default();
    for ((surface, _), (name, kind, known)) in found.iter().zip(canon) {
        let (name, kind) = match (known, long_form(&name, kind, &longer)) {
            (false, Some(l)) => (l.name.clone(), l.kind),
            _ => (name, kind),
        };
        // A name the table knows is one entity; otherwise the same words tagged as two
        // types stay two entities (a majority vote spreads the tagger's mistakes).
        let gk = (name, (!known).then_some(kind));
        let i = match groups.get(&gk) {
            Some(&i) => i,
            None => {
                out.push(Entity {
                    name: gk.0.clone(),
                    kind,
                    mentions: Vec::new(),
                });
                groups.insert(gk, out.len() - 1);
                out.len() - 1
            }
        };
        let e = &mut out[i];
        e.mentions.push(Mention {
            text: surface.to_string(),
        });
        e.kind = kind;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[(&str, EntityKind)]) -> Vec<(String, EntityKind, Vec<String>)> {
        link(found, AliasTable::shipped())
            .into_iter()
            .map(|e| {
                (
                    e.name,
                    e.kind,
                    e.mentions.into_iter().map(|m| m.text).collect(),
                )
            })
            .collect()
    }

    #[test]
    fn aliases_link_to_one_entity() {
        use EntityKind::*;
        let got = names(&[
            ("Kyiv", Place),
            ("Kiev", Place),
            ("U.S.", Place),
            ("United States", Place),
        ]);
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[0],
            ("Kyiv".into(), Place, vec!["Kyiv".into(), "Kiev".into()])
        );
        assert_eq!(got[1].0, "United States");
    }

    #[test]
    fn short_forms_link_within_the_article() {
        use EntityKind::*;
        let got = names(&[
            ("Amir-Abdollahian", Person),
            ("Hossein Amir-Abdollahian", Person),
            ("IMF", Organization),
            ("International Monetary Fund", Organization),
            ("Kovalenko", Person),
        ]);
        assert_eq!(got[0].0, "Hossein Amir-Abdollahian");
        assert_eq!(got[0].2, ["Amir-Abdollahian", "Hossein Amir-Abdollahian"]);
        assert_eq!(got[1].0, "International Monetary Fund");
        assert_eq!(got[1].2.len(), 2);
        // No full form in the article: the short form stays.
        assert_eq!(got[2].0, "Kovalenko");
    }

    #[test]
    fn a_company_without_its_legal_form_is_the_company() {
        use EntityKind::*;
        let got = names(&[
            ("Chrysler Corp", Organization),
            ("Chrysler", Person),
            ("Mobil", Other),
            ("Mobil Oil Corp.", Organization),
            ("Lakeport Corp", Organization),
            ("Lakeport", Place),
        ]);
        assert_eq!(got[0].0, "Chrysler Corp");
        assert_eq!(got[0].1, Organization);
        assert_eq!(got[0].2, ["Chrysler Corp", "Chrysler"]);
        // Only the whole name before the legal form: "Mobil" is not "Mobil Oil".
        assert_eq!((got[1].0.as_str(), got[1].1), ("Mobil", Other));
        // A place stays a place.
        assert_eq!((got[4].0.as_str(), got[4].1), ("Lakeport", Place));
    }

    #[test]
    fn names_in_capitals_take_the_mixed_case_spelling() {
        use EntityKind::*;
        let got = names(&[
            ("ST. LOUIS", Place),
            ("St. Louis", Place),
            ("MERIDIAN GRAIN", Person),
            ("ACME", Organization),
            ("DENVER", Place),
            ("Denver", Organization),
            ("EC", Organization),
            ("Ec", Organization),
        ]);
        assert_eq!(
            got[0],
            (
                "St. Louis".into(),
                Place,
                vec!["ST. LOUIS".into(), "St. Louis".into()]
            )
        );
        // Without a mixed-case form the capitals stay as written.
        assert_eq!(got[1].0, "MERIDIAN GRAIN");
        assert_eq!(got[2].0, "ACME");
        // Another type is another entity: the city in the dateline, the team in the story.
        assert_eq!(got[3], ("DENVER".into(), Place, vec!["DENVER".into()]));
        assert_eq!(got[4].1, Organization);
        // Two or three capitals are left alone: an acronym.
        assert_eq!(got[5].0, "EC");
    }

    #[test]
    fn table_names_and_found_names_are_walked_together_over_a_long_text() {
        // The same paragraph three times: each copy's fragments give way to its own table
        // name, and the names around them stay, in every copy.
        let one =
            "Talks in Kiev. The Group of Seven and the World Bank Institute met. Smith spoke.";
        let text = [one; 3].join(" ");
        let lines = super::super::tokenize::tokenize(&text);
        let mut found = Vec::new();
        for copy in 0..3 {
            let base = copy * (one.len() + 1);
            for (name, kind) in [
                ("Group", EntityKind::Other),
                ("Seven", EntityKind::Place),
                ("World Bank Institute", EntityKind::Organization),
                ("Smith", EntityKind::Person),
            ] {
                let mut span = Span::found(one, name, kind);
                span.start += base;
                span.end += base;
                found.push(span);
            }
        }
        let got: Vec<(&str, EntityKind)> =
            with_known_names(&text, &lines, found, AliasTable::shipped())
                .iter()
                .map(|s| (s.of(&text), s.kind))
                .collect();
        let copy = [
            ("Kiev", EntityKind::Place),
            ("Group of Seven", EntityKind::Organization),
            ("World Bank Institute", EntityKind::Organization),
            ("Smith", EntityKind::Person),
        ];
        assert_eq!(got, copy.repeat(3));
    }

    #[test]
    fn table_names_replace_fragments_found_inside_them() {
        let text = "The Group of Seven and the World Bank Institute met.";
        let lines = super::super::tokenize::tokenize(text);
        let span = |name: &str, kind| Span::found(text, name, kind);
        let found = vec![
            span("Group", EntityKind::Other),
            span("Seven", EntityKind::Place),
            span("World Bank Institute", EntityKind::Organization),
        ];
        let got: Vec<(&str, EntityKind)> =
            with_known_names(text, &lines, found, AliasTable::shipped())
                .iter()
                .map(|s| (s.of(text), s.kind))
                .collect();
        assert_eq!(
            got,
            [
                ("Group of Seven", EntityKind::Organization),
                // Found across the edge of the table's "World Bank": kept.
                ("World Bank Institute", EntityKind::Organization),
            ]
        );
    }

    #[test]
    fn forms_and_abbreviations_alone_are_no_name() {
        for lone in [
            "Co",
            "Inc.",
            "Co Inc",
            "Ltd",
            "Cos.",
            "Rep.",
            "Sen",
            "St.",
            "Dr",
            "Feb",
            "Nine Mths",
            "Dlrs",
        ] {
            assert!(names_no_one(lone), "{lone}");
        }
        let names = [
            "Texaco Inc",
            "Co-op",
            "Cohen",
            "",
            "Inc Magazine",
            "St. Louis",
            "Mt Etna",
        ];
        for name in names.into_iter().chain([
            "Dr. Dre",
            "May",
            "Febland",
            "Jan Smith",
            "Six Flags",
            "One Direction",
            "Five",
            "Nine",
        ]) {
            assert!(!names_no_one(name), "{name}");
        }
    }

    #[test]
    fn marks_and_lone_letters_name_no_one() {
        for junk in [">", ".", ",", "J", "F.", "S", "- -"] {
            assert!(too_little(junk), "{junk}");
        }
        for name in ["A-1", "F-16", "C$", "3M", "Jo", "U.S.", "ЕС", "90"] {
            assert!(!too_little(name), "{name}");
        }
    }

    #[test]
    fn two_people_with_one_surname_are_not_merged() {
        use EntityKind::*;
        let got = names(&[
            ("Anna Smith", Person),
            ("John Smith", Person),
            ("Smith", Person),
        ]);
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn russian_short_forms_by_stem() {
        use EntityKind::*;
        let got = names(&[("Александром Налбандовым", Person), ("Налбандова", Person)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].2.len(), 2);
    }
}
