//! A streaming WARC reader (ISO 28500, WARC 1.0 and 1.1), plain or gzip.
//!
//! Common Crawl News files are concatenated gzip members, one per record;
//! [`WarcReader::open`] recognises gzip by its magic bytes and reads every
//! member (`MultiGzDecoder`). Each `response` record holds an HTTP response;
//! the reader yields its HTML page as an [`Item::Html`] (main text extracted
//! later, on worker threads) and skips quietly what is not a page: other
//! record types (`request`, `metadata`, `warcinfo`), non-2xx responses and
//! non-HTML content.
//!
//! Memory stays bounded whatever the size of the file: a 64 KiB read buffer,
//! one record block at a time, and blocks over [`MAX_PAGE_BYTES`] are read
//! through without being kept (and reported). A record whose
//! `Content-Length` does not end where the next record begins is reported and
//! skipped, and reading resumes at the next `WARC/` header line. A stream
//! that ends inside a record (a truncated download) or a corrupt gzip member
//! is reported and ends the file.

use std::io::{self, BufRead, BufReader, Read};

use chrono::NaiveDate;
use flate2::read::{GzDecoder, MultiGzDecoder, ZlibDecoder};

use crate::html::Page;
use crate::{parse_date, Item, Meta, ReadResult, Reason, Skip, MAX_PAGE_BYTES};

/// Longest header line read (a longer one is a framing error).
const MAX_LINE: u64 = 64 * 1024;
/// Most header lines in a record or HTTP response.
const MAX_HEADERS: usize = 512;
/// Room for the HTTP headers around a page of [`MAX_PAGE_BYTES`].
const HTTP_HEADER_ROOM: u64 = 256 * 1024;

/// Reads the pages of a WARC file, in order.
pub struct WarcReader {
    input: Box<dyn BufRead + Send>,
    at: String,
    given: Meta,
    gzip: bool,
    /// Records begun so far (1-based number of the current one).
    record: usize,
    /// Offset in the uncompressed stream, for messages.
    pos: u64,
    /// Looking for the next `WARC/` line after a framing error.
    resync: bool,
    done: bool,
}

/// The WARC headers of one record that matter here.
#[derive(Debug, Default)]
struct Headers {
    kind: String,
    length: Option<u64>,
    target: Option<String>,
    date: Option<NaiveDate>,
    content_type: Option<String>,
    payload_type: Option<String>,
}

enum Step {
    Yield(ReadResult),
    Continue,
    End,
}

impl WarcReader {
    /// Reads `input`, gzip-compressed or not; `at` names it in messages,
    /// `given` is metadata that wins over the pages' (the command line).
    pub fn open(input: impl Read + Send + 'static, at: &str, given: &Meta) -> io::Result<WarcReader> {
        let mut raw = BufReader::with_capacity(64 * 1024, input);
        let gzip = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let input: Box<dyn BufRead + Send> = if gzip {
            Box::new(BufReader::with_capacity(64 * 1024, MultiGzDecoder::new(raw)))
        } else {
            Box::new(raw)
        };
        Ok(WarcReader {
            input,
            at: at.to_string(),
            given: given.clone(),
            gzip,
            record: 0,
            pos: 0,
            resync: false,
            done: false,
        })
    }

    /// A read error: the rest of the stream cannot be trusted.
    fn broken(&mut self, e: &io::Error) -> Step {
        self.done = true;
        let at = if self.record == 0 {
            self.at.clone()
        } else {
            format!("{}: record {}", self.at, self.record)
        };
        let reason = if self.gzip {
            Reason::BadGzip(format!(
                "{} (at byte {} of the uncompressed stream)",
                describe(e),
                self.pos
            ))
        } else {
            Reason::Io(describe(e))
        };
        Step::Yield(Err(Skip::new(at, reason).last()))
    }

    fn truncated(&mut self, what: String) -> Step {
        self.done = true;
        let reason = if self.gzip {
            Reason::BadGzip(format!("the stream ends {what}"))
        } else {
            Reason::Truncated(format!("the file ends {what}"))
        };
        Step::Yield(Err(Skip::new(
            format!("{}: record {}", self.at, self.record),
            reason,
        )
        .last()))
    }

    /// One line, with its end of line; empty at the end of the stream.
    fn line(&mut self) -> io::Result<Vec<u8>> {
        let mut buf = Vec::new();
        let n = (&mut self.input).take(MAX_LINE).read_until(b'\n', &mut buf)?;
        self.pos += n as u64;
        Ok(buf)
    }

    /// Reads and drops `n` bytes; returns how many there were.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let got = io::copy(&mut (&mut self.input).take(n), &mut io::sink())?;
        self.pos += got;
        Ok(got)
    }

    /// Consumes the `\r\n\r\n` that ends a record; false when something else
    /// follows (the length was wrong). The end of the stream is accepted.
    fn record_end(&mut self) -> io::Result<bool> {
        for &want in b"\r\n\r\n" {
            let buf = self.input.fill_buf()?;
            match buf.first() {
                None => return Ok(true),
                Some(&b) if b == want => {
                    self.input.consume(1);
                    self.pos += 1;
                }
                // Some writers end records with bare line feeds.
                Some(b'\n') if want == b'\r' => {}
                Some(_) => return Ok(false),
            }
        }
        Ok(true)
    }

    fn step(&mut self) -> Step {
        let start = self.pos;
        let line = match self.line() {
            Ok(l) => l,
            Err(e) => return self.broken(&e),
        };
        if line.is_empty() {
            self.done = true;
            return Step::End;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            return Step::Continue;
        }
        if !line.starts_with(b"WARC/") {
            if self.resync {
                return Step::Continue;
            }
            self.resync = true;
            let found = String::from_utf8_lossy(&line[..line.len().min(40)])
                .trim_end()
                .to_string();
            let at = if self.record == 0 {
                self.at.clone()
            } else {
                format!("{}: after record {}", self.at, self.record)
            };
            return Step::Yield(Err(Skip::new(
                at,
                Reason::BadWarc(format!(
                    "expected a record header ('WARC/1.x') at byte {start}, found '{found}'"
                )),
            )));
        }
        self.resync = false;
        self.record += 1;
        let headers = match self.headers() {
            Ok(Some(h)) => h,
            Ok(None) => return self.truncated("inside the record's headers".to_string()),
            Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                self.resync = true;
                return Step::Yield(Err(Skip::new(self.here(None), Reason::BadWarc(e.to_string()))));
            }
            Err(e) => return self.broken(&e),
        };
        let Some(length) = headers.length else {
            self.resync = true;
            return Step::Yield(Err(Skip::new(
                self.here(headers.target.as_deref()),
                Reason::BadWarc("no valid Content-Length".to_string()),
            )));
        };
        let here = self.here(headers.target.as_deref());
        let is_response = headers.kind.eq_ignore_ascii_case("response")
            && headers
                .content_type
                .as_deref()
                .is_none_or(|c| c.to_ascii_lowercase().starts_with("application/http"));
        let too_large = length > MAX_PAGE_BYTES + HTTP_HEADER_ROOM;
        if !is_response || too_large {
            match self.skip(length) {
                Ok(n) if n < length => {
                    return self.truncated(format!("after {n} of the record's {length} bytes"))
                }
                Ok(_) => {}
                Err(e) => return self.broken(&e),
            }
            match self.record_end() {
                Ok(true) => {}
                Ok(false) => return self.wrong_length(here, length),
                Err(e) => return self.broken(&e),
            }
            if too_large {
                return Step::Yield(Err(Skip::new(here, Reason::TooLarge(Some(length)))));
            }
            return Step::Continue;
        }
        let mut block = Vec::with_capacity(length as usize);
        match (&mut self.input).take(length).read_to_end(&mut block) {
            Ok(n) => self.pos += n as u64,
            Err(e) => return self.broken(&e),
        }
        if (block.len() as u64) < length {
            return self.truncated(format!("after {} of the record's {length} bytes", block.len()));
        }
        match self.record_end() {
            Ok(true) => {}
            Ok(false) => return self.wrong_length(here, length),
            Err(e) => return self.broken(&e),
        }
        Step::Yield(self.page(here, &headers, block))
    }

    fn wrong_length(&mut self, here: String, length: u64) -> Step {
        self.resync = true;
        Step::Yield(Err(Skip::new(
            here,
            Reason::BadWarc(format!(
                "wrong Content-Length ({length}): the record does not end there (at byte {})",
                self.pos
            )),
        )))
    }

    fn here(&self, target: Option<&str>) -> String {
        match target {
            Some(t) => format!("{}: record {} <{t}>", self.at, self.record),
            None => format!("{}: record {}", self.at, self.record),
        }
    }

    /// The record's headers; `None` at the end of the stream.
    fn headers(&mut self) -> io::Result<Option<Headers>> {
        let mut h = Headers::default();
        for _ in 0..MAX_HEADERS {
            let line = self.line()?;
            if line.is_empty() {
                return Ok(None);
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(Some(h));
            }
            let Some((name, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.kind = value.to_string(),
                "content-length" => h.length = value.parse().ok(),
                "warc-target-uri" => h.target = Some(value.trim_matches(['<', '>']).to_string()),
                "warc-date" => h.date = parse_date(value),
                "content-type" => h.content_type = Some(value.to_string()),
                "warc-identified-payload-type" => h.payload_type = Some(value.to_string()),
                _ => {}
            }
        }
        Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("more than {MAX_HEADERS} header lines"),
        ))
    }

    /// The page in an HTTP response block, or why there is none.
    fn page(&self, here: String, h: &Headers, block: Vec<u8>) -> ReadResult {
        let resp = match parse_http(&block) {
            Ok(r) => r,
            Err(why) => return Err(Skip::new(here, Reason::BadWarc(why))),
        };
        if !(200..300).contains(&resp.status) {
            return Err(Skip::new(here, Reason::HttpStatus(resp.status)).quiet());
        }
        let content_type = resp.content_type.clone().or_else(|| h.payload_type.clone());
        let body = &block[resp.body_start..];
        if !is_html(content_type.as_deref(), body) {
            let ct = content_type.unwrap_or_else(|| "none".to_string());
            return Err(Skip::new(here, Reason::NotHtml(ct)).quiet());
        }
        let body = match decode_body(body, resp.chunked, resp.encoding.as_deref()) {
            Ok(b) => b,
            Err(reason) => return Err(Skip::new(here, reason)),
        };
        Ok(Item::Html(Box::new(Page {
            at: here,
            bytes: body,
            url: h.target.clone(),
            content_type,
            given: self.given.clone(),
            fallback: Meta::default(),
            crawl_date: h.date,
        })))
    }
}

impl Iterator for WarcReader {
    type Item = ReadResult;

    fn next(&mut self) -> Option<ReadResult> {
        while !self.done {
            match self.step() {
                Step::Yield(r) => return Some(r),
                Step::Continue => {}
                Step::End => return None,
            }
        }
        None
    }
}

/// The parts of an HTTP response that matter here.
#[derive(Debug)]
struct Response {
    status: u16,
    content_type: Option<String>,
    encoding: Option<String>,
    chunked: bool,
    body_start: usize,
}

fn parse_http(block: &[u8]) -> Result<Response, String> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| block.windows(2).position(|w| w == b"\n\n").map(|i| i + 2))
        .ok_or("no end to the HTTP headers")?;
    let head = String::from_utf8_lossy(&block[..end]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.split_whitespace();
    let proto = parts.next().unwrap_or_default();
    let status = parts.next().and_then(|s| s.parse::<u16>().ok());
    let (true, Some(status)) = (proto.starts_with("HTTP/"), status) else {
        return Err(format!(
            "not an HTTP response: '{}'",
            status_line.chars().take(40).collect::<String>()
        ));
    };
    let mut r = Response {
        status,
        content_type: None,
        encoding: None,
        chunked: false,
        body_start: end,
    };
    for line in lines.take(MAX_HEADERS) {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => r.content_type = Some(value.to_string()),
            "content-encoding" => r.encoding = Some(value.to_ascii_lowercase()),
            "transfer-encoding" => r.chunked = value.to_ascii_lowercase().contains("chunked"),
            _ => {}
        }
    }
    Ok(r)
}

/// HTML by its media type, or by its first bytes when it has none.
pub fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type {
        Some(ct) => {
            let mime = ct
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase();
            mime == "text/html" || mime == "application/xhtml+xml"
        }
        None => {
            let head: Vec<u8> = body.iter().take(512).map(u8::to_ascii_lowercase).collect();
            let head = head.trim_ascii_start();
            head.starts_with(b"<!doctype html")
                || head.starts_with(b"<html")
                || head.windows(5).any(|w| w == b"<html")
        }
    }
}

/// Undoes chunked transfer coding and gzip/deflate content coding, within
/// the page size limit.
fn decode_body(body: &[u8], chunked: bool, encoding: Option<&str>) -> Result<Vec<u8>, Reason> {
    let dechunked;
    let body = if chunked {
        dechunked = dechunk(body).unwrap_or_else(|| body.to_vec());
        &dechunked[..]
    } else {
        body
    };
    let limit = MAX_PAGE_BYTES + 1;
    let mut out = Vec::new();
    let result = match encoding {
        None | Some("identity") | Some("") => return Ok(body.to_vec()),
        Some("gzip" | "x-gzip") => GzDecoder::new(body).take(limit).read_to_end(&mut out),
        Some("deflate") => ZlibDecoder::new(body).take(limit).read_to_end(&mut out),
        Some(other) => return Err(Reason::BadWarc(format!("unsupported Content-Encoding '{other}'"))),
    };
    match result {
        Ok(_) if out.len() as u64 > MAX_PAGE_BYTES => Err(Reason::TooLarge(None)),
        Ok(_) => Ok(out),
        Err(e) => Err(Reason::BadGzip(format!("page body: {}", describe(&e)))),
    }
}

/// The body of a chunked transfer; `None` when the chunks are malformed (some
/// archives keep the header but store the body dechunked).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let nl = body.iter().position(|&b| b == b'\n')?;
        let size_text = std::str::from_utf8(&body[..nl]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
}

fn describe(e: &io::Error) -> String {
    let s = e.to_string();
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// Writes one WARC response record (tests and the benchmark corpus).
pub fn write_response(out: &mut impl io::Write, uri: &str, date: &str, http: &[u8]) -> io::Result<()> {
    write!(
        out,
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: {date}\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )?;
    out.write_all(http)?;
    out.write_all(b"\r\n\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn page(words: &str) -> Vec<u8> {
        let p = format!("<p>{}</p>", words.repeat(4));
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article>{p}{p}</article></body></html>")
            .into_bytes()
    }

    const WORDS: &str = "Les forces armées ont repris lundi le contrôle de la ville, selon un porte-parole. ";

    fn archive() -> Vec<u8> {
        let mut w = Vec::new();
        w.extend_from_slice(b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n");
        write_response(
            &mut w,
            "https://a.example/1",
            "2024-04-05T10:00:00Z",
            &page(WORDS),
        )
        .unwrap();
        w.extend_from_slice(b"WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 3\r\n\r\nGET\r\n\r\n");
        write_response(
            &mut w,
            "https://a.example/img.png",
            "2024-04-05T10:00:00Z",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        )
        .unwrap();
        write_response(
            &mut w,
            "https://a.example/moved",
            "2024-04-05T10:00:00Z",
            b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n",
        )
        .unwrap();
        write_response(
            &mut w,
            "https://a.example/2",
            "2024-04-06T10:00:00Z",
            &page(WORDS),
        )
        .unwrap();
        w
    }

    fn gzip_members(records: &[&[u8]]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
            gz.write_all(r).unwrap();
            out.extend(gz.finish().unwrap());
        }
        out
    }

    fn read(bytes: Vec<u8>) -> Vec<ReadResult> {
        WarcReader::open(io::Cursor::new(bytes), "t.warc", &Meta::default())
            .unwrap()
            .collect()
    }

    fn urls(items: &[ReadResult]) -> Vec<String> {
        items
            .iter()
            .filter_map(|i| match i {
                Ok(Item::Html(p)) => p.url.clone(),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn responses_only_html() {
        let items = read(archive());
        assert_eq!(urls(&items), ["https://a.example/1", "https://a.example/2"]);
        let quiet: Vec<&str> = items
            .iter()
            .filter_map(|i| i.as_ref().err())
            .inspect(|s| assert!(s.quiet, "{s}"))
            .map(|s| s.reason.kind())
            .collect();
        assert_eq!(quiet, ["not HTML", "HTTP status"]);
        let Ok(Item::Html(p)) = &items[0] else { panic!() };
        assert_eq!(p.crawl_date, NaiveDate::from_ymd_opt(2024, 4, 5));
        assert_eq!(p.at, "t.warc: record 2 <https://a.example/1>");
        let a = items.into_iter().next().unwrap().unwrap().resolve().unwrap();
        assert!(a.text.starts_with("Les forces armées"));
    }

    #[test]
    fn multi_member_gzip() {
        let plain = archive();
        // One member per record, as Common Crawl writes them.
        let mut cuts = vec![0];
        let s = String::from_utf8_lossy(&plain);
        cuts.extend(s.match_indices("WARC/1.0").skip(1).map(|(i, _)| i));
        cuts.push(plain.len());
        let parts: Vec<&[u8]> = cuts.windows(2).map(|w| &plain[w[0]..w[1]]).collect();
        let items = read(gzip_members(&parts));
        assert_eq!(urls(&items), ["https://a.example/1", "https://a.example/2"]);
    }

    #[test]
    fn truncated_gzip_is_reported_and_ends_the_file() {
        let gz = gzip_members(&[&archive()]);
        let cut = gz[..gz.len() * 2 / 3].to_vec();
        let items = read(cut);
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert!(last.last);
        assert_eq!(last.reason.kind(), "bad gzip", "{last}");
        assert!(last.at.starts_with("t.warc: record"), "{last}");
    }

    #[test]
    fn truncated_plain_file() {
        let mut w = archive();
        w.truncate(w.len() - 200);
        let items = read(w);
        let last = items.last().unwrap().as_ref().unwrap_err();
        assert!(last.last);
        assert_eq!(last.reason.kind(), "truncated input");
        assert!(last.to_string().contains("record 6"), "{last}");
    }

    #[test]
    fn wrong_length_skips_one_record() {
        let mut w = Vec::new();
        let p = page(WORDS);
        write_response(&mut w, "https://a.example/1", "2024-04-05", &p).unwrap();
        // Declares 10 bytes fewer than it holds.
        let mut bad = Vec::new();
        write_response(&mut bad, "https://a.example/bad", "2024-04-05", &p).unwrap();
        let s = String::from_utf8(bad).unwrap().replace(
            &format!("Content-Length: {}", p.len()),
            &format!("Content-Length: {}", p.len() - 10),
        );
        w.extend_from_slice(s.as_bytes());
        // Declares more than it holds: swallows the next record's start.
        let mut bad = Vec::new();
        write_response(&mut bad, "https://a.example/bad2", "2024-04-05", &p).unwrap();
        let s = String::from_utf8(bad).unwrap().replace(
            &format!("Content-Length: {}", p.len()),
            &format!("Content-Length: {}", p.len() + 30),
        );
        w.extend_from_slice(s.as_bytes());
        write_response(&mut w, "https://a.example/lost", "2024-04-05", &p).unwrap();
        write_response(&mut w, "https://a.example/3", "2024-04-05", &p).unwrap();
        let items = read(w);
        assert_eq!(urls(&items), ["https://a.example/1", "https://a.example/3"]);
        let errs: Vec<String> = items
            .iter()
            .filter_map(|i| i.as_ref().err())
            .map(|s| s.to_string())
            .collect();
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs[0].starts_with(
                "t.warc: record 2 <https://a.example/bad>: bad WARC record: wrong Content-Length"
            ),
            "{errs:?}"
        );
        assert!(
            errs[1].starts_with(
                "t.warc: record 3 <https://a.example/bad2>: bad WARC record: wrong Content-Length"
            ),
            "{errs:?}"
        );
    }

    #[test]
    fn oversized_record_is_skipped_unread() {
        let mut w = Vec::new();
        let big = MAX_PAGE_BYTES + HTTP_HEADER_ROOM + 1;
        write!(w, "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.example/big\r\nContent-Length: {big}\r\n\r\n").unwrap();
        w.resize(w.len() + big as usize, b'x');
        w.extend_from_slice(b"\r\n\r\n");
        write_response(&mut w, "https://a.example/2", "2024-04-05", &page(WORDS)).unwrap();
        let items = read(w);
        assert_eq!(urls(&items), ["https://a.example/2"]);
        let skip = items[0].as_ref().unwrap_err();
        assert!(!skip.quiet);
        assert_eq!(skip.reason.kind(), "over 10 MB");
    }

    #[test]
    fn not_a_warc() {
        let items = read(b"hello\nworld\n".to_vec());
        assert_eq!(items.len(), 1);
        let e = items[0].as_ref().unwrap_err();
        assert!(e.to_string().contains("expected a record header"), "{e}");
    }

    #[test]
    fn http_bodies() {
        let chunked = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Type: text/html\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        let r = parse_http(chunked).unwrap();
        assert!(r.chunked);
        assert_eq!(
            decode_body(&chunked[r.body_start..], true, None).unwrap(),
            b"hello world"
        );
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(b"<html>x</html>").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(decode_body(&gz, false, Some("gzip")).unwrap(), b"<html>x</html>");
        assert!(decode_body(b"x", false, Some("br")).is_err());
        assert!(is_html(None, b"  <!DOCTYPE html><html>"));
        assert!(is_html(Some("application/xhtml+xml"), b""));
        assert!(!is_html(Some("application/pdf"), b"<html>"));
        assert!(parse_http(b"garbage\r\n\r\n").is_err());
    }
}
