// Declarations of `api-error.js`.

import type { Code } from "./catalogue.js";
import type { ErrorInfo } from "./catalogue-types.js";

/** The most bytes of a body an `ApiError` reads: 64 KiB (65536). */
export declare const MAX_BODY_BYTES: number;

/**
 * The recovery route of an error reply: the snake_case of the Rust client's
 * `ErrorKind` variants, the same strings in every client.
 */
export type ErrorKind = "re_authenticate" | "auth" | "validation" | "rate_limited" | "transient" | "server" | "client";

/** A JSON value as read from a body. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [member: string]: JsonValue };

/** Response headers: a record, a `Headers`, or (name, value) pairs. Names match case-insensitively. */
export type HeadersInput = Readonly<Record<string, string>> | Headers | ReadonlyArray<readonly [string, string]>;

/** How a reply is read. */
export interface ReadOptions {
  /** When the reply was received (Unix epoch ms, or a `Date`): an HTTP-date `Retry-After` is measured from it. Default: now. */
  readonly receivedAt?: number | Date;
  /** The most bytes of the body read; default `MAX_BODY_BYTES` (64 KiB). */
  readonly maxBodyBytes?: number;
}

/** One field the server rejected. */
export interface FieldError {
  /** The request field, e.g. `email`, when the entry names it as a string. */
  readonly field: string | undefined;
  /** What is wrong with it, when the entry says so as a string. */
  readonly message: string | undefined;
  /** The rejected value, present only when the entry echoed one (`null` included). */
  readonly value?: JsonValue;
}

/** Whether `text` is a code of the catalogue (matched exactly). */
export declare function isErrorCode(text: unknown): text is Code;

/** The catalogue's codes: lookup and the frozen metadata table. */
export declare const ErrorCode: {
  /** Every code's entry, in catalogue order. */
  readonly all: readonly ErrorInfo<Code>[];
  /** The code written exactly `text` (an integer code also as a safe integer), or `undefined` for a code the catalogue does not know. */
  parse(text: string | number): Code | undefined;
  /** The catalogue entry of `code`, or `undefined` for an unknown code. */
  info(code: string): ErrorInfo<Code> | undefined;
};

/** The recovery route of a reply with `status` and, when its code is known, that code's entry. */
export declare function kindOf(status: number, info: ErrorInfo<Code> | undefined): ErrorKind;

/**
 * An error reply from the API, with what could be read from it. Reading
 * never throws: an empty body, an HTML page, truncated JSON or an unknown
 * code all give an `ApiError` (of the subclass its `kind` chooses).
 * `message` is the one-line summary `HTTP 429 RATE_LIMITED: Too many requests`;
 * the body's own message is `serverMessage`.
 */
export declare class ApiError extends Error {
  /** Reads a reply from its status, headers and body text. */
  static fromParts(status: number, headers: HeadersInput, bodyText: string, options?: ReadOptions): ApiError;
  /** Reads a `fetch` `Response`, at most `MAX_BODY_BYTES` + 1 bytes of its body. */
  static fromResponse(response: Response, options?: ReadOptions): Promise<ApiError>;
  protected constructor(reading: never);
  /** The HTTP status. */
  readonly status: number;
  /** The code when the catalogue knows it, else `undefined`. */
  readonly code: Code | undefined;
  /** The code the reply carried (body, else code header), known or not; a known AWS-form code is its name alone; an integer code is its decimal text. */
  readonly wireCode: string | undefined;
  /** The body's message as sent. */
  readonly serverMessage: string | undefined;
  /** The body's details, when present and not `null`. */
  readonly details: JsonValue | undefined;
  /** The catalogue's request-id header, trimmed; `undefined` when absent or holding a control or bidi character. */
  readonly requestId: string | undefined;
  /** The server's hint exactly as sent (the larger of both hint headers), in ms. */
  readonly retryHintMs: number | undefined;
  /** The body as received (kept part), when it was not an error body. */
  readonly rawBody: string | undefined;
  /** Whether the body was longer than the limit and cut. */
  readonly bodyTruncated: boolean;
  /** The catalogue entry of the code, when known. */
  readonly info: ErrorInfo<Code> | undefined;
  /** The code's category id, when known. */
  readonly categoryId: string | undefined;
  /** The recovery route. */
  readonly kind: ErrorKind;
  /** Whether the reply is an error: it carried a code, or its status is not 2xx. */
  readonly isError: boolean;
  /** Whether the user must authenticate again (the code says so). */
  readonly requiresReauth: boolean;
  /** Whether retrying can succeed: the route is `rate_limited` or `transient`, and a known code does not forbid it. */
  readonly retryable: boolean;
  /** How long the server asked to wait, in ms: its hint, else the catalogue default for a throttled code; uncapped (the policy caps it). */
  readonly retryAfterMs: number | undefined;
  /** The fields the server rejected; empty unless `kind` is `validation`. */
  readonly fieldErrors: readonly FieldError[];
}

/** An authentication or authorization failure (kinds `re_authenticate` and `auth`). */
export declare class AuthError extends ApiError {}

/** A request the server refused as invalid (kind `validation`): see `fieldErrors`. */
export declare class ValidationError extends ApiError {}

/** A throttled request (kind `rate_limited`): wait `retryAfterMs`, then retry. */
export declare class RateLimitError extends ApiError {}
