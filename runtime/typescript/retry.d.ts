// Declarations of `retry.js`.

import type { ApiError } from "./api-error.js";

/** The most attempts by default, the first one included: 3. */
export declare const DEFAULT_MAX_ATTEMPTS: number;
/** The backoff before the second attempt by default: 500 ms. */
export declare const DEFAULT_BASE_DELAY_MS: number;
/** The longest backoff by default, before jitter: 20000 ms (20 s). */
export declare const DEFAULT_MAX_DELAY_MS: number;
/** The longest server hint honoured by default: 300000 ms (5 minutes). */
export declare const DEFAULT_MAX_HINT_MS: number;

/** The settings of a `RetryPolicy`; every one has the Rust client's default. */
export interface RetryPolicyOptions {
  /** The most attempts in all, the first one included (at least 1). Default 3. */
  readonly maxAttempts?: number;
  /** The backoff before the second attempt; it doubles after each failure. Default 500 ms. */
  readonly baseDelayMs?: number;
  /** The longest backoff, before jitter. Default 20000 ms. */
  readonly maxDelayMs?: number;
  /** Whether backoffs are drawn at random up to their ceiling. Default true. */
  readonly jitter?: boolean;
  /** The longest server hint honoured; longer ones (and the catalogue default) are cut to it. Default 300000 ms. */
  readonly maxHintMs?: number;
  /** Seeds the jitter (splitmix64, the same sequence as the Rust client's), making delays reproducible. */
  readonly seed?: number | bigint;
}

/**
 * When and how long to retry: throttled errors wait for the server's hint
 * (or the catalogue's default), transient errors back off exponentially with
 * full jitter and never wait less than a hint; hints are capped at
 * `maxHintMs`; errors that are not retryable are never retried.
 */
export declare class RetryPolicy {
  constructor(options?: RetryPolicyOptions);
  /** The most attempts in all, the first one included. */
  readonly maxAttempts: number;
  /** The backoff before the second attempt, in ms. */
  readonly baseDelayMs: number;
  /** The longest backoff, in ms. */
  readonly maxDelayMs: number;
  /** Whether backoffs are jittered. */
  readonly jitter: boolean;
  /** The longest server hint honoured, in ms. */
  readonly maxHintMs: number;
  /** How long to wait before the next attempt, in ms, or `undefined` to stop; `attempt` is the attempts made so far (1 after the first failure). */
  nextDelayMs(attempt: number, error: ApiError): number | undefined;
  /** The backoff ceiling for `attempt` (a draw up to it with jitter), in ms. */
  backoffMs(attempt: number): number;
}

/** How long one attempt may take by default: 30000 ms (30 s). */
export declare const DEFAULT_ATTEMPT_TIMEOUT_MS: number;

/** How long all attempts and waits may take by default: 120000 ms (2 minutes). */
export declare const DEFAULT_DEADLINE_MS: number;

/** Tokens in a new budget: 500. */
export declare const DEFAULT_BUDGET_CAPACITY: number;

/**
 * A retry budget shared by all the requests of a client (the AWS SDKs'
 * standard mode): 5 tokens per retry after throttling, 10 after a transient
 * failure, 1 back per success; once drained nothing is retried.
 */
export declare class RetryBudget {
  /** A full budget; default 500 tokens. */
  constructor(capacity?: number);
  /** Tokens when full. */
  readonly capacity: number;
  /** Tokens left. */
  readonly available: number;
  /** Spends the tokens for retrying after `error`; `false` means do not retry. */
  tryAcquire(error: ApiError): boolean;
  /** Gives a token back for a request that succeeded, up to the capacity. */
  recordSuccess(): void;
  /** Whether the budget is drained: failures are persistent rather than passing. */
  isOutage(): boolean;
}

/** What `fetchWithRetry` uses. */
export interface FetchWithRetryOptions {
  /** The policy; default `new RetryPolicy()`. */
  readonly policy?: RetryPolicy;
  /** A budget shared with other requests; none by default. */
  readonly budget?: RetryBudget;
  /** A lower limit on attempts than the policy's. */
  readonly maxAttempts?: number;
  /** Waits `ms` milliseconds; default `setTimeout`. Inject one in tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** The `fetch` to call; default `globalThis.fetch`. */
  readonly fetch?: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** How long one attempt (sending, the reply's head, an error reply's body) may take; default 30000 ms. */
  readonly attemptTimeoutMs?: number;
  /** How long all attempts and the waits between them may take: a wait that would pass it is not started; default 120000 ms. */
  readonly deadlineMs?: number;
  /** The clock the deadline is measured on, in ms; default `Date.now`. Inject one in tests. */
  readonly now?: () => number;
  /** Sees every failed attempt (to count it, e.g. in `ErrorCounters`), the last one included. */
  readonly onError?: (error: ApiError, attempt: number) => void;
}

/**
 * The error a response is, or `undefined` for a success: a 4xx or 5xx, or
 * another status whose body has a code when the catalogue sends codes with
 * such statuses (JSON-RPC's 200; the body is then read from a clone).
 */
export declare function errorForResponse(response: Response): Promise<ApiError | undefined>;

/**
 * `fetch`es `input`, retrying error replies as the policy says: resolves to
 * the first success's `Response`, throws the last `ApiError`. Each attempt
 * ends within `attemptTimeoutMs` (30 s) and all of them within `deadlineMs`
 * (2 minutes). A failure to fetch at all (network error, attempt timeout)
 * is retried like a 503 without a body when the method is idempotent (GET,
 * HEAD, OPTIONS, PUT, DELETE, TRACE), else thrown as it is, as is the last
 * one; a request the caller aborts is never retried. A request body that is
 * a stream cannot be sent twice: pass a string or bytes.
 */
export declare function fetchWithRetry(
  input: RequestInfo | URL,
  init?: RequestInit,
  options?: FetchWithRetryOptions,
): Promise<Response>;
