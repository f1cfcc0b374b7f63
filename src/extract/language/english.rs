//! A cheap first test for the commonest case, English prose, so that most English articles
//! skip whatlang's trigram scoring (which ranks every text against all 37 Latin-script
//! languages it knows, ~0.1 ms an article whatever its length).

use crate::extract::text::letter_runs;

/// Words that make up about an eighth of English news prose and are rare as words in the
/// other languages whatlang reads in Latin script; German, Spanish, French or Dutch text
/// reaches a few percent at most, from names and quoted titles ("Sound of Music").
const MARKERS: &[&[u8]] = &[
    b"the", b"and", b"that", b"with", b"from", b"which", b"said", b"were", b"have", b"has",
    b"been", b"would", b"this", b"their", b"they", b"there",
];

/// Frequent English words that other languages also use ("in", "is", "of", "at", "was",
/// "will", "to", "on"…): they only add to the markers and never decide alone.
const COMMON: &[&[u8]] = &[
    b"of", b"to", b"for", b"by", b"on", b"at", b"is", b"in", b"it", b"its", b"are", b"an", b"be",
    b"as", b"not", b"was", b"will", b"or", b"but", b"he", b"his",
];

/// Abbreviations of English wire copy's results tables ("Shr 12 cts vs 9 cts", "Revs 18.2
/// mln", "Six mths"), which have almost no function words: whatlang called such tables French
/// or nothing, and they went through the wrong date and name rules. Only forms no other
/// language writes ("mln" and "pct" are Dutch and Italian too, so they never decide alone).
const FIGURES: &[&[u8]] = &[
    b"dlr", b"dlrs", b"cts", b"shr", b"shrs", b"revs", b"qtr", b"qtly", b"mths",
];

/// Abbreviations that only add to [`FIGURES`].
const FIGURES_TOO: &[&[u8]] = &[b"mln", b"bln", b"pct", b"vs", b"avg", b"div", b"net"];

/// Fewer words than this are left to whatlang: a headline alone proves little.
const MIN_WORDS: u32 = 8;

/// The fewest markers, and markers plus common words, that can decide: in a short text the
/// ratios alone would let one English name ("The Guardian") next to a Portuguese "as" pass.
const MIN_MARKERS: u32 = 3;
/// See [`MIN_MARKERS`].
const MIN_FUNCTION_WORDS: u32 = 5;

/// Counts over the words (runs of letters) of a sample.
#[derive(Default)]
struct Tally {
    words: u32,
    letters: u32,
    non_ascii_letters: u32,
    markers: u32,
    common: u32,
    figures: u32,
    figures_too: u32,
}

impl Tally {
    /// Counts the words (runs of letters) of `text`; English is almost all ASCII, so only
    /// the rare other character is decoded (to tell a letter from a curly quote or a dash).
    fn scan(&mut self, text: &str) {
        for word in letter_runs(text) {
            let ascii = word.is_ascii();
            let letters = if ascii {
                word.len()
            } else {
                word.chars().count()
            };
            self.letters += letters as u32;
            if !ascii {
                self.non_ascii_letters += word.chars().filter(|c| !c.is_ascii()).count() as u32;
            }
            self.word(word.as_bytes(), ascii);
        }
    }

    fn word(&mut self, word: &[u8], ascii: bool) {
        self.words += 1;
        if !ascii || word.len() > 5 {
            return;
        }
        let mut lower = [0u8; 5];
        for (l, b) in lower.iter_mut().zip(word) {
            *l = b.to_ascii_lowercase();
        }
        let lower = &lower[..word.len()];
        if MARKERS.contains(&lower) {
            self.markers += 1;
        } else if COMMON.contains(&lower) {
            self.common += 1;
        } else if FIGURES.contains(&lower) {
            self.figures += 1;
        } else if FIGURES_TOO.contains(&lower) {
            self.figures_too += 1;
        }
    }
}

/// Whether `title` and `body` are plainly English prose: at least one word in 14 is a
/// marker (and 3 in all), one in 6 a marker or a common word (and 5 in all), and at most
/// one letter in 100 is outside ASCII (a name such as "Zürich" is fine; Latin-script text
/// in another language has more). English news prose runs at about 13 % and 29 %. Text
/// that fails goes to whatlang. An English results table passes too: two of [`FIGURES`] or
/// more, and with the other abbreviations one word in five.
pub(super) fn is_english(title: &str, body: &str) -> bool {
    let mut tally = Tally::default();
    tally.scan(title);
    tally.scan(body);
    let prose = tally.markers >= MIN_MARKERS
        && tally.markers + tally.common >= MIN_FUNCTION_WORDS
        && tally.markers * 14 >= tally.words
        && (tally.markers + tally.common) * 6 >= tally.words;
    let table = tally.figures >= 2 && (tally.figures + tally.figures_too) * 5 >= tally.words;
    tally.words >= MIN_WORDS && (prose || table) && tally.non_ascii_letters * 100 <= tally.letters
}

#[cfg(test)]
mod tests {
    use super::is_english;

    fn english(text: &str) -> bool {
        is_english("", text)
    }

    #[test]
    fn english_prose_passes() {
        assert!(english(
            "The city council voted on Tuesday to close the old bridge over the river after \
             engineers said that cracks in its supports had grown since the spring. Traffic \
             will be sent through the northern ring road, which was widened last year."
        ));
        // A foreign name does not stop it.
        assert!(english(
            "Shares of the Zürich-based maker rose after it said that sales in the region had \
             been stronger than expected over the winter months, and the board would raise its \
             dividend for the first time in four years. Analysts said that the results were \
             better than they had forecast, though they warned that costs would rise."
        ));
    }

    #[test]
    fn curly_quotes_and_dashes_are_not_letters() {
        // Ten such characters in a short text: counted as letters they would fail the
        // one-in-100 test.
        assert!(english(
            "“It’s the council’s bridge — and that’s the end of it,” the mayor said, and she \
             said that the vote had been fair. “We’ve heard them, and they’ve heard us.”"
        ));
    }

    #[test]
    fn other_latin_languages_fall_through() {
        for text in [
            // German
            "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss zu \
             schließen, nachdem Ingenieure festgestellt hatten, dass die Risse in den Stützen \
             seit dem Frühjahr gewachsen sind. Der Verkehr wird über die nördliche Ringstraße \
             umgeleitet, die im vergangenen Jahr verbreitert wurde.",
            // Spanish
            "El ayuntamiento votó el martes cerrar el viejo puente sobre el río después de que \
             los ingenieros dijeran que las grietas en sus soportes habían crecido desde la \
             primavera. El tráfico se desviará por la ronda norte, que se amplió el año pasado.",
            // French
            "Le conseil municipal a voté mardi la fermeture du vieux pont sur la rivière après \
             que les ingénieurs ont constaté que les fissures de ses piliers s'étaient agrandies \
             depuis le printemps. La circulation passera par la rocade nord, élargie l'an dernier.",
            // Dutch: ASCII only, and it shares "in", "is", "of" with English.
            "De gemeenteraad heeft dinsdag besloten de oude brug over de rivier te sluiten, \
             nadat ingenieurs hadden gezegd dat de scheuren in de pijlers sinds het voorjaar \
             groter zijn geworden. Het verkeer gaat via de noordelijke ringweg, die vorig jaar \
             is verbreed. Of de brug ooit weer opengaat, is nog niet bekend.",
            // Italian
            "Il consiglio comunale ha votato martedì la chiusura del vecchio ponte sul fiume, \
             dopo che gli ingegneri hanno detto che le crepe nei piloni sono cresciute dalla \
             primavera. Il traffico passerà per la tangenziale nord, allargata l'anno scorso.",
            // Danish: "at", "for", "have" and "by" are Danish words too.
            "Byrådet besluttede tirsdag at lukke den gamle bro over floden, efter at ingeniører \
             havde sagt, at revnerne i pillerne er vokset siden foråret. Trafikken skal køre ad \
             den nordlige ringvej, som blev udvidet sidste år for at have plads til flere biler.",
            // Polish: "to" and "on" are Polish words too.
            "Rada miasta zdecydowała we wtorek o zamknięciu starego mostu na rzece, po tym jak \
             inżynierowie stwierdzili, że pęknięcia w filarach powiększyły się od wiosny. To \
             oznacza, że ruch pójdzie obwodnicą północną, którą poszerzono w zeszłym roku.",
            // Romanian written without diacritics: "in", "are", "a" are Romanian words too.
            "Consiliul local a votat marti inchiderea podului vechi peste rau, dupa ce \
             inginerii au spus ca fisurile din pilastri au crescut din primavara. Traficul va \
             fi deviat pe centura de nord. Primaria are in plan un pod nou in urmatorii ani.",
            // Afrikaans: "is", "in", "was", "die" are Afrikaans words too.
            "Die stadsraad het Dinsdag besluit om die ou brug oor die rivier te sluit, nadat \
             ingenieurs gesê het dat die krake in die pilare sedert die lente groter geword \
             het. Die verkeer sal oor die noordelike ringpad gaan. Dit was nie maklik nie.",
            // Tagalog: "at" is Tagalog for "and".
            "Bumoto ang konseho ng lungsod noong Martes na isara ang lumang tulay sa ibabaw ng \
             ilog, matapos sabihin ng mga inhinyero na lumaki ang mga bitak sa mga haligi nito \
             mula noong tagsibol. Ang trapiko ay dadaan sa hilagang kalsada at sa bayan.",
        ] {
            assert!(!english(text), "{text}");
        }
    }

    #[test]
    fn other_scripts_fall_through() {
        assert!(!english(
            "Міська рада у вівторок проголосувала за закриття старого мосту через річку, після \
             того як інженери заявили, що тріщини в опорах збільшилися з весни."
        ));
    }

    #[test]
    fn short_or_tabular_text_falls_through() {
        assert!(!english("The bridge is closed"));
        // Portuguese with two English names: too few markers to decide.
        assert!(!english(
            "Segundo The Guardian e The Times, as empresas vão cortar os preços."
        ));
        assert!(!english("Rail freight up 4 pct in March"));
    }

    #[test]
    fn english_results_tables_pass() {
        assert!(english(
            "ACME TOOLS INC 2ND QTR NET\nShr 12 cts vs 9 cts\nNet 1,204,000 vs 903,000\n\
             Revs 18.2 mln vs 15.1 mln\nSix mths\nShr 20 cts vs 17 cts"
        ));
        assert!(english(
            "Qtly div 35 cts vs 35 cts prior\nPayable March 31\nRecord March nine"
        ));
        // Dutch and Italian write "mln" and "pct" too: without an English abbreviation a
        // table of figures is left to whatlang.
        assert!(!english(
            "Omzet 18,2 mln euro vs 15,1 mln\nWinst 1,2 mln vs 0,9 mln\nMarge 4 pct vs 3 pct"
        ));
        // Two English abbreviations in prose of another language are too few.
        assert!(!english(
            "Die Aktie stieg um 12 cts auf 9 dlrs, nachdem der Konzern seine Prognose für das \
             laufende Geschäftsjahr angehoben hatte und die Anleger auf weitere Zukäufe hoffen."
        ));
    }
}
