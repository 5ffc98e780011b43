// Stripe: the code at /error/code, its one field error the param, in the shape the generator writes `catalogue.js` (a mirror of the
// Rust runtime's `testing.rs`), for the runtime's tests.

/** The API's name. */
export const API_NAME = "Stripe";
/** The package's version. */
export const VERSION = "0.1.0";
/** The header carrying the API's retry hint, in seconds. */
export const RETRY_AFTER_HEADER = "Retry-After";
/** Seconds to wait on a throttled reply without a hint. */
export const DEFAULT_RETRY_AFTER_SECS = 1;
/** The header carrying the API's request id. */
export const REQUEST_ID_HEADER = "Request-Id";
/** Where each part of an error reply lives. */
export const WIRE = Object.freeze({
  code: "/error/code",
  codeType: "string",
  message: "/error/message",
  details: null,
  codeHeader: null,
  status: null,
  docUrl: "/error/doc_url",
  category: "/error/type",
  fieldErrors: Object.freeze({ entries: "/error", field: "param", message: "message", value: null }),
});
/** Every code's entry, in catalogue order. */
export const ERROR_TABLE = Object.freeze([
  Object.freeze({ code: "card_declined", status: 402, category: "card", message: "The card was declined", resolution: "See the docs", retry: "never", reauth: false, docUrl: "https://stripe.com/docs/error-codes#card_declined", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "lock_timeout", status: 429, category: "api", message: "Could not lock the object", resolution: "See the docs", retry: "transient", reauth: false, docUrl: "https://stripe.com/docs/error-codes#lock_timeout", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "parameter_missing", status: 400, category: "invalid_request", message: "A parameter is missing", resolution: "See the docs", retry: "never", reauth: false, docUrl: "https://stripe.com/docs/error-codes#parameter_missing", since: null, deprecated: null, replacedBy: null, retired: false }),
]);
