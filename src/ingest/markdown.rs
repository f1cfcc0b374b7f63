//! `.md`: YAML (`---`) or TOML (`+++`) front matter, then a Markdown body rendered to text.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

use super::meta::RawMeta;
use super::{Content, Format, RawArticle, SourceFile};
use crate::{Error, Result};

pub(super) fn read(file: &SourceFile) -> Result<RawArticle> {
    let text = file.text.trim_start_matches('\u{feff}');
    let (front, body) = split_front_matter(text);
    let mut meta = match front {
        Some(FrontMatter::Yaml(src)) => {
            RawMeta::from_map(&yaml_map(src).map_err(|m| Error::input(&file.path, m))?)
        }
        Some(FrontMatter::Toml(src)) => {
            RawMeta::from_map(&toml_map(src).map_err(|m| Error::input(&file.path, m))?)
        }
        None => RawMeta::default(),
    };
    let (heading, body) = to_text(body);
    if meta.title.is_none() {
        meta.title = heading;
    }
    Ok(RawArticle {
        path: file.path.clone(),
        locator: None,
        format: Format::Markdown,
        content: Content::Text(body),
        meta,
    })
}

enum FrontMatter<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

fn split_front_matter(text: &str) -> (Option<FrontMatter<'_>>, &str) {
    for (fence, yaml) in [("---", true), ("+++", false)] {
        let Some(rest) = text.strip_prefix(fence) else {
            continue;
        };
        let Some(rest) = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
        else {
            continue;
        };
        // The closing fence is a line of its own.
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                let front = &rest[..offset];
                let body = &rest[offset + line.len()..];
                let fm = if yaml {
                    FrontMatter::Yaml(front)
                } else {
                    FrontMatter::Toml(front)
                };
                return (Some(fm), body);
            }
            offset += line.len();
        }
    }
    (None, text)
}

fn yaml_map(src: &str) -> std::result::Result<Map<String, Value>, String> {
    let docs = YamlLoader::load_from_str(src)
        .map_err(|e| format!("front matter is not valid YAML: {e}"))?;
    match docs.into_iter().next().map(yaml_to_json) {
        Some(Value::Object(m)) => Ok(m),
        None | Some(Value::Null) => Ok(Map::new()),
        Some(_) => Err("front matter is not a mapping of keys to values".into()),
    }
}

fn yaml_to_json(y: Yaml) -> Value {
    match y {
        Yaml::Real(s) => s
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map_or(Value::String(s), Value::Number),
        Yaml::Integer(i) => Value::Number(i.into()),
        Yaml::String(s) => Value::String(s),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(a) => Value::Array(a.into_iter().map(yaml_to_json).collect()),
        Yaml::Hash(h) => Value::Object(
            h.into_iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) => s,
                        Yaml::Integer(i) => i.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(v)))
                })
                .collect(),
        ),
        _ => Value::Null,
    }
}

fn toml_map(src: &str) -> std::result::Result<Map<String, Value>, String> {
    let table: toml::Table = src
        .parse()
        .map_err(|e| format!("front matter is not valid TOML: {e}"))?;
    match toml_to_json(toml::Value::Table(table)) {
        Value::Object(m) => Ok(m),
        _ => Ok(Map::new()),
    }
}

fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        toml::Value::Boolean(b) => Value::Bool(b),
        // TOML dates are written back in their RFC 3339 form.
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// Renders Markdown to plain text (paragraphs separated by blank lines) and returns the
/// first level-1 heading, when the document starts with one, apart from the text.
fn to_text(md: &str) -> (Option<String>, String) {
    let mut out = String::with_capacity(md.len());
    let mut heading: Option<String> = None;
    let mut in_first_h1 = false;
    let mut seen_block = false;
    for event in Parser::new(md) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                if level == pulldown_cmark::HeadingLevel::H1 && !seen_block && heading.is_none() {
                    in_first_h1 = true;
                    heading = Some(String::new());
                }
                seen_block = true;
            }
            Event::Start(Tag::Paragraph | Tag::Item | Tag::CodeBlock(_) | Tag::BlockQuote(_)) => {
                seen_block = true
            }
            Event::End(TagEnd::Heading(_)) if in_first_h1 => in_first_h1 = false,
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::BlockQuote(_),
            ) => out.push_str("\n\n"),
            Event::Text(t) | Event::Code(t) => {
                if in_first_h1 {
                    heading.get_or_insert_with(String::new).push_str(&t);
                } else {
                    out.push_str(&t);
                }
            }
            Event::SoftBreak => out.push(if in_first_h1 { ' ' } else { '\n' }),
            Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    (
        heading
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty()),
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_md(t: &str) -> RawArticle {
        read(&SourceFile::from_text("a.md", Format::Markdown, t)).unwrap()
    }

    #[test]
    fn yaml_front_matter() {
        let a = read_md(
            "---\ntitle: \"Gas storage full\"\noutlet: Danube Herald\ndate: 2022-10-03\nauthors:\n  - Eva Bauer\n  - Jan Novak\n---\nStorage is *full*, see [the data](http://x).\n",
        );
        assert_eq!(a.meta.title.as_deref(), Some("Gas storage full"));
        assert_eq!(a.meta.published.as_deref(), Some("2022-10-03"));
        assert_eq!(a.meta.authors, ["Eva Bauer", "Jan Novak"]);
        assert_eq!(
            a.content,
            Content::Text("Storage is full, see the data.\n\n".into())
        );
    }

    #[test]
    fn toml_front_matter_with_native_date() {
        let a = read_md(
            "+++\ntitle = \"Rates rise\"\ndate = 2023-02-14\npublication = \"Capital Ledger\"\n+++\n\nBody.",
        );
        assert_eq!(a.meta.published.as_deref(), Some("2023-02-14"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Capital Ledger"));
    }

    #[test]
    fn heading_becomes_title_without_front_matter() {
        let a = read_md("# Port strike ends\n\nDockers return to work.\n\n## Why\n\nPay.");
        assert_eq!(a.meta.title.as_deref(), Some("Port strike ends"));
        assert_eq!(
            a.content,
            Content::Text("Dockers return to work.\n\nWhy\n\nPay.\n\n".into())
        );
    }

    #[test]
    fn broken_yaml_is_an_input_error() {
        let err = read(&SourceFile::from_text(
            "b.md",
            Format::Markdown,
            "---\ntitle: [unclosed\n---\nx",
        ))
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("b.md: front matter is not valid YAML"),
            "{err}"
        );
    }
}
