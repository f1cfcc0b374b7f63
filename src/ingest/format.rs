//! Which input formats newsdex reads, told by file name.

use std::path::Path;

use serde::Serialize;

/// An input format, told by the file's extension (before any `.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `.txt`: plain text with an optional `Key: value` header block.
    Text,
    /// `.md`, `.markdown`: Markdown with optional YAML (`---`) or TOML (`+++`) front matter.
    Markdown,
    /// `.html`, `.htm`, `.xhtml`: a saved web page.
    Html,
    /// `.json`: one article object, or an array of them.
    Json,
    /// `.jsonl`, `.ndjson`: one article object per line.
    JsonLines,
}

impl Format {
    /// The format of a file and whether it is gzipped, from its name; `None` for other files.
    ///
    /// # Example
    /// ```
    /// use newsdex::ingest::Format;
    /// assert_eq!(Format::from_path("a/b.jsonl.gz".as_ref()), Some((Format::JsonLines, true)));
    /// assert_eq!(Format::from_path("a/site.css".as_ref()), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<(Format, bool)> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let (name, gzipped) = match name.strip_suffix(".gz") {
            Some(stem) => (stem.to_string(), true),
            None => (name, false),
        };
        let ext = name.rsplit_once('.')?.1;
        let format = match ext {
            "txt" | "text" => Format::Text,
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "json" => Format::Json,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => return None,
        };
        Some((format, gzipped))
    }

    /// The lowercase name used in output.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Json => "json",
            Format::JsonLines => "jsonl",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        let cases = [
            ("a.txt", Some((Format::Text, false))),
            ("A.TXT.GZ", Some((Format::Text, true))),
            ("x.md", Some((Format::Markdown, false))),
            ("page.htm", Some((Format::Html, false))),
            ("page.html.gz", Some((Format::Html, true))),
            ("feed.ndjson", Some((Format::JsonLines, false))),
            ("dump.json", Some((Format::Json, false))),
            ("noext", None),
            ("archive.gz", None),
            ("style.css", None),
        ];
        for (name, want) in cases {
            assert_eq!(Format::from_path(Path::new(name)), want, "{name}");
        }
    }
}
