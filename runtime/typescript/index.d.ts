// Declarations of the package's main entry.

export * from "./catalogue.js";
export type { ErrorInfo, FieldErrorsAt, RetryClass, WireLayout } from "./catalogue-types.js";
export * from "./api-error.js";
export * from "./retry.js";
export * from "./counters.js";
