// The package's main entry: the catalogue and the client runtime built on it.

export * from "./catalogue.js";
export * from "./api-error.js";
export * from "./retry.js";
export * from "./counters.js";
