//! The word lists the rules for Latin-script languages use ([`super::latin`]): first names,
//! name particles, capitals that name no body, legal forms, German federal bodies. Written
//! by us.

use std::collections::HashSet;
use std::sync::OnceLock;

/// Common first names across the languages (lowercase). Written by us.
const FIRST_NAMES: &str = "\
aaron adam adolf adrian adrián agnieszka agustín ahmed aitana alain albert alberto alejandra alejandro \
aleksander alessandra alessandro alexander alexandra alexis alfonso alfred alfredo ali alice alicia alois \
amelie ana andrea andreas andrés andrzej angela angelika anja anna anne annalena annegret annette anton \
antonia antonio armin arnaud arnold arthur astrid augusto axel barbara bart beatriz benedikt benjamin \
benoît bernard bernd bettina bianca bruno camille carla carlos carmen carolina caroline catherine cecilia \
celia charles charlotte christian christiane christina christine christoph christophe claire clara claudia \
claudio claus cristina cristiano daniel daniela david dieter diego dirk dolores dominik dominique donald \
dorothea edmund eduardo elena elisabeth elke ellen elsa emil emilia emma emmanuel enrique enrico erich \
erik ernst esther eugen eva fabian fabio federico felipe felix fernando filip florian francesca francesco \
francisco françois frank franz franziska friedrich gabriel gabriele gabriela georg george gerald gerhard \
gernot gert gilles giorgia giorgio giovanni giulia giuseppe gonzalo grzegorz gregor guido günter günther \
gustavo hannah hans harald heike heiko heinrich heinz helena helga helmut henri henrik henrique herbert \
hermann horst hubert hugo ignacio ilse ines inés ingrid irene isabel isabella isabelle jacek jacques jakob \
jan jana javier jean jens jérôme jesús joachim joan joanna joão joaquín jochen joe johan johann johanna \
johannes john jonas jordi jorge josé josef joseph josep juan julia julian julián julien julio julius \
jürgen jutta kamala karin karl karolina katarina katharina kathrin katja katrin kerstin kevin klara klaus \
krzysztof kurt lars laura laurent lea leon leonardo leonie lisa lorenzo lothar louis luca lucas lucía \
ludwig luigi luis luisa lukas luiz łukasz lutz magdalena manfred manuel manuela marc marcel marcelo marco \
marcos margarete margarita maria mariano marie marina mario marion mark markus marta martin martina \
mateusz matteo matthias mauricio max maximilian mehmet melanie michael michaela michał michel michele \
miguel mohammed monika nadine natalia nathalie nicolas nicolás niklas nicola nina norbert olaf olga \
oliver olivier omar oscar óscar pablo paola paolo pascal patricia patrick paul paula pedro peter petra \
philipp philippe piero pierre pietro piotr rafael rafał rainer ralf ramón raúl reinhard renate renaud \
ricardo richard rita robert roberto rodrigo roland rolf rosa rudolf ruth sabine sahra samuel \
sandra sara sarah sascha sebastian sebastián sébastien sergio silvia simon simone sofía sophie stefan \
stefanie steffen stephan susanne svenja sven sylvie teresa theresa thomas thorsten tim tobias tomasz \
torsten ulrich ulrike ursula uwe valentina valentin valérie vanessa veronika vicente victor víctor \
viktor vincent walter werner wilhelm winfried wojciech wolfgang xavier yolanda yvonne zbigniew";

/// Words that join the parts of a name ("Luis de Guindos", "Cristina Fernández de Kirchner").
pub(super) const PARTICLES: &[&str] = &[
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "dos", "das", "du", "la", "le",
    "zu", "ten", "ter",
];

/// Articles, which open a sentence before a company's name but are no part of it.
pub(super) const DETERMINERS: &[&str] = &[
    "Der", "Die", "Das", "Den", "Dem", "Des", "El", "La", "Los", "Las", "Le", "Les", "Il", "Lo",
    "The", "Het", "De", "Een", "O", "A", "Os", "As",
];

/// Words before a first name that make it a saint's or a place's ("San Andrés Tuxtla").
pub(super) const SAINTS: &[&str] = &[
    "San", "Santa", "Santo", "São", "Saint", "Sainte", "St", "St.", "Ste", "Sankt", "Santiago",
];

/// The same in German, where "der", "den", "das" are articles and "von" is also "from":
/// only right after the first name ("Ursula von der Leyen", not "Hauer von der Uni").
pub(super) const GERMAN_PARTICLES: &[&str] = &["von", "der", "zu", "van", "de"];

/// Capitals that are no organisation ("COVID", "CEO", "TV", Roman numerals…). Written by us.
const NOT_ORGS: &str = "covid sars aids hiv dna rna ceo cfo cdo tv dvd cd pc pdf usb gps sms ok km kg cm mm \
ml pm am ps kw mw gw hd uhd led lcd usw bzw etc ag gmbh sa sl se kg inc ltd plc nv bv spa srl \
usd eur gbp chf jpy stg dmk ffr yen sfr dfl lit bfc ecu dlrs cts mln bln pct \
note notes shr shrs net qtr avg revs reute reuter \
jan feb mar apr may jun jul aug sep sept oct nov dec january february march april june july august \
september october november december enero febrero marzo abril mayo junio julio agosto septiembre \
octubre noviembre diciembre januar februar märz juni juli oktober dezember \
vih sida nie dni sos ojo año nunca \
aut ger ita sui nor swe fra esp cze slo can rus gbr ned bel pol fin den hun cro svk jpn kor chn bra \
arg mex eng sco wal irl usa \
pib adn bip gdp wifi wlan ram rom oled ssd hdd xl xxl isin ppm mwst pkw lkw ki ia \
ii iii iv vi vii viii ix xi xii xiii xiv xv xvi xvii xviii xix xx xxi \
el la los las de del en y que por para con sin un una es se no lo al su sus mas más muy ya \
die der das den dem und in im mit von zu für ist nicht auf an bei aus um es er sie wir \
le les des et du une il elle ne pas au aux sur di che per non da nel della il gli os as do em um uma";

/// Legal forms that end a company's name.
pub(super) const LEGAL_FORMS: &[&str] = &[
    "AG", "GmbH", "SE", "KGaA", "KG", "S.A.", "SA", "S.L.", "SL", "SpA", "S.p.A.", "Srl", "Inc",
    "Ltd", "plc", "NV", "N.V.", "BV", "B.V.", "S.A.S.", "SAS",
];

/// German federal bodies: "Bundes" and one of these ("Bundestag", "Bundesverfassungsgericht").
pub(super) const FEDERAL_BODIES: &[&str] = &[
    "tag",
    "rat",
    "regierung",
    "wehr",
    "bank",
    "gericht",
    "gerichtshof",
    "amt",
    "agentur",
    "ministerium",
    "anstalt",
    "liga",
    "polizei",
    "versammlung",
];

fn set(words: &str) -> HashSet<String> {
    words.split_whitespace().map(str::to_string).collect()
}

pub(super) fn first_names() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| set(FIRST_NAMES))
}

pub(super) fn not_orgs() -> &'static HashSet<String> {
    static S: OnceLock<HashSet<String>> = OnceLock::new();
    S.get_or_init(|| set(NOT_ORGS))
}
