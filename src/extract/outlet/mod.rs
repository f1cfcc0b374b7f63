//! Outlet names: a stated name cleaned, a domain mapped to its outlet's name (table shipped
//! as data in `data/outlets.tsv`), a folder named after a known outlet.

mod corpus;

pub use self::corpus::CorpusOutlets;

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

const TABLE: &str = include_str!("../data/outlets.tsv");

struct Outlets {
    by_domain: HashMap<&'static str, &'static str>,
    by_slug: HashMap<String, &'static str>,
}

static OUTLETS: LazyLock<Outlets> = LazyLock::new(|| {
    let mut by_domain = HashMap::new();
    let mut by_slug = HashMap::new();
    for line in TABLE
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let Some((domain, name)) = line.split_once('\t') else {
            continue;
        };
        let (domain, name) = (domain.trim(), name.trim());
        by_domain.insert(domain, name);
        // Folder names match outlet names, not domains, and only distinctive ones: a folder
        // called "time" or "news" says nothing about the outlet.
        for variant in [name, name.trim_start_matches("The ")] {
            let s = slug(variant);
            if s.contains('-') || s.len() >= 6 {
                by_slug.entry(s).or_insert(name);
            }
        }
    }
    Outlets { by_domain, by_slug }
});

fn slug(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The host of a URL, lowercased, without `www.`.
pub(crate) fn host(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (host.contains('.') && !host.contains(' ')).then_some(host)
}

/// The outlet name for a host, trying parent domains too (`edition.cnn.com` → CNN).
pub(crate) fn name_for_host(host: &str) -> Option<&'static str> {
    let mut h = host;
    loop {
        if let Some(name) = OUTLETS.by_domain.get(h) {
            return Some(name);
        }
        h = h.split_once('.')?.1;
        if !h.contains('.') {
            return None;
        }
    }
}

/// Cleans a stated outlet: a bare domain becomes the outlet's name when known.
///
/// # Example
/// ```
/// use newsdex::extract::outlet::normalise;
/// assert_eq!(normalise("www.themoscowtimes.com"), "The Moscow Times");
/// assert_eq!(normalise("  Harbor   Times "), "Harbor Times");
/// assert_eq!(normalise("harbortimes.example"), "harbortimes.example");
/// ```
pub fn normalise(stated: &str) -> String {
    let clean = super::text::clean_line(stated);
    if !clean.contains(' ')
        && let Some(name) = host(&clean).and_then(|h| name_for_host(&h))
    {
        return name.to_string();
    }
    clean
}

/// An outlet named by a folder on the file's path (`…/the-moscow-times/2022/a.html`).
pub(crate) fn from_path(path: &str) -> Option<&'static str> {
    Path::new(path)
        .parent()?
        .components()
        .rev()
        .take(4)
        .find_map(|c| {
            OUTLETS
                .by_slug
                .get(&slug(&c.as_os_str().to_string_lossy()))
                .copied()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(
            host("https://www.reuters.com/world/x").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(host("edition.cnn.com").as_deref(), Some("edition.cnn.com"));
        assert_eq!(host("Harbor Times"), None);
        assert_eq!(name_for_host("edition.cnn.com"), Some("CNN"));
        assert_eq!(name_for_host("sport.example.org"), None);
    }

    #[test]
    fn folders() {
        assert_eq!(
            from_path("/data/the-moscow-times/2022/a.html"),
            Some("The Moscow Times")
        );
        assert_eq!(
            from_path("/data/moscow-times/a.html"),
            Some("The Moscow Times")
        );
        assert_eq!(from_path("/data/misc/a.html"), None);
    }
}
