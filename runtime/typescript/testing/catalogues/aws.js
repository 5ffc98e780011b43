// AWS JSON protocols: the code in __type or the x-amzn-ErrorType header, in the shape the generator writes `catalogue.js` (a mirror of the
// Rust runtime's `testing.rs`), for the runtime's tests.

/** The API's name. */
export const API_NAME = "AWS";
/** The package's version. */
export const VERSION = "0.1.0";
/** The header carrying the API's retry hint, in seconds. */
export const RETRY_AFTER_HEADER = "Retry-After";
/** Seconds to wait on a throttled reply without a hint. */
export const DEFAULT_RETRY_AFTER_SECS = 1;
/** The header carrying the API's request id. */
export const REQUEST_ID_HEADER = "x-amzn-RequestId";
/** Where each part of an error reply lives. */
export const WIRE = Object.freeze({
  code: "/__type",
  codeType: "string",
  message: "/message",
  details: null,
  codeHeader: "x-amzn-ErrorType",
  status: null,
  docUrl: null,
  category: null,
  fieldErrors: null,
});
/** Every code's entry, in catalogue order. */
export const ERROR_TABLE = Object.freeze([
  Object.freeze({ code: "ThrottlingException", status: 400, category: "throttling", message: "Rate exceeded", resolution: "See the docs", retry: "throttled", reauth: false, docUrl: "https://docs.aws.amazon.com/#ThrottlingException", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "AccessDeniedException", status: 400, category: "auth", message: "Access denied", resolution: "See the docs", retry: "never", reauth: false, docUrl: "https://docs.aws.amazon.com/#AccessDeniedException", since: null, deprecated: null, replacedBy: null, retired: false }),
]);
