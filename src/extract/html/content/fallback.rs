//! Pages whose article is rendered by script: the text is only in the JSON-LD
//! `articleBody`. Used when the markup yields next to nothing.

use dom_query::Document;
use serde_json::Value;

/// Below this many characters the markup's text is considered missing.
pub(super) const SHORT: usize = 200;

/// The longest `articleBody` (or `text`) of the page's JSON-LD objects.
pub(super) fn json_ld_body(doc: &Document) -> Option<String> {
    let mut best: Option<String> = None;
    for script in doc.select("script[type='application/ld+json']").iter() {
        let text = script.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut stack = vec![&value];
        let mut steps = 0;
        while let Some(v) = stack.pop() {
            steps += 1;
            if steps > 10_000 {
                break;
            }
            match v {
                Value::Array(items) => stack.extend(items.iter()),
                Value::Object(map) => {
                    for key in ["articleBody", "text"] {
                        if let Some(Value::String(body)) = map.get(key)
                            && best.as_ref().is_none_or(|b| body.len() > b.len())
                        {
                            best = Some(body.clone());
                        }
                    }
                    stack.extend(map.values().filter(|v| v.is_object() || v.is_array()));
                }
                _ => {}
            }
        }
    }
    best.map(|b| paragraphs(&b)).filter(|b| !b.is_empty())
}

/// JSON-LD bodies are plain text, sometimes with HTML tags or entities left in.
fn paragraphs(body: &str) -> String {
    if body.contains('<') && body.contains('>') {
        let doc = Document::from(body);
        let text = doc.select("body").text();
        return crate::extract::text::normalise(&text);
    }
    crate::extract::text::normalise(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_article_body_in_a_graph() {
        let doc = Document::from(
            r#"<html><head><script type="application/ld+json">{"@graph":[{"@type":"WebPage"},
            {"@type":"NewsArticle","articleBody":"The port strike ended.\nDock workers return on Monday."}]}</script>
            </head><body><div id="app"></div></body></html>"#,
        );
        assert_eq!(
            json_ld_body(&doc).as_deref(),
            Some("The port strike ended.\nDock workers return on Monday.")
        );
    }

    #[test]
    fn broken_json_is_ignored() {
        let doc = Document::from(r#"<script type="application/ld+json">{"articleBody": </script>"#);
        assert_eq!(json_ld_body(&doc), None);
    }
}
