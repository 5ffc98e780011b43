//! HTTP-date (RFC 9110, section 5.6.7), the other form of `Retry-After`:
//! IMF-fixdate, plus the obsolete RFC 850 and asctime forms that recipients
//! must still accept.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A calendar instant in UTC, as written in the header.
struct DateTime {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

/// The instant an HTTP-date names, or `None` if `text` is not one.
///
/// - IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`
/// - RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT` (a two-digit year below 70 is
///   in the 2000s, as most HTTP stacks read it)
/// - asctime: `Sun Nov  6 08:49:37 1994`
pub(crate) fn parse_http_date(text: &str) -> Option<SystemTime> {
    let text = text.trim();
    let date = imf_fixdate(text).or_else(|| rfc850(text)).or_else(|| asctime(text))?;
    date.to_system_time()
}

/// `Sun, 06 Nov 1994 08:49:37 GMT`
fn imf_fixdate(text: &str) -> Option<DateTime> {
    let (weekday, rest) = text.split_once(", ")?;
    DAYS.contains(&weekday).then_some(())?;
    let mut parts = rest.split(' ');
    let day = two_digits(parts.next()?)?;
    let month = month(parts.next()?)?;
    let year = four_digits(parts.next()?)?;
    let (hour, minute, second) = time_of_day(parts.next()?)?;
    (parts.next()? == "GMT" && parts.next().is_none()).then_some(())?;
    DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    }
    .validated()
}

/// `Sunday, 06-Nov-94 08:49:37 GMT`
fn rfc850(text: &str) -> Option<DateTime> {
    let (weekday, rest) = text.split_once(", ")?;
    LONG_DAYS.contains(&weekday).then_some(())?;
    let mut parts = rest.split(' ');
    let mut date = parts.next()?.split('-');
    let day = two_digits(date.next()?)?;
    let month = month(date.next()?)?;
    let short_year = i64::from(two_digits(date.next()?)?);
    date.next().is_none().then_some(())?;
    let year = if short_year < 70 {
        2000 + short_year
    } else {
        1900 + short_year
    };
    let (hour, minute, second) = time_of_day(parts.next()?)?;
    (parts.next()? == "GMT" && parts.next().is_none()).then_some(())?;
    DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    }
    .validated()
}

/// `Sun Nov  6 08:49:37 1994` (a one-digit day is padded with a space).
fn asctime(text: &str) -> Option<DateTime> {
    let weekday = text.get(..4)?.strip_suffix(' ')?;
    DAYS.contains(&weekday).then_some(())?;
    let month = month(text.get(4..7)?)?;
    (text.get(7..8)? == " ").then_some(())?;
    let day_text = text.get(8..10)?;
    let day = two_digits(day_text.strip_prefix(' ').map_or(day_text, |digit| digit))?;
    let mut parts = text.get(10..)?.strip_prefix(' ')?.split(' ');
    let (hour, minute, second) = time_of_day(parts.next()?)?;
    let year = four_digits(parts.next()?)?;
    parts.next().is_none().then_some(())?;
    DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    }
    .validated()
}

fn month(name: &str) -> Option<u32> {
    let index = MONTHS.iter().position(|month| *month == name)?;
    u32::try_from(index + 1).ok()
}

/// One or two ASCII digits.
fn two_digits(text: &str) -> Option<u32> {
    (1..=2).contains(&text.len()).then_some(())?;
    digits(text)
}

fn four_digits(text: &str) -> Option<i64> {
    (text.len() == 4).then_some(())?;
    digits(text).map(i64::from)
}

fn digits(text: &str) -> Option<u32> {
    text.bytes().all(|b| b.is_ascii_digit()).then_some(())?;
    text.parse().ok()
}

/// `08:49:37`
fn time_of_day(text: &str) -> Option<(u32, u32, u32)> {
    let mut fields = text.split(':');
    let mut next = || fields.next().filter(|field| field.len() == 2).and_then(digits);
    let time = (next()?, next()?, next()?);
    fields.next().is_none().then_some(time)
}

impl DateTime {
    fn validated(self) -> Option<DateTime> {
        let leap = (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0;
        let month_days = match self.month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        // Second 60 is a leap second, which UTC timestamps fold into the next.
        let valid = (1..=month_days).contains(&self.day) && self.hour < 24 && self.minute < 60 && self.second <= 60;
        valid.then_some(self)
    }

    fn to_system_time(&self) -> Option<SystemTime> {
        let seconds = days_from_civil(self.year, self.month, self.day) * 86_400
            + i64::from(self.hour) * 3_600
            + i64::from(self.minute) * 60
            + i64::from(self.second);
        let offset = Duration::from_secs(seconds.unsigned_abs());
        if seconds >= 0 {
            UNIX_EPOCH.checked_add(offset)
        } else {
            UNIX_EPOCH.checked_sub(offset)
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 1994-11-06T08:49:37Z, RFC 9110's example.
    const EXAMPLE: u64 = 784_111_777;

    fn unix(text: &str) -> Option<u64> {
        parse_http_date(text)
            .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_secs())
    }

    #[test]
    fn reads_all_three_forms_of_rfc_9110s_example() {
        assert_eq!(unix("Sun, 06 Nov 1994 08:49:37 GMT"), Some(EXAMPLE));
        assert_eq!(unix("Sunday, 06-Nov-94 08:49:37 GMT"), Some(EXAMPLE));
        assert_eq!(unix("Sun Nov  6 08:49:37 1994"), Some(EXAMPLE));
        assert_eq!(unix("  Sun, 06 Nov 1994 08:49:37 GMT "), Some(EXAMPLE));
    }

    #[test]
    fn knows_the_calendar() {
        assert_eq!(unix("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(unix("Tue, 29 Feb 2000 00:00:00 GMT"), Some(951_782_400));
        assert_eq!(unix("Fri, 31 Dec 9999 23:59:59 GMT"), Some(253_402_300_799));
        assert_eq!(unix("Wednesday, 01-Jan-30 00:00:00 GMT"), Some(1_893_456_000));
        assert_eq!(unix("Sat Feb 29 12:00:00 2020"), Some(1_582_977_600));
        assert!(parse_http_date("Wed, 31 Dec 1969 23:59:59 GMT").is_some());
    }

    #[test]
    fn refuses_what_is_not_an_http_date() {
        for text in [
            "",
            "120",
            "-5",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT extra",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 30 Feb 1994 08:49:37 GMT",
            "Sun, 29 Feb 1900 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 08:60:00 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37:00 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Xyz, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06 Nov 1994 08:49:37 GMT",
            "Sun, 06-Nov-94 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "Sun Nov  6 08:49:37 1994 GMT",
            "Sun, +6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 08:49:37 GMT\u{e9}",
            "Sun Nov\u{e9}6 08:49:37 1994",
        ] {
            assert_eq!(parse_http_date(text), None, "{text:?}");
        }
    }
}
