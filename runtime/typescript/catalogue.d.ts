// The TEST catalogue's declarations, in exactly the shape the generator
// writes `catalogue.d.ts`.

import type { ErrorInfo, WireLayout } from "./catalogue-types.js";

/** Every code of the catalogue, exactly as the API sends it. */
export type Code =
  | "INVALID_PARAMETER"
  | "AUTH_INVALID_KEY"
  | "AUTH_SESSION_EXPIRED"
  | "FORBIDDEN"
  | "RATE_LIMITED"
  | "INTERNAL_ERROR"
  | "UPSTREAM_ERROR"
  | "MAINTENANCE";
/** The API's name. */
export declare const API_NAME: string;
/** The package's version. */
export declare const VERSION: string;
/** The header carrying the API's retry hint, in seconds. */
export declare const RETRY_AFTER_HEADER: string;
/** Seconds to wait on a throttled reply without a hint. */
export declare const DEFAULT_RETRY_AFTER_SECS: number;
/** The header carrying the API's request id. */
export declare const REQUEST_ID_HEADER: string;
/** Where each part of an error reply lives. */
export declare const WIRE: WireLayout;
/** Every code's entry, in catalogue order. */
export declare const ERROR_TABLE: readonly ErrorInfo<Code>[];
