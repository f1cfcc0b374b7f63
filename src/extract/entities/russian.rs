//! Russian (and Ukrainian) names by rules: runs of capitalised words inside a sentence (at
//! its start only when a list knows the word), names in «quotes», and capitalised acronyms,
//! typed by the alias table, first-name lists, patronymics, surname endings, the word before
//! them (an organisation or place marker, a preposition of place) and their script.

use super::Span;
use super::aliases::{AliasTable, stem};
use super::link::known_at;
use super::russian_orgs;
use super::tokenize::Token;
use crate::EntityKind;

/// Common first names (stems compare, so one form each is enough). Written by us.
const FIRST_NAMES: &str = "александр алексей анатолий андрей антон аркадий арсений артём артем борис вадим валентин \
валерий василий виктор виталий владимир владислав вячеслав геннадий георгий герман глеб григорий даниил денис \
дмитрий евгений егор иван игорь илья кирилл константин лев леонид максим марат матвей михаил никита николай \
олег павел пётр петр роман руслан рустам святослав семён семен сергей станислав степан тимур фёдор федор эдуард \
юрий яков ярослав алла алина алёна анастасия анна валентина валерия вера виктория галина дарья евгения екатерина \
елена елизавета жанна зоя ирина капитолина кристина ксения лариса лидия любовь людмила маргарита марина мария \
надежда наталья наталия нина оксана ольга полина раиса светлана софья тамара татьяна юлия яна \
барак билл джон джордж джо джеймс джек дональд дэвид дэниел майкл марк мэтт ричард роберт стив стивен томас \
уильям хиллари кондолиза ангела николя франсуа эммануэль жак ширак петер пауль ганс клаус герхард гельмут \
вольфганг юрген маргарет тереза борис шарль пьер жан луи карлос хосе хуан мигель педро луис хорхе марио сильвио \
ким ли масахару синдзо дзюнъитиро ху си мухаммед мохаммед ахмед али хасан хусейн абдулла махмуд реджеп тайип \
бенджамин биньямин шимон ариэль эхуд михаэль оливер гата мустафа барак усама фернандо фрэнк фил халед \
рамзан ахмат сулим анджела гордон тони николас франк йозеф вальтер хорст курт";

/// Words that start an organisation's name after them ("компания «Газпром»", "банк ВТБ").
const ORG_MARKERS: &str = "компания компании компанией компанию банк банка банке банком партия партии партией \
агентство агентства агентству корпорация корпорации концерн концерна холдинг холдинга фонд фонда \
министерство министерства министерством ведомство ведомства служба службы комитет комитета \
университет университета университете институт института клуб клуба театр театра газета газеты \
издание издания журнал журнала телеканал телеканала группа группы движение движения организация \
организации ооо оао зао пао ао объединение объединения союз союза федерация федерации ассоциация \
ассоциации команда команды завод завода фирма фирмы сайт сайта сеть сети";

/// Words after which a name is a place ("города Феникс", "в Бенрате").
const PLACE_MARKERS: &str = "город города городе городом столица столицы столице село села деревня деревни \
область области районе район района регион региона штат штата провинция провинции республика республики \
остров острова страна страны стране улица улице улицы";

const PLACE_PREPOSITIONS: &str = "в во из на до под над у через близ возле около";

/// Capitalised words that begin sentences and are no names.
const NOT_NAMES: &str = "в во на по с со к ко о об от до из за под над при для без у и а но или это этот эта \
эти тот та те он она оно они мы вы я как так также когда где что чтобы если однако кроме после перед между \
среди все всё его ее её их там тут здесь сейчас теперь уже еще ещё впрочем кстати например наконец поэтому \
вместе вчера сегодня завтра по-прежнему не ни да нет кто какой какая какие который которая которые один одна \
январь февраль март апрель май июнь июль август сентябрь октябрь ноябрь декабрь понедельник вторник среда \
четверг пятница суббота воскресенье бог господь интернет ооо оао зао пао ао сми";

fn list(words: &str) -> std::collections::HashSet<String> {
    words.split_whitespace().map(stem).collect()
}

struct Lists {
    first: std::collections::HashSet<String>,
    org: std::collections::HashSet<String>,
    place: std::collections::HashSet<String>,
    prep: std::collections::HashSet<String>,
    not_names: std::collections::HashSet<String>,
}

fn lists() -> &'static Lists {
    static L: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    L.get_or_init(|| Lists {
        first: list(FIRST_NAMES),
        org: ORG_MARKERS.split_whitespace().map(String::from).collect(),
        place: PLACE_MARKERS.split_whitespace().map(String::from).collect(),
        prep: PLACE_PREPOSITIONS
            .split_whitespace()
            .map(String::from)
            .collect(),
        not_names: list(NOT_NAMES),
    })
}

fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && w.chars().any(char::is_alphabetic)
}

fn acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

fn latin(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_alphabetic())
        && !w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

fn patronymic(w: &str) -> bool {
    let l = w.to_lowercase();
    [
        "вич",
        "вича",
        "вичу",
        "вичем",
        "виче",
        "вна",
        "вны",
        "вне",
        "вну",
        "вной",
        "ична",
        "ичны",
        "ичне",
        "ичну",
        "ичной",
    ]
    .iter()
    .any(|e| l.ends_with(e))
        && l.chars().count() > 6
}

fn surname(w: &str) -> bool {
    let l = w.to_lowercase();
    const ENDS: &[&str] = &[
        "ов",
        "ова",
        "ову",
        "овым",
        "ове",
        "овой",
        "ев",
        "ева",
        "еву",
        "евым",
        "евой",
        "ин",
        "ина",
        "ину",
        "иным",
        "иной",
        "ский",
        "ского",
        "скому",
        "ским",
        "ском",
        "ская",
        "ской",
        "скую",
        "цкий",
        "цкого",
        "цкая",
        "енко",
        "ук",
        "юк",
        "швили",
        "дзе",
        "ян",
        "яна",
        "яну",
        "яном",
    ];
    l.chars().count() > 3 && ENDS.iter().any(|e| l.ends_with(e))
}

fn placeish(w: &str) -> bool {
    let l = w.to_lowercase();
    [
        "ия",
        "ии",
        "ию",
        "ией",
        "бург",
        "бурге",
        "бурга",
        "град",
        "граде",
        "града",
        "поль",
        "поле",
        "поля",
        "ск",
        "ске",
        "ска",
        "ском",
    ]
    .iter()
    .any(|e| l.ends_with(e))
}

/// The names in Russian `text`.
pub(super) fn recognise(text: &str, lines: &[Vec<Token>], aliases: &AliasTable) -> Vec<Span> {
    let l = lists();
    let mut out = Vec::new();
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
                out.push(span(&line[i..i + n], EntityKind::Organization));
                i += n;
                continue;
            }
            // "Конгресса США": an organisation noun and the names after it.
            if russian_orgs::is_head(words[i]) && !line[i].sentence_start {
                let mut j = i + 1;
                while j < line.len() && capitalised(words[j]) {
                    j += 1;
                }
                out.push(span(&line[i..j], EntityKind::Organization));
                i = j;
                continue;
            }
            // The alias table's longest name from here ("МИД России").
            if let Some((n, e)) = known_at(text, line, i, aliases) {
                out.push(span(&line[i..i + n], e.kind));
                i += n;
                continue;
            }
            // A sentence's first word joins a run only when it looks like a name itself.
            if line[i].sentence_start
                && i + 1 < line.len()
                && capitalised(words[i + 1])
                && !(l.first.contains(&stem(words[i]))
                    || surname(words[i])
                    || surname(words[i + 1])
                    || patronymic(words[i + 1]))
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
            if let Some(kind) = classify(run, run_words, (prev.as_deref(), next), text, aliases, l)
            {
                out.push(span(run, kind));
            } else if run.len() > 1 && line[i].sentence_start {
                // The first word opened the sentence; the rest may still be a name.
                i += 1;
                continue;
            }
            i = j;
        }
    }
    out
}

fn span(run: &[Token], kind: EntityKind) -> Span {
    Span {
        start: run[0].start,
        end: run[run.len() - 1].end,
        kind,
    }
}

fn classify(
    run: &[Token],
    words: &[&str],
    (prev, next): (Option<&str>, Option<&str>),
    text: &str,
    aliases: &AliasTable,
    l: &Lists,
) -> Option<EntityKind> {
    let whole = &text[run[0].start..run[run.len() - 1].end];
    if let Some(e) = aliases.lookup_in_text(whole) {
        return Some(e.kind);
    }
    let first = stem(words[0]);
    let known_first = l.first.contains(&first);
    let is_person = known_first
        || words.iter().any(|w| patronymic(w))
        || (words.len() >= 2
            && words.iter().all(|w| !acronym(w))
            && words.iter().any(|w| surname(w)));
    if run[0].sentence_start && words.len() == 1 && !is_person {
        if l.not_names.contains(&first) || words[0].chars().count() < 2 {
            return None;
        }
        // A sentence's first word is a name only when something says so.
        if !(acronym(words[0]) || latin(words[0]) || surname(words[0]) || placeish(words[0])) {
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
        return Some(EntityKind::Person);
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
        return Some(EntityKind::Organization);
    }
    if let Some(p) = prev {
        if l.org.contains(p) {
            return Some(EntityKind::Organization);
        }
        if l.place.contains(p) {
            return Some(EntityKind::Place);
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
        return Some(if org {
            EntityKind::Organization
        } else {
            EntityKind::Person
        });
    }
    if words.iter().all(|w| acronym(w)) || words.iter().any(|w| latin(w)) {
        return Some(EntityKind::Organization);
    }
    if words.len() == 1 {
        if surname(words[0]) && !placeish(words[0]) {
            return Some(EntityKind::Person);
        }
        return Some(EntityKind::Place);
    }
    if prev.is_some_and(|p| l.prep.contains(p)) || words.iter().all(|w| placeish(w)) {
        return Some(EntityKind::Place);
    }
    Some(EntityKind::Person)
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
    }
}
