//! Plain-text clean-up shared by every format: whitespace, paragraphs, titles.

/// Normalises whitespace: trims lines, collapses runs of spaces, keeps one blank line
/// between paragraphs, drops control characters.
///
/// # Example
/// ```
/// use newsdex::extract::text::normalise;
/// assert_eq!(normalise("  One  line\r\n\n\n\nTwo\u{0}"), "One line\n\nTwo");
/// ```
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = false;
    for line in text.lines() {
        let line = clean_line(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        blank = false;
        out.push_str(&line);
    }
    out
}

/// One line: control characters dropped, whitespace runs collapsed, trimmed.
pub fn clean_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut space = false;
    for c in line.chars() {
        if c.is_whitespace() || c == '\u{a0}' {
            space = !out.is_empty();
        } else if !c.is_control() && c != '\u{feff}' && c != '\u{200b}' {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Removes the headline when the body opens by repeating it, together with the short
/// kicker lines before it ("World", a dateline label).
pub fn drop_leading_title(body: &str, title: &str) -> String {
    let mut offset = 0;
    for line in body.split_inclusive('\n').take(4) {
        offset += line.len();
        if same_words(line, title) {
            return body[offset..].trim_start().to_string();
        }
        if line.split_whitespace().count() > 6 {
            break;
        }
    }
    body.to_string()
}

/// Whether two texts have the same words (runs of letters and digits), ignoring case.
fn same_words(a: &str, b: &str) -> bool {
    let (mut a, mut b) = (word_runs(a), word_runs(b));
    let mut any = false;
    loop {
        match (a.next(), b.next()) {
            (None, None) => return any,
            (Some(x), Some(y)) if same_lowercase(x, y) => any = true,
            _ => return false,
        }
    }
}

/// The maximal runs of letters and digits of a text, as `split` on non-alphanumeric
/// characters would give them, with ASCII bytes tested without decoding.
pub(crate) fn word_runs(text: &str) -> impl Iterator<Item = &str> {
    runs(text, u8::is_ascii_alphanumeric, char::is_alphanumeric)
}

/// The maximal runs of letters of a text (digits split them too), as [`word_runs`].
pub(crate) fn letter_runs(text: &str) -> impl Iterator<Item = &str> {
    runs(text, u8::is_ascii_alphabetic, char::is_alphabetic)
}

/// The maximal runs of characters `inside` accepts (`ascii` for an ASCII byte, which is
/// tested without decoding).
fn runs(
    text: &str,
    ascii: fn(&u8) -> bool,
    inside: fn(char) -> bool,
) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while i < bytes.len() {
            let (inner, len) = if bytes[i].is_ascii() {
                (ascii(&bytes[i]), 1)
            } else {
                // `i` is on a character boundary: it only ever advances by whole characters.
                let c = text[i..].chars().next().unwrap_or_default();
                (inside(c), c.len_utf8())
            };
            match (inner, start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let word = &text[s..i];
                    i += len;
                    return Some(word);
                }
                _ => {}
            }
            i += len;
        }
        start.map(|s| &text[s..])
    })
}

/// `x.to_lowercase() == y.to_lowercase()`, without allocating for ASCII words.
fn same_lowercase(x: &str, y: &str) -> bool {
    if x.is_ascii() && y.is_ascii() {
        x.eq_ignore_ascii_case(y)
    } else {
        x.to_lowercase() == y.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_alphanumeric_runs() {
        for text in [
            "",
            "one",
            " Kyiv, on  Saturday — 5 drones… ",
            "Straße İstanbul ΟΔΟΣ ǅemal 2024-10-01 x²",
            "日本語のテキスト and مرحبا",
        ] {
            let split: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(word_runs(text).collect::<Vec<_>>(), split, "{text:?}");
        }
    }

    #[test]
    fn paragraphs_survive() {
        assert_eq!(normalise("a\nb\n\n\nc"), "a\nb\n\nc");
        assert_eq!(normalise("\n\n  a  \n"), "a");
    }

    #[test]
    fn same_words_as_lowercased_word_lists() {
        let reference = |a: &str, b: &str| {
            let words = |s: &str| {
                s.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect::<Vec<_>>()
            };
            let (a, b) = (words(a), words(b));
            !a.is_empty() && a == b
        };
        let texts = [
            "",
            " — ",
            "Drones hit Kyiv",
            "DRONES  hit, kyiv!",
            "Drones hit Kyiv again",
            "ΟΔΟΣ Straße",
            "οδος STRASSE",
            "οδοσ straße",
            "İstanbul",
            "i̇stanbul",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same_words(a, b), reference(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn title_repeat_is_dropped() {
        assert_eq!(
            drop_leading_title("Drones hit Kyiv\n\nText.", "Drones Hit Kyiv"),
            "Text."
        );
        assert_eq!(
            drop_leading_title("Other start\n\nText.", "Drones hit Kyiv"),
            "Other start\n\nText."
        );
    }
}
