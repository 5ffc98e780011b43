import assert from "node:assert/strict";
import { test } from "node:test";

import { headerHint, parseHttpDate, seconds } from "../retry-hint.js";

/** 1994-11-06T08:49:37Z, RFC 9110's example, in ms. */
const EXAMPLE_MS = 784_111_777_000;

test("seconds accept integers and fractions", () => {
  assert.equal(seconds("30"), 30_000);
  assert.equal(seconds(" 0 "), 0);
  assert.equal(seconds("0.25"), 250);
  assert.equal(seconds("1.5"), 1500);
  assert.equal(seconds("0.0000000001"), 1e-6);
  assert.equal(seconds("1000000000000"), 1e15);
  assert.ok((seconds("99999999999999999999999") ?? 0) > 1.8e22);
});

test("seconds refuse garbage and negatives", () => {
  for (const value of ["", " ", "-1", "-0.5", "+5", "1e3", "5s", "1.", ".5", "1.2.3", "0x10", "NaN", "inf", "٣"]) {
    assert.equal(seconds(value), undefined, value);
  }
});

test("retry-after reads seconds and dates past and future", () => {
  const hint = (/** @type {string} */ value) => headerHint("X-Own", "Retry-After", value, EXAMPLE_MS);
  assert.equal(hint("120"), 120_000);
  assert.equal(hint("Sun, 06 Nov 1994 08:51:37 GMT"), 120_000);
  assert.equal(hint("Sun, 06 Nov 1994 08:49:37 GMT"), 0);
  assert.equal(hint("Sat, 01 Jan 1994 00:00:00 GMT"), 0);
  for (const value of ["", "soon", "-1", "0.5", "Sun, 06 Nov 1994 08:51:37 CET"]) assert.equal(hint(value), undefined, value);
});

test("header names match case-insensitively", () => {
  for (const own of ["X-Test-Retry-After", "Retry-After"]) {
    for (const name of [own, own.toLowerCase(), own.toUpperCase(), "retry-after"]) {
      assert.equal(headerHint(own, name, "7", EXAMPLE_MS), 7000, name);
    }
    assert.equal(headerHint(own, "RETRY-AFTER", "Sun, 06 Nov 1994 08:49:44 GMT", EXAMPLE_MS), 7000);
    assert.equal(headerHint(own, "X-Something-Else", "7", EXAMPLE_MS), undefined);
  }
  // Only ASCII letters fold: a Kelvin sign is not a K.
  assert.equal(headerHint("X-K", "X-\u212a", "7", EXAMPLE_MS), undefined);
});

test("reads all three forms of RFC 9110's example", () => {
  assert.equal(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), EXAMPLE_MS);
  assert.equal(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), EXAMPLE_MS);
  assert.equal(parseHttpDate("Sun Nov  6 08:49:37 1994"), EXAMPLE_MS);
  assert.equal(parseHttpDate("  Sun, 06 Nov 1994 08:49:37 GMT "), EXAMPLE_MS);
});

test("knows the calendar", () => {
  assert.equal(parseHttpDate("Thu, 01 Jan 1970 00:00:00 GMT"), 0);
  assert.equal(parseHttpDate("Tue, 29 Feb 2000 00:00:00 GMT"), 951_782_400_000);
  assert.equal(parseHttpDate("Fri, 31 Dec 9999 23:59:59 GMT"), 253_402_300_799_000);
  assert.equal(parseHttpDate("Wednesday, 01-Jan-30 00:00:00 GMT"), 1_893_456_000_000);
  assert.equal(parseHttpDate("Sat Feb 29 12:00:00 2020"), 1_582_977_600_000);
  assert.equal(parseHttpDate("Wed, 31 Dec 1969 23:59:59 GMT"), -1000);
});

test("refuses what is not an HTTP-date", () => {
  for (const text of [
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
  ]) {
    assert.equal(parseHttpDate(text), undefined, text);
  }
});
