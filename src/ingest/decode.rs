//! Bytes to text: byte-order mark, then `<meta charset>` (HTML), then UTF-8, then a detector.

use encoding_rs::Encoding;

/// Decodes a file's bytes to a `String`.
///
/// Order of evidence: a byte-order mark; for HTML, a charset declared in the first 4 KB;
/// valid UTF-8; else chardetng's guess (windows-1251, KOI8-R, Latin-1, …). Binary data
/// (NUL bytes or many control characters outside a UTF-16 file) is refused.
pub(crate) fn decode(bytes: &[u8], is_html: bool) -> Result<String, String> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err("binary data, not text".to_string());
    }
    if is_html && let Some(enc) = declared_charset(bytes) {
        // A page that declares UTF-8 but is not valid UTF-8 falls through to the detector.
        if enc != encoding_rs::UTF_8 || std::str::from_utf8(bytes).is_ok() {
            let (text, _, _) = enc.decode(bytes);
            return Ok(text.into_owned());
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if mostly_utf8(bytes) {
        // A UTF-8 text with a few broken bytes (a bad copy, a cut): only those become U+FFFD.
        // Read as a legacy encoding, every accented letter of it would be mangled instead.
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _, _) = enc.decode(bytes);
    Ok(text.into_owned())
}

/// Whether `bytes`, not valid UTF-8, still hold at least twice as many well-formed multi-byte
/// UTF-8 characters as broken sequences. Text in an 8-bit encoding almost never forms one (a
/// capital with an accent followed by a symbol), so its non-ASCII bytes are nearly all broken.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut broken) = (0usize, 0usize);
    let mut rest = bytes;
    loop {
        let (valid, error) = match std::str::from_utf8(rest) {
            Ok(s) => (s, None),
            Err(e) => (
                // Valid up to here, by the error's own account.
                std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default(),
                Some(e),
            ),
        };
        good += valid.chars().filter(|c| !c.is_ascii()).count();
        let Some(e) = error else { break };
        broken += 1;
        let skip = e.valid_up_to() + e.error_len().unwrap_or(rest.len() - e.valid_up_to());
        rest = &rest[skip..];
    }
    good >= 2 * broken
}

/// True for data that is not text in any 8-bit or UTF-8 encoding.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    control * 20 > head.len().max(1)
}

/// The charset an HTML page declares in `<meta charset=…>` or `http-equiv` content, looking
/// only inside `<meta>` tags of the first 4 KB (a `<script charset=…>` says nothing about the
/// page: web archives insert such scripts above the page's own `<meta>`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(pos) = rest.find("<meta") {
        rest = &rest[pos + "<meta".len()..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(enc) = charset_in(tag) {
            return Some(enc);
        }
    }
    None
}

/// The encoding named by `charset=` inside one tag's attributes.
fn charset_in(tag: &str) -> Option<&'static Encoding> {
    let mut rest = tag;
    while let Some(pos) = rest.find("charset") {
        rest = &rest[pos + "charset".len()..];
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.trim_start().trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| {
                !(c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':' || c == '.')
            })
            .unwrap_or(value.len());
        if let Some(enc) = Encoding::for_label(&value.as_bytes()[..end]) {
            // A page saved as UTF-16 cannot declare itself in ASCII; ignore such claims.
            if enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE {
                return Some(enc);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBFKyiv", false).unwrap(), "Kyiv");
    }

    #[test]
    fn declared_windows_1251() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("<meta charset=\"windows-1251\"><p>Киев</p>");
        assert!(decode(&bytes, true).unwrap().contains("Киев"));
    }

    #[test]
    fn http_equiv_koi8() {
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(
            "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>Москва и Киев</p>",
        );
        assert!(decode(&bytes, true).unwrap().contains("Москва и Киев"));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(
            "Die Straße in München war gesperrt, während über Gebühren für Öl gestritten wurde.",
        );
        let text = decode(&bytes, false).unwrap();
        assert!(text.contains("Straße in München"), "{text}");
    }

    #[test]
    fn undeclared_cyrillic_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(
            "Министр иностранных дел заявил, что беспилотники были поставлены до начала войны.",
        );
        let text = decode(&bytes, false).unwrap();
        assert!(text.contains("беспилотники"), "{text}");
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8() {
        let mut bytes = "Zelensky’s talks — in München and Kraków"
            .as_bytes()
            .to_vec();
        bytes.push(0xff);
        bytes.extend_from_slice(" ended.".as_bytes());
        let text = decode(&bytes, false).unwrap();
        assert_eq!(
            text,
            "Zelensky’s talks — in München and Kraków\u{FFFD} ended."
        );
        // Latin-1 with one accidental UTF-8 pair ("Â" + no-break space) is still Latin-1.
        let (latin, _, _) = encoding_rs::WINDOWS_1252.encode("Grüße aus Köln, schöne Straße");
        let mut latin = latin.into_owned();
        latin.extend_from_slice(b" \xC2\xA0 ");
        assert!(decode(&latin, false).unwrap().starts_with("Grüße aus Köln"));
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"\x00\x01\x02PK\x03\x04", false).is_err());
        assert!(decode(&[0x1b; 100], false).is_err());
    }

    #[test]
    fn lying_utf8_declaration_is_overruled() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252
            .encode("<meta charset=utf-8><p>Grüße aus Köln, schöne Straße</p>");
        assert!(decode(&bytes, true).unwrap().contains("Grüße"));
    }

    #[test]
    fn only_meta_tags_declare_the_charset() {
        // A web archive's toolbar script comes first and names its own charset.
        let page = "<html><head><script src=\"/static/bar.js\" charset=\"utf-8\"></script>\
                    <meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">\
                    <title>北京</title></head><body><p>北京市人民政府</p></body></html>";
        let (bytes, _, _) = encoding_rs::GB18030.encode(page);
        assert_eq!(declared_charset(&bytes), Some(encoding_rs::GBK));
        assert!(decode(&bytes, true).unwrap().contains("北京市人民政府"));
        assert_eq!(
            declared_charset(b"<script charset=utf-8></script><p>x</p>"),
            None
        );
        assert_eq!(
            declared_charset(b"<meta name=x><meta charset='koi8-r'>"),
            Some(encoding_rs::KOI8_R)
        );
    }
}
