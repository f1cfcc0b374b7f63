//! Pages whose article is rendered by script: the text is only in the JSON-LD — an
//! `articleBody`, or a how-to's or recipe's description, ingredients and steps. Used when
//! the markup yields next to nothing.

use dom_query::Document;
use serde_json::Value;

/// Below this many characters the markup's text is considered missing.
pub(super) const SHORT: usize = 200;

/// The longest text that one of the page's JSON-LD objects holds.
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
                    let text = object_text(map);
                    if best.as_ref().is_none_or(|b| text.len() > b.len()) {
                        best = Some(text);
                    }
                    stack.extend(map.values().filter(|v| v.is_object() || v.is_array()));
                }
                _ => {}
            }
        }
    }
    best.map(|b| paragraphs(&b)).filter(|b| !b.is_empty())
}

/// The readable text of one object: its body, or its description with ingredients and
/// steps (how-tos, recipes).
fn object_text(map: &serde_json::Map<String, Value>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let body = ["articleBody", "text"]
        .iter()
        .find_map(|k| map.get(*k).and_then(Value::as_str))
        .unwrap_or("");
    let structured = [
        "recipeIngredient",
        "recipeInstructions",
        "step",
        "supply",
        "tool",
    ]
    .iter()
    .any(|k| map.contains_key(*k));
    if structured
        && let Some(desc) = map.get("description").and_then(Value::as_str)
        && !body.starts_with(desc.trim())
    {
        parts.push(desc.to_string());
    }
    if !body.is_empty() {
        parts.push(body.to_string());
    }
    for key in [
        "recipeIngredient",
        "supply",
        "tool",
        "recipeInstructions",
        "step",
    ] {
        if let Some(v) = map.get(key) {
            collect_steps(v, &mut parts, 0);
        }
    }
    parts.join("\n\n")
}

/// Strings, `{"text": …}` steps and `{"itemListElement": […]}` sections, in order.
fn collect_steps(v: &Value, out: &mut Vec<String>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => {
            for item in items {
                collect_steps(item, out, depth + 1);
            }
        }
        Value::Object(map) => {
            if let Some(name) = map.get("name").and_then(Value::as_str)
                && map.contains_key("itemListElement")
            {
                out.push(name.to_string());
            }
            if let Some(text) = map.get("text").and_then(Value::as_str) {
                out.push(text.to_string());
            }
            if let Some(items) = map.get("itemListElement") {
                collect_steps(items, out, depth + 1);
            }
        }
        _ => {}
    }
}

/// JSON-LD bodies are plain text, sometimes with HTML tags or entities left in.
fn paragraphs(body: &str) -> String {
    if body.contains('<') && body.contains('>') || body.contains('&') {
        let doc = Document::from(format!("<body>{}</body>", body.replace('\n', "<br>")).as_str());
        let mut text = String::new();
        for node in doc
            .select("body")
            .nodes()
            .iter()
            .flat_map(|n| n.descendants_it())
        {
            if node.is_text() {
                text.push_str(&node.text());
            } else if node.has_name("br") || node.has_name("p") || node.has_name("li") {
                text.push('\n');
            }
        }
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
    fn how_to_steps_with_their_description() {
        let doc = Document::from(
            r#"<script type="application/ld+json">{"@type":"HowTo","name":"A round tablecloth",
            "description":"<p>Any round table looks better with a cloth.</p>",
            "step":[{"@type":"HowToStep","text":"Measure the table."},
                    {"@type":"HowToSection","name":"Sewing","itemListElement":[{"@type":"HowToStep","text":"Hem the edge."}]}]}</script>"#,
        );
        assert_eq!(
            json_ld_body(&doc).as_deref(),
            Some(
                "Any round table looks better with a cloth.\n\nMeasure the table.\n\nSewing\n\nHem the edge."
            )
        );
    }

    #[test]
    fn broken_json_is_ignored() {
        let doc = Document::from(r#"<script type="application/ld+json">{"articleBody": </script>"#);
        assert_eq!(json_ld_body(&doc), None);
    }
}
