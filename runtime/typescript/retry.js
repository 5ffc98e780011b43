// Retrying: `RetryPolicy` (a port of the Rust runtime's `policy.rs`),
// `RetryBudget` (of `budget.rs`) and `fetchWithRetry`. Declarations:
// `retry.d.ts`.

import { ApiError } from "./api-error.js";
import { DEFAULT_RETRY_AFTER_SECS, ERROR_TABLE } from "./catalogue.js";
import { SplitMix64 } from "./rng.js";

/** @typedef {import("./retry.js").RetryPolicyOptions} RetryPolicyOptions */
/** @typedef {import("./retry.js").FetchWithRetryOptions} FetchWithRetryOptions */

/** The most attempts by default, the first one included: 3. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** The backoff before the second attempt by default: 500 ms; it doubles after each failure. */
export const DEFAULT_BASE_DELAY_MS = 500;
/** The longest backoff by default, before jitter: 20000 ms (20 s). */
export const DEFAULT_MAX_DELAY_MS = 20_000;
/** The longest server hint honoured by default: 300000 ms (5 minutes); longer ones are cut to it. */
export const DEFAULT_MAX_HINT_MS = 300_000;

/**
 * When and how long to retry: throttled errors wait for the server's hint
 * (or the catalogue's default), transient errors back off exponentially
 * with full jitter and never wait less than a hint; every hint is capped at
 * `maxHintMs`; errors that are not retryable are never retried.
 */
export class RetryPolicy {
  /** @param {RetryPolicyOptions} [options] */
  constructor(options = {}) {
    /** The most attempts in all, the first one included (at least 1). @readonly */
    this.maxAttempts = Math.max(1, Math.floor(options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS));
    /** The backoff before the second attempt, doubling after each failure. @readonly */
    this.baseDelayMs = options.baseDelayMs ?? DEFAULT_BASE_DELAY_MS;
    /** The longest backoff, before jitter. @readonly */
    this.maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
    /** Whether backoffs are drawn at random up to their ceiling; default on. @readonly */
    this.jitter = options.jitter ?? true;
    /** The longest server hint honoured. @readonly */
    this.maxHintMs = options.maxHintMs ?? DEFAULT_MAX_HINT_MS;
    /** @private */
    this.rng = options.seed === undefined ? SplitMix64.fromEntropy() : new SplitMix64(options.seed);
  }

  /**
   * How long to wait before the next attempt, in ms, or `undefined` to
   * stop: the error is not retryable, or `attempt` (the attempts made so
   * far, 1 after the first failure) has reached the maximum.
   * @param {number} attempt
   * @param {ApiError} error
   * @returns {number | undefined}
   */
  nextDelayMs(attempt, error) {
    if (attempt >= this.maxAttempts || !error.retryable) return undefined;
    const hint = error.retryHintMs === undefined ? undefined : Math.min(error.retryHintMs, this.maxHintMs);
    if (error.kind === "rate_limited") return hint ?? Math.min(DEFAULT_RETRY_AFTER_SECS * 1000, this.maxHintMs);
    const backoff = this.backoffMs(attempt);
    return hint === undefined ? backoff : Math.max(hint, backoff);
  }

  /**
   * `baseDelayMs * 2^(attempt - 1)`, at most `maxDelayMs`; with jitter, a
   * uniform draw from zero to that ("full jitter"), in whole nanoseconds as
   * the Rust client draws it.
   * @param {number} attempt
   */
  backoffMs(attempt) {
    const doublings = Math.min(Math.max(attempt - 1, 0), 63);
    const ceiling = Math.min(this.baseDelayMs * 2 ** doublings, this.maxDelayMs);
    if (!this.jitter) return ceiling;
    const ceilingNanos = BigInt(Math.round(ceiling * 1e6));
    return Number(this.rng.upTo(ceilingNanos)) / 1e6;
  }
}

/** Tokens in a new budget, as in the AWS SDKs' standard retry mode: 500. */
export const DEFAULT_BUDGET_CAPACITY = 500;
/** Tokens a retry after a throttled reply spends: 5. */
const RETRY_COST = 5;
/** Tokens a retry after a transient failure spends: 10 (an outage signal drains faster). */
const TRANSIENT_RETRY_COST = 10;
/** Tokens a success gives back: 1. */
const SUCCESS_REFILL = 1;

/**
 * A retry budget shared by all the requests of one client: each retry
 * spends tokens (5 after throttling, 10 after a transient failure), each
 * success refills one, and once drained nothing is retried and `isOutage`
 * reports a persistent outage.
 */
export class RetryBudget {
  /** @param {number} [capacity] tokens when full; default 500 */
  constructor(capacity = DEFAULT_BUDGET_CAPACITY) {
    /** Tokens when full. @readonly */
    this.capacity = capacity;
    /** Tokens left. */
    this.available = capacity;
  }

  /**
   * Spends the tokens for retrying after `error`, if the budget has them;
   * `false` means do not retry.
   * @param {ApiError} error
   */
  tryAcquire(error) {
    if (!error.retryable) return false;
    const cost = error.kind === "transient" ? TRANSIENT_RETRY_COST : RETRY_COST;
    if (this.available < cost) return false;
    this.available -= cost;
    return true;
  }

  /** Gives a token back for a request that succeeded, up to the capacity. */
  recordSuccess() {
    this.available = Math.min(this.capacity, this.available + SUCCESS_REFILL);
  }

  /** Whether the budget is drained: not even a retry after throttling can be paid for. */
  isOutage() {
    return this.available < RETRY_COST;
  }
}

/** Whether a code of the catalogue is sent with a status below 400 (JSON-RPC's 200). */
const CODES_BELOW_400 = ERROR_TABLE.some((info) => info.status < 400);

/**
 * @param {number} ms
 * @returns {Promise<void>}
 */
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * The error a response is, or `undefined` for a success. A 4xx or 5xx is
 * an error; so is another status whose body has a code, when the
 * catalogue sends a code with a status below 400 (only then is a
 * success's body read, from a clone, so the response stays whole).
 * @param {Response} response
 * @returns {Promise<ApiError | undefined>}
 */
export async function errorForResponse(response) {
  if (response.status >= 400) return ApiError.fromResponse(response);
  if (!CODES_BELOW_400) return undefined;
  const error = await ApiError.fromResponse(response.clone());
  return error.wireCode === undefined ? undefined : error;
}

/** Methods whose requests may be repeated safely (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"];

/**
 * The method `input` and `init` send with.
 * @param {RequestInfo | URL} input
 * @param {RequestInit | undefined} init
 */
function methodOf(input, init) {
  const method = init?.method ?? (typeof Request !== "undefined" && input instanceof Request ? input.method : "GET");
  return method.toUpperCase();
}

/**
 * The caller's abort signal, in `init` or on the `Request`.
 * @param {RequestInfo | URL} input
 * @param {RequestInit | undefined} init
 * @returns {AbortSignal | undefined}
 */
function callerSignal(input, init) {
  return init?.signal ?? (typeof Request !== "undefined" && input instanceof Request ? input.signal : undefined);
}

/** How long one attempt (sending, the reply's head, an error reply's body) may take by default: 30 s (30000 ms), as the Rust client's `RetrySend`. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;

/** How long all attempts and the waits between them may take by default: 2 minutes (120000 ms), as the Rust client's `RetrySend`. */
export const DEFAULT_DEADLINE_MS = 120_000;

/**
 * A signal that aborts when `caller` does or after `ms`, and how to stop
 * its timer once the attempt is over.
 * @param {AbortSignal | undefined} caller
 * @param {number} ms
 */
function attemptSignal(caller, ms) {
  const controller = new AbortController();
  const abort = () => controller.abort(caller?.reason);
  if (caller?.aborted) abort();
  caller?.addEventListener("abort", abort, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException("the attempt timed out", "TimeoutError")), ms);
  const done = () => {
    clearTimeout(timer);
    caller?.removeEventListener("abort", abort);
  };
  return { signal: controller.signal, done };
}

/**
 * `fetch`es `input`, retrying error replies as the policy says: resolves
 * to the `Response` of the first success, throws the last `ApiError`.
 * Each attempt (sending, the reply's head and an error reply's body) ends
 * within `attemptTimeoutMs`, and all attempts and waits within
 * `deadlineMs`: a wait that would pass it is not started. A failure to
 * fetch at all (network error, attempt timeout) is retried like a 503
 * without a body when the method is idempotent, else thrown as it is, as
 * is the last one; a request the caller aborts is never retried.
 * @param {RequestInfo | URL} input
 * @param {RequestInit} [init]
 * @param {FetchWithRetryOptions} [options]
 * @returns {Promise<Response>}
 */
export async function fetchWithRetry(input, init, options = {}) {
  const policy = options.policy ?? new RetryPolicy();
  // Called as a method: browsers refuse a `fetch` detached from its global.
  const send = options.fetch ?? ((/** @type {RequestInfo | URL} */ request, /** @type {RequestInit} */ init) => globalThis.fetch(request, init));
  const wait = options.sleep ?? sleep;
  const now = options.now ?? Date.now;
  const deadline = now() + (options.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const maxAttempts = Math.min(policy.maxAttempts, options.maxAttempts ?? Infinity);
  const retriesTransportErrors = IDEMPOTENT_METHODS.includes(methodOf(input, init));
  const caller = callerSignal(input, init);
  for (let attempt = 1; ; attempt += 1) {
    const timeout = Math.min(options.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS, Math.max(0, deadline - now()));
    const { signal, done } = attemptSignal(caller, timeout);
    /** @type {ApiError} */
    let error;
    /** @type {unknown} */
    let thrown;
    try {
      const response = await send(input, { ...init, signal });
      const failure = await errorForResponse(response);
      // A success's body is the caller's to read, beyond the attempt's time.
      done();
      if (failure === undefined) {
        options.budget?.recordSuccess();
        return response;
      }
      options.onError?.(failure, attempt);
      error = failure;
      thrown = failure;
    } catch (cause) {
      done();
      if (!retriesTransportErrors || caller?.aborted) throw cause;
      error = ApiError.fromParts(503, {}, "");
      thrown = cause;
    }
    const delay = attempt >= maxAttempts ? undefined : policy.nextDelayMs(attempt, error);
    const paid = delay !== undefined && now() + delay <= deadline && (options.budget?.tryAcquire(error) ?? true);
    if (delay === undefined || !paid) throw thrown;
    await wait(delay);
  }
}
