//! Russian (and Ukrainian) names by rules: runs of capitalised words inside a sentence (at
//! its start only when a list knows the word), names in «quotes», and capitalised acronyms,
//! typed by the alias table, first-name lists, patronymics, surname endings, the word before
//! them (an organisation or place marker, a preposition of place) and their script.

use super::Span;
use super::aliases::{AliasTable, stem};
use super::link::known_at;
use super::russian_orgs;
use super::russian_words::{
    Lists, acronym, capitalised, latin, lists, patronymic, placeish, surname,
};
use super::tokenize::Token;
use crate::EntityKind;

/// The names in Russian `text`.
pub(super) fn recognise(text: &str, lines: &[Vec<Token>], aliases: &AliasTable) -> Vec<Span> {
    let l = lists();
    let mut out = Vec::new();
    let mut guesses = Vec::new();
    for line in lines {
        let words: Vec<&str> = line.iter().map(|t| t.of(text)).collect();
        let mut i = 0;
        while i < line.len() {
            // «Name»: an organisation, quotes left out.
            if words[i] == "«" {
                if let Some(close) = words[i + 1..].iter().position(|w| *w == "»") {
                    let inner = &line[i + 1..i + 1 + close];
                    if !inner.is_empty() && inner.len() <= 6 && capitalised(words[i + 1]) {
                        out.push(span(inner, EntityKind::Organization));
                        // A place inside the name is a place too ("Голос Америки").
                        let mut k = i + 1;
                        while k < i + 1 + close {
                            match known_at(text, line, k, aliases) {
                                Some((n, e)) if e.kind == EntityKind::Place && n < close => {
                                    out.push(span(&line[k..k + n], EntityKind::Place));
                                    k += n;
                                }
                                _ => k += 1,
                            }
                        }
                        i += close + 2;
                        continue;
                    }
                }
                i += 1;
                continue;
            }
            // "мэрии Москвы": the body, and (found next) the place.
            if russian_orgs::is_descriptor(words[i])
                && i + 1 < line.len()
                && let Some((n, e)) = known_at(text, line, i + 1, aliases)
                && e.kind == EntityKind::Place
            {
                out.push(span(&line[i..i + 1 + n], EntityKind::Organization));
                i += 1;
                continue;
            }
            if !capitalised(words[i]) {
                i += 1;
                continue;
            }
            if !acronym(words[i])
                && let Some(n) = russian_orgs::adjective_org(&words, i)
            {
                // The names in the tail are found next as well ("Украины" in "Национальный
                // банк Украины"): annotators mark both.
                let tail = russian_orgs::name_tail(&words[i + n..], |w| goes_on(w, l));
                out.push(span(&line[i..i + n + tail], EntityKind::Organization));
                i += n;
                continue;
            }
            // "Конгресса США", "Комитет защиты журналистов": an organisation noun and the
            // names and genitives after it.
            if russian_orgs::is_head(words[i]) && !line[i].sentence_start {
                let j = i + 1 + russian_orgs::name_tail(&words[i + 1..], |w| goes_on(w, l));
                out.push(span(&line[i..j], EntityKind::Organization));
                i += 1;
                continue;
            }
            // The alias table's longest name from here ("МИД России").
            if let Some((n, e)) = known_at(text, line, i, aliases) {
                out.push(span(&line[i..i + n], e.kind));
                i += n;
                continue;
            }
            // A sentence's first word joins a run only when it looks like a name itself, and
            // never when it is a word that is no name ("Вчора Верховна Рада"), and not for a
            // surname-like next word the alias table knows as a place ("Жители Киева").
            let place_next = || {
                known_at(text, line, i + 1, aliases)
                    .is_some_and(|(_, e)| e.kind == EntityKind::Place)
            };
            if line[i].sentence_start
                && i + 1 < line.len()
                && capitalised(words[i + 1])
                && (l.not_names.contains(&stem(words[i]))
                    || place_next()
                    || !(l.first.contains(&stem(words[i]))
                        || surname(words[i])
                        || surname(words[i + 1])
                        || patronymic(words[i + 1])))
            {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            if latin(words[i]) {
                // "Bank of East Asia", "Committee to Protect Journalists".
                while j < line.len() {
                    let joins =
                        matches!(words[j], "of" | "and" | "to" | "the" | "de" | "und" | "&")
                            && words.get(j + 1).is_some_and(|w| capitalised(w) && latin(w));
                    if joins {
                        j += 2;
                    } else if capitalised(words[j]) && latin(words[j]) {
                        j += 1;
                    } else {
                        break;
                    }
                }
            }
            while j < line.len()
                && capitalised(words[j])
                && acronym(words[j]) == acronym(words[i])
                && !(j > i
                    && l.first.contains(&stem(words[j]))
                    && !l.first.contains(&stem(words[j - 1])))
            {
                j += 1;
            }
            let run = &line[i..j];
            let run_words = &words[i..j];
            let prev = i.checked_sub(1).map(|k| words[k].to_lowercase());
            let next = words.get(j).copied();
            if let Some((kind, guess)) =
                classify(run, run_words, (prev.as_deref(), next), text, aliases, l)
            {
                if guess {
                    guesses.push(out.len());
                }
                out.push(span(run, kind));
            } else if run.len() > 1 && line[i].sentence_start {
                // The first word opened the sentence; the rest may still be a name.
                i += 1;
                continue;
            }
            i = j;
        }
    }
    people_by_surname(text, &mut out, &guesses);
    out
}

/// A lone word typed a place only for want of evidence is a person when the article names a
/// person with that surname ("Гэбриэль Гиффордс … Гиффордс", "Обаму" after "Барак Обама").
fn people_by_surname(text: &str, spans: &mut [Span], guesses: &[usize]) {
    let surnames: std::collections::HashSet<String> = spans
        .iter()
        .filter(|s| s.kind == EntityKind::Person)
        .filter_map(|s| {
            let name = s.of(text);
            let mut words = name.split_whitespace();
            let last = words.next_back()?;
            words.next().is_some().then(|| stem(last))
        })
        .collect();
    for &g in guesses {
        if surnames.contains(&stem(spans[g].of(text))) {
            spans[g].kind = EntityKind::Person;
        }
    }
}

/// Whether a capitalised word after an organisation's head may go on with its name: not when
/// it begins a person's ("агентства Томаса Райтера": the agency, then its astronaut).
fn goes_on(w: &str, l: &Lists) -> bool {
    capitalised(w) && !l.first.contains(&stem(w))
}

/// Whether a word ends like the abstract nouns in -ия ("Дискуссия", "Комментарии").
fn abstract_noun(w: &str) -> bool {
    ["ия", "ии", "ию", "ией"].iter().any(|e| w.ends_with(e))
}

fn span(run: &[Token], kind: EntityKind) -> Span {
    Span {
        start: run[0].start,
        end: run[run.len() - 1].end,
        kind,
    }
}

/// How a run is typed: its kind, and whether that is only the fallback for a lone unknown word
/// (a place), which the rest of the article may correct (see [`people_by_surname`]).
fn classify(
    run: &[Token],
    words: &[&str],
    (prev, next): (Option<&str>, Option<&str>),
    text: &str,
    aliases: &AliasTable,
    l: &Lists,
) -> Option<(EntityKind, bool)> {
    let whole = &text[run[0].start..run[run.len() - 1].end];
    if let Some(e) = aliases.lookup_in_text(whole) {
        return Some((e.kind, false));
    }
    let first = stem(words[0]);
    let known_first = l.first.contains(&first);
    let is_person = known_first
        || words.iter().any(|w| patronymic(w))
        || (words.len() >= 2
            && words.iter().all(|w| !acronym(w))
            && words.iter().any(|w| surname(w)));
    if run[0].sentence_start && words.len() == 1 && !is_person {
        // A compound with a part in lowercase ("Дроны-камикадзе", "Из-за") is a common word;
        // a hyphenated name has capitals on both sides ("Римский-Корсаков").
        let lower_part = words[0]
            .split('-')
            .skip(1)
            .any(|p| p.starts_with(char::is_lowercase));
        if l.not_names.contains(&first) || words[0].chars().count() < 2 || lower_part {
            return None;
        }
        // A sentence's first word is a name only when something says so.
        // Endings in -ия are no evidence here: common nouns open sentences with them
        // ("Дискуссия", "Акции"), and the countries that have them are in the alias table.
        if !(acronym(words[0])
            || latin(words[0])
            || surname(words[0])
            || (placeish(words[0]) && !abstract_noun(words[0])))
        {
            return None;
        }
    }
    if l.not_names.contains(&first) && words.len() == 1 {
        return None;
    }
    // "Тверской суд", "Химкинского леса": an adjective before an ordinary noun.
    if words.len() == 1
        && russian_orgs::adjective(words[0])
        && next.is_some_and(|n| n.chars().next().is_some_and(char::is_lowercase))
    {
        return None;
    }
    if is_person {
        return Some((EntityKind::Person, false));
    }
    // Ministries by their short names: "Минэкономразвития", "Минобороны".
    const MINISTRIES: &[&str] = &[
        "минэконом",
        "минобр",
        "минсвяз",
        "минкомсвяз",
        "минфин",
        "минздрав",
        "минюст",
        "минтранс",
        "минобороны",
        "минприроды",
        "минпромторг",
        "минтруд",
        "минсельхоз",
        "минкульт",
        "минэнерго",
        "минрегион",
        "минспорт",
    ];
    let lower = words[0].to_lowercase();
    if MINISTRIES.iter().any(|m| lower.starts_with(m)) {
        return Some((EntityKind::Organization, false));
    }
    if let Some(p) = prev {
        if l.org.contains(p) {
            return Some((EntityKind::Organization, false));
        }
        if l.place.contains(p) {
            return Some((EntityKind::Place, false));
        }
    }
    if words.len() >= 2 && words.len() <= 3 && words.iter().all(|w| latin(w) && !acronym(w)) {
        const ORGISH: &[&str] = &[
            "bank",
            "group",
            "committee",
            "council",
            "company",
            "corporation",
            "inc",
            "ltd",
            "news",
            "times",
            "post",
            "agency",
            "party",
            "union",
            "association",
            "institute",
            "university",
            "press",
            "mode",
            "club",
            "fund",
            "airlines",
            "motors",
        ];
        let org = words
            .iter()
            .any(|w| ORGISH.contains(&w.to_lowercase().as_str()));
        let kind = if org {
            EntityKind::Organization
        } else {
            EntityKind::Person
        };
        return Some((kind, false));
    }
    if words.iter().all(|w| acronym(w)) || words.iter().any(|w| latin(w)) {
        return Some((EntityKind::Organization, false));
    }
    if words.len() == 1 {
        if surname(words[0]) && !placeish(words[0]) {
            return Some((EntityKind::Person, false));
        }
        return Some((EntityKind::Place, true));
    }
    if prev.is_some_and(|p| l.prep.contains(p)) || words.iter().all(|w| placeish(w)) {
        return Some((EntityKind::Place, false));
    }
    Some((EntityKind::Person, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, EntityKind)> {
        recognise(
            text,
            &crate::extract::entities::tokenize::tokenize(text),
            AliasTable::shipped(),
        )
        .into_iter()
        .map(|s| (s.of(text), s.kind))
        .collect()
    }

    #[test]
    fn people_places_organisations() {
        use EntityKind::*;
        assert_eq!(
            found(
                "Вчера Иван Петрович Сидоренко прилетел в Киев, сообщила компания «Северный Ветер»."
            ),
            [
                ("Иван Петрович Сидоренко", Person),
                ("Киев", Place),
                ("Северный Ветер", Organization)
            ]
        );
        assert_eq!(
            found("По словам Ольги Марковой, МИД России и НАТО спорят."),
            [
                ("Ольги Марковой", Person),
                ("МИД России", Organization),
                ("НАТО", Organization)
            ]
        );
    }

    #[test]
    fn sentence_starts_need_evidence() {
        assert!(found("Сегодня тихо. Потом дождь.").is_empty());
        assert_eq!(found("Москвы не видно.").len(), 1);
        // An ending in -ия opens many sentences with a common noun; places that have one are
        // known to the alias table.
        assert!(found("Дискуссия затянулась. Демонстрация прошла мирно.").is_empty());
        assert!(found("Дроны-камикадзе снова атаковали.").is_empty());
        assert_eq!(
            found("Жители Киева остались без света."),
            [("Киева", EntityKind::Place)]
        );
        assert_eq!(found("Азию он знает."), [("Азию", EntityKind::Place)]);
    }

    #[test]
    fn ukrainian_names_and_their_cases() {
        let text = "Вчора Верховна Рада ухвалила закон. Голова комітету Олексій Гончаренко \
                    прилетів до Харкова, а потім виступив у Києві та Львові.";
        let found: Vec<(String, EntityKind)> =
            crate::extract::entities::entities(None, text, Some("uk"), AliasTable::shipped())
                .into_iter()
                .map(|e| (e.name, e.kind))
                .collect();
        for want in [
            ("Verkhovna Rada", EntityKind::Organization),
            ("Олексій Гончаренко", EntityKind::Person),
            ("Kharkiv", EntityKind::Place),
            ("Kyiv", EntityKind::Place),
            ("Lviv", EntityKind::Place),
        ] {
            assert!(
                found.contains(&(want.0.to_string(), want.1)),
                "{want:?} in {found:?}"
            );
        }
        assert!(
            !found.iter().any(|(n, _)| n.starts_with("Вчора")),
            "{found:?}"
        );
    }

    #[test]
    fn a_lone_unknown_word_is_a_person_when_the_article_names_one_so() {
        use EntityKind::*;
        let text = "Вчера Габриэлла Гиффордс вернулась. Врачи говорят, что Гиффордс здорова.";
        assert_eq!(
            found(text),
            [("Габриэлла Гиффордс", Person), ("Гиффордс", Person)]
        );
        // Without the full name the lone word stays a place.
        assert_eq!(
            found("Врачи говорят, что Гиффордс здорова."),
            [("Гиффордс", Place)]
        );
    }

    #[test]
    fn organisations_go_on_in_the_genitive_with_the_places_inside() {
        use EntityKind::*;
        assert_eq!(
            found("Об этом заявил Комитет защиты журналистов в среду."),
            [("Комитет защиты журналистов", Organization)]
        );
        assert_eq!(
            found("Ставку снизил Национальный банк Украины."),
            [
                ("Национальный банк Украины", Organization),
                ("Украины", Place)
            ]
        );
        assert_eq!(
            found("Об этом сообщило «Радио Украины»."),
            [("Радио Украины", Organization), ("Украины", Place)]
        );
        // A person after the organisation is no part of it.
        assert_eq!(
            found("Слово получил глава Федерального агентства Иван Петров."),
            [
                ("Федерального агентства", Organization),
                ("Иван Петров", Person)
            ]
        );
    }
}
