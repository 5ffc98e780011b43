// Per-code error counters with a threshold callback: the idea of the Rust
// runtime's `ErrorStats::with_alert`. Declarations: `counters.d.ts`.

/** @typedef {import("./api-error.js").ApiError} ApiError */
/** @typedef {import("./counters.js").ErrorCountersOptions} ErrorCountersOptions */
/** @typedef {import("./counters.js").ThresholdAlert} ThresholdAlert */

/** The label of errors without a code the catalogue knows: labels stay bounded. */
export const UNKNOWN = "unknown";

/**
 * Counts errors per code (a code the catalogue does not know counts as
 * `unknown`, never under its own string), and, with `alert`, calls
 * `onAlert` when more than `limit` errors of one known code are recorded
 * within `windowMs`: at most once per window for each code.
 */
export class ErrorCounters {
  /** @param {ErrorCountersOptions} [options] */
  constructor(options = {}) {
    /** @private @type {Map<string, number>} */
    this.counts = new Map();
    /** @private */
    this.alert = options.alert;
    /** @private @type {Map<string, number[]>} the times of each code's errors within the window, oldest first */
    this.recent = new Map();
    /** @private @type {Map<string, number>} */
    this.lastAlert = new Map();
  }

  /**
   * Counts one error, received at `nowMs` (Unix epoch ms; default now).
   * @param {ApiError} error
   * @param {number} [nowMs]
   */
  record(error, nowMs) {
    const label = error.code ?? UNKNOWN;
    this.counts.set(label, (this.counts.get(label) ?? 0) + 1);
    if (this.alert !== undefined && error.code !== undefined) this.watch(error.code, nowMs ?? Date.now());
  }

  /**
   * @private
   * @param {string} code
   * @param {number} now
   */
  watch(code, now) {
    const rule = /** @type {NonNullable<ErrorCountersOptions["alert"]>} */ (this.alert);
    const times = this.recent.get(code) ?? [];
    times.push(now);
    while (times.length > 0 && times[0] <= now - rule.windowMs) times.shift();
    // Only the last `limit + 1` times can decide whether the limit is passed.
    if (times.length > rule.limit + 1) times.splice(0, times.length - rule.limit - 1);
    this.recent.set(code, times);
    const last = this.lastAlert.get(code);
    if (times.length > rule.limit && (last === undefined || now - last >= rule.windowMs)) {
      this.lastAlert.set(code, now);
      rule.onAlert({ code, count: times.length, windowMs: rule.windowMs });
    }
  }

  /**
   * Errors recorded under `label`: a code, or `unknown`.
   * @param {string} label
   */
  count(label) {
    return this.counts.get(label) ?? 0;
  }

  /** All errors recorded. */
  total() {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    return total;
  }

  /** Each label with its count, in the order first seen. */
  snapshot() {
    return Object.freeze([...this.counts].map(([label, count]) => Object.freeze({ label, count })));
  }
}
