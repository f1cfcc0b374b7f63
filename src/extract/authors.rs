//! Bylines to names: "By Anna Kovalenko, Staff Reporter" → "Anna Kovalenko".

use std::sync::LazyLock;

use regex::Regex;

static PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(?:written\s+by|reported\s+by|posted\s+by|by|von|par|por|di|автор:?|от)\s+",
    )
    .expect("valid regex")
});
static NOISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(e-?mail|follow|twitter|updated|published|subscribe|the author|contact)")
        .expect("valid regex")
});
/// Job titles that follow a name after a comma or dash.
static ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(staff|senior|chief|special|foreign|political|business|our|the|a)?\s*(reporter|writer|correspondent|editor|journalist|columnist|contributor|staff|bureau|desk|news|agency|redakteur|korrespondent)").expect("valid regex")
});

/// Cleans bylines into names: strips "By", roles after a comma, e-mail and link noise, and
/// duplicates (case-insensitive), keeping the order.
///
/// # Example
/// ```
/// use newsdex::extract::authors::clean;
/// let names = clean(&["By Anna Kovalenko, Staff Reporter".into(), "Email the author".into(), "anna kovalenko".into()]);
/// assert_eq!(names, ["Anna Kovalenko"]);
/// ```
pub fn clean(raw: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for entry in raw {
        let Some(name) = clean_one(entry) else {
            continue;
        };
        if !out
            .iter()
            .any(|n| n.eq_ignore_ascii_case(&name) || n.to_lowercase() == name.to_lowercase())
        {
            out.push(name);
        }
    }
    out
}

fn clean_one(raw: &str) -> Option<String> {
    let s = super::text::clean_line(raw);
    if s.contains("://") || s.contains('@') || s.starts_with("www.") {
        return None;
    }
    let s = PREFIX.replace(&s, "");
    // "Name, Staff Reporter" / "Name - Correspondent" / "Name | Outlet"
    let mut name = s.as_ref();
    for sep in [",", " - ", " – ", " | ", " — "] {
        if let Some((head, tail)) = name.split_once(sep)
            && (ROLE.is_match(tail.trim()) || sep == " | ")
        {
            name = head;
        }
    }
    let name = name
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')');
    let words = name.split_whitespace().count();
    if name.is_empty()
        || words > 6
        || NOISE.is_match(name)
        || !name.chars().any(char::is_alphabetic)
    {
        return None;
    }
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        let cases = [
            ("By Anna Kovalenko", Some("Anna Kovalenko")),
            ("by ANNA KOVALENKO", Some("ANNA KOVALENKO")),
            ("Anna Kovalenko, Staff Reporter", Some("Anna Kovalenko")),
            ("Von Jana Weber", Some("Jana Weber")),
            ("Email the author", None),
            ("https://x.example/authors/anna", None),
            ("Follow @anna on Twitter", None),
            ("Ivan Petrov | Novaya Vest", Some("Ivan Petrov")),
            ("", None),
        ];
        for (input, want) in cases {
            assert_eq!(clean_one(input).as_deref(), want, "{input}");
        }
    }
}
