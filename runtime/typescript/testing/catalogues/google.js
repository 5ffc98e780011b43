// Google APIs (AIP-193): the code is /error/status, field violations in the details, in the shape the generator writes `catalogue.js` (a mirror of the
// Rust runtime's `testing.rs`), for the runtime's tests.

/** The API's name. */
export const API_NAME = "Google";
/** The package's version. */
export const VERSION = "0.1.0";
/** The header carrying the API's retry hint, in seconds. */
export const RETRY_AFTER_HEADER = "Retry-After";
/** Seconds to wait on a throttled reply without a hint. */
export const DEFAULT_RETRY_AFTER_SECS = 30;
/** The header carrying the API's request id. */
export const REQUEST_ID_HEADER = "X-Request-Id";
/** Where each part of an error reply lives. */
export const WIRE = Object.freeze({
  code: "/error/status",
  codeType: "string",
  message: "/error/message",
  details: "/error/details",
  codeHeader: null,
  status: "/error/code",
  docUrl: null,
  category: null,
  fieldErrors: Object.freeze({ entries: "/error/details/*/fieldViolations/*", field: "field", message: "description", value: null }),
});
/** Every code's entry, in catalogue order. */
export const ERROR_TABLE = Object.freeze([
  Object.freeze({ code: "RESOURCE_EXHAUSTED", status: 429, category: "quota", message: "Quota exhausted", resolution: "See the docs", retry: "throttled", reauth: false, docUrl: "https://cloud.google.com/apis/design/errors#RESOURCE_EXHAUSTED", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "UNAUTHENTICATED", status: 401, category: "auth", message: "Not authenticated", resolution: "See the docs", retry: "never", reauth: true, docUrl: "https://cloud.google.com/apis/design/errors#UNAUTHENTICATED", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "INVALID_ARGUMENT", status: 400, category: "request", message: "Invalid argument", resolution: "See the docs", retry: "never", reauth: false, docUrl: "https://cloud.google.com/apis/design/errors#INVALID_ARGUMENT", since: null, deprecated: null, replacedBy: null, retired: false }),
]);
