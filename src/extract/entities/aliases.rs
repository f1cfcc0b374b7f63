//! The alias table: canonical names with their type and their other names (abbreviations,
//! spellings, transliterations, other languages), kept as data in
//! [`index-schema/aliases.tsv`](../../../index-schema/aliases.tsv) and extendable with files
//! of the same form.
//!
//! ```text
//! # canonical <TAB> type <TAB> aliases, separated by |
//! Kyiv<TAB>place<TAB>Kiev|Kiew|Київ|Киев
//! ```
//!
//! Names are compared by a key that ignores case, dots and a leading "the" ("U.S." = "US" =
//! "us"; "The Washington Post" = "Washington Post"); Cyrillic words also by their stem, so the
//! inflected "Киева" and "Москвы" find "Киев" and "Москва". A later entry for a name replaces
//! an earlier one, so a user's file can rename or retype a shipped entity.

use std::cell::RefCell;
use std::collections::HashSet;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::ingest::{Fnv1a, FnvMap};
use crate::{EntityKind, Error, Result};

/// Looked up for every capitalised word of every article: FNV hashes a short key several
/// times faster than the default SipHash, and nothing here comes from an adversary that
/// could aim at collisions.
type FnvSet<K> = HashSet<K, BuildHasherDefault<Fnv1a>>;

/// The table shipped with newsdex.
pub const SHIPPED_ALIASES: &str = include_str!("../../../index-schema/aliases.tsv");

/// One entity of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasEntry {
    /// The canonical name.
    pub name: String,
    /// Its type.
    pub kind: EntityKind,
    /// Its other names.
    pub aliases: Vec<String>,
}

/// Canonical names by key, with their type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AliasTable {
    entries: Vec<AliasEntry>,
    by_key: FnvMap<String, usize>,
    by_stem: FnvMap<String, usize>,
    /// Keys written in capitals in the table ("US"): in running text they match only in
    /// capitals, so the pronoun "us" is no country.
    caps_only: FnvSet<String>,
    /// The text of the tables added to the shipped one (what an index records).
    added: String,
    /// First words of every name (keys and stems), each with the most words of a name it
    /// begins: a quick no for most words of a text, and a short span to try for the rest.
    first_words: FnvMap<String, usize>,
}

/// The comparison key of a name: lowercase, no dots, no leading "the", single spaces.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    key_into(name, &mut out);
    out
}

/// [`key`] written into `out` (cleared first): one pass, and no allocation once `out` is
/// large enough, as this runs for every capitalised word of every article.
fn key_into(name: &str, out: &mut String) {
    out.clear();
    let mut space = false;
    for c in name.chars() {
        if c == '.' {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if c == '’' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    if out.len() > 4 && out.starts_with("the ") {
        out.drain(..4);
    }
}

/// Calls `f` with the [`key`] of `name`, built in a buffer kept per thread.
fn with_key<T>(name: &str, f: impl FnOnce(&str) -> T) -> T {
    thread_local! {
        static BUF: RefCell<String> = const { RefCell::new(String::new()) };
    }
    BUF.with(|b| match b.try_borrow_mut() {
        Ok(mut buf) => {
            key_into(name, &mut buf);
            f(&buf)
        }
        // Only if `f` looked a key up itself.
        Err(_) => f(&key(name)),
    })
}

const RU_ENDINGS: &[&str] = &[
    "иями", "ями", "ами", "ием", "ией", "ого", "его", "ому", "ему", "ыми", "ими", "ой", "ей", "ом",
    "ем", "ым", "им", "ых", "их", "ах", "ях", "ам", "ям", "ию", "ия", "ии", "ью", "ый", "ий", "ая",
    "яя", "ое", "ые", "ие", "ую", "а", "я", "у", "ю", "е", "ы", "и", "о", "ь", "й",
];

/// Ukrainian case endings, tried on words with a letter only Ukrainian has (і, ї, є, ґ).
const UK_ENDINGS: &[&str] = &[
    "ами", "ями", "ого", "ому", "ими", "ою", "ею", "єю", "ої", "ій", "ий", "ом", "ем", "ах", "ях",
    "ам", "ям", "им", "их", "а", "я", "у", "ю", "і", "ї", "е", "є", "о", "и", "ь", "й",
];

/// The stem of one Ukrainian word. A final -ів/-їв alternates with -ов-/-єв- in the other
/// cases ("Київ" – "Києва" – "Києві", "Харків" – "Харкові"), so it is written that way first.
fn uk_stem(w: &str) -> String {
    let w = if let Some(s) = w.strip_suffix("їв") {
        format!("{s}єв")
    } else if let Some(s) = w.strip_suffix("ів") {
        format!("{s}ов")
    } else {
        w.to_string()
    };
    for e in UK_ENDINGS {
        if let Some(s) = w.strip_suffix(e)
            && s.chars().count() >= 3
        {
            return s.to_string();
        }
    }
    w
}

fn is_cyrillic(c: char) -> bool {
    ('а'..='я').contains(&c) || matches!(c, 'ё' | 'і' | 'ї' | 'є' | 'ґ')
}

/// The stem of a Cyrillic word: the key without a case ending (at least three letters stay).
pub fn stem(word: &str) -> String {
    stem_key(key(word))
}

/// [`stem`] of an already computed [`key`].
fn stem_key(k: String) -> String {
    if !k.chars().any(is_cyrillic) {
        return k;
    }
    k.split(' ')
        .map(|w| {
            if w.contains(['і', 'ї', 'є', 'ґ']) {
                return uk_stem(w);
            }
            for e in RU_ENDINGS {
                if let Some(s) = w.strip_suffix(e)
                    && s.chars().count() >= 3
                {
                    return s.to_string();
                }
            }
            w.to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl AliasTable {
    /// The shipped table, parsed once.
    pub fn shipped() -> &'static AliasTable {
        static TABLE: OnceLock<AliasTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            // Part of the crate and checked by a test: a failure is a broken build.
            AliasTable::parse(SHIPPED_ALIASES, "index-schema/aliases.tsv")
                .expect("the shipped alias table is well-formed")
        })
    }

    /// The shipped table extended with `extra` (the text of a user's alias file).
    ///
    /// # Errors
    /// [`Error::Input`] naming the line of `extra` that is not `name<TAB>type<TAB>aliases`.
    pub fn shipped_with(extra: &str, origin: &str) -> Result<AliasTable> {
        let mut t = AliasTable::shipped().clone();
        t.extend(extra, origin)?;
        t.added.push_str(extra);
        if !t.added.ends_with('\n') {
            t.added.push('\n');
        }
        Ok(t)
    }

    /// Parses a table.
    ///
    /// # Errors
    /// As [`AliasTable::shipped_with`].
    pub fn parse(text: &str, origin: &str) -> Result<AliasTable> {
        let mut t = AliasTable::default();
        t.extend(text, origin)?;
        Ok(t)
    }

    /// Adds the entries of `text`; a name already known is given to the new entry.
    ///
    /// # Errors
    /// As [`AliasTable::shipped_with`].
    pub fn extend(&mut self, text: &str, origin: &str) -> Result<()> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let bad = |why: &str| Error::input(origin, format!("line {}: {why}", n + 1));
            let mut cols = line.split('\t');
            let name = cols.next().map(str::trim).unwrap_or("");
            let kind = cols.next().map(str::trim).unwrap_or("");
            let aliases = cols.next().unwrap_or("");
            if name.is_empty() {
                return Err(bad("no name (expected name<TAB>type<TAB>alias|alias…)"));
            }
            let kind = EntityKind::parse(kind).ok_or_else(|| {
                bad("type must be person, organization, place or other (columns are separated by tabs)")
            })?;
            let entry = AliasEntry {
                name: name.to_string(),
                kind,
                aliases: aliases
                    .split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(String::from)
                    .collect(),
            };
            self.insert(entry);
        }
        Ok(())
    }

    fn insert(&mut self, entry: AliasEntry) {
        // A second entry for a canonical name adds to the first.
        let same = self
            .by_key
            .get(&key(&entry.name))
            .copied()
            .filter(|&j| key(&self.entries[j].name) == key(&entry.name));
        let i = same.unwrap_or(self.entries.len());
        match same {
            Some(j) => {
                let e = &mut self.entries[j];
                e.kind = entry.kind;
                e.aliases.extend(entry.aliases.iter().cloned());
            }
            None => self.entries.push(entry.clone()),
        }
        for n in std::iter::once(&entry.name).chain(&entry.aliases) {
            let k = key(n);
            if k.is_empty() {
                continue;
            }
            let letters: Vec<char> = n.chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase()) {
                self.caps_only.insert(k.clone());
            } else {
                self.caps_only.remove(&k);
            }
            let words = k.split(' ').count();
            for form in [&k, &stem(n)] {
                if let Some(w) = form.split(' ').next() {
                    // Texts are tokenised with a possessive apart ("Moody" + "'s"): the name
                    // "Moody's" begins at the word before it too.
                    let bare = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s"));
                    for w in std::iter::once(w).chain(bare) {
                        let most = self.first_words.entry(w.to_string()).or_insert(0);
                        *most = (*most).max(words);
                    }
                }
            }
            self.by_stem.insert(stem(n), i);
            self.by_key.insert(k, i);
        }
    }

    /// The entries, in file order.
    pub fn entries(&self) -> &[AliasEntry] {
        &self.entries
    }

    /// The entry a name belongs to: by key, then (Cyrillic) by stem.
    pub fn lookup(&self, name: &str) -> Option<&AliasEntry> {
        with_key(name, |k| self.lookup_key(k))
    }

    /// [`AliasTable::lookup`] by the name's [`key`].
    fn lookup_key(&self, k: &str) -> Option<&AliasEntry> {
        let i = match self.by_key.get(k) {
            Some(i) => i,
            // `stem_key` changes only Cyrillic keys.
            None if k.chars().any(is_cyrillic) => self.by_stem.get(&stem_key(k.to_string()))?,
            // Any other key is its own stem, filed under the same entry in both maps.
            None => return None,
        };
        self.entries.get(*i)
    }

    /// The entry `surface` names when found as written in running text: like
    /// [`AliasTable::lookup`], but a name the table writes in capitals ("US") must be in
    /// capitals, and the surface must start with a capital letter or digit.
    pub fn lookup_in_text(&self, surface: &str) -> Option<&AliasEntry> {
        let first = surface.chars().next()?;
        if !(first.is_uppercase() || first.is_numeric()) {
            return None;
        }
        with_key(surface, |k| {
            if self.caps_only.contains(k) && surface.chars().any(char::is_lowercase) {
                return None;
            }
            self.lookup_key(k)
        })
    }

    /// The text of the tables added to the shipped one with [`AliasTable::shipped_with`].
    pub fn added(&self) -> &str {
        &self.added
    }

    /// The most words of a name that may start with `word` (as written in a text); `None`
    /// when none may, which rules out every lookup of names beginning there.
    pub fn words_from(&self, word: &str) -> Option<usize> {
        if word.len() <= 32 && word.bytes().all(|b| b.is_ascii_alphabetic()) {
            // Most words: lowercased on the stack (an ASCII word has no stem of its own).
            let mut buf = [0u8; 32];
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            return std::str::from_utf8(b)
                .ok()
                .and_then(|k| self.first_words.get(k).copied());
        }
        let mut k = word.to_lowercase();
        if k.contains(['.', '’']) {
            k = key(word);
        }
        let by_key = self.first_words.get(&k).copied();
        let by_stem = if k.chars().any(is_cyrillic) {
            self.first_words.get(&stem(word)).copied()
        } else {
            None
        };
        by_key.max(by_stem)
    }

    /// Every name (canonical and aliases, lowercase) the entity named `name` goes by; just
    /// `name` lowercased when the table does not know it.
    pub fn names_for(&self, name: &str) -> Vec<String> {
        match self.lookup(name) {
            Some(e) => {
                let mut v: Vec<String> = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| n.to_lowercase())
                    .collect();
                v.push(name.to_lowercase());
                v.sort();
                v.dedup();
                v
            }
            None => vec![name.to_lowercase()],
        }
    }

    /// A short fingerprint of the table's content, recorded in the index.
    pub fn fingerprint(&self) -> String {
        use std::hash::Hasher;
        let mut h = crate::ingest::Fnv1a::default();
        for e in &self.entries {
            for s in std::iter::once(e.name.as_str())
                .chain(std::iter::once(e.kind.as_str()))
                .chain(e.aliases.iter().map(String::as_str))
            {
                h.write(s.as_bytes());
                h.write_u8(0xff);
            }
        }
        format!("{:016x}", h.finish())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_ignore_case_dots_and_the() {
        assert_eq!(key("U.S."), "us");
        assert_eq!(key("The  Washington Post"), "washington post");
        assert_eq!(key("the"), "the");
    }

    #[test]
    fn russian_stems() {
        assert_eq!(stem("Москвы"), stem("Москва"));
        assert_eq!(stem("Киева"), stem("Киев"));
        assert_eq!(stem("России"), stem("Россия"));
        assert_eq!(stem("Россией"), stem("Россия"));
        assert_eq!(stem("США"), "сша");
        assert_eq!(stem("Дмитрием"), stem("Дмитрий"));
    }

    #[test]
    fn ukrainian_stems() {
        for (a, b) in [
            ("Київ", "Києві"),
            ("Київ", "Києва"),
            ("Харків", "Харкові"),
            ("Харків", "Харкова"),
            ("Львів", "Львові"),
            ("Одеса", "Одесі"),
            ("Дніпро", "Дніпрі"),
            ("Україна", "України"),
            ("Україна", "Україною"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        let t = AliasTable::shipped();
        assert_eq!(
            t.lookup_in_text("Києві").map(|e| e.name.as_str()),
            Some("Kyiv")
        );
    }

    #[test]
    fn shipped_table_links_the_issue_examples() {
        let t = AliasTable::shipped();
        for (surface, name) in [
            ("Kiev", "Kyiv"),
            ("Kiew", "Kyiv"),
            ("Київ", "Kyiv"),
            ("Киева", "Kyiv"),
            ("EU", "European Union"),
            ("UK", "United Kingdom"),
            ("Britain", "United Kingdom"),
            ("U.S.", "United States"),
            ("US", "United States"),
            ("United States", "United States"),
            ("Washington Post", "The Washington Post"),
        ] {
            assert_eq!(
                t.lookup(surface).map(|e| e.name.as_str()),
                Some(name),
                "{surface}"
            );
        }
        assert!(t.lookup_in_text("us").is_none());
        assert!(t.lookup_in_text("Us").is_none());
        assert_eq!(t.lookup_in_text("US").unwrap().name, "United States");
    }

    /// Places a war's reporting spells three ways, and names the tagger mistypes.
    #[test]
    fn shipped_table_spells_and_types_news_names() {
        let t = AliasTable::shipped();
        for (surface, name, kind) in [
            ("Zhitomir", "Zhytomyr", EntityKind::Place),
            ("Черкассы", "Cherkasy", EntityKind::Place),
            ("Artyomovsk", "Bakhmut", EntityKind::Place),
            ("Severodonetsk", "Sievierodonetsk", EntityKind::Place),
            ("Ukrenergo", "Ukrenergo", EntityKind::Organization),
            ("Telegram", "Telegram", EntityKind::Organization),
            // The sign-off of wire copy, in capitals too: the agency, not a person.
            ("Reuter", "Reuters", EntityKind::Organization),
            ("REUTER", "Reuters", EntityKind::Organization),
        ] {
            let e = t.lookup(surface);
            assert_eq!(
                e.map(|e| (e.name.as_str(), e.kind)),
                Some((name, kind)),
                "{surface}"
            );
        }
        // A surname as well as a city: left to the tagger.
        assert!(t.lookup("Хмельницкий").is_none());
    }

    #[test]
    fn user_entries_extend_and_override() {
        let t = AliasTable::shipped_with(
            "# mine\nKyiv\tplace\tKyjiw\nAcme Corp\torganization\tAcme|ACME Corporation\n",
            "mine.tsv",
        )
        .unwrap();
        assert_eq!(t.lookup("Kyjiw").unwrap().name, "Kyiv");
        assert_eq!(t.lookup("acme").unwrap().kind, EntityKind::Organization);
        assert!(t.names_for("Kiev").contains(&"kyiv".to_string()));
        let err = AliasTable::shipped_with("Acme  organization  Acme", "x.tsv").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
        assert_ne!(t.fingerprint(), AliasTable::shipped().fingerprint());
    }

    #[test]
    fn first_words_bound_the_span_to_try() {
        let t = AliasTable::parse(
            "United States\tplace\tU.S.|United States of America\nUnited Nations\torganization\tUN\n\
             Kyiv\tplace\tКиев\nThe Washington Post\torganization\t\n",
            "t.tsv",
        )
        .unwrap();
        // The longest name "United" begins has four words; "the" is not part of a key.
        assert_eq!(t.words_from("United"), Some(4));
        assert_eq!(t.words_from("UNITED"), Some(4));
        assert_eq!(t.words_from("U.S."), Some(1));
        assert_eq!(t.words_from("Washington"), Some(2));
        assert_eq!(t.words_from("The"), None);
        // An inflected Cyrillic word by its stem.
        assert_eq!(t.words_from("Киева"), Some(1));
        assert_eq!(t.words_from("Nations"), None);
        // Misses of Latin keys are answered by the key map alone.
        assert!(t.lookup("States").is_none());
        assert_eq!(
            t.lookup("united states of america").unwrap().name,
            "United States"
        );
    }
}
