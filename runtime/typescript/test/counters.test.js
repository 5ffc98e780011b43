import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiError, ErrorCounters, UNKNOWN } from "../index.js";

const limited = ApiError.fromParts(429, {}, '{"code": "RATE_LIMITED"}');

test("errors are counted per code, unknown codes under one label", () => {
  const counters = new ErrorCounters();
  counters.record(limited);
  counters.record(limited);
  counters.record(ApiError.fromParts(500, {}, '{"code": "BRAND_NEW"}'));
  counters.record(ApiError.fromParts(502, {}, "<html>"));
  assert.deepEqual([counters.count("RATE_LIMITED"), counters.count(UNKNOWN), counters.count("BRAND_NEW"), counters.total()], [2, 2, 0, 4]);
  assert.deepEqual(counters.snapshot(), [{ label: "RATE_LIMITED", count: 2 }, { label: UNKNOWN, count: 2 }]);
});

test("the alert fires when a code passes its limit within the window, at most once per window", () => {
  /** @type {import("../index.js").ThresholdAlert[]} */
  const alerts = [];
  const counters = new ErrorCounters({ alert: { limit: 2, windowMs: 1000, onAlert: (alert) => alerts.push(alert) } });
  counters.record(limited, 0);
  counters.record(limited, 100);
  assert.equal(alerts.length, 0, "at the limit is not past it");
  counters.record(limited, 200);
  assert.deepEqual(alerts, [{ code: "RATE_LIMITED", count: 3, windowMs: 1000 }]);
  for (let t = 300; t < 1200; t += 100) counters.record(limited, t);
  assert.equal(alerts.length, 1, "once per window");
  counters.record(limited, 1200);
  assert.equal(alerts.length, 2, "again once a whole window has passed");
  // Errors spread wider than the window never pass the limit.
  const calm = new ErrorCounters({ alert: { limit: 2, windowMs: 1000, onAlert: (alert) => alerts.push(alert) } });
  for (let t = 0; t < 10_000; t += 600) calm.record(limited, t);
  assert.equal(alerts.length, 2);
  // Unknown codes are counted but never alert (their labels are not bounded).
  for (let t = 0; t < 10; t += 1) calm.record(ApiError.fromParts(500, {}, ""), t);
  assert.equal(alerts.length, 2);
});
