// The conformance runner: reads the catalogue's `docs/conformance.json`
// (format 1) and checks that this client reads every reply exactly as the
// vectors say, member by member. The same vectors are run by the Rust and
// Python clients. `ERRCAT_CONFORMANCE_JSON` names another vectors file.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

import { ApiError, ErrorCode, RetryPolicy } from "../index.js";

/** The format of `conformance.json` this runner reads. */
const FORMAT = 1;

/** Every member of a vector's `expect`, each compared exactly. */
const MEMBERS = [
  "is_error",
  "code",
  "wire_code",
  "message",
  "request_id",
  "kind",
  "retryable",
  "requires_reauth",
  "retry_after_ms",
  "field_errors",
  "delays_ms",
];

const path =
  process.env.ERRCAT_CONFORMANCE_JSON ?? fileURLToPath(new URL("../../../docs/conformance.json", import.meta.url));
const suite = JSON.parse(readFileSync(path, "utf8"));

/** A policy built from the suite's `policy`: jitter off, so delays are exact. */
function policy() {
  const settings = suite.policy;
  return new RetryPolicy({
    maxAttempts: settings.max_attempts,
    baseDelayMs: settings.base_delay_ms,
    maxDelayMs: settings.max_delay_ms,
    maxHintMs: settings.max_hint_ms,
    jitter: settings.jitter,
  });
}

/**
 * What this client makes of a vector's reply, in the vectors' terms.
 * @param {ApiError} error
 */
function outcome(error) {
  const retry = policy();
  const delays = [];
  for (let attempt = 1; attempt <= retry.maxAttempts; attempt += 1) delays.push(retry.nextDelayMs(attempt, error) ?? null);
  return {
    is_error: error.isError,
    code: error.code ?? null,
    wire_code: error.wireCode ?? null,
    message: error.serverMessage ?? null,
    request_id: error.requestId ?? null,
    kind: error.kind,
    retryable: error.retryable,
    requires_reauth: error.requiresReauth,
    retry_after_ms: error.retryAfterMs ?? null,
    field_errors: error.fieldErrors.map((entry) => ({
      field: entry.field ?? null,
      message: entry.message ?? null,
      ...("value" in entry ? { value: entry.value } : {}),
    })),
    delays_ms: delays,
  };
}

test(`${path} is a format ${FORMAT} suite with a vector for every code`, () => {
  assert.equal(suite.format, FORMAT, "format");
  assert.ok(Array.isArray(suite.vectors) && suite.vectors.length > 0, "vectors: none");
  const names = new Set(suite.vectors.map((/** @type {{name: string}} */ vector) => vector.name));
  assert.equal(names.size, suite.vectors.length, "vector names are not unique");
  const missing = ErrorCode.all.map((info) => info.code).filter((code) => !names.has(code));
  assert.deepEqual(missing, [], "codes without their own vector");
});

for (const vector of Array.isArray(suite.vectors) ? suite.vectors : []) {
  test(vector.name, () => {
    const { status, headers, body } = vector.reply;
    const error = ApiError.fromParts(status, headers, body, { receivedAt: suite.received_at_ms });
    const unknown = Object.keys(vector.expect).filter((member) => !MEMBERS.includes(member));
    assert.deepEqual(unknown, [], `${vector.name}: expect has members this runner does not check`);
    const actual = /** @type {Record<string, unknown>} */ (outcome(error));
    for (const member of MEMBERS) {
      assert.ok(member in vector.expect, `${vector.name}: expect has no ${member}`);
      assert.deepStrictEqual(actual[member], vector.expect[member], `${vector.name}: ${member}`);
    }
  });
}
