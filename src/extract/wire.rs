//! Wire credits: which news agencies an article says it comes from.
//!
//! Three kinds of marker, all in the body:
//! - a dateline credit at the start of a paragraph: `KYIV, Nov 5 (Meridian Wire) —`,
//!   `WASHINGTON (AP) —`, `MOSCOW, March 3 (Reuters) -` — whatever agency it names;
//! - a sign-off line naming an agency (`Reuter`, `AFP`, `dpa`), as wire copy ends;
//! - a known agency credited in the text: `(AP)`, `Reuters`, `Agence France-Presse`,
//!   `Interfax`, `TASS`, `ТАСС`, `Интерфакс`, `РИА Новости`, `dpa`, …
//!
//! Names are normalised (`Reuter` → `Reuters`, `Associated Press` → `AP`, `ТАСС` → `TASS`).
//!
//! The same dateline also says where the story was filed ([`dateline_place`]).

use std::sync::LazyLock;

use regex::Regex;

/// Known agencies: (pattern in the text, canonical name).
const AGENCIES: &[(&str, &str)] = &[
    (r"\(AP\)|\bAssociated Press\b", "AP"),
    (r"\bReuters?\b|\bREUTERS?\b", "Reuters"),
    (r"\bAFP\b|\bAgence France[- ]Presse\b", "AFP"),
    (r"\bdpa\b|\bDeutsche Presse-Agentur\b", "dpa"),
    (r"\bInterfax\b|\bИнтерфакс\w*", "Interfax"),
    (r"\bTASS\b|\bТАСС\b", "TASS"),
    (r"\bRIA Novosti\b|\bРИА Новости\b", "RIA Novosti"),
    (r"\bXinhua\b", "Xinhua"),
    (r"\bKyodo\b", "Kyodo"),
    (r"\bYonhap\b", "Yonhap"),
    (r"\bANSA\b", "ANSA"),
    (r"\bEFE\b", "EFE"),
    (r"\bUkrinform\b|\bУкрінформ\b|\bУкринформ\b", "Ukrinform"),
    (r"\bUNIAN\b|\bУНИАН\b", "UNIAN"),
];

static KNOWN: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    AGENCIES
        .iter()
        .map(|(p, name)| {
            (
                Regex::new(p).expect("agency patterns are valid (tested)"),
                *name,
            )
        })
        .collect()
});

/// `CITY[, Mon D] (Agency) —` at the start of a paragraph.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?m)^\s*(?P<place>[\p{Lu}][\p{Lu}\p{Ll} .'’-]{1,40})(?:,[^()\n]{1,25})? \((?P<agency>[\p{Lu}][^()\n]{1,40})\)\s*[—–-]",
    )
    .expect("dateline pattern is valid (tested)")
});

/// Wire services the body credits, canonical names, each once, in order of first credit.
///
/// # Example
/// ```
/// use newsdex::extract::wire::wire_credits;
/// assert_eq!(wire_credits("KYIV, Nov 5 (Meridian Wire) — Power cuts widened."), ["Meridian Wire"]);
/// assert_eq!(wire_credits("WASHINGTON (AP) — The Fed held rates."), ["AP"]);
/// assert_eq!(wire_credits("Oil rose.\n Reuter"), ["Reuters"]);
/// assert!(wire_credits("The apple harvest was late.").is_empty());
/// ```
pub fn wire_credits(body: &str) -> Vec<String> {
    let mut found: Vec<(usize, String)> = Vec::new();
    let mut add = |at: usize, name: &str| {
        if let Some(f) = found.iter_mut().find(|(_, n)| n == name) {
            f.0 = f.0.min(at);
        } else {
            found.push((at, name.to_string()));
        }
    };
    // Datelines are looked for in the opening of the article only.
    let opening = &body[..floor_char_boundary(body, 600)];
    for c in DATELINE.captures_iter(opening) {
        if let Some(m) = c.name("agency").filter(|m| names_a_source(m.as_str())) {
            let named = m.as_str().trim();
            let canonical = KNOWN
                .iter()
                .find(|(re, _)| re.is_match(&format!("({named})")) || re.is_match(named))
                .map_or(named, |(_, n)| *n);
            add(m.start(), canonical);
        }
    }
    for (re, name) in KNOWN.iter() {
        if let Some(m) = re.find(body) {
            add(m.start(), name);
        }
    }
    found.sort();
    found.into_iter().map(|(_, n)| n).collect()
}

/// Whether the words in a dateline's brackets can name an agency or outlet: written in mixed
/// case ("Meridian Wire"), or one short word ("AP", "TASS"). A price table's heading has the
/// same shape in capitals: `TOKYO RUBBER (YEN PER KILO) -`.
fn names_a_source(named: &str) -> bool {
    let named = named.trim();
    named.chars().any(char::is_lowercase) || (!named.contains(' ') && named.chars().count() <= 5)
}

/// The byte range in `body` of the place its first dateline names, when written in capitals
/// as wire copy writes it: `ST. LOUIS` in `ST. LOUIS (Harbor Times) — The river rose…`,
/// `KYIV` in `KYIV, Nov 5 (Meridian Wire) —`. The tagger reads a line of capitals poorly (it
/// took `ST. LOUIS` there for an organisation); a dateline's place is a place.
///
/// # Example
/// ```
/// use newsdex::extract::wire::dateline_place;
/// let body = "ST. LOUIS, May 2 (Harbor Times) — The river rose.";
/// assert_eq!(dateline_place(body).map(|(s, e)| &body[s..e]), Some("ST. LOUIS"));
/// assert_eq!(dateline_place("Berlin (dpa) - Der Bundestag tagte."), None);
/// ```
pub fn dateline_place(body: &str) -> Option<(usize, usize)> {
    let opening = &body[..floor_char_boundary(body, 600)];
    let dateline = DATELINE.captures(opening)?;
    if !dateline
        .name("agency")
        .is_some_and(|a| names_a_source(a.as_str()))
    {
        return None;
    }
    let place = dateline.name("place")?;
    let trimmed = place.as_str().trim_end_matches([' ', '.', '-', '\'', '’']);
    let letters = || trimmed.chars().filter(|c| c.is_alphabetic());
    (letters().count() >= 2 && !letters().any(char::is_lowercase))
        .then(|| (place.start(), place.start() + trimmed.len()))
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agencies_and_datelines() {
        assert_eq!(
            wire_credits("MOSCOW, March 3 (Reuters) - Talks ended. Interfax said more."),
            ["Reuters", "Interfax"]
        );
        assert_eq!(wire_credits("Berlin (dpa) - Der Bundestag tagte."), ["dpa"]);
        assert_eq!(
            wire_credits("Как сообщает ТАСС, переговоры завершились."),
            ["TASS"]
        );
        // "AP" alone is a word in many languages and abbreviations: only "(AP)" counts.
        assert!(wire_credits("The AP exam results and the APEC summit.").is_empty());
        assert!(wire_credits("Afterwards, the rapporteur left.").is_empty());
        // A price table's heading is not a dateline.
        assert!(wire_credits("TOKYO RUBBER (YEN PER KILO) - Close 120.5").is_empty());
    }

    #[test]
    fn the_place_of_a_dateline_in_capitals() {
        let place = |body: &'static str| dateline_place(body).map(|(s, e)| &body[s..e]);
        assert_eq!(
            place("KYIV, Nov 5 (Meridian Wire) — Power cuts."),
            Some("KYIV")
        );
        assert_eq!(
            place("\n  NEW YORK (AP) - Stocks fell. LONDON (Reuters) - Later."),
            Some("NEW YORK")
        );
        assert_eq!(
            place("МОСКВА, 5 ноября (ТАСС) — Переговоры."),
            Some("МОСКВА")
        );
        // Title case is a heading as often as a place; no dateline, no place.
        assert_eq!(place("Washington (CNN) — The vote."), None);
        assert_eq!(place("Shares of ACME rose (see chart) - a record."), None);
        assert_eq!(place("The river rose on Monday."), None);
        assert_eq!(place("TOKYO RUBBER (YEN PER KILO) - Close 120.5"), None);
    }
}
