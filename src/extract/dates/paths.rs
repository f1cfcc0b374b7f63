//! Dates written into a URL path or a file name, the fallbacks when a source states none.
//!
//! Apart from [`parse_date`](super::parse_date) because these look for a date *inside* a
//! longer string (a path segment, a slug) rather than reading a string that is a date.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::plausible;
use crate::NewsDate;

static FILE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9])((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?:[^0-9]|$)",
    )
    .expect("valid regex")
});
/// Dates in URL paths: `/2022/10/18/`, `/2022-10-18-slug`, `/2022/10/8/`, `/20221018/`,
/// `/18-10-2022` (year, month, day captured in that order by each pattern's named groups). A
/// one-digit day must end the path segment, so `/2023/10/3-questions` is no date.
static URL_DATES: LazyLock<[Regex; 3]> = LazyLock::new(|| {
    [
        r"/(?P<y>(?:19|20)\d{2})[/_-](?P<m>0?[1-9]|1[0-2])[/_-](?P<d>(?:0[1-9]|[12]\d|3[01])(?:[/_-]|\.html?|[?#]|$)|[1-9](?:/|\.html?|[?#]|$))",
        r"/(?P<y>(?:19|20)\d{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])(?:[/_-]|\.html?|[?#]|$)",
        r"/(?P<d>0[1-9]|[12]\d|3[01])-(?P<m>0[1-9]|1[0-2])-(?P<y>(?:19|20)\d{2})(?:/|\.html?|[?#]|$)",
    ]
    .map(|p| Regex::new(p).expect("valid regex"))
});

/// A date in a URL path such as `/2022/10/18/`, `/2022-10-18-slug` or `/20221018/`.
pub fn date_from_url(url: &str) -> Option<NewsDate> {
    URL_DATES.iter().find_map(|re| {
        let c = re.captures(url)?;
        let num = |k: &str| -> Option<u32> {
            let digits: String = c
                .name(k)?
                .as_str()
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        };
        let d = NaiveDate::from_ymd_opt(i32::try_from(num("y")?).ok()?, num("m")?, num("d")?)?;
        Some(NewsDate::Day(d)).filter(plausible)
    })
}

/// A date in a file's name, such as `harbor-times-2022-10-18-drones.html` or `20221018_a.txt`.
pub fn date_from_file_name(path: &str) -> Option<NewsDate> {
    let name = std::path::Path::new(path).file_name()?.to_str()?;
    let c = FILE_DATE.captures(name)?;
    let d = NaiveDate::from_ymd_opt(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)?;
    Some(NewsDate::Day(d)).filter(plausible)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_dates() {
        assert_eq!(
            date_from_file_name("/c/harbor-times-2022-10-18-drones.html")
                .unwrap()
                .to_string(),
            "2022-10-18"
        );
        assert_eq!(
            date_from_file_name("20221018_story.txt")
                .unwrap()
                .to_string(),
            "2022-10-18"
        );
        assert_eq!(
            date_from_file_name("/2022-10-18/story.txt"),
            None,
            "only the name counts"
        );
        assert_eq!(date_from_file_name("report-12345678.txt"), None);
        assert_eq!(date_from_file_name("lanterns.txt"), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            date_from_url("https://x.example/world/2022/10/18/drones/")
                .unwrap()
                .to_string(),
            "2022-10-18"
        );
        assert_eq!(
            date_from_url("https://x.example/2022-10-18-drones.html")
                .unwrap()
                .to_string(),
            "2022-10-18"
        );
        assert_eq!(date_from_url("https://x.example/story/12345"), None);
        let cases = [
            ("https://x.example/2022/10/8/story", Some("2022-10-08")),
            ("https://x.example/news/20221018/story", Some("2022-10-18")),
            ("https://x.example/press/18-10-2022", Some("2022-10-18")),
            (
                "https://x.example/2022_10_18_story.html",
                Some("2022-10-18"),
            ),
            ("https://x.example/2023/10/3-questions-for-ada/", None),
            ("https://x.example/item/20221318/", None),
            ("https://x.example/p/12345678901", None),
        ];
        for (url, want) in cases {
            assert_eq!(
                date_from_url(url).map(|d| d.to_string()).as_deref(),
                want,
                "{url}"
            );
        }
    }
}
