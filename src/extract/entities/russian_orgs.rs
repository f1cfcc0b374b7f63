//! Russian organisation names that capitalisation alone misses: a capitalised adjective
//! leading to an organisation noun ("Федеральное авиационное управление", "Общественной
//! палаты"), an organisation noun followed by a name ("Конгресса США"), and a body named
//! through its place ("мэрии Москвы", "правительства Китая", kept whole as annotators do).

use super::aliases::stem;

/// Nouns that head an organisation's name (stems compare). Written by us.
const HEADS: &str = "управление палата комитет совет движение министерство служба агентство союз партия \
фонд организация федерация конгресс церковь биржа банк корпорация компания академия университет институт \
суд прокуратура дума собрание ассамблея парламент правительство администрация мэрия инспекция \
отдел департамент центр общество ассоциация коллегия трибунал \
управління комітет рада рух міністерство служба агентство спілка партія фонд організація федерація конгрес \
церква банк корпорація компанія академія університет інститут суд прокуратура збори асамблея парламент \
уряд адміністрація інспекція відділ департамент центр товариство асоціація колегія";

/// Lowercase words that name a body through a place: "мэрии Москвы".
const DESCRIPTORS: &str = "мэрия администрация правительство власти парламент посольство министерство \
руководство полиция армия мерія адміністрація уряд влада посольство міністерство керівництво поліція армія";

fn set(words: &str) -> std::collections::HashSet<String> {
    words.split_whitespace().map(stem).collect()
}

fn heads() -> &'static std::collections::HashSet<String> {
    static S: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    S.get_or_init(|| set(HEADS))
}

fn descriptors() -> &'static std::collections::HashSet<String> {
    static S: std::sync::OnceLock<std::collections::HashSet<String>> = std::sync::OnceLock::new();
    S.get_or_init(|| set(DESCRIPTORS))
}

/// Whether a word (any case) is an organisation head noun.
pub(super) fn is_head(word: &str) -> bool {
    heads().contains(&stem(word))
}

/// Whether a lowercase word names a body through the place after it.
pub(super) fn is_descriptor(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_lowercase) && descriptors().contains(&stem(word))
}

/// Whether a word looks like a Russian adjective ("Федеральное", "Тверской", "русской").
pub(super) fn adjective(word: &str) -> bool {
    let l = word.to_lowercase();
    const ENDS: &[&str] = &[
        "ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым",
        "им", "ых", "их", "ую", "юю",
    ];
    // Verbal nouns share the plural adjectives' "-ие": "заседание", "решение", "развитие".
    const NOUNS: &[&str] = &["ание", "ение", "тие"];
    l.chars().count() > 4
        && ENDS.iter().any(|e| l.ends_with(e))
        && !NOUNS.iter().any(|e| l.ends_with(e))
}

/// How many words from `words[i]` (a capitalised adjective) make an organisation's name
/// ending on a head noun, at most four words; `None` when it does not end on one.
pub(super) fn adjective_org(words: &[&str], i: usize) -> Option<usize> {
    if !adjective(words[i]) {
        return None;
    }
    for n in 1..=3 {
        let w = words.get(i + n)?;
        if !w.chars().next().is_some_and(char::is_alphabetic) {
            return None;
        }
        if is_head(w) {
            return Some(n + 1);
        }
        if !adjective(w) {
            return None;
        }
    }
    None
}

/// Whether a lowercase word reads as a noun or adjective in the genitive, the case in which
/// a name goes on after its head ("Комитет защиты журналистов", "Палаты представителей",
/// "Министерства сельского хозяйства"). Endings only, so forms of other cases sharing them
/// pass too; verb forms ("заявила", "считают") and short words ("и", "по", "для") do not.
pub(super) fn genitive(word: &str) -> bool {
    const ENDS: &[&str] = &[
        "ов", "ев", "ей", "ого", "его", "ой", "ых", "их", "ии", "ия", "ы", "и", "а", "я",
    ];
    const VERBISH: &[&str] = &[
        "ла", "ли", "ло", "ет", "ит", "ут", "ют", "ат", "ят", "ся", "сь", "ть", "ти", "ешь",
    ];
    word.chars().count() >= 4
        && word
            .chars()
            .all(|c| c.is_lowercase() && ('\u{0430}'..='\u{044F}').contains(&c) || c == 'ё')
        && ENDS.iter().any(|e| word.ends_with(e))
        && !VERBISH.iter().any(|e| word.ends_with(e))
}

/// How many of `words` (those after an organisation's head noun) go on with its name: names
/// ("США", "Германии") and lowercase genitives, at most five words, ending on a name or a noun
/// (a trailing adjective belongs to what follows: "Конгресса американской" stops before it).
pub(super) fn name_tail(words: &[&str], capitalised: impl Fn(&str) -> bool) -> usize {
    let mut n = 0;
    let mut end = 0;
    while n < words.len().min(5) {
        let w = words[n];
        if capitalised(w) {
            n += 1;
            end = n;
        } else if genitive(w) {
            n += 1;
            if !adjective(w) {
                end = n;
            }
        } else {
            break;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisation_shapes() {
        let w = ["Федеральное", "авиационное", "управление", "США"];
        assert_eq!(adjective_org(&w, 0), Some(3));
        assert_eq!(adjective_org(&["Общественной", "палаты"], 0), Some(2));
        assert_eq!(adjective_org(&["Тверской", "суд"], 0), Some(2));
        assert_eq!(adjective_org(&["Тверской", "улице"], 0), None);
        // A verbal noun is no adjective: "заседание совета" is a meeting, not the council.
        assert_eq!(
            adjective_org(&["Следующее", "плановое", "заседание", "совета"], 0),
            None
        );
        assert!(adjective("последние") && !adjective("заседание"));
        assert!(is_descriptor("мэрии"));
        assert!(!is_descriptor("Мэрии"));
        assert!(is_head("Конгресса"));
    }

    #[test]
    fn a_name_goes_on_in_the_genitive() {
        let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
        let tail = |words: &[&str]| name_tail(words, cap);
        assert_eq!(tail(&["защиты", "журналистов", "заявил"]), 2);
        assert_eq!(tail(&["сельского", "хозяйства", "Германии", "сообщила"]), 3);
        assert_eq!(tail(&["представителей", "Конгресса", "США", "."]), 3);
        assert_eq!(tail(&["США", "одобрил"]), 1);
        // A verb, a preposition or a trailing adjective ends it.
        assert_eq!(tail(&["заявила", "о"]), 0);
        assert_eq!(tail(&["при", "прокуратуре"]), 0);
        assert_eq!(tail(&["американской", "делегации"]), 2);
        assert_eq!(tail(&["американской", "."]), 0);
        assert!(!genitive("для"));
        assert!(!genitive("считают"));
    }
}
