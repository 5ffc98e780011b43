// The TEST catalogue of the runtime's own tests, in exactly the shape the
// generator writes `catalogue.js` (a mirror of the Rust runtime's
// `testing.rs` `TestCode`): every retry class, re-authentication, 4xx and
// 5xx, and a message with a line break. Generated packages carry their own.

/** The API's name. */
export const API_NAME = "Test API";
/** The package's version. */
export const VERSION = "0.1.0";
/** The header carrying the API's retry hint, in seconds. */
export const RETRY_AFTER_HEADER = "X-Test-Retry-After";
/** Seconds to wait on a throttled reply without a hint. */
export const DEFAULT_RETRY_AFTER_SECS = 30;
/** The header carrying the API's request id. */
export const REQUEST_ID_HEADER = "X-Test-Request-Id";
/** Where each part of an error reply lives. */
export const WIRE = Object.freeze({
  code: "/code",
  codeType: "string",
  message: "/error",
  details: "/details",
  codeHeader: null,
  status: null,
  docUrl: null,
  category: null,
  fieldErrors: null,
});
/** Every code's entry, in catalogue order. */
export const ERROR_TABLE = Object.freeze([
  Object.freeze({ code: "INVALID_PARAMETER", status: 400, category: "validation", message: "A parameter is invalid", resolution: "Fix the parameter", retry: "never", reauth: false, docUrl: "https://docs.test.example/errors#INVALID_PARAMETER", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "AUTH_INVALID_KEY", status: 401, category: "auth", message: "API key is invalid", resolution: "Check the key", retry: "never", reauth: false, docUrl: "https://docs.test.example/errors#AUTH_INVALID_KEY", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "AUTH_SESSION_EXPIRED", status: 401, category: "auth", message: "Session has expired", resolution: "Sign in again", retry: "never", reauth: true, docUrl: "https://docs.test.example/errors#AUTH_SESSION_EXPIRED", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "FORBIDDEN", status: 403, category: "auth", message: "Not allowed", resolution: "Ask for access", retry: "never", reauth: false, docUrl: "https://docs.test.example/errors#FORBIDDEN", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "RATE_LIMITED", status: 429, category: "rate_limit", message: "Too many requests", resolution: "Slow down", retry: "throttled", reauth: false, docUrl: "https://docs.test.example/errors#RATE_LIMITED", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "INTERNAL_ERROR", status: 500, category: "server", message: "Internal error\n(second line)", resolution: "Report it", retry: "never", reauth: false, docUrl: "https://docs.test.example/errors#INTERNAL_ERROR", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "UPSTREAM_ERROR", status: 502, category: "server", message: "Upstream failed", resolution: "Retry later", retry: "transient", reauth: false, docUrl: "https://docs.test.example/errors#UPSTREAM_ERROR", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "MAINTENANCE", status: 503, category: "server", message: "Down for maintenance", resolution: "Wait", retry: "throttled", reauth: false, docUrl: "https://docs.test.example/errors#MAINTENANCE", since: "0.1.0", deprecated: "Use UPSTREAM_ERROR", replacedBy: "UPSTREAM_ERROR", retired: false }),
]);
