// The shapes of a generated catalogue module (`catalogue.js`), shared by
// every catalogue: the generated `catalogue.d.ts` fills them in.

/** How a client may retry after a code: as the catalogue spells it. */
export type RetryClass = "never" | "transient" | "throttled";

/** One code's entry in the catalogue's frozen table. */
export interface ErrorInfo<C extends string = string> {
  /** The code exactly as the API sends it (an integer code as its decimal text). */
  readonly code: C;
  /** The HTTP status the code is sent with. */
  readonly status: number;
  /** The id of the code's category, e.g. `auth`. */
  readonly category: string;
  /** The catalogue's message for the code. */
  readonly message: string;
  /** What the caller should do about it. */
  readonly resolution: string;
  /** How a client may retry after it. */
  readonly retry: RetryClass;
  /** Whether the user must authenticate again. */
  readonly reauth: boolean;
  /** The link to the code's documentation. */
  readonly docUrl: string;
  /** The package version that introduced the code, if the catalogue says. */
  readonly since: string | null;
  /** Why servers should stop sending it, when it is deprecated (or retired). */
  readonly deprecated: string | null;
  /** The code that replaces it, if any. */
  readonly replacedBy: C | null;
  /** Whether servers no longer send it (it is still recognised). */
  readonly retired: boolean;
}

/** Where a validation error lists the request fields it rejects (`wire.field_errors`). */
export interface FieldErrorsAt {
  /** A JSON Pointer to each entry, `*` standing for every element of an array. */
  readonly entries: string;
  /** The entry's member naming the request field. */
  readonly field: string;
  /** The entry's member saying what is wrong, if any. */
  readonly message: string | null;
  /** The entry's member echoing the rejected value, if any. */
  readonly value: string | null;
}

/** Where each part of an error reply lives: JSON Pointers (RFC 6901) into the body. */
export interface WireLayout {
  /** Where the code is, e.g. `/error/code`. */
  readonly code: string;
  /** Whether the code is a JSON string or a JSON integer. */
  readonly codeType: "string" | "integer";
  /** Where the human-readable message is, if the body has one. */
  readonly message: string | null;
  /** Where the details are, if the body has them. */
  readonly details: string | null;
  /** A header carrying the code when the body does not. */
  readonly codeHeader: string | null;
  /** Where the body repeats the HTTP status. */
  readonly status: string | null;
  /** Where the body carries the code's documentation link. */
  readonly docUrl: string | null;
  /** Where the body carries the category id. */
  readonly category: string | null;
  /** Where a validation error's field errors are; `null` reads the default shapes of the details. */
  readonly fieldErrors: FieldErrorsAt | null;
}
