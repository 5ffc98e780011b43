import assert from "node:assert/strict";
import { test } from "node:test";

import {
  ApiError,
  AuthError,
  DEFAULT_RETRY_AFTER_SECS,
  ErrorCode,
  MAX_BODY_BYTES,
  RETRY_AFTER_HEADER,
  REQUEST_ID_HEADER,
  RateLimitError,
  ValidationError,
  isErrorCode,
  kindOf,
} from "../index.js";
import { withCatalogue } from "../testing/support.js";

/** @param {import("../index.js").ErrorInfo} info */
const bodyOf = (info) => JSON.stringify({ error: info.message, code: info.code });
const read = (/** @type {number} */ status, /** @type {string} */ body) => ApiError.fromParts(status, {}, body);

test("the table is frozen and lookups are exact", () => {
  assert.ok(Object.isFrozen(ErrorCode.all) && ErrorCode.all.every(Object.isFrozen));
  for (const info of ErrorCode.all) {
    assert.equal(ErrorCode.parse(info.code), info.code);
    assert.equal(ErrorCode.info(info.code), info);
    assert.ok(isErrorCode(info.code));
  }
  for (const text of ["auth_invalid_key", " FORBIDDEN", "NOT_IN_ANY_CATALOGUE_XYZ", "__proto__", "toString"]) {
    assert.equal(ErrorCode.parse(text), undefined, text);
    assert.equal(isErrorCode(text), false, text);
  }
  assert.equal(ErrorCode.info("MAINTENANCE")?.replacedBy, "UPSTREAM_ERROR");
});

test("every known code is read with its status and route", () => {
  for (const info of ErrorCode.all) {
    const error = read(info.status, bodyOf(info));
    assert.equal(error.code, info.code);
    assert.equal(error.wireCode, info.code);
    assert.equal(error.serverMessage, info.message);
    assert.equal(error.status, info.status);
    assert.equal(error.categoryId, info.category);
    assert.equal(error.kind, kindOf(info.status, info));
    assert.equal(error.requiresReauth, info.reauth);
    assert.equal(error.rawBody, undefined);
    assert.ok(error.isError);
    if (info.retry === "never") assert.equal(error.retryable, false, info.code);
  }
});

test("the subclass follows the kind and all are ApiErrors and Errors", () => {
  const cases = [
    [401, AuthError, "auth"],
    [403, AuthError, "auth"],
    [400, ValidationError, "validation"],
    [422, ValidationError, "validation"],
    [429, RateLimitError, "rate_limited"],
    [503, ApiError, "transient"],
    [500, ApiError, "server"],
    [404, ApiError, "client"],
  ];
  for (const [status, type, kind] of cases) {
    const error = read(/** @type {number} */ (status), "");
    assert.equal(error.constructor, type, String(status));
    assert.equal(error.kind, kind);
    assert.ok(error instanceof ApiError && error instanceof Error);
    assert.equal(error.name, /** @type {Function} */ (type).name);
  }
  const expired = read(401, '{"code": "AUTH_SESSION_EXPIRED"}');
  assert.ok(expired instanceof AuthError);
  assert.equal(expired.kind, "re_authenticate");
  assert.ok(expired.requiresReauth);
});

test("without a known code the status decides the kind", () => {
  const cases = [
    [401, "auth"], [403, "auth"], [400, "validation"], [422, "validation"], [429, "rate_limited"],
    [502, "transient"], [503, "transient"], [504, "transient"], [500, "server"], [501, "server"],
    [599, "server"], [404, "client"], [409, "client"], [0, "client"], [302, "client"],
  ];
  for (const [status, kind] of cases) assert.equal(kindOf(/** @type {number} */ (status), undefined), kind, String(status));
});

test("bodies that are not error bodies keep status and raw text", () => {
  const html = "<html><body>502 Bad Gateway</body></html>";
  for (const [status, body] of [[502, ""], [502, html], [500, '{"error": "cut'], [500, "[1, 2]"], [503, "null"]]) {
    const error = read(/** @type {number} */ (status), /** @type {string} */ (body));
    assert.equal(error.status, status);
    assert.deepEqual([error.code, error.wireCode, error.serverMessage], [undefined, undefined, undefined]);
    assert.equal(error.rawBody, body);
    assert.equal(error.kind, kindOf(/** @type {number} */ (status), undefined));
  }
  assert.equal(read(404, "").message, "HTTP 404: not an error body (0 bytes)");
  assert.equal(read(200, "{}").isError, false);
});

test("a body without code or with an unknown code keeps what it has", () => {
  const noCode = read(400, '{"error": "bad request", "details": {"field": "email"}}');
  assert.deepEqual([noCode.code, noCode.wireCode, noCode.serverMessage], [undefined, undefined, "bad request"]);
  assert.deepEqual(noCode.details, { field: "email" });
  assert.equal(noCode.kind, "validation");
  assert.deepEqual(noCode.fieldErrors, [{ field: "email", message: undefined }]);
  const unknown = read(503, '{"error": "later", "code": "NOT_IN_ANY_CATALOGUE_XYZ", "details": null}');
  assert.equal(unknown.code, undefined);
  assert.equal(unknown.wireCode, "NOT_IN_ANY_CATALOGUE_XYZ");
  assert.equal(unknown.details, undefined);
  assert.equal(unknown.kind, "transient");
  assert.ok(unknown.retryable);
  assert.equal(unknown.message, "HTTP 503 NOT_IN_ANY_CATALOGUE_XYZ: later");
});

test("the summary line escapes controls and bidi characters", () => {
  assert.equal(read(500, '{"error": "line one\\nline two", "code": "A\\rB"}').message, "HTTP 500 A\\u{d}B: line one\\u{a}line two");
  assert.equal(read(500, '{"code": "X", "error": "\u202eevil"}').message, "HTTP 500 X: \\u{202e}evil");
  const internal = read(500, '{"code": "INTERNAL_ERROR"}');
  assert.equal(internal.message, "HTTP 500 INTERNAL_ERROR: Internal error\\u{a}(second line)");
});

test("the request id header is found whatever its case and left out when it could forge a line", () => {
  for (const name of [REQUEST_ID_HEADER, REQUEST_ID_HEADER.toLowerCase(), REQUEST_ID_HEADER.toUpperCase()]) {
    const error = ApiError.fromParts(500, { "Content-Type": "text/html", [name]: " req-42 " }, "");
    assert.equal(error.requestId, "req-42");
  }
  assert.equal(ApiError.fromParts(500, { [REQUEST_ID_HEADER]: " " }, "").requestId, undefined);
  for (const id of ["a\nb", "a\u0000", "a\u202eb", "a\u2028", "a\u0085"]) {
    assert.equal(ApiError.fromParts(500, { [REQUEST_ID_HEADER]: id }, "").requestId, undefined, JSON.stringify(id));
  }
  const pairs = /** @type {const} */ ([[REQUEST_ID_HEADER, "a\nb"], [REQUEST_ID_HEADER.toLowerCase(), "second"]]);
  assert.equal(ApiError.fromParts(500, pairs, "").requestId, "second");
  assert.equal(ApiError.fromParts(500, new Headers({ [REQUEST_ID_HEADER]: "h" }), "").requestId, "h");
});

test("the larger valid hint wins and garbage is ignored", () => {
  const receivedAt = 784_111_777_000;
  /** @param {Record<string, string> | [string, string][]} headers */
  const hint = (headers) => ApiError.fromParts(429, headers, "", { receivedAt }).retryHintMs;
  assert.equal(hint({ [RETRY_AFTER_HEADER]: "3" }), 3000);
  assert.equal(hint({ [RETRY_AFTER_HEADER]: "0.5" }), 500);
  assert.equal(hint({ "retry-after": "Sun, 06 Nov 1994 08:49:47 GMT" }), 10_000);
  assert.equal(ApiError.fromParts(429, { "retry-after": "Sun, 06 Nov 1994 08:49:47 GMT" }, "", { receivedAt: new Date(receivedAt) }).retryHintMs, 10_000);
  assert.equal(hint({ "Retry-After": "Sun, 06 Nov 1994 08:00:00 GMT" }), 0);
  assert.equal(hint({ [RETRY_AFTER_HEADER]: "3", "Retry-After": "9" }), 9000);
  assert.equal(hint({ [RETRY_AFTER_HEADER]: "later", "Retry-After": "4" }), 4000);
  assert.equal(hint([["Retry-After", "4"], ["retry-after", "6"]]), 6000);
  for (const garbage of ["", "soon", "-5", "1e9", "NaN"]) {
    assert.equal(hint({ [RETRY_AFTER_HEADER]: garbage, "Retry-After": garbage }), undefined, garbage);
  }
  assert.equal(hint({ [RETRY_AFTER_HEADER]: "1000000000000" }), 1e15);
});

test("retryAfterMs falls back to the catalogue default only for throttled codes", () => {
  for (const info of ErrorCode.all) {
    const error = read(info.status, bodyOf(info));
    assert.equal(error.retryAfterMs, info.retry === "throttled" ? DEFAULT_RETRY_AFTER_SECS * 1000 : undefined, info.code);
    const hinted = ApiError.fromParts(info.status, { [RETRY_AFTER_HEADER]: "2" }, bodyOf(info));
    assert.equal(hinted.retryAfterMs, 2000);
  }
  assert.equal(read(429, "").retryAfterMs, undefined);
});

test("field errors come from the default shapes of details, on the validation route only", () => {
  const list = '[{"field": "a", "message": "m1", "value": 1}, "junk", {"other": 2}, {"field": "b", "message": "m2", "value": null}]';
  const expected = [{ field: "a", message: "m1", value: 1 }, { field: "b", message: "m2", value: null }];
  for (const details of [`{"errors": ${list}}`, `{"fields": ${list}}`, list]) {
    assert.deepEqual(read(422, `{"error": "e", "code": "C", "details": ${details}}`).fieldErrors, expected, details);
  }
  assert.deepEqual(read(422, '{"details": {"field": "email", "message": "required", "value": ""}}').fieldErrors, [
    { field: "email", message: "required", value: "" },
  ]);
  for (const body of ["", "<html>", '{"error": "e"}', '{"error": "e", "details": 5}', '{"error": "e", "details": {"x": 1}}']) {
    assert.deepEqual(read(422, body).fieldErrors, [], body);
  }
  assert.deepEqual(read(500, '{"details": {"field": "email"}}').fieldErrors, []);
});

test("a body over the limit is cut at a character boundary and says so", () => {
  const long = `{"code": "FORBIDDEN", "error": "${"é".repeat(MAX_BODY_BYTES)}"}`;
  const error = ApiError.fromParts(403, {}, long);
  assert.ok(error.bodyTruncated);
  assert.equal(error.code, "FORBIDDEN");
  assert.equal(error.serverMessage, undefined);
  assert.ok(error.message.endsWith(`(body cut at ${MAX_BODY_BYTES} bytes)`));
  const html = ApiError.fromParts(502, {}, `<p>${"x".repeat(MAX_BODY_BYTES)}</p>`, { maxBodyBytes: 9 });
  assert.equal(html.rawBody, "<p>xxxxxx");
  assert.equal(ApiError.fromParts(502, {}, "ééééé", { maxBodyBytes: 5 }).rawBody, "éé");
});

test("fromResponse reads a fetch Response within the limit", async () => {
  const response = new Response('{"code": "RATE_LIMITED", "error": "slow"}', {
    status: 429,
    headers: { [RETRY_AFTER_HEADER]: "3", [REQUEST_ID_HEADER]: "r1" },
  });
  const error = await ApiError.fromResponse(response);
  assert.ok(error instanceof RateLimitError);
  assert.deepEqual([error.code, error.retryAfterMs, error.requestId], ["RATE_LIMITED", 3000, "r1"]);
  let pulled = 0;
  const endless = new ReadableStream({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(16 * 1024).fill(0x61));
    },
  });
  const big = await ApiError.fromResponse(new Response(endless, { status: 502 }));
  assert.ok(big.bodyTruncated);
  assert.equal(big.rawBody?.length, MAX_BODY_BYTES);
  assert.ok(pulled <= 7, `read ${pulled} chunks of 16 KiB`);
  const binary = await ApiError.fromResponse(new Response(new Uint8Array([0xff, 0x00, 0xfe]), { status: 500 }));
  assert.equal(binary.message, "HTTP 500: not an error body (3 bytes)");
});

test("Google replies are read in the nested error, field violations from every BadRequest detail", async () => {
  const google = await withCatalogue("google");
  const quota = google.ApiError.fromParts(429, { "Retry-After": "7" }, JSON.stringify({
    error: { code: 429, message: "Quota exceeded", status: "RESOURCE_EXHAUSTED", details: [{ reason: "RATE_LIMIT_EXCEEDED" }] },
  }));
  assert.deepEqual([quota.code, quota.kind, quota.retryHintMs, quota.retryable], ["RESOURCE_EXHAUSTED", "rate_limited", 7000, true]);
  assert.deepEqual(quota.details, [{ reason: "RATE_LIMIT_EXCEEDED" }]);
  const body = JSON.stringify({
    error: {
      code: 400,
      status: "INVALID_ARGUMENT",
      details: [
        { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "FIELD_INVALID" },
        { fieldViolations: [{ field: "book.name", description: "required" }, { field: "book.isbn", description: "13 digits" }] },
        { fieldViolations: [{ field: "shelf" }, { field: 3 }, { description: "no field" }, "x"] },
      ],
    },
  });
  assert.deepEqual(google.ApiError.fromParts(400, {}, body).fieldErrors, [
    { field: "book.name", message: "required" },
    { field: "book.isbn", message: "13 digits" },
    { field: "shelf", message: undefined },
  ]);
  for (const details of ['{"fieldViolations": [{"field": "a"}]}', '[{"fieldViolations": {"field": "a"}}]', '"text"']) {
    const error = google.ApiError.fromParts(400, {}, `{"error": {"status": "INVALID_ARGUMENT", "details": ${details}}}`);
    assert.deepEqual(error.fieldErrors, [], details);
  }
});

test("Stripe's param is the one field error of an invalid request", async () => {
  const stripe = await withCatalogue("stripe");
  const missing = stripe.ApiError.fromParts(400, {}, '{"error": {"code": "parameter_missing", "message": "Missing amount.", "param": "amount", "type": "invalid_request_error"}}');
  assert.deepEqual(missing.fieldErrors, [{ field: "amount", message: "Missing amount." }]);
  const declined = stripe.ApiError.fromParts(402, { "Request-Id": "req_1" }, '{"error": {"code": "card_declined", "message": "m", "param": "card"}}');
  assert.deepEqual([declined.code, declined.kind, declined.requestId, declined.fieldErrors], ["card_declined", "client", "req_1", []]);
  // A code where the flat body has it is not Stripe's.
  assert.equal(stripe.ApiError.fromParts(402, {}, '{"code": "card_declined"}').code, undefined);
});

test("JSON-RPC errors on status 200 are errors with integer codes", async () => {
  const rpc = await withCatalogue("jsonrpc");
  const found = rpc.ApiError.fromParts(200, {}, '{"jsonrpc": "2.0", "error": {"code": -32601, "message": "Method not found"}, "id": "1"}');
  assert.deepEqual([found.isError, found.code, found.wireCode, found.kind, found.retryable], [true, "-32601", "-32601", "client", false]);
  const busy = rpc.ApiError.fromParts(200, {}, '{"jsonrpc": "2.0", "error": {"code": -32000, "message": "busy", "data": {"retry": true}}, "id": 2}');
  assert.deepEqual([busy.code, busy.kind, busy.retryable, busy.details], ["-32000", "transient", true, { retry: true }]);
  assert.equal(rpc.ApiError.fromParts(200, {}, '{"jsonrpc": "2.0", "result": 19, "id": 1}').isError, false);
  for (const body of ['{"error": {"code": "-32601"}}', '{"error": {"code": -32601.0}}']) {
    assert.equal(rpc.ApiError.fromParts(200, {}, body).wireCode, undefined, body);
  }
  assert.equal(rpc.ErrorCode.parse(-32601), "-32601");
});

test("AWS codes are read from __type or the header in their long forms", async () => {
  const aws = await withCatalogue("aws");
  const typed = aws.ApiError.fromParts(400, {}, '{"__type": "com.amazonaws.dynamodb.v20120810#ThrottlingException", "message": "Rate"}');
  assert.deepEqual([typed.code, typed.wireCode, typed.kind], ["ThrottlingException", "ThrottlingException", "rate_limited"]);
  const header = { "X-Amzn-ErrorType": "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.validate/" };
  const fromHeader = aws.ApiError.fromParts(400, header, '{"message": "Rate exceeded"}');
  assert.deepEqual([fromHeader.code, fromHeader.serverMessage], ["ThrottlingException", "Rate exceeded"]);
  // The body's code comes first.
  assert.equal(aws.ApiError.fromParts(400, header, '{"__type": "AccessDeniedException"}').code, "AccessDeniedException");
  const unknown = aws.ApiError.fromParts(400, { "x-amzn-errortype": "NewException:http://x/" }, "");
  assert.deepEqual([unknown.code, unknown.wireCode], [undefined, "NewException:http://x/"]);
  const blankFirst = aws.ApiError.fromParts(400, [["x-amzn-errortype", " "], ["X-Amzn-ErrorType", "AccessDeniedException"]], "");
  assert.equal(blankFirst.code, "AccessDeniedException");
});
