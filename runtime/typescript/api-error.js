// `ApiError`: everything a client can read from one error reply, built from
// the raw status, headers and body without ever failing; a port of the Rust
// runtime's `api_error.rs` and `kind.rs`. Declarations: `api-error.d.ts`.

import { DEFAULT_RETRY_AFTER_SECS, ERROR_TABLE, REQUEST_ID_HEADER, RETRY_AFTER_HEADER, WIRE } from "./catalogue.js";
import { fieldErrorsOf } from "./field-errors.js";
import { readErrorBody, toPlain } from "./json.js";
import { asciiEqualIgnoringCase, headerHint, larger } from "./retry-hint.js";

/**
 * The most bytes of a body an `ApiError` reads: 64 KiB (65536). An error
 * body is a message, a code and a few details; the bound caps what one
 * hostile reply can cost. A longer body is cut and `bodyTruncated` says so.
 */
export const MAX_BODY_BYTES = 64 * 1024;

/** @typedef {import("./catalogue.js").Code} Code */
/** @typedef {import("./catalogue-types.js").ErrorInfo<Code>} ErrorInfo */
/** @typedef {import("./api-error.js").ErrorKind} ErrorKind */
/** @typedef {import("./api-error.js").HeadersInput} HeadersInput */
/** @typedef {import("./api-error.js").ReadOptions} ReadOptions */
/** @typedef {import("./api-error.js").FieldError} FieldError */

/** @type {ReadonlyMap<string, ErrorInfo>} */
const BY_CODE = new Map(ERROR_TABLE.map((info) => [info.code, info]));

/**
 * Whether `text` is a code of the catalogue (matched exactly).
 * @param {unknown} text
 * @returns {text is Code}
 */
export function isErrorCode(text) {
  return typeof text === "string" && BY_CODE.has(text);
}

/** The catalogue's codes: lookup and the frozen metadata table. */
export const ErrorCode = Object.freeze({
  /** Every code's entry, in catalogue order. */
  all: ERROR_TABLE,
  /**
   * The code written exactly `text` (an integer code also as a safe
   * integer), or `undefined` for a code the catalogue does not know.
   * @param {string | number} text
   * @returns {Code | undefined}
   */
  parse(text) {
    const key = typeof text === "number" && Number.isSafeInteger(text) ? String(text) : text;
    return isErrorCode(key) ? key : undefined;
  },
  /**
   * The catalogue entry of `code`, or `undefined` for an unknown code.
   * @param {string} code
   * @returns {ErrorInfo | undefined}
   */
  info(code) {
    return BY_CODE.get(code);
  },
});

/**
 * The recovery route of a reply with `status` and, when the body carried a
 * known code, that code's entry: from the entry first (re-auth flag, retry
 * class), then from the status.
 * @param {number} status
 * @param {ErrorInfo | undefined} info
 * @returns {ErrorKind}
 */
export function kindOf(status, info) {
  if (info !== undefined) {
    if (info.reauth) return "re_authenticate";
    if (info.retry === "throttled") return "rate_limited";
    if (info.retry === "transient") return "transient";
  }
  if (status === 401 || status === 403) return "auth";
  if (status === 400 || status === 422) return "validation";
  if (status === 429) return "rate_limited";
  if (status >= 502 && status <= 504 && info === undefined) return "transient";
  if (status >= 500 && status <= 599) return "server";
  return "client";
}

/** An error reply from the API, with what could be read from it. */
export class ApiError extends Error {
  /**
   * Reads a reply from its parts. Never throws: an empty, HTML, truncated
   * or unknown-code body gives an error that keeps the status and the raw body.
   * @param {number} status
   * @param {HeadersInput} headers
   * @param {string} bodyText
   * @param {ReadOptions} [options]
   * @returns {ApiError}
   */
  static fromParts(status, headers, bodyText, options = {}) {
    const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
    // Fewer UTF-16 units than a third of the limit cannot be more bytes than it.
    if (bodyText.length * 3 <= limit) {
      return read(status, headerPairs(headers), bodyText, bodyText, undefined, options);
    }
    return fromBytes(status, headerPairs(headers), new TextEncoder().encode(bodyText), limit, options);
  }

  /**
   * Reads a `fetch` `Response`, reading at most `MAX_BODY_BYTES` + 1 bytes
   * of its body (the rest is never received).
   * @param {Response} response
   * @param {ReadOptions} [options]
   * @returns {Promise<ApiError>}
   */
  static async fromResponse(response, options = {}) {
    const limit = options.maxBodyBytes ?? MAX_BODY_BYTES;
    const bytes = await readAtMost(response, limit + 1);
    /** @type {[string, string][]} */
    const pairs = [];
    response.headers.forEach((value, name) => pairs.push([name, value]));
    return fromBytes(response.status, pairs, bytes, limit, options);
  }

  /**
   * Use `ApiError.fromParts` or `ApiError.fromResponse`.
   * @param {Reading} reading
   */
  constructor(reading) {
    super(displayLine(reading));
    const info = reading.code === undefined ? undefined : BY_CODE.get(reading.code);
    /** @readonly */ this.status = reading.status;
    /** @readonly */ this.code = reading.code;
    /** @readonly */ this.wireCode = reading.wireCode;
    /** @readonly */ this.serverMessage = reading.message;
    /** @readonly */ this.details = reading.details === undefined ? undefined : toPlain(reading.details);
    /** @readonly */ this.requestId = reading.requestId;
    /** @readonly */ this.retryHintMs = reading.retryHintMs;
    /** @readonly */ this.rawBody = reading.rawBody;
    /** @readonly */ this.bodyTruncated = reading.cutAt !== undefined;
    /** @readonly */ this.info = info;
    /** @readonly */ this.categoryId = info?.category;
    /** @readonly */ this.kind = kindOf(reading.status, info);
    /** @readonly */ this.isError = reading.wireCode !== undefined || !(reading.status >= 200 && reading.status < 300);
    /** @readonly */ this.requiresReauth = info?.reauth ?? false;
    /** @readonly */ this.retryable =
      (this.kind === "rate_limited" || this.kind === "transient") && (info === undefined || info.retry !== "never");
    /** @readonly */ this.retryAfterMs =
      reading.retryHintMs ?? (info?.retry === "throttled" ? DEFAULT_RETRY_AFTER_SECS * 1000 : undefined);
    /** @readonly */ this.fieldErrors =
      this.kind === "validation" ? Object.freeze(fieldErrorsOf(reading.details, reading.fieldErrorScope, WIRE)) : Object.freeze([]);
  }
}

/** An authentication or authorization failure (kinds `re_authenticate` and `auth`). */
export class AuthError extends ApiError {}

/** A request the server refused as invalid (kind `validation`): see `fieldErrors`. */
export class ValidationError extends ApiError {}

/** A throttled request (kind `rate_limited`): wait `retryAfterMs`, then retry. */
export class RateLimitError extends ApiError {}

for (const type of [ApiError, AuthError, ValidationError, RateLimitError]) {
  Object.defineProperty(type.prototype, "name", { value: type.name, enumerable: false, configurable: true, writable: true });
}

/**
 * What was read from a reply, before it becomes an `ApiError`.
 * @typedef {object} Reading
 * @property {number} status
 * @property {Code | undefined} code
 * @property {string | undefined} wireCode
 * @property {string | undefined} message
 * @property {unknown} details
 * @property {unknown} fieldErrorScope
 * @property {string | undefined} requestId
 * @property {number | undefined} retryHintMs
 * @property {string | undefined} rawBody
 * @property {number} rawBytes
 * @property {number | undefined} cutAt
 */

/**
 * The headers as (name, value) pairs.
 * @param {HeadersInput} headers
 * @returns {[string, string][]}
 */
function headerPairs(headers) {
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    /** @type {[string, string][]} */
    const pairs = [];
    headers.forEach((value, name) => pairs.push([name, value]));
    return pairs;
  }
  if (Array.isArray(headers)) return headers.map(([name, value]) => [String(name), String(value)]);
  return Object.entries(headers).map(([name, value]) => [name, String(value)]);
}

/**
 * Reads a reply whose body is `bytes`, keeping at most `limit` of them.
 * @param {number} status
 * @param {[string, string][]} pairs
 * @param {Uint8Array} bytes
 * @param {number} limit
 * @param {ReadOptions} options
 */
function fromBytes(status, pairs, bytes, limit, options) {
  const cut = bytes.length > limit;
  const kept = cut ? wholeCharacters(bytes.subarray(0, limit)) : bytes;
  const text = strictUtf8(kept);
  const raw = text ?? new TextDecoder("utf-8", { ignoreBOM: true }).decode(kept);
  return read(status, pairs, text, raw, cut ? limit : undefined, options, kept.length);
}

/**
 * @param {number} status
 * @param {[string, string][]} pairs
 * @param {string | undefined} text the kept body when it is UTF-8
 * @param {string} raw the kept body as text, invalid bytes replaced
 * @param {number | undefined} cutAt the limit the body was cut at, when it was longer
 * @param {ReadOptions} options
 * @param {number} [rawBytes] the kept body's length in bytes, when known
 */
function read(status, pairs, text, raw, cutAt, options, rawBytes) {
  const receivedAt = options.receivedAt ?? Date.now();
  const nowMs = typeof receivedAt === "number" ? receivedAt : receivedAt.getTime();
  /** @type {string | undefined} */
  let requestId;
  /** @type {string | undefined} */
  let headerCode;
  /** @type {number | undefined} */
  let retryHintMs;
  for (const [name, value] of pairs) {
    if (requestId === undefined && asciiEqualIgnoringCase(name, REQUEST_ID_HEADER)) requestId = plainRequestId(value);
    if (headerCode === undefined && WIRE.codeHeader !== null && asciiEqualIgnoringCase(name, WIRE.codeHeader)) {
      const code = trimSpacesAndTabs(value);
      headerCode = code === "" ? undefined : code;
    }
    // Several hints (both headers, or one repeated): never wait less than any of them.
    retryHintMs = larger(retryHintMs, headerHint(RETRY_AFTER_HEADER, name, value, nowMs));
  }
  const members = text === undefined ? undefined : readErrorBody(text, cutAt !== undefined, WIRE);
  const isErrorBody = members !== undefined && (members.code !== undefined || members.message !== undefined);
  const sent = members?.code ?? headerCode;
  const [code, wireCode] = sent === undefined ? [undefined, undefined] : knownCode(sent);
  const Type = errorTypeOf(kindOf(status, code === undefined ? undefined : BY_CODE.get(code)));
  return new Type({
    status,
    code,
    wireCode,
    message: members?.message,
    details: members?.details,
    fieldErrorScope: members?.fieldErrorScope,
    requestId,
    retryHintMs,
    rawBody: isErrorBody ? undefined : raw,
    rawBytes: rawBytes ?? utf8Length(raw),
    cutAt,
  });
}

/**
 * The class of an error on route `kind`.
 * @param {ErrorKind} kind
 */
function errorTypeOf(kind) {
  switch (kind) {
    case "re_authenticate":
    case "auth":
      return AuthError;
    case "validation":
      return ValidationError;
    case "rate_limited":
      return RateLimitError;
    default:
      return ApiError;
  }
}

/**
 * The catalogue's code for `sent` and the code as the error reports it:
 * the code written exactly so, else the AWS forms read as smithy-rs reads
 * them (the part before the first `:`, then after the last `#`), reported
 * under that name.
 * @param {string} sent
 * @returns {[Code | undefined, string]}
 */
function knownCode(sent) {
  if (isErrorCode(sent)) return [sent, sent];
  const colon = sent.indexOf(":");
  const beforeColon = colon === -1 ? sent : sent.slice(0, colon);
  const name = beforeColon.slice(beforeColon.lastIndexOf("#") + 1);
  return isErrorCode(name) && name !== sent ? [name, name] : [undefined, sent];
}

/** @param {string} text */
function trimSpacesAndTabs(text) {
  return text.replace(/^[ \t]+|[ \t]+$/g, "");
}

/**
 * The request id as sent, without surrounding spaces and tabs; `undefined`
 * when empty or when it holds a character a log line would escape: an id
 * that could forge or reorder log lines is left out whole.
 * @param {string} value
 */
function plainRequestId(value) {
  const id = trimSpacesAndTabs(value);
  return id === "" || ESCAPED.test(id) ? undefined : id;
}

/** Controls, U+2028, U+2029 and the bidi controls: what server text may not show raw on a log line. */
const ESCAPED = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const ESCAPED_ALL = new RegExp(ESCAPED.source, "g");

/**
 * Server text as one log line: escaped characters written as `\u{202e}`.
 * @param {string} text
 */
function serverText(text) {
  return text.replace(ESCAPED_ALL, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/**
 * `HTTP 429 RATE_LIMITED: Too many requests`, as the Rust client writes it.
 * @param {Reading} reading
 */
function displayLine(reading) {
  let line = `HTTP ${reading.status}`;
  if (reading.wireCode !== undefined) line += ` ${serverText(reading.wireCode)}`;
  const info = reading.code === undefined ? undefined : BY_CODE.get(reading.code);
  if (reading.message !== undefined) line += `: ${serverText(reading.message)}`;
  else if (info !== undefined) line += `: ${serverText(info.message)}`;
  else if (reading.rawBody !== undefined) line += `: not an error body (${reading.rawBytes} bytes)`;
  if (reading.cutAt !== undefined) line += ` (body cut at ${reading.cutAt} bytes)`;
  return line;
}

/**
 * `bytes` as text when they are UTF-8, else `undefined` (a byte-order mark is kept, as Rust does).
 * @param {Uint8Array} bytes
 */
function strictUtf8(bytes) {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * `bytes` without a character cut in two at its end.
 * @param {Uint8Array} bytes
 */
function wholeCharacters(bytes) {
  if (strictUtf8(bytes) !== undefined) return bytes;
  for (let drop = 1; drop <= 3 && drop <= bytes.length; drop += 1) {
    const byte = bytes[bytes.length - drop];
    if (byte < 0x80) break;
    if (byte >= 0xc2 && byte <= 0xf4) {
      const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
      const shorter = bytes.subarray(0, bytes.length - drop);
      // Only a sequence cut short at the end is dropped: an invalid byte earlier stays.
      return length > drop && strictUtf8(shorter) !== undefined ? shorter : bytes;
    }
  }
  return bytes;
}

/** @param {string} text */
function utf8Length(text) {
  return new TextEncoder().encode(text).length;
}

/**
 * At most `limit` bytes of `response`'s body; the rest is never read.
 * @param {Response} response
 * @param {number} limit
 */
async function readAtMost(response, limit) {
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  /** @type {Uint8Array[]} */
  const chunks = [];
  let length = 0;
  try {
    while (length < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      length += value.length;
    }
  } finally {
    if (length >= limit) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  const bytes = new Uint8Array(Math.min(length, limit));
  let at = 0;
  for (const chunk of chunks) {
    const part = chunk.subarray(0, bytes.length - at);
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}
