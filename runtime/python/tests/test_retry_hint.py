"""Retry hints and HTTP-dates are read as the Rust runtime reads them."""

from __future__ import annotations

import unittest

from errcat_test_api._hints import parse_http_date, retry_after_hint, seconds_hint

#: 1994-11-06T08:49:37Z, RFC 9110's example, as Unix seconds.
EXAMPLE = 784_111_777
SECOND = 1_000_000_000


class Seconds(unittest.TestCase):
    def test_seconds_accept_integers_and_fractions_rounded_up_to_the_nanosecond(self) -> None:
        cases = {
            "30": 30 * SECOND,
            " 0 ": 0,
            "0.25": SECOND // 4,
            "1.5": 3 * SECOND // 2,
            "0.0000000001": 1,
            "1000000000000": 10**12 * SECOND,
            "99999999999999999999999": (2**64 - 1) * SECOND + 999_999_999,
            "9" * 5000: (2**64 - 1) * SECOND + 999_999_999,
            "0" * 5000 + "3": 3 * SECOND,
        }
        for text, nanos in cases.items():
            self.assertEqual(seconds_hint(text), nanos, text)

    def test_seconds_refuse_garbage_and_negatives(self) -> None:
        for text in ["", " ", "-1", "-0.5", "+5", "1e3", "5s", "1.", ".5", "1.2.3", "0x10", "NaN", "inf", "\u0663"]:
            self.assertIsNone(seconds_hint(text), text)

    def test_retry_after_reads_seconds_and_dates_past_and_future(self) -> None:
        now = EXAMPLE * SECOND
        self.assertEqual(retry_after_hint("120", now), 120 * SECOND)
        self.assertEqual(retry_after_hint("Sun, 06 Nov 1994 08:51:37 GMT", now), 120 * SECOND)
        self.assertEqual(retry_after_hint("Sun, 06 Nov 1994 08:49:37 GMT", now), 0)
        self.assertEqual(retry_after_hint("Sat, 01 Jan 1994 00:00:00 GMT", now), 0)
        for text in ["", "soon", "-1", "0.5", "Sun, 06 Nov 1994 08:51:37 CET"]:
            self.assertIsNone(retry_after_hint(text, now), text)


class HttpDates(unittest.TestCase):
    def test_reads_all_three_forms_of_rfc_9110s_example(self) -> None:
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
            "  Sun, 06 Nov 1994 08:49:37 GMT ",
        ]:
            self.assertEqual(parse_http_date(text), EXAMPLE, text)

    def test_knows_the_calendar(self) -> None:
        self.assertEqual(parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"), 0)
        self.assertEqual(parse_http_date("Tue, 29 Feb 2000 00:00:00 GMT"), 951_782_400)
        self.assertEqual(parse_http_date("Fri, 31 Dec 9999 23:59:59 GMT"), 253_402_300_799)
        self.assertEqual(parse_http_date("Wednesday, 01-Jan-30 00:00:00 GMT"), 1_893_456_000)
        self.assertEqual(parse_http_date("Sat Feb 29 12:00:00 2020"), 1_582_977_600)
        self.assertEqual(parse_http_date("Wed, 31 Dec 1969 23:59:59 GMT"), -1)
        self.assertEqual(parse_http_date("Sun, 06 Nov 1994 08:49:60 GMT"), EXAMPLE + 23)

    def test_refuses_what_is_not_an_http_date(self) -> None:
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
            "Sun, 06 Nov 1994 08:49:37 GMT\u00e9",
            "Sun Nov\u00e96 08:49:37 1994",
            "Sun, \u0660\u0666 Nov 1994 08:49:37 GMT",
        ]:
            self.assertIsNone(parse_http_date(text), text)


if __name__ == "__main__":
    unittest.main()
