//! The analysers (tantivy tokenizers) the schema may name, registered on every open.
//!
//! tantivy stores only analyser *names* in an index, so each process that opens one must
//! register the same analysers under the same names before indexing or searching.

use tantivy::Index;
use tantivy::tokenizer::{
    LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};

/// Names of the analysers newsdex provides.
pub const KNOWN: &[&str] = &["news", "keyword", "raw"];

/// Whether newsdex provides an analyser of this name.
pub fn is_known(name: &str) -> bool {
    KNOWN.contains(&name)
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
        _ => None,
    }
}

/// Registers every analyser on an index.
pub(crate) fn register(index: &Index) {
    for name in KNOWN {
        if let Some(a) = analyzer(name) {
            index.tokenizers().register(name, a);
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
}
