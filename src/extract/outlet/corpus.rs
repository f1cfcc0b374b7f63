//! Outlet names a corpus teaches: an article that gives its outlet only as a domain
//! (`harbortimes.example`, a crawler's `source_domain`) or not at all (a bare text file named
//! `danube-herald-2021-08-06-….txt`) takes the name other articles of the corpus state for the
//! same outlet ("Harbor Times", "Danube Herald"). Names are compared by their letters and
//! digits alone, lowercased, without a leading "The": `harbortimes`, `danubeherald`.

use std::collections::HashMap;

/// The outlet names stated in a corpus, by key.
#[derive(Debug, Default, Clone)]
pub struct CorpusOutlets {
    /// Key → (name, articles stating it); the most stated spelling wins.
    by_key: HashMap<String, (String, usize)>,
}

/// The shortest key a file name may begin with: shorter names ("Time", "Star") begin too
/// many words.
const MIN_PREFIX_KEY: usize = 6;

impl CorpusOutlets {
    /// Counts `articles` articles stating the outlet `name`. Domains teach nothing.
    pub fn observe(&mut self, name: &str, articles: usize) {
        if is_domain(name) {
            return;
        }
        let k = key(name);
        if k.len() < 3 {
            return;
        }
        match self.by_key.get_mut(&k) {
            // Ties keep the name seen first, so the outcome does not depend on hash order.
            Some((best, n)) if *best == name => *n += articles,
            Some((best, n)) => {
                if articles > *n {
                    *best = name.to_string();
                    *n = articles;
                }
            }
            None => {
                self.by_key.insert(k, (name.to_string(), articles));
            }
        }
    }

    /// Whether no name was stated.
    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }

    /// The stated name for an article whose outlet is `outlet` and whose file is `path`: for a
    /// domain, the name whose key one of its labels is (`harbortimes.example`,
    /// `news.harbortimes.co.uk`); for no outlet, the name whose key a folder of the path is,
    /// or the longest one (of six letters or more) the file's name begins with. `None` when
    /// the outlet is a name already, or nothing matches.
    pub fn name_for(&self, outlet: Option<&str>, path: &str) -> Option<&str> {
        let name = match outlet {
            Some(o) if is_domain(o) => {
                // From the right, the outlet's own label comes before a subdomain that could
                // be another outlet's name ("news.bbc.co.uk").
                let labels: Vec<&str> = o.split('.').collect();
                labels[..labels.len() - 1]
                    .iter()
                    .rev()
                    .find_map(|l| self.by_key.get(&key(l)))
            }
            Some(_) => None,
            None => {
                // A record inside a file ("feed.jsonl#L3") is named by its file.
                let path = path.rsplit_once('#').map_or(path, |(file, _)| file);
                let mut parts: Vec<&str> = path.split(['/', '\\']).collect();
                let file = parts.pop().unwrap_or_default();
                let folder = parts.iter().rev().find_map(|p| self.by_key.get(&key(p)));
                folder.or_else(|| {
                    let stem = key(file.split('.').next().unwrap_or_default());
                    self.by_key
                        .iter()
                        .filter(|(k, _)| k.len() >= MIN_PREFIX_KEY && stem.starts_with(k.as_str()))
                        .max_by_key(|(k, _)| k.len())
                        .map(|(_, v)| v)
                })
            }
        };
        name.map(|(n, _)| n.as_str())
    }
}

/// Whether `outlet` is a domain rather than a name: no space, a dot, letters on both sides.
fn is_domain(outlet: &str) -> bool {
    super::host(outlet).is_some_and(|h| {
        h.split('.').all(|l| !l.is_empty())
            && h.rsplit('.')
                .next()
                .is_some_and(|tld| tld.chars().all(char::is_alphabetic))
    })
}

/// Letters and digits, lowercased, without a leading "The".
fn key(name: &str) -> String {
    let lower = name.to_lowercase();
    let name = lower.strip_prefix("the ").unwrap_or(&lower);
    name.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> CorpusOutlets {
        let mut c = CorpusOutlets::default();
        c.observe("Harbor Times", 5);
        c.observe("The Northern Dispatch", 3);
        c.observe("Danube Herald", 7);
        c.observe("Danube herald", 1);
        c.observe("harbortimes.example", 4);
        c.observe("Star", 2);
        c
    }

    #[test]
    fn domains_take_the_stated_name() {
        let c = corpus();
        assert_eq!(
            c.name_for(Some("harbortimes.example"), "x.json"),
            Some("Harbor Times")
        );
        assert_eq!(
            c.name_for(Some("www.harbortimes.co.uk"), ""),
            Some("Harbor Times")
        );
        assert_eq!(
            c.name_for(Some("northerndispatch.example"), ""),
            Some("The Northern Dispatch")
        );
        let mut news = corpus();
        news.observe("News", 9);
        news.observe("BBC", 2);
        assert_eq!(news.name_for(Some("news.bbc.co.uk"), ""), Some("BBC"));
        // A name stays; an unknown domain stays.
        assert_eq!(c.name_for(Some("Harbor Times"), ""), None);
        assert_eq!(c.name_for(Some("example.org"), ""), None);
    }

    #[test]
    fn articles_without_an_outlet_take_it_from_their_path() {
        let c = corpus();
        let name = |p| c.name_for(None, p);
        assert_eq!(
            name("txt/danube-herald-2021-08-06-evia-wildfire.txt"),
            Some("Danube Herald")
        );
        assert_eq!(
            name("corpus/northern-dispatch-2023-05-30-moscow.txt"),
            Some("The Northern Dispatch")
        );
        assert_eq!(
            name("feeds/harbor-times/batch.jsonl#L3"),
            Some("Harbor Times")
        );
        // Short names do not claim file names; unrelated files stay without an outlet.
        assert_eq!(name("starlight-over-the-bay.txt"), None);
        assert_eq!(name("txt/evia-wildfire.txt"), None);
    }

    #[test]
    fn the_most_stated_spelling_wins() {
        assert_eq!(
            corpus().name_for(Some("danubeherald.example"), ""),
            Some("Danube Herald")
        );
        assert!(CorpusOutlets::default().is_empty());
    }
}
