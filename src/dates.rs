//! Danish dates as minutes write them: `17-11-2025`, `15.05.2013`,
//! `17. november 2025`, `d. 5. marts 2024`.

use jiff::civil::Date;
use regex::Regex;
use std::sync::LazyLock;

const MONTHS: [(&str, i8); 24] = [
    ("januar", 1),
    ("jan", 1),
    ("februar", 2),
    ("feb", 2),
    ("marts", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("maj", 5),
    ("juni", 6),
    ("jun", 6),
    ("juli", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("oktober", 10),
    ("okt", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("sept", 9),
];

/// A pattern for one date anywhere in a string. Numeric dates need a
/// four-digit year so that `26/8/22` in a title or `24/24964` (a journal
/// number) is never read as a date.
pub static DATE_PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<d>\d{1,2})[-./](?P<m>\d{1,2})[-./](?P<y>\d{4})|(?P<iy>\d{4})-(?P<im>\d{2})-(?P<id>\d{2})|(?P<td>\d{1,2})\.?\s+(?P<tm>januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|okt|nov|dec)\.?\s+(?P<ty>\d{4}))\b",
    )
    .expect("date pattern is valid")
});

/// The first valid date in `text`, with the byte range it occupies.
pub fn find_date(text: &str) -> Option<(Date, std::ops::Range<usize>)> {
    DATE_PATTERN.captures_iter(text).find_map(|caps| {
        let whole = caps.get(0)?;
        let date = if let Some(d) = caps.name("d") {
            make(&caps["y"], &caps["m"], d.as_str())
        } else if let Some(y) = caps.name("iy") {
            make(y.as_str(), &caps["im"], &caps["id"])
        } else {
            let month_name = caps["tm"].to_lowercase();
            let month = MONTHS.iter().find(|(n, _)| *n == month_name)?.1;
            let day: i8 = caps["td"].parse().ok()?;
            let year: i16 = caps["ty"].parse().ok()?;
            Date::new(year, month, day).ok()
        }?;
        Some((date, whole.range()))
    })
}

/// The first date in `text` written in a date's form but naming no day of
/// the calendar (`31-02-2025`), as written; `None` where every date is one.
pub fn first_impossible(text: &str) -> Option<&str> {
    DATE_PATTERN
        .find_iter(text)
        .find(|m| find_date(m.as_str()).is_none())
        .map(|m| m.as_str())
}

/// Parses a date that must make up the whole of `text` (surrounding white
/// space and a leading `d.`/`den` allowed).
pub fn parse_whole(text: &str) -> Option<Date> {
    let t = text.trim();
    let t = t
        .strip_prefix("den ")
        .or_else(|| t.strip_prefix("d. "))
        .unwrap_or(t)
        .trim();
    let (date, range) = find_date(t)?;
    (range.start == 0 && range.end == t.len()).then_some(date)
}

/// Parses `YYYY-MM-DD`, the form used on the command line and in JSON.
pub fn parse_iso(text: &str) -> Option<Date> {
    let caps = ISO.captures(text.trim())?;
    make(&caps[1], &caps[2], &caps[3])
}

/// Parses a date as a user types it: `YYYY-MM-DD`, or the Danish
/// `DD-MM-YYYY` (also `DD.MM.YYYY`, and a one-digit day or month). The form
/// taken on the command line and in `SAGSSPOR_TODAY`.
pub fn parse_user(text: &str) -> Option<Date> {
    parse_iso(text).or_else(|| {
        let caps = DANISH.captures(text.trim())?;
        make(&caps[3], &caps[2], &caps[1])
    })
}

/// How [`parse_user`] names the forms it takes, for messages.
pub const USER_FORMS: &str = "YYYY-MM-DD or DD-MM-YYYY";

static DANISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2})[-.](\d{1,2})[-.](\d{4})$").expect("danish date pattern is valid")
});

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})-(\d{2})-(\d{2})$").expect("iso pattern is valid"));

fn make(year: &str, month: &str, day: &str) -> Option<Date> {
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn impossible_dates_are_named() {
        assert_eq!(
            first_impossible("REFERAT Direktionen d. 31-02-2025"),
            Some("31-02-2025")
        );
        assert_eq!(
            first_impossible("den 30. februar 2024"),
            Some("30. februar 2024")
        );
        assert_eq!(first_impossible("d. 17-11-2025 og 24/24964"), None);
    }

    #[test]
    fn numeric_and_worded_dates() {
        assert_eq!(parse_whole("17-11-2025"), Some(date(2025, 11, 17)));
        assert_eq!(parse_whole("15.05.2013"), Some(date(2013, 5, 15)));
        assert_eq!(parse_whole("d. 5. marts 2024"), Some(date(2024, 3, 5)));
        assert_eq!(parse_whole("12. juni 2024"), Some(date(2024, 6, 12)));
        assert_eq!(parse_whole("2024-06-12"), Some(date(2024, 6, 12)));
    }

    #[test]
    fn journal_numbers_and_short_years_are_not_dates() {
        assert_eq!(find_date("behandlet af K17 den 26/8/22"), None);
        assert_eq!(find_date("24/24964"), None);
        assert_eq!(parse_whole("31-02-2025"), None);
    }

    #[test]
    fn user_dates_iso_and_danish() {
        assert_eq!(parse_user("2022-10-03"), Some(date(2022, 10, 3)));
        assert_eq!(parse_user("03-10-2022"), Some(date(2022, 10, 3)));
        assert_eq!(parse_user("3.10.2022"), Some(date(2022, 10, 3)));
        assert_eq!(parse_user(" 29-08-2022 "), Some(date(2022, 8, 29)));
        assert_eq!(parse_user("31-02-2022"), None);
        assert_eq!(parse_user("2022-13-01"), None);
        assert_eq!(parse_user("29/08/22"), None);
        assert_eq!(parse_user("i morgen"), None);
    }

    #[test]
    fn finds_a_date_inside_text() {
        let (d, _) = find_date("Mandag d. 17. november 2025 kl. 09:00").unwrap();
        assert_eq!(d, date(2025, 11, 17));
    }
}
