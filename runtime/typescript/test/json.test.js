import assert from "node:assert/strict";
import { test } from "node:test";

import { MAX_DEPTH, MAX_VALUES, pointerKeys, readErrorBody, toPlain } from "../json.js";

/** @type {import("../catalogue-types.js").WireLayout} */
const FLAT = {
  code: "/code",
  codeType: "string",
  message: "/error",
  details: "/details",
  codeHeader: null,
  status: null,
  docUrl: null,
  category: null,
  fieldErrors: null,
};
const INTEGER = { ...FLAT, code: "/error/code", codeType: /** @type {const} */ ("integer") };

test("pointers unescape ~1 and ~0 and refuse any other ~", () => {
  assert.deepEqual(pointerKeys(""), []);
  assert.deepEqual(pointerKeys("/a~1b/c~0d/"), ["a/b", "c~d", ""]);
  assert.equal(pointerKeys("/a~2"), undefined);
  assert.equal(pointerKeys("/a~"), undefined);
  assert.equal(pointerKeys("a"), undefined);
});

test("only the parts the wire points at are read", () => {
  const body = readErrorBody('{"error": "m", "code": "C", "details": {"a": [1, 2.5, null]}, "other": {"x": 1}}', false, FLAT);
  assert.equal(body?.code, "C");
  assert.equal(body?.message, "m");
  assert.deepEqual(toPlain(body?.details), { a: [1, 2.5, null] });
  assert.equal(readErrorBody('{"code": 5}', false, FLAT)?.code, undefined);
  assert.equal(readErrorBody('{"code": "C", "details": null}', false, FLAT)?.details, undefined);
});

test("the last of a key written twice counts", () => {
  assert.equal(readErrorBody('{"code": "A", "code": "B"}', false, FLAT)?.code, "B");
});

test("integer codes are JSON integers read as their decimal text", () => {
  const code = (/** @type {string} */ text) => readErrorBody(`{"error": {"code": ${text}}}`, false, INTEGER)?.code;
  assert.equal(code("-32601"), "-32601");
  assert.equal(code("123456789012345678901234567890"), "123456789012345678901234567890");
  for (const text of ['"-32601"', "-32601.0", "1e3", "-0.5"]) assert.equal(code(text), undefined, text);
});

test("anything but one complete JSON value gives nothing", () => {
  for (const text of ["", "<html>", '{"code": "A"', '{"code": "A"} x', '{"code": "A",}', "[1,]", '{"code": "A\u0001"}', "01", "-"]) {
    assert.equal(readErrorBody(text, false, FLAT), undefined, text);
  }
});

test("a cut body keeps the parts read whole before the cut", () => {
  const body = readErrorBody('{"code": "A", "error": "m", "details": {"x": ', true, FLAT);
  assert.equal(body?.code, "A");
  assert.equal(body?.message, "m");
  assert.equal(body?.details, undefined);
  // A number the text ends on may have been cut short.
  assert.equal(readErrorBody('{"error": {"code": -326', true, INTEGER)?.code, undefined);
});

test("nesting past the depth limit is refused", () => {
  const nested = (/** @type {number} */ depth) => `{"code": "A", "details": ${"[".repeat(depth)}${"]".repeat(depth)}}`;
  assert.equal(readErrorBody(nested(MAX_DEPTH - 1), false, FLAT)?.code, "A");
  assert.equal(readErrorBody(nested(MAX_DEPTH + 1), false, FLAT), undefined);
});

test("details over the value budget are left out, the code is kept", () => {
  const list = (/** @type {number} */ count) => `{"code": "A", "details": [${Array(count).fill("1").join(",")}]}`;
  assert.equal(/** @type {unknown[]} */ (toPlain(readErrorBody(list(MAX_VALUES - 1), false, FLAT)?.details)).length, MAX_VALUES - 1);
  const over = readErrorBody(list(MAX_VALUES), false, FLAT);
  assert.equal(over?.code, "A");
  assert.equal(over?.details, undefined);
});

test("escapes are unescaped and a lone surrogate becomes U+FFFD", () => {
  assert.equal(readErrorBody('{"code": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"}', false, FLAT)?.code, '"\\/\b\f\n\r\té😀');
  assert.equal(readErrorBody('{"code": "\\ud800x"}', false, FLAT)?.code, "\ufffdx");
  assert.equal(readErrorBody('{"code": "\\udc00"}', false, FLAT)?.code, "\ufffd");
  assert.equal(readErrorBody('{"code": "\\ud800\\u0041"}', false, FLAT)?.code, "\ufffdA");
  assert.equal(readErrorBody('{"code": "\\x"}', false, FLAT), undefined);
});

test("a __proto__ member stays data", () => {
  const details = /** @type {Record<string, unknown>} */ (toPlain(readErrorBody('{"details": {"__proto__": {"polluted": 1}}}', false, FLAT)?.details));
  assert.deepEqual(Object.keys(details), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(details), Object.prototype);
  assert.equal(/** @type {Record<string, unknown>} */ ({}).polluted, undefined);
});
