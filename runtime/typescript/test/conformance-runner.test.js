// The conformance runner (copied into every generated package as
// `test/conformance.test.js`) run over vectors written here by hand for the
// test catalogue: it passes them, and fails naming the vector and the member
// when one expectation is off.

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const RUNNER = fileURLToPath(new URL("../conformance/runner.js", import.meta.url));

const none = [null, null, null, null];
/**
 * The vector of a code's own reply `{"code": …, "error": …}`.
 * @param {string} code
 * @param {number} status
 * @param {string} message
 * @param {Record<string, unknown>} expect
 */
const own = (code, status, message, expect) => ({
  name: code,
  reply: { status, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ code, error: message }) },
  expect: {
    is_error: true, code, wire_code: code, message, request_id: null, retryable: false, requires_reauth: false,
    retry_after_ms: null, field_errors: [], delays_ms: none, ...expect,
  },
});
const nothing = { code: null, wire_code: null, message: null, request_id: null, requires_reauth: false, field_errors: [] };

const SUITE = {
  $comment: "written by hand for the runtime's test catalogue",
  format: 1,
  api: "Test API",
  received_at_ms: 784_111_777_000,
  policy: { max_attempts: 4, base_delay_ms: 500, max_delay_ms: 20000, max_hint_ms: 300000, jitter: false },
  vectors: [
    own("INVALID_PARAMETER", 400, "A parameter is invalid", { kind: "validation" }),
    own("AUTH_INVALID_KEY", 401, "API key is invalid", { kind: "auth" }),
    own("AUTH_SESSION_EXPIRED", 401, "Session has expired", { kind: "re_authenticate", requires_reauth: true }),
    own("FORBIDDEN", 403, "Not allowed", { kind: "auth" }),
    own("RATE_LIMITED", 429, "Too many requests", { kind: "rate_limited", retryable: true, retry_after_ms: 30000, delays_ms: [30000, 30000, 30000, null] }),
    own("INTERNAL_ERROR", 500, "Internal error\n(second line)", { kind: "server" }),
    own("UPSTREAM_ERROR", 502, "Upstream failed", { kind: "transient", retryable: true, delays_ms: [500, 1000, 2000, null] }),
    own("MAINTENANCE", 503, "Down for maintenance", { kind: "rate_limited", retryable: true, retry_after_ms: 30000, delays_ms: [30000, 30000, 30000, null] }),
    {
      name: "html body",
      reply: { status: 502, headers: { "Content-Type": "text/html" }, body: "<html>bad gateway</html>" },
      expect: { ...nothing, is_error: true, kind: "transient", retryable: true, retry_after_ms: null, delays_ms: [500, 1000, 2000, null] },
    },
    {
      name: "retry-after http-date in the future",
      reply: { status: 503, headers: { "Retry-After": "Sun, 06 Nov 1994 08:49:47 GMT" }, body: "" },
      expect: { ...nothing, is_error: true, kind: "transient", retryable: true, retry_after_ms: 10000, delays_ms: [10000, 10000, 10000, null] },
    },
    {
      name: "unknown code with field errors and a request id holding a control character",
      reply: {
        status: 422,
        headers: { "x-test-request-id": "a\u0001b" },
        body: '{"code": "BRAND_NEW", "details": {"errors": [{"field": "email", "message": "required", "value": null}, {"field": "age"}]}}',
      },
      expect: {
        ...nothing, is_error: true, wire_code: "BRAND_NEW", kind: "validation", retryable: false, retry_after_ms: null, delays_ms: none,
        field_errors: [{ field: "email", message: "required", value: null }, { field: "age", message: null }],
      },
    },
  ],
};

/** Runs the runner over `suite`, written to a temp file. */
function run(/** @type {unknown} */ suite) {
  const path = join(mkdtempSync(join(tmpdir(), "errcat-conformance-")), "conformance.json");
  writeFileSync(path, JSON.stringify(suite));
  // Without NODE_TEST_CONTEXT the child reports in TAP, not to this runner.
  const { NODE_TEST_CONTEXT, ...env } = process.env;
  return spawnSync(process.execPath, ["--test", RUNNER], { env: { ...env, ERRCAT_CONFORMANCE_JSON: path }, encoding: "utf8" });
}

test("the runner passes vectors the client agrees with", () => {
  const result = run(SUITE);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.match(result.stdout, new RegExp(`# pass ${SUITE.vectors.length + 1}\\n`));
});

test("the runner fails naming the vector and the member that disagree, or are missing or unknown", () => {
  const wrong = structuredClone(SUITE);
  wrong.vectors[6].expect.delays_ms = [500, 1000, 2000, 4000];
  delete (/** @type {Record<string, unknown>} */ (wrong.vectors[0].expect)).field_errors;
  /** @type {Record<string, unknown>} */ (wrong.vectors[1].expect).colour = "red";
  // FORBIDDEN loses its own vector.
  wrong.vectors.splice(3, 1);
  const result = run(wrong);
  assert.notEqual(result.status, 0);
  assert.match(result.stdout, /UPSTREAM_ERROR: delays_ms/);
  assert.match(result.stdout, /INVALID_PARAMETER: expect has no field_errors/);
  assert.match(result.stdout, /AUTH_INVALID_KEY: expect has members this runner does not check/);
  assert.match(result.stdout, /codes without their own vector/);
  assert.match(result.stdout, new RegExp(`# fail 4\\n`));
});
