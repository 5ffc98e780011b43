// Declarations of `counters.js`.

import type { ApiError } from "./api-error.js";

/** The label of errors without a code the catalogue knows. */
export declare const UNKNOWN: "unknown";

/** What `ErrorCounters` reports when a code passes its limit. */
export interface ThresholdAlert {
  /** The code. */
  readonly code: string;
  /** Its errors within the window when the alert fired (more than the limit; at most limit + 1). */
  readonly count: number;
  /** The window, in ms. */
  readonly windowMs: number;
}

/** The settings of `ErrorCounters`. */
export interface ErrorCountersOptions {
  /** Call `onAlert` when more than `limit` errors of one known code come within `windowMs`: at most once per window per code. */
  readonly alert?: {
    readonly limit: number;
    readonly windowMs: number;
    readonly onAlert: (alert: ThresholdAlert) => void;
  };
}

/** Counts errors per code (unknown codes as `unknown`), with an optional threshold callback. */
export declare class ErrorCounters {
  constructor(options?: ErrorCountersOptions);
  /** Counts one error, received at `nowMs` (Unix epoch ms; default now). */
  record(error: ApiError, nowMs?: number): void;
  /** Errors recorded under `label`: a code, or `unknown`. */
  count(label: string): number;
  /** All errors recorded. */
  total(): number;
  /** Each label with its count, in the order first seen. */
  snapshot(): readonly { readonly label: string; readonly count: number }[];
}
