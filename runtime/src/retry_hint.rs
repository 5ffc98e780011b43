//! Reading the server's retry hint from response headers: the catalogue's own
//! header (a number of seconds) and the standard `Retry-After` (RFC 9110,
//! section 10.2.3: delay-seconds or an HTTP-date).
//!
//! Parsing only reads what the server said: a huge value stays huge here, and
//! [`RetryPolicy`](super::policy::RetryPolicy) caps it before anyone sleeps on it.

use std::time::{Duration, SystemTime};

use super::http_date::parse_http_date;

/// The standard header, read in addition to the catalogue's own.
const STANDARD_HEADER: &str = "Retry-After";

/// The delay a hint header asks for, or `None` when the header is not a hint
/// header (`catalogue_header`, the catalogue's own, or `Retry-After`) or its
/// value is not valid. A date in the past asks for no delay. `now` is when the
/// reply was received.
pub(crate) fn header_hint(catalogue_header: &str, name: &str, value: &str, now: SystemTime) -> Option<Duration> {
    let catalogue = name
        .eq_ignore_ascii_case(catalogue_header)
        .then(|| seconds(value))
        .flatten();
    let standard = name
        .eq_ignore_ascii_case(STANDARD_HEADER)
        .then(|| retry_after(value, now))
        .flatten();
    catalogue.max(standard)
}

/// A non-negative decimal number of seconds, `"30"` or `"0.25"`. Fractions are
/// accepted so that a server can ask for sub-second waits; a number too large
/// for a `Duration` saturates rather than failing, and the policy caps it.
pub(crate) fn seconds(value: &str) -> Option<Duration> {
    let value = value.trim();
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    let all_digits = |text: &str| text.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) || (value.contains('.') && fraction.is_empty()) {
        return None;
    }
    let Ok(secs) = whole.parse::<u64>() else {
        return Some(Duration::MAX);
    };
    Some(Duration::from_secs(secs).saturating_add(fraction_nanos(fraction)))
}

/// The fraction of a second written after the point, rounded up to the next
/// nanosecond so that the wait is never shorter than asked.
fn fraction_nanos(fraction: &str) -> Duration {
    let mut nanos: u64 = 0;
    for (i, digit) in fraction.bytes().enumerate() {
        let digit = u64::from(digit - b'0');
        if i < 9 {
            nanos += digit * 10u64.pow(8 - i as u32);
        } else if digit > 0 {
            return Duration::from_nanos(nanos + 1);
        }
    }
    Duration::from_nanos(nanos)
}

/// `Retry-After`: delay-seconds (digits only) or an HTTP-date, measured from `now`.
fn retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        return seconds(value);
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::Catalogue;
    use super::super::testing::{OtherCode, TestCode};
    use super::*;
    use std::time::UNIX_EPOCH;

    /// 1994-11-06T08:49:37Z.
    fn example_time() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(784_111_777)
    }

    #[test]
    fn seconds_accept_integers_and_fractions() {
        assert_eq!(seconds("30"), Some(Duration::from_secs(30)));
        assert_eq!(seconds(" 0 "), Some(Duration::ZERO));
        assert_eq!(seconds("0.25"), Some(Duration::from_millis(250)));
        assert_eq!(seconds("1.5"), Some(Duration::from_millis(1500)));
        assert_eq!(seconds("0.0000000001"), Some(Duration::from_nanos(1)));
        assert_eq!(seconds("1000000000000"), Some(Duration::from_secs(1_000_000_000_000)));
        assert_eq!(seconds("99999999999999999999999"), Some(Duration::MAX));
    }

    #[test]
    fn seconds_refuse_garbage_and_negatives() {
        for value in [
            "", " ", "-1", "-0.5", "+5", "1e3", "5s", "1.", ".5", "1.2.3", "0x10", "NaN", "inf", "٣",
        ] {
            assert_eq!(seconds(value), None, "{value:?}");
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates_past_and_future() {
        let now = example_time();
        assert_eq!(retry_after("120", now), Some(Duration::from_secs(120)));
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:51:37 GMT", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now), Some(Duration::ZERO));
        assert_eq!(retry_after("Sat, 01 Jan 1994 00:00:00 GMT", now), Some(Duration::ZERO));
        for value in ["", "soon", "-1", "Sun, 06 Nov 1994 08:51:37 CET"] {
            assert_eq!(retry_after(value, now), None, "{value:?}");
        }
    }

    #[test]
    fn header_names_match_case_insensitively() {
        let now = example_time();
        let expected = Some(Duration::from_secs(7));
        for own in [TestCode::RETRY_AFTER_HEADER, OtherCode::RETRY_AFTER_HEADER] {
            assert_eq!(header_hint(own, own, "7", now), expected);
            assert_eq!(header_hint(own, &own.to_ascii_lowercase(), "7", now), expected);
            assert_eq!(header_hint(own, &own.to_ascii_uppercase(), "7", now), expected);
            assert_eq!(header_hint(own, "retry-after", "7", now), expected);
            assert_eq!(
                header_hint(own, "RETRY-AFTER", "Sun, 06 Nov 1994 08:49:44 GMT", now),
                expected
            );
            assert_eq!(header_hint(own, "X-Something-Else", "7", now), None);
        }
        assert_eq!(
            header_hint(TestCode::RETRY_AFTER_HEADER, OtherCode::REQUEST_ID_HEADER, "7", now),
            None
        );
    }
}
