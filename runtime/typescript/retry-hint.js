// Reading the server's retry hint from response headers, a port of the Rust
// runtime's `retry_hint.rs` and `http_date.rs`: the catalogue's own header
// (a number of seconds) and the standard `Retry-After` (RFC 9110 §10.2.3:
// delay-seconds or an HTTP-date). Parsing only reads what the server said:
// a huge value stays huge here, and the retry policy caps it. Durations are
// milliseconds, with a fraction below one millisecond when the server wrote
// one. Internal.

/** The standard header, read in addition to the catalogue's own. */
const STANDARD_HEADER = "retry-after";

/** The longest duration Rust's `Duration` holds, in ms: a bigger number of seconds saturates to it. */
const MAX_DURATION_MS = Number(2n ** 64n - 1n) * 1000 + 999.999999;

const U64_MAX = 2n ** 64n - 1n;

/** Rust's `str::trim`: the Unicode `White_Space` characters at both ends. */
const RUST_TRIM = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

/**
 * `text` without surrounding white space, as Rust trims it.
 * @param {string} text
 */
function rustTrim(text) {
  return text.replace(RUST_TRIM, "");
}

/**
 * Whether `a` and `b` are equal ignoring ASCII case (as HTTP header names compare).
 * @param {string} a
 * @param {string} b
 */
export function asciiEqualIgnoringCase(a, b) {
  return a.length === b.length && asciiLower(a) === asciiLower(b);
}

/** @param {string} text */
function asciiLower(text) {
  return text.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}

/**
 * The delay a hint header asks for, in ms, or `undefined` when the header
 * is not a hint header (`catalogueHeader`, the catalogue's own, or
 * `Retry-After`) or its value is not valid. A date in the past asks for no
 * delay. `nowMs` is when the reply was received (Unix epoch ms).
 * @param {string} catalogueHeader
 * @param {string} name
 * @param {string} value
 * @param {number} nowMs
 * @returns {number | undefined}
 */
export function headerHint(catalogueHeader, name, value, nowMs) {
  const own = asciiEqualIgnoringCase(name, catalogueHeader) ? seconds(value) : undefined;
  const standard = asciiEqualIgnoringCase(name, STANDARD_HEADER) ? retryAfter(value, nowMs) : undefined;
  return larger(own, standard);
}

/**
 * The larger of two optional durations.
 * @param {number | undefined} a
 * @param {number | undefined} b
 */
export function larger(a, b) {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return Math.max(a, b);
}

/**
 * A non-negative decimal number of seconds, `"30"` or `"0.25"`, in ms. The
 * fraction is rounded up to the next nanosecond, so the wait is never
 * shorter than asked.
 * @param {string} value
 * @returns {number | undefined}
 */
export function seconds(value) {
  const trimmed = rustTrim(value);
  const point = trimmed.indexOf(".");
  const whole = point === -1 ? trimmed : trimmed.slice(0, point);
  const fraction = point === -1 ? "" : trimmed.slice(point + 1);
  const allDigits = (/** @type {string} */ text) => /^[0-9]*$/.test(text);
  if (whole === "" || !allDigits(whole) || !allDigits(fraction) || (point !== -1 && fraction === "")) {
    return undefined;
  }
  const secs = BigInt(whole);
  if (secs > U64_MAX) return MAX_DURATION_MS;
  return Number(secs) * 1000 + fractionNanos(fraction) / 1e6;
}

/** @param {string} fraction the digits after the point */
function fractionNanos(fraction) {
  let nanos = 0;
  for (let i = 0; i < fraction.length; i += 1) {
    const digit = fraction.charCodeAt(i) - 48;
    if (i < 9) nanos += digit * 10 ** (8 - i);
    else if (digit > 0) return nanos + 1;
  }
  return nanos;
}

/**
 * `Retry-After`: delay-seconds (digits only) or an HTTP-date, measured from `nowMs`.
 * @param {string} value
 * @param {number} nowMs
 */
function retryAfter(value, nowMs) {
  const trimmed = rustTrim(value);
  if (/^[0-9]+$/.test(trimmed)) return seconds(trimmed);
  const at = parseHttpDate(trimmed);
  return at === undefined ? undefined : Math.max(0, at - nowMs);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/**
 * The instant an HTTP-date names (RFC 9110 §5.6.7), in Unix epoch ms, or
 * `undefined`: IMF-fixdate `Sun, 06 Nov 1994 08:49:37 GMT`, RFC 850
 * `Sunday, 06-Nov-94 08:49:37 GMT` (a two-digit year below 70 is in the
 * 2000s) and asctime `Sun Nov  6 08:49:37 1994`.
 * @param {string} text
 * @returns {number | undefined}
 */
export function parseHttpDate(text) {
  const trimmed = rustTrim(text);
  // Every form is ASCII, so a string index is a byte index below.
  if (/[^\x00-\x7f]/.test(trimmed)) return undefined;
  const date = imfFixdate(trimmed) ?? rfc850(trimmed) ?? asctime(trimmed);
  return date === undefined ? undefined : toEpochMs(date);
}

/** @typedef {{year: number, month: number, day: number, hour: number, minute: number, second: number}} DateTime */

/** @param {string} text */
function imfFixdate(text) {
  const comma = text.indexOf(", ");
  if (comma === -1 || !DAYS.includes(text.slice(0, comma))) return undefined;
  const parts = text.slice(comma + 2).split(" ");
  if (parts.length !== 5 || parts[4] !== "GMT") return undefined;
  const day = twoDigits(parts[0]);
  const month = monthOf(parts[1]);
  const year = fourDigits(parts[2]);
  const time = timeOfDay(parts[3]);
  if (day === undefined || month === undefined || year === undefined || time === undefined) return undefined;
  return validated({ year, month, day, ...time });
}

/** @param {string} text */
function rfc850(text) {
  const comma = text.indexOf(", ");
  if (comma === -1 || !LONG_DAYS.includes(text.slice(0, comma))) return undefined;
  const parts = text.slice(comma + 2).split(" ");
  if (parts.length !== 3 || parts[2] !== "GMT") return undefined;
  const date = parts[0].split("-");
  if (date.length !== 3) return undefined;
  const day = twoDigits(date[0]);
  const month = monthOf(date[1]);
  const shortYear = twoDigits(date[2]);
  const time = timeOfDay(parts[1]);
  if (day === undefined || month === undefined || shortYear === undefined || time === undefined) return undefined;
  const year = shortYear < 70 ? 2000 + shortYear : 1900 + shortYear;
  return validated({ year, month, day, ...time });
}

/** @param {string} text */
function asctime(text) {
  if (text[3] !== " " || !DAYS.includes(text.slice(0, 3))) return undefined;
  const month = monthOf(text.slice(4, 7));
  if (month === undefined || text[7] !== " " || text.length < 10) return undefined;
  const dayText = text.slice(8, 10);
  const day = twoDigits(dayText.startsWith(" ") ? dayText.slice(1) : dayText);
  if (day === undefined || text[10] !== " ") return undefined;
  const parts = text.slice(11).split(" ");
  if (parts.length !== 2) return undefined;
  const time = timeOfDay(parts[0]);
  const year = fourDigits(parts[1]);
  if (time === undefined || year === undefined) return undefined;
  return validated({ year, month, day, ...time });
}

/** @param {string} name */
function monthOf(name) {
  const index = MONTHS.indexOf(name);
  return index === -1 ? undefined : index + 1;
}

/** One or two ASCII digits. @param {string} text */
function twoDigits(text) {
  return /^[0-9]{1,2}$/.test(text) ? Number(text) : undefined;
}

/** @param {string} text */
function fourDigits(text) {
  return /^[0-9]{4}$/.test(text) ? Number(text) : undefined;
}

/** `08:49:37` @param {string} text */
function timeOfDay(text) {
  const match = /^([0-9]{2}):([0-9]{2}):([0-9]{2})$/.exec(text);
  return match === null ? undefined : { hour: Number(match[1]), minute: Number(match[2]), second: Number(match[3]) };
}

/** @param {DateTime} date */
function validated(date) {
  const { year, month, day, hour, minute, second } = date;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const monthDays = month === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
  // Second 60 is a leap second, which UTC timestamps fold into the next.
  const valid = day >= 1 && day <= monthDays && hour < 24 && minute < 60 && second <= 60;
  return valid ? date : undefined;
}

/** @param {DateTime} date */
function toEpochMs(date) {
  const seconds = daysFromCivil(date.year, date.month, date.day) * 86400 + date.hour * 3600 + date.minute * 60 + date.second;
  return seconds * 1000;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
 * @param {number} year
 * @param {number} month
 * @param {number} day
 */
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}
