//! Decoding the bytes of a web page, as a browser would choose the encoding:
//! a byte order mark, else the `charset` of the HTTP `Content-Type`, else a
//! `<meta charset>` or `<meta http-equiv="Content-Type">` in the first 1024
//! bytes, else UTF-8 when the bytes are valid UTF-8 and windows-1252 (what
//! browsers assume for Western pages) when they are not.
//!
//! Every WHATWG encoding is decoded (`encoding_rs`): ISO-8859-1 and
//! windows-1252 pages, still common on French regional sites, come out as
//! proper text. A label that names no known encoding is an error (the page is
//! skipped and reported); bytes that are invalid in the declared encoding are
//! replaced with U+FFFD and noted in a warning.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

use crate::Reason;

/// How many bytes are searched for a `<meta>` declaration (the HTML standard's
/// prescan length).
const PRESCAN: usize = 1024;

/// The text of a page, and a warning when decoding was not clean.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<(String, Option<String>), Reason> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return Ok(decode_with(enc, &bytes[bom_len..], "byte order mark"));
    }
    if let Some(label) = content_type.and_then(charset_param) {
        let enc =
            Encoding::for_label(label.as_bytes()).ok_or_else(|| Reason::UnknownCharset(label.clone()))?;
        return Ok(decode_with(enc, bytes, "HTTP Content-Type"));
    }
    if let Some(label) = meta_charset(&bytes[..bytes.len().min(PRESCAN)]) {
        let enc =
            Encoding::for_label(label.as_bytes()).ok_or_else(|| Reason::UnknownCharset(label.clone()))?;
        // A page cannot declare UTF-16 in ASCII-compatible markup: the
        // standard reads such a declaration as UTF-8.
        let enc = if enc == UTF_16BE || enc == UTF_16LE {
            UTF_8
        } else if enc == X_USER_DEFINED {
            WINDOWS_1252
        } else {
            enc
        };
        return Ok(decode_with(enc, bytes, "<meta> charset"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), None)),
        Err(_) => {
            let (text, _, _) = WINDOWS_1252.decode(bytes);
            Ok((
                text.into_owned(),
                Some("no charset declared and the bytes are not UTF-8: read as windows-1252".to_string()),
            ))
        }
    }
}

fn decode_with(enc: &'static Encoding, bytes: &[u8], declared_by: &str) -> (String, Option<String>) {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let warning = had_errors.then(|| {
        let replaced = text.matches('\u{FFFD}').count();
        format!(
            "invalid {} in input (charset from the {declared_by}): {replaced} sequence(s) replaced with U+FFFD",
            enc.name()
        )
    });
    (text.into_owned(), warning)
}

/// The `charset` parameter of a `Content-Type` value (`text/html; charset=UTF-8`).
pub fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        if !name.trim().eq_ignore_ascii_case("charset") {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

/// The charset declared by a `<meta>` element in `head`, found by a scan of
/// the raw bytes (the page cannot be parsed before it is decoded).
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut at = 0;
    while let Some(i) = find(&lower[at..], b"<meta") {
        let start = at + i + 5;
        let end = find(&lower[start..], b">").map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let mut rest = &tag[c + 7..];
            while let [b' ' | b'\t' | b'\n' | b'\r', r @ ..] = rest {
                rest = r;
            }
            if let [b'=', r @ ..] = rest {
                let mut value = r;
                while let [b' ' | b'\t' | b'\n' | b'\r', v @ ..] = value {
                    value = v;
                }
                let value = match value {
                    [q @ (b'"' | b'\''), v @ ..] => v.split(|b| b == q).next().unwrap_or(v),
                    v => v,
                };
                let label: &[u8] = value
                    .split(|b| matches!(b, b' ' | b';' | b'"' | b'\'' | b'/' | b'>'))
                    .next()
                    .unwrap_or(value);
                if !label.is_empty() {
                    return Some(String::from_utf8_lossy(label).into_owned());
                }
            }
        }
        at = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_choice() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        let (s, w) = decode_html(latin1, None).unwrap();
        assert!(s.contains("café"), "{s}");
        assert_eq!(w, None);

        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">\x93oui\x94";
        let (s, _) = decode_html(http_equiv, None).unwrap();
        assert!(s.contains("\u{201c}oui\u{201d}"), "{s}");

        // The HTTP header wins over the page.
        let (s, _) = decode_html(
            "<meta charset=iso-8859-1>café".as_bytes(),
            Some("text/html; charset=utf-8"),
        )
        .unwrap();
        assert!(s.ends_with("café"));

        // A byte order mark wins over everything.
        let (s, _) = decode_html(b"\xef\xbb\xbf<meta charset=iso-8859-1>\xc3\xa9", None).unwrap();
        assert!(s.ends_with('é'), "{s}");

        // Undeclared: UTF-8 when valid, else windows-1252 with a warning.
        assert_eq!(
            decode_html("été".as_bytes(), None).unwrap(),
            ("été".to_string(), None)
        );
        let (s, w) = decode_html(b"\xe9t\xe9", None).unwrap();
        assert_eq!(s, "été");
        assert!(w.unwrap().contains("windows-1252"));

        // Declared UTF-8 but not: replaced, with a warning naming the cause.
        let (s, w) = decode_html(b"<meta charset=utf-8>caf\xe9", None).unwrap();
        assert!(s.ends_with("caf\u{FFFD}"));
        assert!(w.unwrap().contains("1 sequence"));

        // UTF-16 declared in ASCII markup is read as UTF-8.
        let (s, _) = decode_html("<meta charset=utf-16>é".as_bytes(), None).unwrap();
        assert!(s.ends_with('é'));
    }

    #[test]
    fn unknown_label_is_an_error() {
        let err = decode_html(b"<meta charset=\"klingon-8\"><p>x", None).unwrap_err();
        assert_eq!(err, Reason::UnknownCharset("klingon-8".into()));
        let err = decode_html(b"x", Some("text/html; charset=nope")).unwrap_err();
        assert_eq!(err, Reason::UnknownCharset("nope".into()));
    }

    #[test]
    fn content_type_parameter() {
        assert_eq!(
            charset_param("text/html; charset=\"UTF-8\""),
            Some("UTF-8".into())
        );
        assert_eq!(
            charset_param("text/html;Charset = latin1 "),
            Some("latin1".into())
        );
        assert_eq!(charset_param("text/html"), None);
    }
}
