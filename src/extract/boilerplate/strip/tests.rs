//! Stripping with the embedded rules: which rule cuts which line, in several languages,
//! and news that looks like boilerplate but stays.

use super::*;

#[test]
fn required_words_gate_their_rules_in_any_case() {
    let body = "Kyiv was hit again.\nRepairs go on.\nOfficials spoke.\nTHE COURIER IS FUNDED BY READERS LIKE YOU.\nMore.";
    assert_eq!(
        strip(body).body,
        "Kyiv was hit again.\nRepairs go on.\nOfficials spoke."
    );
    assert_eq!(
        cut_rules("Story text here.\n(C) 2024 Harbor Times"),
        ["copyright"]
    );
}

fn cut_rules(body: &str) -> Vec<String> {
    strip(body).cuts.into_iter().map(|c| c.rule).collect()
}

#[test]
fn appeals_in_three_languages() {
    let en = "Drones hit the grid.\nRepairs continue.\nThe minister spoke.\nDear readers,\nWe need your help to keep going.";
    assert_eq!(
        strip(en).body,
        "Drones hit the grid.\nRepairs continue.\nThe minister spoke."
    );
    let funded = "Drones hit the grid.\n\nRepairs continue.\n\nThe Courier is funded by readers like you. Subscribe from $1.";
    assert_eq!(
        strip(funded).body,
        "Drones hit the grid.\n\nRepairs continue."
    );
    let de = "Die Drohne traf ein Haus.\n\nDie Feuerwehr war vor Ort.\n\nUnterstützen Sie unabhängigen Journalismus! Mit einem Abo helfen Sie.\n\nJetzt abonnieren.";
    assert_eq!(
        strip(de).body,
        "Die Drohne traf ein Haus.\n\nDie Feuerwehr war vor Ort."
    );
    let ru = "Дроны атаковали Киев.\nСвет отключили.\nСообщение от редакции «Новой Вести».\nДорогие читатели!";
    let s = strip(ru);
    assert_eq!(s.body, "Дроны атаковали Киев.\nСвет отключили.");
    assert_eq!(s.outlet_cue.as_deref(), Some("Новой Вести"));
}

#[test]
fn a_tail_rule_never_empties_an_article_from_its_top() {
    let body = "Dear readers, this is a letter from the editor about our new website.\nWe hope you like it.\nMore soon.";
    assert_eq!(strip(body).body, body);
}

#[test]
fn single_paragraph_rules() {
    assert_eq!(
        cut_rules("Text one.\nRead more: Why the grid fails\nText two."),
        ["related"]
    );
    assert_eq!(cut_rules("Text.\nAdvertisement\nText."), ["advertisement"]);
    assert_eq!(
        cut_rules("Text.\nPhoto: Anna Kovalenko / Harbor Times\nText."),
        ["credit:photo"]
    );
    assert_eq!(
        cut_rules("We use cookies to improve your experience. Accept all\nText."),
        ["cookie"]
    );
    assert_eq!(
        cut_rules("Text.\n© 2022 Harbor Times. All rights reserved."),
        ["copyright"]
    );
    assert_eq!(
        cut_rules("Text.\nEmail the author\nMore."),
        ["byline:contact"]
    );
}

#[test]
fn news_that_looks_like_boilerplate_stays() {
    for body in [
        "Share prices fell 5% on Monday.\nAnalysts were surprised.",
        "Support for the government fell to 30% in September.\nPollsters said so.",
        "Related measures were announced by the central bank.\nThey take effect in May.",
        "Follow-up talks on the grain deal start next week.\nDiplomats said so.",
        "Readers of the report will find few surprises.\nIt was leaked.",
        "Text.\nThe museum is funded by donors and the city.\nMore.",
        "Read our lips, the minister told parliament.\nNobody laughed.",
        "First published in 1851, the paper closed on Friday.\nIts staff left.",
    ] {
        assert_eq!(strip(body).cuts, Vec::<Cut>::new(), "{body}");
    }
}

/// A tail rule cuts its line and everything after it; the article above stays.
fn assert_tail(rule: &str, line: &str) {
    let body = format!(
        "The council met on Monday.\n\nIt approved the budget.\n\nThe vote was close.\n\n{line}\n\nTeaser about another story.\n\nAnother teaser."
    );
    let s = strip(&body);
    assert_eq!(
        s.body, "The council met on Monday.\n\nIt approved the budget.\n\nThe vote was close.",
        "{line}"
    );
    assert_eq!(s.cuts[0].rule, rule, "{line}");
}

/// A paragraph rule cuts only its line.
fn assert_paragraph(rule: &str, line: &str) {
    let body = format!("The council met on Monday.\n\n{line}\n\nThe vote was close.");
    let s = strip(&body);
    assert_eq!(
        s.body, "The council met on Monday.\n\nThe vote was close.",
        "{line}"
    );
    assert_eq!(s.cuts[0].rule, rule, "{line}");
}

#[test]
fn pointers_to_the_outlets_pages_and_reprint_notes() {
    for line in [
        "For background, read our explainer on the Shahed drones.",
        "See our energy prices tracker.",
        "Follow our live coverage of the summit here.",
    ] {
        assert_paragraph("promo:our-coverage", line);
    }
    for line in [
        "This story was written by Meridian Wire and is republished by The Baltic Courier under a syndication agreement.",
        "This article was originally published by Harbor Times and is republished with permission.",
        "Republished with permission.",
        "Originally published by the Danube Herald.",
    ] {
        assert_paragraph("credit:republished", line);
    }
}

#[test]
fn sections_after_the_article() {
    for line in [
        "Related articles",
        "More from Harbor Times",
        "You might also like",
        "Most read",
        "Schon gelesen?",
        "Das könnte Sie auch interessieren",
        "Weitere aktuelle Themen aus der Region",
        "Lesen Sie auch die folgenden Beiträge:",
        "Weitere Artikel zum Thema",
        "Mehr zum Thema",
        "Zum Weiterlesen:",
        "Vous aimerez aussi",
        "Sur le même sujet",
        "Contenido relacionado",
        "También te puede interesar",
        "Notícias relacionadas",
        "Articoli correlati",
        "Najnowsze artykuły",
        "Читайте также",
    ] {
        assert_tail("tail:related", line);
    }
    for line in [
        "5 Kommentare",
        "Comments (12)",
        "Leave a reply",
        "Sie sind aktuell nicht eingeloggt.",
        "You must be logged in to post a comment.",
    ] {
        assert_tail("tail:comments", line);
    }
    for line in [
        "Möchten Sie den Artikel teilen?",
        "War dieser Artikel hilfreich?",
        "Was this article helpful?",
    ] {
        assert_tail("tail:share-prompt", line);
    }
    for line in ["About the author", "Über die Autorin"] {
        assert_tail("tail:author-box", line);
    }
    for line in [
        "Pour lire la suite de cet article, abonnez-vous.",
        "Wählen Sie Ihren Zugang und lesen Sie weiter:",
        "Este artículo es exclusivo para suscriptores.",
        "To continue reading, subscribe for one dollar.",
    ] {
        assert_tail("tail:paywall", line);
    }
    for line in [
        "Pressekontakt:",
        "Ansprechpartnerin zum Thema:",
        "Media contacts",
    ] {
        assert_tail("tail:contact", line);
    }
}

#[test]
fn lines_that_are_not_news() {
    for (rule, line) in [
        ("heading:tags", "Schlagworte"),
        ("heading:tags", "Tags:"),
        ("heading:more-info", "Weitere Informationen:"),
        ("heading:more-info", "Quellenangaben:"),
        (
            "related:read-also",
            "Lea también: El puerto cierra por la huelga",
        ),
        (
            "related:read-also",
            "LE PUEDE INTERESAR: Los precios suben otra vez",
        ),
        ("related:read-also", "Czytaj też: Strajk w porcie trwa"),
        ("related:read-also", "Zobacz także"),
        ("related:read-also", "Lesetipp: Der Hafen bleibt zu"),
        ("related:read-also", "Voir aussi : la grève continue"),
        ("related:read-also", "Veja também: Porto fechado"),
        ("date-line", "23.10.2018"),
        ("date-line", "3:59 PM"),
        ("date-line", "Mittwoch, 3. November 2021, 16.45 Uhr"),
        ("date-line", "Updated: March 3, 2020 at 4:05 p.m. EST"),
        ("date-line", "Publié le 12 mars 2021 à 14h30"),
        (
            "sponsored",
            "*Werbung. Dieser Beitrag enthält Werbung für eine Marke.",
        ),
        (
            "sponsored",
            "This post contains affiliate links. We may earn a commission.",
        ),
        (
            "sponsored",
            "Bei den Links handelt es sich um Affiliate-Links.",
        ),
        ("social:follow", "Siguenos en Telegram, Instagram y Twitter"),
        (
            "social:follow",
            "¡Mira lo que tiene nuestro canal de YouTube!",
        ),
        (
            "social:follow",
            "For the latest stories download the Courier app for iOS and Android.",
        ),
        (
            "newsletter:prompt",
            "Never miss a story: sign up to our newsletter today!",
        ),
        (
            "newsletter:prompt",
            "Jetzt zum kostenlosen Newsletter anmelden",
        ),
        ("contact:line", "Telefon: 030 123 456"),
        ("contact:line", "E-Mail: presse@example.org"),
        ("credit:more", "Beitragsbild: Anna Kovalenko"),
        ("credit:more", "Crédits photos : Agence"),
        ("credit:more", "Getty Images"),
        ("credit:more", "AFP / Jan Nowak"),
        ("source-line", "Quelle: Statistisches Landesamt"),
        ("agency-signoff", "aja/PAP"),
        ("agency-signoff", "(dpa)"),
        (
            "feedback",
            "We want to hear what you think about this article. Submit a letter to the editor.",
        ),
        (
            "feedback",
            "Bei Fragen und Anregungen zu diesem Artikel schreiben Sie uns.",
        ),
        (
            "disclaimer",
            "Die Beiträge spiegeln nicht unbedingt die Meinung der Redaktion wider.",
        ),
        ("disclaimer", "(Alle Angaben ohne Gewähr)"),
        (
            "copyright:more",
            "Materiał chroniony prawem autorskim - wszelkie prawa zastrzeżone.",
        ),
        ("embed-placeholder", "Externer Inhalt"),
        (
            "credit:caption",
            "Smoke rises over the harbour. © Agency / Jan Nowak",
        ),
        (
            "credit:caption",
            "Der Hafen am Morgen (Foto: Anna Kovalenko)",
        ),
        (
            "comments:prompt",
            "Bitte halten Sie sich an unsere Netiquette.",
        ),
        (
            "post-meta",
            "Dieser Eintrag wurde am 3. Mai 2014 veröffentlicht und unter Reisen abgelegt.",
        ),
        (
            "post-meta",
            "This entry was posted in Travel and tagged hills.",
        ),
        ("cookie:more", "Was sind Cookies?"),
        (
            "embed-consent",
            "Wir respektieren deine Privatsphäre und stellen ohne dein Einverständnis keine Verbindung zu externen Diensten her.",
        ),
        (
            "embed-consent",
            "Ich bin einverstanden, dass externe Inhalte angezeigt werden.",
        ),
        (
            "appeal:support-du",
            "Unterstütze das Magazin schon mit 3 Euro!",
        ),
        ("appeal:support-du", "Zapraszamy do subskrypcji tygodnika."),
        (
            "disclaimer:responsibility",
            "The Courier is not responsible for the opinions expressed in comments.",
        ),
        (
            "newsletter:prompt",
            "Want weekly updates from our team? Sign up here",
        ),
        (
            "newsletter:prompt",
            "Lust auf mehr? Die besten Geschichten jede Woche in deinen Posteingang.",
        ),
    ] {
        assert_paragraph(rule, line);
    }
}

#[test]
fn a_tail_heading_near_the_top_goes_alone() {
    let body = "Den Artikel mit anderen teilen:\n\nThe council met.\n\nIt voted.\n\nIt left.";
    let s = strip(body);
    assert_eq!(s.body, "The council met.\n\nIt voted.\n\nIt left.");
    assert_eq!(s.cuts[0].rule, "share-prompt");
}

#[test]
fn news_that_looks_like_the_new_rules_stays() {
    for body in [
        "Weitere Artikel des Autors wurden gelöscht.\nDie Redaktion prüft den Fall.\nMehr nicht.\nEnde.",
        "The vote was close.\nMore from the ministry is expected on Friday.\nIt was late.\nEnd.",
        "Kontaktlinsen sind teurer geworden.\nDer Preis stieg.\nKontakt zu den Entführern gibt es nicht.\nEnde.",
        "Weitere Informationen will die Polizei am Montag geben.\nSie ermittelt.",
        "Am 3. März 2021 wurde das Gesetz verabschiedet.\n2019 war ein schwieriges Jahr.",
        "1.\nMix the flour.\n2019\nThe year of the flood.",
        "Werbung ist ein Milliardengeschäft.\nAnzeige erstattet hat die Nachbarin.",
        "Die Quelle des Flusses liegt in den Alpen, sagte der Forscher.\nEr maß sie.",
        "Seine Kommentare sorgten für Ärger.\nDer Minister trat zurück.\nKommentar des Chefredakteurs folgt.\nEnde.",
        "The tags on the luggage were forged.\nContact with the ship was lost at noon.",
        "Many readers follow the channel on YouTube, the survey found.\nIt was a surprise.",
        "Der Bericht wurde unter Verschluss gehalten.\nDie Akte liegt beim Gericht.",
        "The mayor is not responsible for the delays, the report found.\nIt blamed the contractor.",
        "Die Firma übernahm die Verantwortung für den Unfall.\nSie zahlt.",
        "Ihr Posteingang quoll über, sagte sie.\nSie kündigte.",
        "Der Fotograf sagte, das Bild sei echt.\nEr zeigte es.",
    ] {
        assert_eq!(strip(body).cuts, Vec::<Cut>::new(), "{body}");
    }
}
