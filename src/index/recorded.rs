//! The schema version an index folder records, read without trusting the rest of the file.

/// The `version` of a recorded schema, read leniently (the rest may be of another era).
///
/// Every search opens the index, and the recorded schema differs from the one opening it
/// whenever only its comments or docs changed since the build: parsing all of its TOML
/// then took ~0.1 ms of a whole-process search. Schemas written by newsdex state
/// `version = N` as their first setting, which settles it; any other layout is parsed.
pub(super) fn version(text: &str) -> Option<u32> {
    leading_version(text).or_else(|| {
        let value: toml::Table = text.parse().ok()?;
        value.get("version")?.as_integer()?.try_into().ok()
    })
}

/// `N` when the first line that is neither blank nor a comment is `version = N` (plain
/// decimal digits, optionally a comment after): a top-level key, since no table, array or
/// string can have opened before it.
fn leading_version(text: &str) -> Option<u32> {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))?;
    let value = line
        .strip_prefix("version")?
        .trim_start()
        .strip_prefix('=')?;
    let value = match value.split_once('#') {
        Some((before, _)) => before,
        None => value,
    }
    .trim();
    // TOML integers have no leading zeros: leave `05` to the parser (which refuses it).
    if value.is_empty()
        || !value.bytes().all(|b| b.is_ascii_digit())
        || value.starts_with("0") && value.len() > 1
    {
        return None;
    }
    value.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Option<u32> {
        let value: toml::Table = text.parse().ok()?;
        value.get("version")?.as_integer()?.try_into().ok()
    }

    /// The shortcut reads the embedded schema's version, and agrees with a full parse on every
    /// layout it accepts; the layouts it declines are still read by the parse.
    #[test]
    fn leading_version_agrees_with_the_toml_parse() {
        let embedded = crate::NewsSchema::default();
        assert_eq!(leading_version(embedded.source()), Some(embedded.version()));
        let accepted = [
            "version = 5\n[search]\n",
            "# a schema\n\n  version=12   # bumped\n[a]\nx = 1\n",
            "version = 0\n",
        ];
        for text in accepted {
            assert!(leading_version(text).is_some(), "{text:?}");
            assert_eq!(leading_version(text), parsed(text), "{text:?}");
        }
        let declined = [
            "name = \"x\"\nversion = 7\n",
            "versions = 3\nversion = 4\n",
            "version = \"5\"\n",
            "version = 5_0\n",
            "version = -1\n",
            "version = 05\n",
            "[search]\nversion = 5\n",
            "",
        ];
        for text in declined {
            assert_eq!(leading_version(text), None, "{text:?}");
            assert_eq!(version(text), parsed(text), "{text:?}");
        }
        assert_eq!(version("name = \"x\"\nversion = 7\n"), Some(7));
    }
}
