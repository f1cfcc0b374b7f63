//! A linear pre-scan of a page's nesting depth, before the DOM is built: pages nested
//! thousands of levels deep are hostile (parsing and CSS matching grow with depth × size)
//! and are refused with a reason instead.

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose end tag may be left out: a new one closes the open one.
const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "tr", "td", "th", "option"];

/// The deepest nesting of elements in `html`, stopping as soon as it exceeds `limit`.
pub(crate) fn max_depth(html: &str, limit: usize) -> usize {
    let bytes = html.as_bytes();
    let mut stack: Vec<&str> = Vec::new();
    let mut deepest = 0;
    let mut i = 0;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |p| start + p);
        if end == start {
            continue; // `<!--`, `<!doctype`, `<?xml`, or a stray `<`
        }
        let name = &html[start..end];
        let tag_end = memchr(b'>', &bytes[end..]).map_or(bytes.len(), |p| end + p);
        if closing {
            if let Some(pos) = stack
                .iter()
                .rev()
                .take(64)
                .position(|n| n.eq_ignore_ascii_case(name))
            {
                stack.truncate(stack.len() - 1 - pos);
            }
        } else if !VOID.iter().any(|v| v.eq_ignore_ascii_case(name))
            && bytes.get(tag_end.saturating_sub(1)) != Some(&b'/')
        {
            if SELF_CLOSING_SIBLINGS
                .iter()
                .any(|v| v.eq_ignore_ascii_case(name))
                && stack
                    .last()
                    .is_some_and(|top| top.eq_ignore_ascii_case(name))
            {
                stack.pop();
            }
            stack.push(name);
            deepest = deepest.max(stack.len());
            if deepest > limit {
                return deepest;
            }
        }
        i = tag_end.min(bytes.len());
    }
    deepest
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&b| b == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depths() {
        assert_eq!(
            max_depth("<html><body><div><p>a<p>b<p>c</div></body></html>", 100),
            4
        );
        assert_eq!(
            max_depth("<ul><li>a<li>b<li>c</ul><br><img src=x><hr/>", 100),
            2
        );
        assert_eq!(
            max_depth("<!doctype html><!-- <div><div> --><p>x < y</p>", 100),
            3
        );
        assert_eq!(max_depth("", 100), 0);
        let deep = "<div>".repeat(5000);
        assert_eq!(max_depth(&deep, 512), 513, "stops at the limit");
        let formatting = "<b>".repeat(5000);
        assert!(max_depth(&formatting, 512) > 512);
    }
}
