import assert from "node:assert/strict";
import { test } from "node:test";

import { ApiError, DEFAULT_RETRY_AFTER_SECS, ErrorCode, RETRY_AFTER_HEADER, RetryBudget, RetryPolicy, fetchWithRetry } from "../index.js";
import { withCatalogue } from "../testing/support.js";

/**
 * @param {number} status
 * @param {string} [hint]
 */
const reply = (status, hint) => ApiError.fromParts(status, hint === undefined ? {} : { [RETRY_AFTER_HEADER]: hint }, "");
const noJitter = () => new RetryPolicy({ jitter: false });

test("the defaults are the Rust client's", () => {
  const policy = new RetryPolicy();
  assert.deepEqual(
    [policy.maxAttempts, policy.baseDelayMs, policy.maxDelayMs, policy.maxHintMs, policy.jitter],
    [3, 500, 20_000, 300_000, true],
  );
  assert.equal(new RetryBudget().capacity, 500);
});

test("transient errors back off exponentially up to the maximum", () => {
  const policy = new RetryPolicy({ jitter: false, maxAttempts: 10 });
  const delays = Array.from({ length: 10 }, (_, i) => policy.nextDelayMs(i + 1, reply(503)));
  assert.deepEqual(delays, [500, 1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000, undefined]);
  assert.equal(policy.nextDelayMs(0, reply(503)), 500);
  const long = new RetryPolicy({ jitter: false, maxAttempts: 2 ** 32 - 1 });
  assert.equal(long.nextDelayMs(2 ** 32 - 2, reply(503)), 20_000);
});

test("stops after the maximum attempts and on errors that are not retryable", () => {
  const policy = noJitter();
  assert.notEqual(policy.nextDelayMs(1, reply(503)), undefined);
  assert.notEqual(policy.nextDelayMs(2, reply(503)), undefined);
  assert.equal(policy.nextDelayMs(3, reply(503)), undefined);
  for (const status of [400, 401, 403, 404, 422, 500, 501]) assert.equal(policy.nextDelayMs(1, reply(status, "1")), undefined, String(status));
  for (const info of ErrorCode.all.filter((info) => info.retry === "never")) {
    assert.equal(policy.nextDelayMs(1, ApiError.fromParts(info.status, {}, JSON.stringify({ code: info.code }))), undefined, info.code);
  }
  const once = new RetryPolicy({ maxAttempts: 0 });
  assert.equal(once.maxAttempts, 1);
  assert.equal(once.nextDelayMs(1, reply(503)), undefined);
});

test("rate limits wait for the hint or the default", () => {
  const policy = noJitter();
  assert.equal(policy.nextDelayMs(1, reply(429, "7")), 7000);
  assert.equal(policy.nextDelayMs(2, reply(429, "0.25")), 250);
  const fallback = Math.min(DEFAULT_RETRY_AFTER_SECS * 1000, policy.maxHintMs);
  assert.equal(policy.nextDelayMs(1, reply(429)), fallback);
  assert.equal(policy.nextDelayMs(1, reply(429, "soon")), fallback);
  assert.equal(policy.nextDelayMs(1, ApiError.fromParts(429, {}, '{"code": "RATE_LIMITED"}')), fallback);
});

test("a hint is never cut below what the server asked but is capped", () => {
  const policy = noJitter();
  assert.equal(policy.nextDelayMs(1, reply(503, "3")), 3000);
  assert.equal(policy.nextDelayMs(1, reply(503, "0.1")), 500);
  for (const absurd of ["1000000000000", "99999999999999999999999"]) {
    assert.equal(policy.nextDelayMs(1, reply(429, absurd)), 300_000, absurd);
    assert.equal(policy.nextDelayMs(1, reply(503, absurd)), 300_000, absurd);
  }
  const strict = new RetryPolicy({ maxHintMs: 2000 });
  assert.equal(strict.nextDelayMs(1, reply(429)), Math.min(DEFAULT_RETRY_AFTER_SECS * 1000, 2000));
  assert.equal(strict.nextDelayMs(1, reply(429, "-5")), Math.min(DEFAULT_RETRY_AFTER_SECS * 1000, 2000));
});

test("a seeded policy gives the Rust client's exact delays", () => {
  const policy = new RetryPolicy({ seed: 7, maxAttempts: 4 });
  const delays = [1, 2, 3, 4].map((attempt) => policy.nextDelayMs(attempt, reply(503)));
  assert.deepEqual(delays, [194_914_874 / 1e6, 16_788_294 / 1e6, 1_801_521_362 / 1e6, undefined]);
});

test("jitter is full and reproducible with a seed", () => {
  const [a, b] = [new RetryPolicy({ seed: 7, maxAttempts: 50 }), new RetryPolicy({ seed: 7n, maxAttempts: 50 })];
  for (let attempt = 1; attempt < 50; attempt += 1) {
    const delay = a.nextDelayMs(attempt, reply(503));
    assert.equal(delay, b.nextDelayMs(attempt, reply(503)));
    assert.ok(delay !== undefined && delay <= noJitter().backoffMs(attempt));
  }
  const draws = Array.from({ length: 20 }, () => a.nextDelayMs(5, reply(503)));
  assert.ok(new Set(draws).size > 1, "jitter should vary the delays");
  for (let i = 0; i < 20; i += 1) assert.ok((a.nextDelayMs(1, reply(503, "1")) ?? 0) >= 1000);
});

test("retries drain the budget until it reports an outage", () => {
  const budget = new RetryBudget(25);
  assert.ok(!budget.isOutage());
  assert.ok(budget.tryAcquire(reply(503)) && budget.tryAcquire(reply(503)));
  assert.equal(budget.available, 5);
  assert.ok(!budget.tryAcquire(reply(503)), "a transient retry costs 10");
  assert.ok(budget.tryAcquire(reply(429)));
  assert.equal(budget.available, 0);
  assert.ok(budget.isOutage());
  assert.ok(!budget.tryAcquire(reply(429)));
});

test("successes refill the budget up to the capacity, and errors that are not retryable spend nothing", () => {
  const budget = new RetryBudget(10);
  assert.ok(budget.tryAcquire(reply(503)));
  for (let i = 0; i < 4; i += 1) budget.recordSuccess();
  assert.ok(budget.isOutage());
  budget.recordSuccess();
  assert.ok(!budget.isOutage());
  for (let i = 0; i < 100; i += 1) budget.recordSuccess();
  assert.equal(budget.available, budget.capacity);
  const full = new RetryBudget();
  for (const status of [400, 401, 404, 500]) assert.ok(!full.tryAcquire(reply(status)), String(status));
  assert.equal(full.available, 500);
  assert.ok(new RetryBudget(0).isOutage());
});

/**
 * A fake `fetch` answering with `replies` in turn, and the waits asked for.
 * @param {(() => Response)[]} replies
 */
function scripted(replies) {
  /** @type {number[]} */
  const waits = [];
  let calls = 0;
  return {
    waits,
    calls: () => calls,
    fetch: async () => replies[Math.min(calls++, replies.length - 1)](),
    sleep: async (/** @type {number} */ ms) => {
      waits.push(ms);
    },
  };
}

const unavailable = () => new Response('{"code": "UPSTREAM_ERROR", "error": "down"}', { status: 502 });
const ok = () => new Response("fine", { status: 200 });

test("fetchWithRetry retries as the policy says and resolves to the success", async () => {
  const server = scripted([unavailable, unavailable, ok]);
  const budget = new RetryBudget(100);
  const response = await fetchWithRetry("https://api.test/x", undefined, { policy: noJitter(), budget, ...server });
  assert.equal(await response.text(), "fine");
  assert.deepEqual(server.waits, [500, 1000]);
  assert.equal(budget.available, 100 - 20 + 1);
});

test("fetchWithRetry throws the last ApiError when attempts run out or the error is final", async () => {
  const server = scripted([unavailable]);
  /** @type {number[]} */
  const seen = [];
  await assert.rejects(
    fetchWithRetry("https://api.test/x", {}, { policy: noJitter(), onError: (_, attempt) => seen.push(attempt), ...server }),
    (error) => error instanceof ApiError && error.code === "UPSTREAM_ERROR",
  );
  assert.deepEqual([server.calls(), server.waits, seen], [3, [500, 1000], [1, 2, 3]]);
  const limited = scripted([unavailable]);
  await assert.rejects(fetchWithRetry("https://api.test/x", {}, { policy: noJitter(), maxAttempts: 2, ...limited }));
  assert.equal(limited.calls(), 2);
  const forbidden = scripted([() => new Response('{"code": "FORBIDDEN"}', { status: 403 })]);
  await assert.rejects(fetchWithRetry("https://api.test/x", {}, { policy: noJitter(), ...forbidden }), { name: "AuthError" });
  assert.equal(forbidden.calls(), 1);
});

test("fetchWithRetry stops when the shared budget is drained", async () => {
  const server = scripted([unavailable]);
  const budget = new RetryBudget(10);
  await assert.rejects(fetchWithRetry("https://api.test/x", {}, { policy: noJitter(), budget, ...server }));
  assert.deepEqual([server.calls(), budget.isOutage()], [2, true]);
});

test("fetchWithRetry reads a JSON-RPC error on status 200 and hands back other successes whole", async () => {
  const rpc = await withCatalogue("jsonrpc");
  const busy = () => new Response('{"jsonrpc": "2.0", "error": {"code": -32000, "message": "busy"}, "id": 1}', { status: 200 });
  const result = () => new Response('{"jsonrpc": "2.0", "result": 19, "id": 1}', { status: 200 });
  const server = scripted([busy, result]);
  const response = await rpc.fetchWithRetry("https://rpc.test", {}, { policy: new rpc.RetryPolicy({ jitter: false }), ...server });
  assert.deepEqual(await response.json(), { jsonrpc: "2.0", result: 19, id: 1 });
  assert.deepEqual(server.waits, [500]);
});

test("fetchWithRetry retries a failure to fetch only for idempotent methods", async () => {
  const offline = () => {
    throw new TypeError("fetch failed");
  };
  const flaky = scripted([offline, ok]);
  const response = await fetchWithRetry("https://api.test/x", undefined, { policy: noJitter(), ...flaky });
  assert.deepEqual([response.status, flaky.waits], [200, [500]]);
  const down = scripted([offline]);
  await assert.rejects(fetchWithRetry("https://api.test/x", { method: "DELETE" }, { policy: noJitter(), ...down }), TypeError);
  assert.deepEqual(down.waits, [500, 1000]);
  const post = scripted([offline, ok]);
  await assert.rejects(fetchWithRetry("https://api.test/x", { method: "post" }, { policy: noJitter(), ...post }), TypeError);
  assert.equal(post.calls(), 1);
  const aborted = scripted([offline, ok]);
  await assert.rejects(fetchWithRetry("https://api.test/x", { signal: AbortSignal.abort() }, { policy: noJitter(), ...aborted }));
  assert.equal(aborted.calls(), 1);
});

test("each attempt ends within its timeout, and a timed-out idempotent request is tried again", async () => {
  let calls = 0;
  /** @type {(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>} */
  const stalls = (_, init) => {
    calls += 1;
    if (calls === 2) return Promise.resolve(ok());
    return new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason)));
  };
  const response = await fetchWithRetry("https://api.test/x", undefined, { policy: noJitter(), fetch: stalls, attemptTimeoutMs: 20, sleep: async () => {} });
  assert.deepEqual([response.status, calls], [200, 2]);
  calls = 0;
  await assert.rejects(fetchWithRetry("https://api.test/x", { method: "POST" }, { policy: noJitter(), fetch: stalls, attemptTimeoutMs: 20 }), { name: "TimeoutError" });
  assert.equal(calls, 1);
});

test("a wait that would pass the deadline is not started", async () => {
  let clock = 0;
  const server = scripted([unavailable]);
  const sleep = async (/** @type {number} */ ms) => {
    server.waits.push(ms);
    clock += ms;
  };
  const policy = new RetryPolicy({ jitter: false, maxAttempts: 10 });
  await assert.rejects(
    fetchWithRetry("https://api.test/x", {}, { policy, fetch: server.fetch, sleep, now: () => clock, deadlineMs: 4000 }),
    (error) => error instanceof ApiError,
  );
  // 500 + 1000 + 2000 fit in 4 s; the next wait (4 s) would end past it.
  assert.deepEqual([server.waits, server.calls()], [[500, 1000, 2000], 4]);
});

test("a request the caller aborts is never retried, whether in init or on the Request", async () => {
  let calls = 0;
  /** @type {(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>} */
  const honoursAborts = async (_, init) => {
    calls += 1;
    if (init?.signal?.aborted) throw init.signal.reason;
    return unavailable();
  };
  const controller = new AbortController();
  controller.abort();
  const options = { policy: noJitter(), fetch: honoursAborts, sleep: async () => {} };
  await assert.rejects(fetchWithRetry(new Request("https://api.test/x", { signal: controller.signal }), undefined, options), { name: "AbortError" });
  await assert.rejects(fetchWithRetry("https://api.test/x", { signal: controller.signal }, options), { name: "AbortError" });
  assert.equal(calls, 2);
});

test("fetchWithRetry calls the global fetch by default", async () => {
  const original = globalThis.fetch;
  /** @type {unknown[]} */
  const seen = [];
  globalThis.fetch = async function (input) {
    seen.push(this, input);
    return ok();
  };
  try {
    const response = await fetchWithRetry("https://api.test/x");
    assert.equal(response.status, 200);
    assert.deepEqual(seen, [globalThis, "https://api.test/x"]);
  } finally {
    globalThis.fetch = original;
  }
});
