//! Names in Latin-script languages the tagger was not trained on (German, Spanish, French,
//! Italian, Portuguese, Dutch, Polish…), by rules that hold across them and err on the side
//! of finding less: a known first name and the capitalised words after it (a person), then
//! that person's surname wherever the article repeats it; an acronym; a company before its
//! legal form ("Siemens AG", "Telefónica S.A."); a German federal body ("Bundestag",
//! "Bundesverfassungsgericht"). Places, and whatever else the alias table knows, are found by
//! the alias table afterwards. Capitalisation alone says little here: German capitalises
//! every noun, and no gold set in these languages was at hand to tune a looser rule.

use std::collections::HashSet;

use super::Span;
use super::aliases::AliasTable;
use super::latin_words::{
    DETERMINERS, FEDERAL_BODIES, GERMAN_PARTICLES, LEGAL_FORMS, PARTICLES, SAINTS, first_names,
    not_orgs,
};
use super::link::known_at;
use super::tokenize::Token;
use crate::EntityKind;

fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && cs.any(char::is_lowercase)
}

/// A known first name, or a two-part one whose first part is ("Hans-Peter", "Jean-Luc"; not
/// the street "Franz-Josefs-Kai").
fn first_name(w: &str) -> bool {
    if !capitalised(w) {
        return false;
    }
    let lower = w.to_lowercase();
    let mut parts = lower.split('-');
    let head = parts.next().unwrap_or(&lower);
    parts.count() <= 1 && first_names().contains(head)
}

/// Three to six capitals ("CDU", "PSOE", "ÖVP"), not one of the capitals that name no body.
/// Two capitals are too often something else ("VR", "PD", a byline's initials).
fn acronym(w: &str) -> bool {
    let n = w.chars().count();
    (3..=6).contains(&n)
        && w.chars().all(char::is_uppercase)
        && !w.chars().all(|c| "IVXLCDM".contains(c))
        && !not_orgs().contains(&w.to_lowercase())
}

fn federal_body(w: &str) -> bool {
    w.strip_prefix("Bundes")
        .is_some_and(|rest| FEDERAL_BODIES.contains(&rest))
        || (w.starts_with("Bundes")
            && ["gericht", "ministerium", "amt", "agentur"]
                .iter()
                .any(|b| w.ends_with(b)))
}

/// The names in `text` (of a Latin-script language other than English), in text order.
pub(super) fn recognise(
    text: &str,
    lines: &[Vec<Token>],
    language: &str,
    aliases: &AliasTable,
) -> Vec<Span> {
    let german = language == "de";
    let lowercase: HashSet<String> = lines
        .iter()
        .flatten()
        .map(|t| t.of(text))
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_lowercase)
        .collect();
    let mut out = Vec::new();
    for line in lines {
        let words: Vec<&str> = line.iter().map(|t| t.of(text)).collect();
        // A sentence in capitals (a shouted headline) has words in capitals that are no
        // acronyms; nor is a word in capitals that the article also writes in lowercase.
        let shouting = shouted_sentences(line, &words);
        let acronym = |k: usize| {
            acronym(words[k])
                && !shouting[k]
                && !lowercase.contains(&words[k].to_lowercase())
                && !beside_capitals(&words, k)
        };
        let mut i = 0;
        while i < line.len() {
            let w = words[i];
            // The alias table decides what it knows ("Angela Merkel", "Deutsche Bank").
            if (capitalised(w) || acronym(i))
                && let Some((n, _)) = known_at(text, line, i, aliases)
            {
                i += n;
                continue;
            }
            // After "San", "Santa", "Saint"… a first name is a saint or a place ("San Andrés
            // Tuxtla").
            let saint = (i > 0 && SAINTS.contains(&words[i - 1]))
                || (i > 1 && words[i - 1] == "." && SAINTS.contains(&words[i - 2]));
            if first_name(w) && !saint {
                let known = |k: usize| known_at(text, line, i + k, aliases).is_some();
                let n = person_length(&words[i..], german, known);
                if n > 1 {
                    out.push(span(&line[i..i + n], EntityKind::Person));
                    i += n;
                    continue;
                }
            }
            if let Some(n) = company_length(&words, line, i).filter(|_| !shouting[i]) {
                let start = i + 1 - n;
                // The words before the legal form were passed over as they came.
                out.retain(|s: &Span| s.end <= line[start].start);
                out.push(span(&line[start..=i], EntityKind::Organization));
                i += 1;
                continue;
            }
            if acronym(i) || (german && federal_body(w)) {
                out.push(span(&line[i..=i], EntityKind::Organization));
            }
            i += 1;
        }
    }
    with_surnames(text, lines, out)
}

/// Whether a capitalised German word ends like an abstract noun, never a surname
/// ("Universität", "Regierung", "Gesellschaft").
fn german_noun(w: &str) -> bool {
    [
        "ung", "heit", "keit", "schaft", "tät", "tion", "ismus", "ium",
    ]
    .iter()
    .any(|e| w.ends_with(e))
}

/// Whether a word next to `words[k]` is in capitals too: shouting inside a sentence ("ITALIA
/// SE REVELA Y LEVANTARIA la pandemia"), not a run of acronyms.
fn beside_capitals(words: &[&str], k: usize) -> bool {
    let caps = |w: &&str| w.chars().count() >= 2 && w.chars().all(char::is_uppercase);
    (k > 0 && caps(&words[k - 1])) || words.get(k + 1).is_some_and(caps)
}

/// For each word of a line, whether it is in a sentence mostly written in capitals (two
/// words at least: "VOTA INTELIGENTEMENTE.").
fn shouted_sentences(line: &[Token], words: &[&str]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let mut start = 0;
    while start < words.len() {
        let end = (start + 1..words.len())
            .find(|&k| line[k].sentence_start)
            .unwrap_or(words.len());
        let (mut caps, mut all) = (0, 0);
        for w in &words[start..end] {
            if w.chars().any(char::is_alphabetic) {
                all += 1;
                caps += usize::from(!w.chars().any(char::is_lowercase));
            }
        }
        if caps >= 2 && caps * 2 >= all {
            out[start..end].fill(true);
        }
        start = end;
    }
    out
}

/// Words from a first name that make a person's name: the first name, then capitalised words
/// and particles, ending on a capitalised word, at most two of them (German nouns follow
/// names too: "Olaf Scholz Kanzler" is rare, "Anna Schmidt Bericht" rarer still). After
/// particles, a name the alias table knows (`known(k)` for `words[k]`) is where the person
/// was from, not part of the name ("Cristina Kirchner de Argentina").
fn person_length(words: &[&str], german: bool, known: impl Fn(usize) -> bool) -> usize {
    let mut end = 1;
    let mut names = 0;
    let mut k = 1;
    while k < words.len() && names < 2 {
        let w = words[k];
        // A run of particles ("de la") counts when a capitalised word follows it.
        let list = if german { GERMAN_PARTICLES } else { PARTICLES };
        let particles = words[k..].iter().take_while(|p| list.contains(p)).count();
        if particles > 0 {
            let fits = (!german || k == 1)
                && words.get(k + particles).is_some_and(|n| capitalised(n))
                && !known(k + particles);
            if fits {
                k += particles;
                continue;
            }
            break;
        }
        if capitalised(w) && !acronym(w) && !(german && german_noun(w)) {
            names += 1;
            k += 1;
            end = k;
        } else {
            break;
        }
    }
    end
}

/// When `words[i]` is a legal form after capitalised words, how many words the company's
/// name has, the legal form included ("Deutsche Bank AG": 3). A sentence's first word is
/// taken only when it is the whole name ("Siemens AG meldet…").
fn company_length(words: &[&str], line: &[Token], i: usize) -> Option<usize> {
    if i == 0 || !LEGAL_FORMS.contains(&words[i]) {
        return None;
    }
    // Capitals before a legal form in capitals may be shouting ("NADIE SE REVELA"): only a
    // legal form written with a small letter or a dot ("GmbH", "S.A.") takes them.
    let plain = !words[i].chars().any(|c| c.is_lowercase() || c == '.');
    let mut start = i;
    while start > 0
        && i - start < 3
        && (capitalised(words[start - 1]) || (!plain && acronym(words[start - 1])))
        && !DETERMINERS.contains(&words[start - 1])
    {
        if line[start - 1].sentence_start && start < i {
            break;
        }
        start -= 1;
    }
    (start < i).then_some(i + 1 - start)
}

fn span(run: &[Token], kind: EntityKind) -> Span {
    Span {
        start: run[0].start,
        end: run[run.len() - 1].end,
        kind,
    }
}

/// `found` with every other occurrence of a found person's surname added as a person ("Scholz
/// sagte" after "Olaf Scholz"), and a German genitive of it ("Scholz' Rede", "Merkels").
fn with_surnames(text: &str, lines: &[Vec<Token>], mut found: Vec<Span>) -> Vec<Span> {
    let surnames: HashSet<&str> = found
        .iter()
        .filter(|s| s.kind == EntityKind::Person)
        .filter_map(|s| s.of(text).split_whitespace().next_back())
        .collect();
    if surnames.is_empty() {
        return found;
    }
    let taken =
        |found: &[Span], t: &Token| found.iter().any(|s| s.start <= t.start && t.end <= s.end);
    let mut more = Vec::new();
    for t in lines.iter().flatten() {
        let w = t.of(text);
        let bare = w.strip_suffix('s').filter(|b| surnames.contains(b));
        if (surnames.contains(w) || bare.is_some()) && !taken(&found, t) {
            let end = t.start + bare.map_or(w.len(), str::len);
            more.push(Span {
                start: t.start,
                end,
                kind: EntityKind::Person,
            });
        }
    }
    found.extend(more);
    found.sort_by_key(|s| (s.start, s.end));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, EntityKind)> {
        let language = if text.contains(" la ") { "es" } else { "de" };
        recognise(
            text,
            &super::super::tokenize::tokenize(text),
            language,
            AliasTable::shipped(),
        )
        .into_iter()
        .map(|s| (s.of(text), s.kind))
        .collect()
    }

    #[test]
    fn people_by_first_name_then_by_surname() {
        use EntityKind::*;
        assert_eq!(
            found("Am Montag sagte Karl-Heinz Brandtner, der Plan sei fertig. Brandtner lachte."),
            [("Karl-Heinz Brandtner", Person), ("Brandtner", Person)]
        );
        assert_eq!(
            found("La ministra Carolina Ruiz de la Fuente visitó el puerto."),
            [("Carolina Ruiz de la Fuente", Person)]
        );
        // A German genitive names the person too.
        assert_eq!(
            found("Dann sprach Jutta Krämmer. Krämmers Antwort kam spät."),
            [("Jutta Krämmer", Person), ("Krämmer", Person)]
        );
        // After "San" it is a place.
        assert!(found("Llegó a San Andrés Tuxtla ayer.").is_empty());
        assert_eq!(
            found("Dort lehrt Tobias Hollmann Universität Graz."),
            [("Tobias Hollmann", Person)]
        );
        // A first name alone is no name.
        assert!(found("Das Lied heißt Anna.").is_empty());
        // German articles and "von" (from) after a surname are no particles.
        assert_eq!(
            found(
                "Das sagte Ursula von der Brinken, Beraterin. Ihr half Eugen Weinhart von der Landesbank."
            ),
            [
                ("Ursula von der Brinken", Person),
                ("Eugen Weinhart", Person)
            ]
        );
        assert_eq!(
            found("Dazu meinte Georg Ostermann den Spitzenkandidaten."),
            [("Georg Ostermann", Person)]
        );
        // A known place after "de" is where the person is from.
        assert_eq!(
            found("Habló Cristina Navarrete de Argentina con la prensa."),
            [("Cristina Navarrete", Person)]
        );
    }

    #[test]
    fn organisations_by_shape() {
        use EntityKind::*;
        assert_eq!(
            found(
                "Die Weberhaus Logistik AG und die PKV streiten vor dem Bundesverfassungsgericht."
            ),
            [
                ("Weberhaus Logistik AG", Organization),
                ("PKV", Organization),
                ("Bundesverfassungsgericht", Organization)
            ]
        );
        // Capitals that name no body, and German nouns, are left alone.
        assert!(found("Das SE steht für Europa.").is_empty());
        assert!(found("Der CEO sah im TV die Bundesländer und den Bundeskanzler.").is_empty());
        assert!(found("Die Regierung plant eine Reform der Rente.").is_empty());
        // A shouted headline's words are no acronyms.
        assert!(found("EL CONGRESO APROBÓ LA REFORMA AYER").is_empty());
        assert_eq!(
            found("REVELAN LOS NEXOS QUE TIENE EL PARTIDO. Luego habló la OEA."),
            [("OEA", Organization)]
        );
        assert!(found("y dijo que NADIE SE REVELA contra la pandemia de este año").is_empty());
    }
}
