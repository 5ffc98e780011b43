// JSON-RPC 2.0: integer codes at /error/code, sent with status 200, in the shape the generator writes `catalogue.js` (a mirror of the
// Rust runtime's `testing.rs`), for the runtime's tests.

/** The API's name. */
export const API_NAME = "JSON-RPC";
/** The package's version. */
export const VERSION = "0.1.0";
/** The header carrying the API's retry hint, in seconds. */
export const RETRY_AFTER_HEADER = "Retry-After";
/** Seconds to wait on a throttled reply without a hint. */
export const DEFAULT_RETRY_AFTER_SECS = 1;
/** The header carrying the API's request id. */
export const REQUEST_ID_HEADER = "X-Request-Id";
/** Where each part of an error reply lives. */
export const WIRE = Object.freeze({
  code: "/error/code",
  codeType: "integer",
  message: "/error/message",
  details: "/error/data",
  codeHeader: null,
  status: null,
  docUrl: null,
  category: null,
  fieldErrors: null,
});
/** Every code's entry, in catalogue order. */
export const ERROR_TABLE = Object.freeze([
  Object.freeze({ code: "-32601", status: 200, category: "request", message: "Method not found", resolution: "See the docs", retry: "never", reauth: false, docUrl: "https://www.jsonrpc.org/specification#-32601", since: null, deprecated: null, replacedBy: null, retired: false }),
  Object.freeze({ code: "-32000", status: 200, category: "server", message: "Server busy", resolution: "See the docs", retry: "transient", reauth: false, docUrl: "https://www.jsonrpc.org/specification#-32000", since: null, deprecated: null, replacedBy: null, retired: false }),
]);
