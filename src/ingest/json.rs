//! `.json` (one article object or an array of them) and `.jsonl`/`.ndjson` (one per line).
//!
//! Crawlers name the same thing differently; [`RawMeta::from_map`] maps the common keys.

use serde_json::{Map, Value};

use super::meta::{BODY_KEYS, HTML_KEYS, RawMeta};
use super::{Content, Format, RawArticle, ReadOutcome, SourceFile};
use crate::{Error, Result};

pub(super) fn read_json(file: &SourceFile) -> Result<ReadOutcome> {
    let value: Value = serde_json::from_str(file.text.trim_start_matches('\u{feff}'))
        .map_err(|e| Error::input(&file.path, format!("invalid JSON: {e}")))?;
    match value {
        Value::Object(map) => {
            let article = from_object(&map, &file.path, None, Format::Json)
                .map_err(|m| Error::input(&file.path, m))?;
            Ok(ReadOutcome {
                articles: vec![article],
                problems: Vec::new(),
            })
        }
        Value::Array(items) => {
            let mut outcome = ReadOutcome::default();
            for (i, item) in items.iter().enumerate() {
                let locator = (i + 1).to_string();
                let path = format!("{}#{locator}", file.path);
                let result = match item {
                    Value::Object(map) => from_object(map, &file.path, Some(locator), Format::Json),
                    _ => Err("array item is not an object".to_string()),
                };
                match result {
                    Ok(a) => outcome.articles.push(a),
                    Err(m) => outcome.problems.push(Error::input(path, m)),
                }
            }
            if outcome.articles.is_empty() && outcome.problems.is_empty() {
                return Err(Error::input(&file.path, "empty JSON array"));
            }
            Ok(outcome)
        }
        _ => Err(Error::input(
            &file.path,
            "JSON is neither an article object nor an array of them",
        )),
    }
}

pub(super) fn read_json_lines(file: &SourceFile) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    for (i, line) in file.text.lines().enumerate() {
        match read_json_line(&file.path, i + 1, line) {
            Some(Ok(a)) => outcome.articles.push(a),
            Some(Err(e)) => outcome.problems.push(e),
            None => {}
        }
    }
    if outcome.articles.is_empty() && outcome.problems.is_empty() {
        outcome
            .problems
            .push(Error::input(&file.path, "no JSON lines"));
    }
    outcome
}

/// Line `number` (1-based) of the JSON Lines file `path`: `None` for a blank line. Lets
/// large files be read a block of lines at a time.
pub(crate) fn read_json_line(path: &str, number: usize, line: &str) -> Option<Result<RawArticle>> {
    let line = line.trim().trim_start_matches('\u{feff}');
    if line.is_empty() {
        return None;
    }
    let locator = format!("L{number}");
    let result = match serde_json::from_str::<Value>(line) {
        Ok(Value::Object(map)) => from_object(&map, path, Some(locator.clone()), Format::JsonLines),
        Ok(_) => Err("line is not a JSON object".to_string()),
        Err(e) => Err(format!("invalid JSON: {e}")),
    };
    Some(result.map_err(|m| Error::input(format!("{path}#{locator}"), m)))
}

fn from_object(
    map: &Map<String, Value>,
    path: &str,
    locator: Option<String>,
    format: Format,
) -> std::result::Result<RawArticle, String> {
    let meta = RawMeta::from_map(map);
    let content = body_of(map);
    if content.is_none() && meta.title.is_none() {
        return Err(format!(
            "not an article: no text under any of the keys {}",
            BODY_KEYS
                .iter()
                .chain(HTML_KEYS)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Ok(RawArticle {
        path: path.to_string(),
        locator,
        format,
        content: content.unwrap_or(Content::Text(String::new())),
        meta,
    })
}

fn body_of(map: &Map<String, Value>) -> Option<Content> {
    for key in BODY_KEYS {
        let text = match map.get(*key) {
            Some(Value::String(s)) => s.clone(),
            // Some crawlers store paragraphs as an array of strings.
            Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n\n"),
            _ => continue,
        };
        if text.trim().is_empty() {
            continue;
        }
        return Some(if looks_like_html(&text) {
            Content::Html(text)
        } else {
            Content::Text(text)
        });
    }
    HTML_KEYS
        .iter()
        .filter_map(|k| map.get(*k)?.as_str())
        .find(|s| !s.trim().is_empty())
        .map(|s| Content::Html(s.to_string()))
}

/// Text that starts with a tag and closes some: crawlers that store the page's HTML as "content".
fn looks_like_html(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with('<') && (t.contains("</p>") || t.contains("</div>") || t.contains("<br"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(name: &str, format: Format, text: &str) -> SourceFile {
        SourceFile::from_text(name, format, text)
    }

    #[test]
    fn single_object_and_array() {
        let one = read_json(&src(
            "a.json",
            Format::Json,
            r#"{"title":"T","text":"Body"}"#,
        ))
        .unwrap();
        assert_eq!(one.articles.len(), 1);
        assert_eq!(one.articles[0].locator, None);
        let many = read_json(&src(
            "b.json",
            Format::Json,
            r#"[{"title":"A","body":"x"}, 3, {"headline":"C","content":"<p>y</p>"}]"#,
        ))
        .unwrap();
        assert_eq!(many.articles.len(), 2);
        assert_eq!(many.articles[1].locator.as_deref(), Some("3"));
        assert_eq!(many.articles[1].content, Content::Html("<p>y</p>".into()));
        assert_eq!(many.problems.len(), 1);
        assert!(many.problems[0].to_string().starts_with("b.json#2: "));
    }

    #[test]
    fn malformed_json_names_the_file() {
        let err = read_json(&src("bad.json", Format::Json, r#"{"title": "cut off"#)).unwrap_err();
        assert!(
            err.to_string().starts_with("bad.json: invalid JSON"),
            "{err}"
        );
    }

    #[test]
    fn one_broken_line_does_not_lose_the_others() {
        let text =
            "{\"id\":\"1\",\"body\":\"one\"}\n{broken\n\n{\"id\":\"3\",\"body\":\"three\"}\n";
        let out = read_json_lines(&src("f.jsonl", Format::JsonLines, text));
        assert_eq!(out.articles.len(), 2);
        assert_eq!(out.articles[1].locator.as_deref(), Some("L4"));
        assert_eq!(out.problems.len(), 1);
        assert!(
            out.problems[0]
                .to_string()
                .starts_with("f.jsonl#L2: invalid JSON")
        );
    }

    #[test]
    fn object_without_text_is_not_an_article() {
        let err = read_json(&src(
            "m.json",
            Format::Json,
            r#"{"version": 3, "segments": []}"#,
        ))
        .unwrap_err();
        assert!(err.to_string().contains("not an article"), "{err}");
    }

    #[test]
    fn paragraphs_array() {
        let out = read_json(&src(
            "p.json",
            Format::Json,
            r#"{"title":"T","body":["One.","Two."]}"#,
        ))
        .unwrap();
        assert_eq!(
            out.articles[0].content,
            Content::Text("One.\n\nTwo.".into())
        );
    }
}
