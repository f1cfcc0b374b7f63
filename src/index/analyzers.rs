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
    fn stemmers_join_word_forms() {
        assert_eq!(tokens("stem_en", "drones"), tokens("stem_en", "drone"));
        assert_eq!(tokens("stem_de", "Drohnen"), tokens("stem_de", "Drohne"));
        assert_eq!(tokens("stem_ru", "дронов"), tokens("stem_ru", "дроны"));
        assert!(is_known("stem_ru") && !is_known("stem_xx") && !is_known("klingon"));
    }
}
