//! Publication dates as pages and feeds write them: ISO 8601 dates and
//! date-times, `YYYY/MM/DD`, compact `YYYYMMDD`, and RFC 2822 (RSS).
//!
//! The date is the calendar date as written, in the publisher's time zone
//! ("2024-04-05T23:30:00-05:00" is 5 April): that is the day the article's
//! relative dates ("yesterday") count from.

use chrono::{DateTime, Datelike, NaiveDate};

/// Reads a publication date; `None` when `s` is not a date Vigie knows or is
/// outside 1900..=2200 (a placeholder such as `0000-00-00`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let date = iso_like(s).or_else(|| DateTime::parse_from_rfc2822(s).ok().map(|d| d.date_naive()))?;
    (1900..=2200).contains(&date.year()).then_some(date)
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD`, alone or followed by a time.
fn iso_like(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let (y, m, d, rest) = if digits(0..4) && b.get(4).is_some_and(|c| *c == b'-' || *c == b'/') {
        let sep = b[4];
        if !(digits(5..7) && b.get(7) == Some(&sep) && digits(8..10)) {
            return None;
        }
        (&s[0..4], &s[5..7], &s[8..10], &s[10..])
    } else if digits(0..8) {
        (&s[0..4], &s[4..6], &s[6..8], &s[8..])
    } else {
        return None;
    };
    if !(rest.is_empty() || rest.starts_with(['T', 't', ' '])) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        let cases = [
            ("2024-04-05", d(2024, 4, 5)),
            ("2024-04-05T23:30:00-05:00", d(2024, 4, 5)),
            ("2024-04-05T10:00:00.000Z", d(2024, 4, 5)),
            ("  2024-04-05 10:00 ", d(2024, 4, 5)),
            ("2024/04/05", d(2024, 4, 5)),
            ("20240405", d(2024, 4, 5)),
            ("20240405T101500Z", d(2024, 4, 5)),
            ("Fri, 05 Apr 2024 10:00:00 +0200", d(2024, 4, 5)),
            ("Fri, 05 Apr 2024 10:00:00 GMT", d(2024, 4, 5)),
            ("2024-13-05", None),
            ("0000-00-00", None),
            ("1850-01-01", None),
            ("2024-04-05X", None),
            ("hier", None),
            ("", None),
            ("123", None),
        ];
        for (s, want) in cases {
            assert_eq!(parse_date(s), want, "{s}");
        }
    }
}
