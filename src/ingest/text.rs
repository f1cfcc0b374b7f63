//! `.txt`: an optional block of `Key: value` header lines, then the body.
//!
//! Without a header, a short first line followed by a blank line that does not end like a
//! sentence is taken as the headline.

use super::meta::RawMeta;
use super::{Content, Format, RawArticle, SourceFile};

pub(super) fn read(file: &SourceFile) -> RawArticle {
    let (meta, body) = split_header(&file.text);
    let (meta, body) = match meta {
        Some(meta) => (meta, body),
        None => title_from_first_line(&file.text),
    };
    RawArticle {
        path: file.path.clone(),
        locator: None,
        format: Format::Text,
        content: Content::Text(body.to_string()),
        meta,
    }
}

/// Splits a leading header block off. A header is one or more `Key: value` lines, at least
/// one with a known key, ended by a blank line (or the end of the file).
pub(crate) fn split_header(text: &str) -> (Option<RawMeta>, &str) {
    let text = text.trim_start_matches(['\n', '\r']);
    let mut meta = RawMeta::default();
    let mut known = 0;
    let mut end = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            end += line.len();
            break;
        }
        let Some((key, value)) = header_line(trimmed) else {
            return (None, text);
        };
        if meta.set_header(key, value) {
            known += 1;
        }
        end += line.len();
    }
    if known == 0 {
        return (None, text);
    }
    (Some(meta), &text[end..])
}

/// `Key: value` where the key is one to four words of letters.
fn header_line(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let words = key.split([' ', '-', '_']).count();
    let plain = key
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '_'));
    (plain && !key.is_empty() && words <= 4 && !value.starts_with("//")).then_some((key, value))
}

fn title_from_first_line(text: &str) -> (RawMeta, &str) {
    let text = text.trim_start();
    let mut meta = RawMeta::default();
    if let Some((first, rest)) = text.split_once('\n') {
        let first = first.trim();
        let followed_by_blank = rest.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
        if followed_by_blank && looks_like_title(first) {
            meta.title = Some(first.to_string());
            return (meta, rest);
        }
    }
    (meta, text)
}

fn looks_like_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=30).contains(&words)
        && line.chars().count() <= 200
        && !line.ends_with(['.', ',', ';', ':'])
        && line
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || c == '"' || c == '«')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(t: &str) -> RawArticle {
        read(&SourceFile::from_text("a.txt", Format::Text, t))
    }

    #[test]
    fn header_block() {
        let a = read_text(
            "Title: Drones hit Kyiv\nOutlet: Harbor Times\nDate: 2022-10-17\n\nBody one.\n\nBody two.",
        );
        assert_eq!(a.meta.title.as_deref(), Some("Drones hit Kyiv"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Harbor Times"));
        assert_eq!(a.content, Content::Text("Body one.\n\nBody two.".into()));
    }

    #[test]
    fn first_line_title() {
        let a = read_text("Drones hit Kyiv overnight\n\nThe capital woke to sirens.");
        assert_eq!(a.meta.title.as_deref(), Some("Drones hit Kyiv overnight"));
        assert_eq!(
            a.content,
            Content::Text("\nThe capital woke to sirens.".into())
        );
    }

    #[test]
    fn sentence_first_line_is_body() {
        let a = read_text("The capital woke to sirens.\n\nMore text.");
        assert_eq!(a.meta.title, None);
    }

    #[test]
    fn prose_with_colon_is_not_a_header() {
        let a = read_text(
            "Note: this is a long sentence that happens to start with a label\nand goes on.\n\nMore.",
        );
        assert_eq!(a.meta.title, None);
        assert!(matches!(a.content, Content::Text(ref t) if t.starts_with("Note:")));
    }
}
