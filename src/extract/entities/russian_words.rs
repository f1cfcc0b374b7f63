//! The word lists and word shapes the Russian rules use: first names, organisation and place
//! markers, words that are no names, and what a capitalised word, an acronym, a patronymic,
//! a surname or a place name looks like. Written by us.

use super::aliases::stem;

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

pub(super) struct Lists {
    pub(super) first: std::collections::HashSet<String>,
    pub(super) org: std::collections::HashSet<String>,
    pub(super) place: std::collections::HashSet<String>,
    pub(super) prep: std::collections::HashSet<String>,
    pub(super) not_names: std::collections::HashSet<String>,
}

pub(super) fn lists() -> &'static Lists {
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

pub(super) fn capitalised(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase) && w.chars().any(char::is_alphabetic)
}

pub(super) fn acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2
        && w.chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
}

pub(super) fn latin(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_alphabetic())
        && !w.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c))
}

pub(super) fn patronymic(w: &str) -> bool {
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

pub(super) fn surname(w: &str) -> bool {
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

pub(super) fn placeish(w: &str) -> bool {
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
