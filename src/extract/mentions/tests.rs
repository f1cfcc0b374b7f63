//! End-to-end cases: sentences written for these tests, a publication day, and the expected
//! (surface, value) pairs in text order.

use chrono::NaiveDate;

use super::{Language, lang_de, lang_en, lang_es, lang_fr, lang_ru, lang_uk, mentioned_dates};

/// Whether each grammar finds the same spans in `text` as its plain form (without the
/// leading non-letter that keeps the regex cheap).
pub(super) fn same_as_plain(text: &str) -> bool {
    fn same(lang: &impl Language, text: &str) -> bool {
        let g = lang.grammar();
        g.spans(text).eq(g.spans_plain(text))
    }
    same(&lang_en::English, text)
        && same(&lang_de::German, text)
        && same(&lang_ru::Russian, text)
        && same(&lang_es::Spanish, text)
        && same(&lang_uk::Ukrainian, text)
        && same(&lang_fr::French, text)
}

/// Saturday 5 November 2022.
const SAT: &str = "2022-11-05";

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A publication day (or ""), a text, and the (surface, value) pairs it should give.
type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

fn check(cases: &[Case]) {
    for (published, text, want) in cases {
        let got: Vec<(String, String)> = mentioned_dates(text, day(published))
            .into_iter()
            .map(|m| (m.text, m.value))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(t, v)| (t.to_string(), v.to_string()))
            .collect();
        assert_eq!(got, want, "{text:?} published {published}");
        assert!(same_as_plain(text), "{text:?}");
    }
}

#[test]
fn english_days_weekdays_and_deictics() {
    check(&[
        (
            SAT,
            "Drones hit the port on Saturday, officials said.",
            &[("Saturday", "2022-11-05")],
        ),
        (
            SAT,
            "The ministry said on Friday that talks had failed.",
            &[("Friday", "2022-11-04")],
        ),
        (
            SAT,
            "Talks resumed Monday and will continue on Tuesday.",
            &[("Monday", "2022-10-31"), ("Tuesday", "2022-11-08")],
        ),
        (
            SAT,
            "The vote was last Saturday; the next one is next Friday.",
            &[
                ("last Saturday", "2022-10-29"),
                ("next Friday", "2022-11-11"),
            ],
        ),
        (
            SAT,
            "He arrived yesterday and leaves tomorrow, not today.",
            &[
                ("yesterday", "2022-11-04"),
                ("tomorrow", "2022-11-06"),
                ("today", "2022-11-05"),
            ],
        ),
        (
            SAT,
            "Protesters gathered Friday night in the square.",
            &[("Friday night", "2022-11-04")],
        ),
        (
            SAT,
            "It opened on October 16 and closed Oct. 30.",
            &[("October 16", "2022-10-16"), ("Oct. 30", "2022-10-30")],
        ),
        (
            SAT,
            "The deal was signed on Sept. 27, 1989, in Bonn.",
            &[("Sept. 27, 1989", "1989-09-27")],
        ),
        (
            SAT,
            "The summit is scheduled for Jan. 9 in Geneva.",
            &[("Jan. 9", "2023-01-09")],
        ),
        (
            SAT,
            "The law took effect on 16 October 2021.",
            &[("16 October 2021", "2021-10-16")],
        ),
        (
            SAT,
            "Polls close Tuesday, Nov. 8, across the state.",
            &[("Tuesday, Nov. 8", "2022-11-08")],
        ),
        (
            SAT,
            "The file is dated 2022-10-16 and 10/16/2022.",
            &[("2022-10-16", "2022-10-16"), ("10/16/2022", "2022-10-16")],
        ),
        (
            SAT,
            "The boy was found on Thanksgiving Day.",
            &[("Thanksgiving Day", "2022-11-24")],
        ),
        (
            "2022-04-20",
            "Shops closed on Good Friday and reopen after Easter.",
            &[("Good Friday", "2022-04-15"), ("Easter", "2022-04-17")],
        ),
    ]);
}

#[test]
fn english_months_years_weeks() {
    check(&[
        (
            SAT,
            "In September, prices rose; in October 2021 they fell.",
            &[("September", "2022-09"), ("October 2021", "2021-10")],
        ),
        (
            SAT,
            "Inflation peaked in March and may ease by January.",
            &[("March", "2022-03"), ("January", "2023-01")],
        ),
        (
            SAT,
            "Sales slowed last week and this month.",
            &[("last week", "2022-W43"), ("this month", "2022-11")],
        ),
        (
            SAT,
            "Output fell last year and will grow next year.",
            &[("last year", "2021"), ("next year", "2023")],
        ),
        (
            SAT,
            "The plant closed in 1998 and reopened in mid-2004.",
            &[("1998", "1998"), ("mid-2004", "2004")],
        ),
        (
            SAT,
            "It started late last year and ended earlier this month.",
            &[
                ("late last year", "2021"),
                ("earlier this month", "2022-11"),
            ],
        ),
        (
            SAT,
            "They met two years ago and again a year ago.",
            &[("two years ago", "2020"), ("a year ago", "2021")],
        ),
        (
            SAT,
            "She moved there last November.",
            &[("last November", "2021-11")],
        ),
        (SAT, "The treaty dates from the 1990s.", &[("1990s", "199")]),
        (
            SAT,
            "Profit rose in the third quarter; third-quarter sales fell.",
            &[
                ("the third quarter", "2022-Q3"),
                ("third-quarter", "2022-Q3"),
            ],
        ),
        (
            SAT,
            "Results for the second quarter of 1998 were weak.",
            &[("the second quarter of 1998", "1998-Q2")],
        ),
        (
            SAT,
            "The dam was finished last fall.",
            &[("last fall", "2021-FA")],
        ),
        (
            SAT,
            "Revenue in fiscal 2021 beat forecasts.",
            &[("fiscal 2021", "2021")],
        ),
        (
            SAT,
            "It was a different world in the nineteen nineties, in nineteen ninety-six.",
            &[
                ("nineteen nineties", "199"),
                ("nineteen ninety-six", "1996"),
            ],
        ),
    ]);
}

#[test]
fn english_references_and_false_friends() {
    check(&[
        (
            SAT,
            "Prices are now falling and will keep falling in the future.",
            &[("now", "PRESENT_REF"), ("the future", "FUTURE_REF")],
        ),
        (
            SAT,
            "The firm recently cut jobs; in the past it hired.",
            &[("recently", "PAST_REF"), ("the past", "PAST_REF")],
        ),
        (
            SAT,
            "Theresa May spoke. May I ask? It costs $1998 for 2000 people.",
            &[],
        ),
        (SAT, "The index closed at 1678.5 points, up 3%.", &[]),
        (
            SAT,
            "Over the past three months, the now-defunct firm saw snow fall.",
            &[],
        ),
        (SAT, "June Carter sang in June.", &[("June", "2022-06")]),
        (
            SAT,
            "WASHINGTON, Nov. 5 (AP) -- Lawmakers met on Friday.",
            &[("Nov. 5", "2022-11-05"), ("Friday", "2022-11-04")],
        ),
    ]);
}

#[test]
fn german() {
    check(&[
        (
            SAT,
            "Der Minister sagte am Samstag, die Gespräche im September seien gescheitert.",
            &[("Samstag", "2022-11-05"), ("September", "2022-09")],
        ),
        (
            SAT,
            "Die Wahl fand am 16. Oktober statt, das Gesetz gilt seit dem 1.1.2021 und der Bericht kam im Oktober 2020.",
            &[
                ("16. Oktober", "2022-10-16"),
                ("1.1.2021", "2021-01-01"),
                ("Oktober 2020", "2020-10"),
            ],
        ),
        (
            SAT,
            "Im vergangenen Jahr und vor zwei Jahren war das anders, sagte er gestern.",
            &[
                ("vergangenen Jahr", "2021"),
                ("vor zwei Jahren", "2020"),
                ("gestern", "2022-11-04"),
            ],
        ),
        (
            SAT,
            "Die Firma wird nächste Woche Zahlen für das dritte Quartal 2022 vorlegen, derzeit ist das offen.",
            &[
                ("nächste Woche", "2022-W45"),
                ("dritte Quartal 2022", "2022-Q3"),
                ("derzeit", "PRESENT_REF"),
            ],
        ),
        (
            SAT,
            "In den 1990er Jahren und Anfang nächsten Jahres, dachte August Bebel heute Morgen.",
            &[
                ("1990er Jahren", "199"),
                ("Anfang nächsten Jahres", "2023"),
                ("heute", "2022-11-05"),
            ],
        ),
    ]);
}

#[test]
fn spanish() {
    check(&[
        (
            SAT,
            "El ministro dijo el sábado que las negociaciones de septiembre fracasaron para los dos países.",
            &[("sábado", "2022-11-05"), ("septiembre", "2022-09")],
        ),
        (
            SAT,
            "Las elecciones fueron el 16 de octubre, la ley rige desde el 1/3/2021 y el informe llegó en octubre de 2020.",
            &[
                ("16 de octubre", "2022-10-16"),
                ("1/3/2021", "2021-03-01"),
                ("octubre de 2020", "2020-10"),
            ],
        ),
        (
            SAT,
            "El año pasado y hace dos años fue distinto, dijo ayer el portavoz de la empresa.",
            &[
                ("El año pasado", "2021"),
                ("hace dos años", "2020"),
                ("ayer", "2022-11-04"),
            ],
        ),
        (
            SAT,
            "La empresa presentará la próxima semana las cifras del tercer trimestre de 2022, que actualmente son una incógnita.",
            &[
                ("la próxima semana", "2022-W45"),
                ("tercer trimestre de 2022", "2022-Q3"),
                ("actualmente", "PRESENT_REF"),
            ],
        ),
        (
            SAT,
            "En los años 90 y a finales de 2021 lo vio Julio Iglesias por la mañana, y lo dirá mañana.",
            &[
                ("los años 90", "199"),
                ("finales de 2021", "2021"),
                ("mañana", "2022-11-06"),
            ],
        ),
    ]);
}

#[test]
fn french() {
    check(&[
        (
            SAT,
            "Le ministre a déclaré samedi que les négociations de septembre avaient échoué et que le projet est mort.",
            &[("samedi", "2022-11-05"), ("septembre", "2022-09")],
        ),
        (
            SAT,
            "Les élections ont eu lieu le 16 octobre, la loi est en vigueur depuis le 1/3/2021 et le rapport date d'octobre 2020.",
            &[
                ("16 octobre", "2022-10-16"),
                ("1/3/2021", "2021-03-01"),
                ("octobre 2020", "2020-10"),
            ],
        ),
        (
            SAT,
            "L'année dernière et il y a deux ans, c'était différent, a dit hier le porte-parole.",
            &[
                ("L'année dernière", "2021"),
                ("il y a deux ans", "2020"),
                ("hier", "2022-11-04"),
            ],
        ),
        (
            SAT,
            "La société publiera la semaine prochaine les chiffres du troisième trimestre 2022 et Mars reste loin.",
            &[
                ("la semaine prochaine", "2022-W45"),
                ("troisième trimestre 2022", "2022-Q3"),
            ],
        ),
        (
            SAT,
            "Dans les années 90 et fin 2021, tout était différent; aujourd'hui aussi.",
            &[
                ("les années 90", "199"),
                ("fin 2021", "2021"),
                ("aujourd'hui", "2022-11-05"),
            ],
        ),
    ]);
}

#[test]
fn ukrainian() {
    check(&[
        (
            SAT,
            "Міністр заявив у суботу, що переговори у вересні провалилися.",
            &[("суботу", "2022-11-05"), ("вересні", "2022-09")],
        ),
        (
            SAT,
            "Вибори відбулися 16 жовтня, а закон ухвалили 3 березня 2021 року.",
            &[
                ("16 жовтня", "2022-10-16"),
                ("3 березня 2021 року", "2021-03-03"),
            ],
        ),
        (
            SAT,
            "Минулого тижня і два роки тому було інакше, сказав учора речник; торік теж.",
            &[
                ("Минулого тижня", "2022-W43"),
                ("два роки тому", "2020"),
                ("учора", "2022-11-04"),
                ("торік", "2021"),
            ],
        ),
        (
            SAT,
            "Компанія оприлюднить звіт за третій квартал 2022 року наступного тижня, зараз це невідомо.",
            &[
                ("третій квартал 2022 року", "2022-Q3"),
                ("наступного тижня", "2022-W45"),
                ("зараз", "PRESENT_REF"),
            ],
        ),
    ]);
}

#[test]
fn russian() {
    check(&[
        (
            SAT,
            "Министр заявил в субботу, что переговоры в сентябре провалились.",
            &[("субботу", "2022-11-05"), ("сентябре", "2022-09")],
        ),
        (
            SAT,
            "Выборы прошли 16 октября, а закон принят 3 марта 2021 года.",
            &[
                ("16 октября", "2022-10-16"),
                ("3 марта 2021 года", "2021-03-03"),
            ],
        ),
        (
            SAT,
            "В прошлом году и на прошлой неделе, а также два года назад было иначе.",
            &[
                ("прошлом году", "2021"),
                ("прошлой неделе", "2022-W43"),
                ("два года назад", "2020"),
            ],
        ),
        (
            SAT,
            "Выручка в третьем квартале 2022 года выросла, сейчас это известно.",
            &[
                ("третьем квартале 2022 года", "2022-Q3"),
                ("сейчас", "PRESENT_REF"),
            ],
        ),
        (
            SAT,
            "Это было в 1990-е годы, вчера сказала Марта.",
            &[("1990-е годы", "199"), ("вчера", "2022-11-04")],
        ),
    ]);
}

#[test]
fn without_a_publication_date_only_absolute_dates() {
    check(&[(
        "",
        "On Friday, Oct. 16, 1998, and in 1999, not yesterday nor last week; now.",
        &[
            ("Friday, Oct. 16, 1998", "1998-10-16"),
            ("1999", "1999"),
            ("now", "PRESENT_REF"),
        ],
    )]);
}
