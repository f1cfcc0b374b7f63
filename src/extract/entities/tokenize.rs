//! Words and punctuation with their byte offsets, split into lines (an entity never spans a
//! line break), in the manner of news tokenisation: "Iran's" is "Iran" + "'s", "U.S." and
//! "Amir-Abdollahian" stay whole, every other punctuation mark is a token of its own. Prose
//! hard-wrapped at a fixed width, as plain-text wire copy is, is cut at its sentences, not at
//! its breaks: those fall inside sentences and names ("British Petroleum Co\nPlc").

/// One token: `text[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset after the last character.
    pub end: usize,
    /// Starts a sentence (first on its line, or after `.`, `!`, `?`, `:` or an opening quote
    /// that follows one of them).
    pub sentence_start: bool,
}

impl Token {
    /// The token's text in `text`.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | '&' | '‐')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

/// The lines of `text`, each a list of tokens; a hard-wrapped paragraph is cut at its
/// sentences instead of its breaks (see [`hard_wrapped`]). Empty lines are left out.
pub fn tokenize(text: &str) -> Vec<Vec<Token>> {
    if !text.contains('\n') {
        // One line (a name, a title): most calls.
        let mut tokens = Vec::new();
        tokenize_line(text, 0, &mut tokens, true);
        return if tokens.is_empty() {
            Vec::new()
        } else {
            vec![tokens]
        };
    }
    let raw: Vec<&str> = text.split('\n').collect();
    let continues = wrapped_breaks(&raw);
    let mut lines = Vec::new();
    let mut offset = 0;
    // Tokens of a paragraph still open, and whether its next token starts a sentence.
    let mut open: Option<(Vec<Token>, bool)> = None;
    for (i, (line, next_too)) in raw.iter().zip(&continues).enumerate() {
        let (mut tokens, starts) = open.take().unwrap_or((Vec::new(), true));
        let starts = tokenize_line(line, offset, &mut tokens, starts);
        if *next_too {
            open = Some((tokens, starts));
        } else if i > 0 && continues[i - 1] {
            lines.extend(sentences(text, tokens));
        } else if !tokens.is_empty() {
            lines.push(tokens);
        }
        offset += line.len() + 1;
    }
    lines
}

/// A paragraph's tokens cut into sentences, as the tagger's training text has a sentence per
/// line: before a capitalised word after `.`, `!` or `?`, unless the full stop ends a title
/// or abbreviation that goes before a name ("St. Louis", "Sen. Kastenmeier").
fn sentences(text: &str, tokens: Vec<Token>) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    let mut from = 0;
    for i in 2..tokens.len() {
        let ends = matches!(tokens[i - 1].of(text), "." | "!" | "?");
        if ends
            && tokens[i].of(text).starts_with(char::is_uppercase)
            && !BEFORE_NAMES.contains(&tokens[i - 2].of(text))
        {
            out.push(tokens[from..i].to_vec());
            from = i;
        }
    }
    out.push(tokens[from..].to_vec());
    out
}

/// Abbreviations written with a full stop before a name.
pub(super) const BEFORE_NAMES: &[&str] = &[
    "Adm", "Capt", "Cmdr", "Col", "Dr", "Ft", "Gen", "Gov", "Hon", "Lt", "Maj", "Messrs", "Mr",
    "Mrs", "Ms", "Mt", "No", "Prof", "Rep", "Rev", "Sen", "Sgt", "St",
];

/// For each of `lines`, whether the next one continues it: every line but the last of a
/// [`hard_wrapped`] paragraph (lines between blank ones).
fn wrapped_breaks(lines: &[&str]) -> Vec<bool> {
    let mut continues = vec![false; lines.len()];
    let mut start = 0;
    for end in 0..=lines.len() {
        if end == lines.len() || lines[end].trim().is_empty() {
            if end > start && hard_wrapped(&lines[start..end]) {
                continues[start..end - 1].fill(true);
            }
            start = end + 1;
        }
    }
    continues
}

/// Whether a paragraph is prose hard-wrapped at a fixed width: three lines or more, two
/// thirds of those before the last stopping mid-sentence after 30 characters or more (on a
/// letter, digit or comma), under a fifth of them starting with a number, few digits and mostly
/// lowercase letters. Tables, results and headlines in capitals, and text with a sentence or
/// heading per line, stay line by line.
fn hard_wrapped(lines: &[&str]) -> bool {
    let [body @ .., _last] = lines else {
        return false;
    };
    if body.len() < 2 {
        return false;
    }
    let stops_mid_sentence = |l: &&&str| {
        let l = l.trim();
        l.len() >= 30 && l.ends_with(|c: char| c.is_alphanumeric() || c == ',')
    };
    if body.iter().filter(stops_mid_sentence).count() * 3 < body.len() * 2 {
        return false;
    }
    // Rankings and results ("62 Paul Broadhurst, Ray Meridian") number their lines.
    let numbered = lines
        .iter()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .count();
    if numbered * 5 >= lines.len() {
        return false;
    }
    let (mut chars, mut letters, mut lower, mut digits) = (0usize, 0usize, 0usize, 0usize);
    for c in lines.iter().flat_map(|l| l.chars()) {
        chars += 1;
        if c.is_alphabetic() {
            letters += 1;
            lower += usize::from(c.is_lowercase());
        } else if c.is_numeric() {
            digits += 1;
        }
    }
    digits * 20 < chars && lower * 2 > letters
}

/// The character at byte `p` of `line`, if one starts there; ASCII without decoding.
#[inline]
fn char_at(line: &str, p: usize) -> Option<char> {
    let b = *line.as_bytes().get(p)?;
    if b.is_ascii() {
        Some(char::from(b))
    } else {
        line.get(p..)?.chars().next()
    }
}

/// The tokens of one line (at byte `base` of the text), walked by byte offset (most of the
/// text is ASCII, read a byte at a time), appended to `out`; `next_starts` says whether the
/// first starts a sentence. Returns whether a token after the line would start one.
fn tokenize_line(line: &str, base: usize, out: &mut Vec<Token>, mut next_starts: bool) -> bool {
    let first = out.len();
    let mut p = 0;
    while let Some(c) = char_at(line, p) {
        if c.is_whitespace() {
            p += c.len_utf8();
            continue;
        }
        if out.len() == out.capacity() {
            // About one token per five characters in prose: one allocation per line.
            out.reserve(line.len() / 5 + 1);
        }
        let start = p;
        p += c.len_utf8();
        if is_word(c) {
            loop {
                match char_at(line, p) {
                    Some(w) if is_word(w) => p += w.len_utf8(),
                    Some(j) if is_joiner(j) => {
                        let q = p + j.len_utf8();
                        let Some(after) = char_at(line, q).filter(|&a| is_word(a)) else {
                            break;
                        };
                        // "Iran's", "I'd": the possessive or clitic is its own token.
                        if is_apostrophe(j) && clitic(line, q).is_some() {
                            break;
                        }
                        p = q + after.len_utf8();
                    }
                    _ => break,
                }
            }
            // "U.S.", "U.N.": single letters joined by dots keep their final dot.
            if char_at(line, p) == Some('.') && is_initials(&line[start..p]) {
                p += 1;
            }
        } else if is_apostrophe(c)
            && char_at(line, p).is_some_and(|s| s.eq_ignore_ascii_case(&'s'))
            && !char_at(line, p + 1).is_some_and(is_word)
        {
            // A possessive is one token; other clitics stay apostrophe and letters, as the
            // training text has them ("I 'd" there is "I", "'", "d").
            p += 1;
        }
        out.push(Token {
            start: base + start,
            end: base + p,
            sentence_start: next_starts,
        });
        next_starts = match &line[start..p] {
            "." | "!" | "?" | ":" | ";" => true,
            // The dash closing a dateline ("KYIV, Nov 5 (Meridian Wire) — Large parts of…",
            // "LONDON, March 3 - Shares…"): the story's first sentence starts after it.
            "-" | "—" | "–"
                if out.len() - first <= DATELINE_TOKENS
                    && ends_dateline(line, base, &out[first..]) =>
            {
                true
            }
            "\"" | "“" | "«" | "(" | "'" | "‘" | "„" | "-" | "—" | "–" => next_starts,
            _ => false,
        };
    }
    next_starts
}

/// A dateline ends within this many tokens of the start of its line.
const DATELINE_TOKENS: usize = 12;

/// Whether the dash just pushed (the last of `out`) ends a dateline: it follows a closing
/// parenthesis or a number, and no word before it on the line is lowercase ("KYIV, Nov 5
/// (Meridian Wire) —", "LONDON, March 3 -"; not "he said (twice) -").
fn ends_dateline(line: &str, base: usize, out: &[Token]) -> bool {
    let [head @ .., before, _dash] = out else {
        return false;
    };
    let text = |t: &Token| &line[t.start - base..t.end - base];
    let closes = text(before) == ")" || text(before).bytes().all(|b| b.is_ascii_digit());
    closes
        && head
            .iter()
            .all(|t| !text(t).chars().next().is_some_and(char::is_lowercase))
}

/// The length in bytes of the clitic after an apostrophe at byte `q` of `line`: `s`, `d`,
/// `ll`, `ve`, `re` or `m` (any case) ending the word ("Iran's", "I’d", "they'll"), which
/// the tagger's training text writes apart from the word.
fn clitic(line: &str, q: usize) -> Option<usize> {
    let rest = line.get(q..)?.as_bytes();
    let n = rest.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let word = &rest[..n];
    let known = [&b"s"[..], b"d", b"ll", b"ve", b"re", b"m"]
        .iter()
        .any(|c| word.eq_ignore_ascii_case(c));
    (known && !char_at(line, q + n).is_some_and(is_word)).then_some(n)
}

/// "U.S", "U.N", "e.g": single letters separated by dots.
fn is_initials(word: &str) -> bool {
    let mut n = 0;
    let all_single = word.split('.').all(|part| {
        n += 1;
        let mut chars = part.chars();
        chars.next().is_some() && chars.next().is_none()
    });
    all_single && n >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<Vec<&str>> {
        tokenize(text)
            .iter()
            .map(|l| l.iter().map(|t| t.of(text)).collect())
            .collect()
    }

    #[test]
    fn a_hard_wrapped_paragraph_is_cut_at_sentences_not_breaks() {
        let wire = "Meridian Grain Co and Harbor Freight North America\n\
                    Inc said they plan to form a venture to manage the money\n\
                    market borrowing of both companies, a spokesman said.\n\n\
                    The venture starts in May.";
        let lines = words(wire);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[0].last(), Some(&"."));
        let at = lines[0].iter().position(|w| *w == "Inc").unwrap();
        assert_eq!(lines[0][at - 1], "America");
        // "Inc" goes on the sentence: it does not start one.
        let tokens = tokenize(wire);
        assert!(!tokens[0][at].sentence_start);
        assert!(tokens[1][0].sentence_start);
        let two = "Prices rose on Monday in St. Louis and in the\n\
                   surrounding counties, the board said. Traders in\n\
                   Harbor City expected more of the same this week.";
        let lines = words(two);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert_eq!(lines[1][..3], ["Traders", "in", "Harbor"]);
        // A sentence per line, a results table, headlines in capitals: line by line.
        for text in [
            "Kyiv was dark on Saturday night after strikes .\nThe grid operator said repairs \
             would take days .\nOfficials in Lviv said the same .",
            "Leading first round scores in the open on Thursday\n62 Paul Broadhurst\n\
             63 Ray Meridian\n64 Anna Harbor",
            "Scores after the first round of the open on Thursday\n\
             62 Paul Broadhurst , Ray Meridian , Sam Harbor\n\
             63 Anna Kovalenko , Ian Meridian , Mark Torrance\n64 Jo Harbor",
            "KYIV PLUNGED INTO DARKNESS AFTER NEW WAVE OF STRIKES\nPOWER GRID OPERATOR \
             SAYS REPAIRS WILL TAKE DAYS\nLVIV AND KHARKIV ALSO HIT",
        ] {
            assert_eq!(words(text).len(), text.lines().count(), "{text}");
        }
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            words("Iran's minister, Hossein Amir-Abdollahian, met U.S. envoys.\nKyiv: dark"),
            [
                vec![
                    "Iran",
                    "'s",
                    "minister",
                    ",",
                    "Hossein",
                    "Amir-Abdollahian",
                    ",",
                    "met",
                    "U.S.",
                    "envoys",
                    "."
                ],
                vec!["Kyiv", ":", "dark"]
            ]
        );
        assert_eq!(
            words("don't «Газпром»"),
            [vec!["don't", "«", "Газпром", "»"]]
        );
        assert_eq!(words("Germany 's call"), [vec!["Germany", "'s", "call"]]);
        assert_eq!(
            words("I’d say they'll go, we've won, you're IN'S, I'm sure, Sa'dah's"),
            [vec![
                "I", "’", "d", "say", "they", "'", "ll", "go", ",", "we", "'", "ve", "won", ",",
                "you", "'", "re", "IN", "'S", ",", "I", "'", "m", "sure", ",", "Sa'dah", "'s"
            ]]
        );
        assert_eq!(
            words("O’Brien’s Rostov‐on‐Don e.g. U.S.A. 3.5 Ц-банк’s"),
            [vec![
                "O’Brien",
                "’s",
                "Rostov‐on‐Don",
                "e.g.",
                "U.S.A.",
                "3.5",
                "Ц-банк",
                "’s"
            ]]
        );
    }

    fn starts(text: &str) -> Vec<&str> {
        tokenize(text)[0]
            .iter()
            .filter(|t| t.sentence_start)
            .map(|t| t.of(text))
            .collect()
    }

    #[test]
    fn a_dateline_dash_starts_the_story_sentence() {
        assert_eq!(
            starts("KYIV, Nov 5 (Meridian Wire) — Large parts of Kyiv"),
            ["KYIV", "Large"]
        );
        assert_eq!(
            starts("LONDON, March 3 - Shares rose"),
            ["LONDON", "Shares"]
        );
        assert_eq!(
            starts("LONDON (Reuters) - Shares rose"),
            ["LONDON", "Shares"]
        );
        // Not a dateline: a dash after lowercase words, or after a word.
        assert_eq!(starts("He said (twice) - Paris agreed"), ["He"]);
        assert_eq!(starts("Prices rose 5 - Oil fell"), ["Prices"]);
        assert_eq!(starts("PARIS - Berlin"), ["PARIS"]);
    }

    #[test]
    fn sentence_starts() {
        let text = "He left. \"The talks\" ended";
        let starts: Vec<bool> = tokenize(text)[0].iter().map(|t| t.sentence_start).collect();
        assert_eq!(
            starts,
            [true, false, false, true, true, false, false, false]
        );
    }
}
