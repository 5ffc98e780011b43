// The field errors of a validation reply, a port of the Rust runtime's
// `views.rs` `ValidationError::field_errors`. Internal: `ApiError` exposes
// them as `fieldErrors`.

import { EntriesPattern, member, toPlain } from "./json.js";

/** @typedef {import("./api-error.js").FieldError} FieldError */

/** The members of an entry in the default shapes of `details`. */
const DEFAULT_MEMBERS = Object.freeze({ field: "field", message: "message", value: "value" });

/**
 * Each field the server complained about, in the order it listed them.
 *
 * With `wire.fieldErrors`, each value its `entries` pattern names is an
 * entry when its `field` member is a string. Otherwise `details` is read as
 * one entry, or an array of them in `details`, `details.errors` or
 * `details.fields`, an entry being an object with a `field` or a `message`
 * string.
 * @param {unknown} details the body's details, as read
 * @param {unknown} fieldErrorScope the value holding the field errors, when outside the details
 * @param {import("./catalogue-types.js").WireLayout} wire
 * @returns {FieldError[]}
 */
export function fieldErrorsOf(details, fieldErrorScope, wire) {
  if (wire.fieldErrors !== null) {
    const pattern = EntriesPattern.of(wire);
    const entries = pattern === undefined ? [] : pattern.entries(details, fieldErrorScope);
    return entries.map((entry) => read(entry, wire.fieldErrors ?? DEFAULT_MEMBERS)).filter((error) => error.field !== undefined);
  }
  if (details === undefined) return [];
  const errors = member(details, "errors");
  const fields = member(details, "fields");
  const list = Array.isArray(details) ? details : Array.isArray(errors) ? errors : Array.isArray(fields) ? fields : [details];
  return list
    .map((entry) => read(entry, DEFAULT_MEMBERS))
    .filter((error) => error.field !== undefined || error.message !== undefined);
}

/**
 * The members `members` names in `entry`, each when it is there (and, for
 * the field and message, a string).
 * @param {unknown} entry
 * @param {{readonly field: string, readonly message: string | null, readonly value: string | null}} members
 * @returns {FieldError}
 */
function read(entry, members) {
  /** @param {string | null} name */
  const text = (name) => {
    const value = name === null ? undefined : member(entry, name);
    return typeof value === "string" ? value : undefined;
  };
  const field = text(members.field);
  const message = text(members.message);
  const value = members.value === null ? undefined : member(entry, members.value);
  // `value` is there only when the entry echoed one (JSON `null` included).
  /** @type {FieldError} */
  const error = value === undefined ? { field, message } : { field, message, value: /** @type {import("./api-error.js").JsonValue} */ (toPlain(value)) };
  return Object.freeze(error);
}
