//! The analysers (tantivy tokenizers) the schema may name, registered on every open.
//!
//! tantivy stores only analyser *names* in an index, so each process that opens one must
//! register the same analysers under the same names before indexing or searching.
//!
//! `stem_<code>` analysers (one per language with a Snowball stemmer) serve the variants of
//! `per_language` fields; the schema lists them as the `stem` family.

use tantivy::Index;
use tantivy::tokenizer::{
    Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
    Token, TokenFilter, TokenStream, Tokenizer,
};

/// Names of the analysers newsdex provides (`stem` stands for every `stem_<code>`).
pub const KNOWN: &[&str] = &["news", "keyword", "raw", "stem"];

/// ISO 639-1 codes of the languages with a stemmer.
pub const STEMMED: &[&str] = &[
    "ar", "da", "de", "el", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv",
    "ta", "tr",
];

/// Whether newsdex provides an analyser of this name.
pub fn is_known(name: &str) -> bool {
    KNOWN.contains(&name)
        || name
            .strip_prefix("stem_")
            .is_some_and(|code| stemmer(code).is_some())
}

/// The Snowball stemmer for an ISO 639-1 code.
pub fn stemmer(code: &str) -> Option<Language> {
    Some(match code {
        "ar" => Language::Arabic,
        "da" => Language::Danish,
        "de" => Language::German,
        "el" => Language::Greek,
        "en" => Language::English,
        "es" => Language::Spanish,
        "fi" => Language::Finnish,
        "fr" => Language::French,
        "hu" => Language::Hungarian,
        "it" => Language::Italian,
        "nl" => Language::Dutch,
        "no" => Language::Norwegian,
        "pt" => Language::Portuguese,
        "ro" => Language::Romanian,
        "ru" => Language::Russian,
        "sv" => Language::Swedish,
        "ta" => Language::Tamil,
        "tr" => Language::Turkish,
        _ => return None,
    })
}

/// The analyser registered under a name.
pub fn analyzer(name: &str) -> Option<TextAnalyzer> {
    match name {
        "news" => Some(
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(RemoveLongFilter::limit(40))
                .filter(LowerCaser)
                .build(),
        ),
        "keyword" => Some(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .build(),
        ),
        "raw" => Some(TextAnalyzer::builder(RawTokenizer::default()).build()),
        _ => {
            let lang = stemmer(name.strip_prefix("stem_")?)?;
            Some(
                TextAnalyzer::builder(SimpleTokenizer::default())
                    .filter(RemoveLongFilter::limit(40))
                    .filter(LowerCaser)
                    .filter(Stemmer::new(lang))
                    .build(),
            )
        }
    }
}

/// The name of the analyser a text field is indexed with, `None` for other fields.
pub(crate) fn analyser_of(
    schema: &tantivy::schema::Schema,
    field: tantivy::schema::Field,
) -> Option<&str> {
    match schema.get_field_entry(field).field_type() {
        tantivy::schema::FieldType::Str(o) => o.get_indexing_options().map(|i| i.tokenizer()),
        _ => None,
    }
}

/// Languages whose Snowball stemmer only rewrites the end of a word (and maybe strips
/// accents): a word and its stem begin with the same letter, once accents are folded.
const SUFFIX_STEMMED: &[&str] = &[
    "da", "de", "en", "es", "fi", "fr", "hu", "it", "nl", "no", "pt", "ro", "ru", "sv", "tr",
];

/// The analyser `name` for finding given terms in a text (snippets): like [`analyzer`], but
/// a word is stemmed only if its first letter (accents folded) is the first letter of one of
/// `terms`; any other word cannot stem to one of them, and becomes an empty token instead.
/// Stemming every word of a hit's text was half of a warm search for a rare word. `None`
/// when `name` is not a stemming analyser this holds for.
pub(crate) fn finder(name: &str, terms: &[&str]) -> Option<TextAnalyzer> {
    let code = name.strip_prefix("stem_")?;
    if !SUFFIX_STEMMED.contains(&code) {
        return None;
    }
    let lang = stemmer(code)?;
    let mut firsts: Vec<char> = terms
        .iter()
        .filter_map(|t| t.chars().next())
        .map(fold)
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    Some(
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(FirstLetter(firsts))
            .filter(Stemmer::new(lang))
            .build(),
    )
}

/// A lowercase letter without its accent (the letters Snowball stemmers fold).
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ё' => 'е',
        c => c,
    }
}

/// Empties tokens whose first letter is none of the given ones (see [`finder`]).
#[derive(Clone)]
struct FirstLetter(Vec<char>);

impl TokenFilter for FirstLetter {
    type Tokenizer<T: Tokenizer> = FirstLetterFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> FirstLetterFilter<T> {
        FirstLetterFilter {
            inner: tokenizer,
            firsts: self.0,
        }
    }
}

#[derive(Clone)]
struct FirstLetterFilter<T> {
    inner: T,
    firsts: Vec<char>,
}

impl<T: Tokenizer> Tokenizer for FirstLetterFilter<T> {
    type TokenStream<'a> = FirstLetterStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        FirstLetterStream {
            tail: self.inner.token_stream(text),
            firsts: &self.firsts,
        }
    }
}

struct FirstLetterStream<'a, T> {
    tail: T,
    firsts: &'a [char],
}

impl<T: TokenStream> TokenStream for FirstLetterStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        let keep = token
            .text
            .chars()
            .next()
            .is_some_and(|c| self.firsts.contains(&fold(c)));
        if !keep {
            token.text.clear();
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// Registers every analyser on an index.
pub(crate) fn register(index: &Index) {
    for name in KNOWN.iter().filter(|n| **n != "stem") {
        if let Some(a) = analyzer(name) {
            index.tokenizers().register(name, a);
        }
    }
    for code in STEMMED {
        let name = format!("stem_{code}");
        if let Some(a) = analyzer(&name) {
            index.tokenizers().register(&name, a);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(name: &str, text: &str) -> Vec<String> {
        let mut a = analyzer(name).unwrap();
        let mut stream = a.token_stream(text);
        let mut out = Vec::new();
        stream.process(&mut |t| out.push(t.text.clone()));
        out
    }

    #[test]
    fn news_and_keyword() {
        assert_eq!(
            tokens("news", "Amir-Abdollahian said: Дроны!"),
            ["amir", "abdollahian", "said", "дроны"]
        );
        assert_eq!(tokens("keyword", "The Moscow Times"), ["the moscow times"]);
        assert_eq!(tokens("raw", "The Moscow Times"), ["The Moscow Times"]);
    }

    #[test]
    fn finders_stem_the_words_that_may_be_the_terms_as_the_analyser_does() {
        let texts = [
            (
                "en",
                "Drones struck Kyiv; the ministers' meetings were cancelled. Happily, yes.",
            ),
            (
                "es",
                "África y Ámsterdam: los ministros aprobaron las reformas económicas.",
            ),
            (
                "de",
                "Die Ärzte übernahmen die Öffentlichkeitsarbeit der Drohnenabwehr.",
            ),
            (
                "fr",
                "Élections : les électeurs ont été appelés aux urnes à Évry.",
            ),
            ("ru", "Ёлки и дроны: министры обсуждали удары по Киеву."),
        ];
        for (code, text) in texts {
            let name = format!("stem_{code}");
            let all = tokens(&name, text);
            // Every stem as a term: a finder must give each of them back where the analyser does.
            let terms: Vec<&str> = all.iter().map(String::as_str).collect();
            let mut f = finder(&name, &terms).unwrap();
            let mut found = Vec::new();
            f.token_stream(text)
                .process(&mut |t| found.push(t.text.clone()));
            assert_eq!(found, all, "{code}");
            // With one term, only words of its first letter are stemmed, others are blank.
            let mut f = finder(&name, &[all[1].as_str()]).unwrap();
            let mut found = Vec::new();
            f.token_stream(text)
                .process(&mut |t| found.push(t.text.clone()));
            assert_eq!(found.len(), all.len(), "{code}");
            assert_eq!(found[1], all[1], "{code}");
            assert!(found.iter().any(String::is_empty), "{code}: {found:?}");
        }
        assert!(finder("stem_ar", &["x"]).is_none() && finder("news", &["x"]).is_none());
    }

    #[test]
    fn stemmers_join_word_forms() {
        assert_eq!(tokens("stem_en", "drones"), tokens("stem_en", "drone"));
        assert_eq!(tokens("stem_de", "Drohnen"), tokens("stem_de", "Drohne"));
        assert_eq!(tokens("stem_ru", "дронов"), tokens("stem_ru", "дроны"));
        assert!(is_known("stem_ru") && !is_known("stem_xx") && !is_known("klingon"));
    }
}
