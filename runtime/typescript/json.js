// The JSON reader for error bodies, a port of the Rust runtime's `json.rs`
// so that every client reads a body exactly alike: only the parts the
// catalogue's wire layout points at are built, nesting and size are bounded,
// and numbers keep the text they were written in (an integer code is read
// as its decimal text; `-32601.0` is no integer code). Internal: the public
// API hands out plain JavaScript values (see `toPlain`).

/** Nesting deeper than 64 levels is refused, so a hostile body cannot exhaust the stack. */
export const MAX_DEPTH = 64;

/**
 * At most 4096 values are built for one part of a body (its details, or
 * the value holding its field errors); a bigger part is left out.
 */
export const MAX_VALUES = 4096;

/** A JSON number, kept as written so that no precision is lost. */
class JsonNumber {
  /** @param {string} text the number as written */
  constructor(text) {
    /** @readonly */
    this.text = text;
  }
}

/** Thrown at the first character that does not fit the grammar (RFC 8259). */
class NotJson extends Error {}

/** @returns {never} */
function fail() {
  throw new NotJson();
}

const CODE = "code";
const MESSAGE = "message";
const DETAILS = "details";
const FIELD_ERROR_SCOPE = "fieldErrorScope";

/** How many values a part may build: a code or a message is one value. */
function budgetOf(/** @type {string} */ part) {
  return part === CODE || part === MESSAGE ? 1 : MAX_VALUES;
}

/**
 * The keys of an RFC 6901 pointer, `~1` and `~0` unescaped; `undefined` for
 * text that is not a pointer (a `~` followed by anything else).
 * @param {string} pointer
 * @returns {string[] | undefined}
 */
export function pointerKeys(pointer) {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  const keys = [];
  for (const key of pointer.slice(1).split("/")) {
    if (/~(?![01])/.test(key)) return undefined;
    keys.push(key.replace(/~1/g, "/").replace(/~0/g, "~"));
  }
  return keys;
}

/**
 * The member `key` of an object read by this module (the last one of a key
 * written twice); `undefined` for other values.
 * @param {unknown} value
 * @param {string} key
 */
export function member(value, key) {
  return value instanceof Map ? value.get(key) : undefined;
}

/** An RFC 6901 array index: `0` or digits without a leading zero. */
function arrayIndex(/** @type {string} */ key) {
  const canonical = key === "0" || (key !== "" && !key.startsWith("0"));
  return canonical && /^\+?[0-9]+$/.test(key) ? Number(key) : undefined;
}

/**
 * The value at `keys` inside an already built value.
 * @param {unknown} value
 * @param {readonly string[]} keys
 * @returns {unknown}
 */
function descend(value, keys) {
  let here = value;
  for (const key of keys) {
    if (Array.isArray(here)) {
      const index = arrayIndex(key);
      here = index === undefined ? undefined : here[index];
    } else {
      here = member(here, key);
    }
    if (here === undefined) return undefined;
  }
  return here;
}

/** Whether a JSON number is written as an integer (`-32601`, not `1.0`). */
function isInteger(/** @type {string} */ text) {
  return /^-?[0-9]+$/.test(text);
}

/**
 * The parts of an error body a client keeps.
 * @typedef {object} ErrorBodyMembers
 * @property {string | undefined} code a string, or for integer codes a JSON integer's text
 * @property {string | undefined} message
 * @property {unknown} details unless `null`, absent or over the value budget
 * @property {unknown} fieldErrorScope the value at the field-error pattern's fixed prefix, when outside the details
 */

/**
 * Stores `value`, read for `part`, in `body` when it has the part's type.
 * @param {ErrorBodyMembers} body
 * @param {string} part
 * @param {unknown} value
 * @param {import("./catalogue-types.js").WireLayout} wire
 */
function keep(body, part, value, wire) {
  const integer = wire.codeType === "integer";
  if (part === CODE) {
    if (typeof value === "string" && !integer) body.code = value;
    else if (value instanceof JsonNumber && integer && isInteger(value.text)) body.code = value.text;
    else body.code = undefined;
  } else if (part === MESSAGE) {
    body.message = typeof value === "string" ? value : undefined;
  } else if (part === DETAILS) {
    body.details = value === null ? undefined : value;
  } else {
    body.fieldErrorScope = value;
  }
}

/**
 * `wire.fieldErrors.entries` split at its first `*` key: the value at the
 * fixed prefix holds every entry, and the rest leads from it to each one.
 * When the prefix is at or below the details it is taken from them rather
 * than built twice (Google's `/error/details/*\/fieldViolations/*`).
 */
export class EntriesPattern {
  /**
   * The pattern of `wire.fieldErrors`, if the catalogue gives one that is a pointer.
   * @param {import("./catalogue-types.js").WireLayout} wire
   */
  static of(wire) {
    if (wire.fieldErrors === null) return undefined;
    const prefix = pointerKeys(wire.fieldErrors.entries);
    if (prefix === undefined) return undefined;
    const star = prefix.indexOf("*");
    const rest = star === -1 ? [] : prefix.splice(star);
    const details = wire.details === null ? undefined : pointerKeys(wire.details);
    const inDetails =
      details !== undefined && details.length <= prefix.length && details.every((key, i) => prefix[i] === key)
        ? details.length
        : undefined;
    return new EntriesPattern(prefix, rest, inDetails);
  }

  /**
   * @param {string[]} prefix the keys before the first `*`
   * @param {string[]} rest the keys from the first `*` on
   * @param {number | undefined} inDetails how many keys of `prefix` are the details' pointer
   */
  constructor(prefix, rest, inDetails) {
    this.prefix = prefix;
    this.rest = rest;
    this.inDetails = inDetails;
  }

  /** The prefix's keys when its value is a part of its own, not inside the details. */
  ownPart() {
    return this.inDetails === undefined ? this.prefix : undefined;
  }

  /**
   * Every entry the pattern names, in document order. A `*` over anything
   * but an array names nothing.
   * @param {unknown} details
   * @param {unknown} ownScope
   * @returns {unknown[]}
   */
  entries(details, ownScope) {
    const scope =
      this.inDetails === undefined
        ? ownScope
        : details === undefined
          ? undefined
          : descend(details, this.prefix.slice(this.inDetails));
    /** @type {unknown[]} */
    const found = [];
    if (scope !== undefined) collectEntries(scope, this.rest, found);
    return found;
  }
}

/**
 * @param {unknown} value
 * @param {readonly string[]} keys
 * @param {unknown[]} found
 */
function collectEntries(value, keys, found) {
  if (keys.length === 0) {
    found.push(value);
  } else if (keys[0] === "*") {
    if (Array.isArray(value)) for (const item of value) collectEntries(item, keys.slice(1), found);
  } else {
    const next = descend(value, keys.slice(0, 1));
    if (next !== undefined) collectEntries(next, keys.slice(1), found);
  }
}

/** @typedef {[readonly string[], string]} Sought a part still sought, with the keys left on its way */

/** A recursive-descent reader over the whole text. */
class Reader {
  /**
   * @param {string} text
   * @param {number} budget
   */
  constructor(text, budget) {
    this.text = text;
    this.pos = 0;
    this.budget = budget;
    this.overBudget = false;
  }

  atEnd() {
    this.skipWhitespace();
    return this.pos === this.text.length;
  }

  keepsAnother() {
    if (this.budget === 0) {
      this.overBudget = true;
      return false;
    }
    this.budget -= 1;
    return true;
  }

  peek() {
    return this.text[this.pos];
  }

  bump() {
    const c = this.text[this.pos];
    if (c === undefined) fail();
    this.pos += 1;
    return c;
  }

  skipWhitespace() {
    while (" \t\n\r".includes(this.text[this.pos] ?? "x")) this.pos += 1;
  }

  /**
   * @param {string} word
   * @param {unknown} value
   */
  literal(word, value) {
    if (!this.text.startsWith(word, this.pos)) fail();
    this.pos += word.length;
    return value;
  }

  /**
   * @param {number} depth
   * @returns {unknown}
   */
  value(depth) {
    if (depth > MAX_DEPTH) fail();
    this.keepsAnother();
    this.skipWhitespace();
    const c = this.peek();
    if (c === "n") return this.literal("null", null);
    if (c === "t") return this.literal("true", true);
    if (c === "f") return this.literal("false", false);
    if (c === '"') return this.string();
    if (c === "[") return this.array(depth);
    if (c === "{") return this.object(depth);
    if (c !== undefined && "-0123456789".includes(c)) return this.number();
    return fail();
  }

  /** @param {number} depth */
  array(depth) {
    /** @type {unknown[]} */
    const items = [];
    this.elements(() => {
      const item = this.value(depth + 1);
      if (!this.overBudget) items.push(item);
    });
    return items;
  }

  /** @param {(index: number) => void} element reads one element */
  elements(element) {
    this.pos += 1;
    this.skipWhitespace();
    if (this.peek() === "]") {
      this.pos += 1;
      return;
    }
    for (let index = 0; ; index += 1) {
      element(index);
      this.skipWhitespace();
      const c = this.bump();
      if (c === "]") return;
      if (c !== ",") fail();
    }
  }

  /** @param {number} depth */
  object(depth) {
    /** @type {Map<string, unknown>} */
    const members = new Map();
    this.members((name) => {
      const value = this.value(depth + 1);
      if (!this.overBudget) {
        // The last of a key written twice counts, as in most parsers.
        members.delete(name);
        members.set(name, value);
      }
    });
    return members;
  }

  /** @param {(name: string) => void} each reads one member's value */
  members(each) {
    this.pos += 1;
    this.skipWhitespace();
    if (this.peek() === "}") {
      this.pos += 1;
      return;
    }
    for (;;) {
      this.skipWhitespace();
      if (this.peek() !== '"') fail();
      const name = this.string();
      this.skipWhitespace();
      if (this.bump() !== ":") fail();
      each(name);
      this.skipWhitespace();
      const c = this.bump();
      if (c === "}") return;
      if (c !== ",") fail();
    }
  }

  /**
   * Reads one value at `depth`, keeping in `body` the parts `sought` in it:
   * a part whose keys are used up is this value, built within the part's
   * budget; the others are sought in the members or elements their next key
   * names, and every other value is read without being kept.
   * @param {number} depth
   * @param {readonly Sought[]} sought
   * @param {ErrorBodyMembers} body
   * @param {import("./catalogue-types.js").WireLayout} wire
   * @returns {void}
   */
  seek(depth, sought, body, wire) {
    if (depth > MAX_DEPTH) fail();
    const here = sought.filter(([keys]) => keys.length === 0).map(([, part]) => part);
    if (here.length > 0 || sought.length === 0) {
      const start = this.pos;
      this.budget = Math.max(0, ...here.map(budgetOf));
      this.overBudget = false;
      const value = this.value(depth);
      // A number the text ends on may have been cut short.
      if (value instanceof JsonNumber && this.pos === this.text.length) fail();
      if (this.overBudget) {
        // Too big to keep: the parts here are left out, and those inside
        // it are sought by walking it again.
        for (const part of here) keep(body, part, undefined, wire);
        const inside = sought.filter(([keys]) => keys.length > 0);
        if (inside.length === 0) return;
        this.pos = start;
        this.seek(depth, inside, body, wire);
        return;
      }
      for (const [keys, part] of sought) keep(body, part, descend(value, keys), wire);
      return;
    }
    /** @type {(key: string) => Sought[]} */
    const inside = (key) => sought.filter(([keys]) => keys[0] === key).map(([keys, part]) => [keys.slice(1), part]);
    this.skipWhitespace();
    const c = this.peek();
    if (c === undefined) fail();
    if (c === "{") this.members((name) => this.seek(depth + 1, inside(name), body, wire));
    else if (c === "[") this.elements((index) => this.seek(depth + 1, inside(String(index)), body, wire));
    else this.seek(depth, [], body, wire);
  }

  digits() {
    const start = this.pos;
    while (/[0-9]/.test(this.text[this.pos] ?? "")) this.pos += 1;
    return this.pos - start;
  }

  number() {
    const start = this.pos;
    if (this.peek() === "-") this.pos += 1;
    const first = this.peek();
    if (first === "0") this.pos += 1;
    else if (first !== undefined && first >= "1" && first <= "9") this.digits();
    else fail();
    if (this.peek() === ".") {
      this.pos += 1;
      if (this.digits() === 0) fail();
    }
    if (this.peek() === "e" || this.peek() === "E") {
      this.pos += 1;
      if (this.peek() === "+" || this.peek() === "-") this.pos += 1;
      if (this.digits() === 0) fail();
    }
    return new JsonNumber(this.text.slice(start, this.pos));
  }

  string() {
    this.pos += 1;
    let out = "";
    for (;;) {
      const c = this.bump();
      if (c === '"') return out;
      if (c === "\\") out += this.escape();
      else if (c.charCodeAt(0) < 0x20) fail();
      else out += c;
    }
  }

  escape() {
    const c = this.bump();
    switch (c) {
      case '"':
      case "\\":
      case "/":
        return c;
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "n":
        return "\n";
      case "r":
        return "\r";
      case "t":
        return "\t";
      case "u":
        return this.unicodeEscape();
      default:
        return fail();
    }
  }

  /** `\uXXXX`, joining a surrogate pair; a lone surrogate becomes U+FFFD. */
  unicodeEscape() {
    const first = this.hex4();
    if (first >= 0xdc00 && first < 0xe000) return "\ufffd";
    if (first < 0xd800 || first >= 0xdc00) return String.fromCharCode(first);
    if (!this.text.startsWith("\\u", this.pos)) return "\ufffd";
    const saved = this.pos;
    this.pos += 2;
    const second = this.hex4();
    if (second < 0xdc00 || second >= 0xe000) {
      this.pos = saved;
      return "\ufffd";
    }
    return String.fromCharCode(first, second);
  }

  hex4() {
    const digits = this.text.slice(this.pos, this.pos + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) fail();
    this.pos += 4;
    return parseInt(digits, 16);
  }
}

/**
 * Reads an error body, building only the values `wire` points at.
 * `undefined` when the body is not one complete JSON value, except that a
 * body `cut` short keeps the parts read whole before the cut.
 * @param {string} text
 * @param {boolean} cut
 * @param {import("./catalogue-types.js").WireLayout} wire
 * @returns {ErrorBodyMembers | undefined}
 */
export function readErrorBody(text, cut, wire) {
  /** @type {Sought[]} */
  const sought = [];
  for (const [pointer, part] of /** @type {const} */ ([
    [wire.code, CODE],
    [wire.message, MESSAGE],
    [wire.details, DETAILS],
  ])) {
    const keys = pointer === null ? undefined : pointerKeys(pointer);
    if (keys !== undefined) sought.push([keys, part]);
  }
  const scope = EntriesPattern.of(wire)?.ownPart();
  if (scope !== undefined) sought.push([scope, FIELD_ERROR_SCOPE]);
  const reader = new Reader(text, 0);
  /** @type {ErrorBodyMembers} */
  const body = { code: undefined, message: undefined, details: undefined, fieldErrorScope: undefined };
  let complete;
  try {
    reader.seek(0, sought, body, wire);
    complete = reader.atEnd();
  } catch (error) {
    if (!(error instanceof NotJson) && !(error instanceof RangeError)) throw error;
    complete = false;
  }
  return complete || cut ? body : undefined;
}

/**
 * A value read by this module as a plain JavaScript value: objects as
 * objects (own properties, so a `__proto__` member is data), numbers as
 * numbers.
 * @param {unknown} value
 * @returns {unknown}
 */
export function toPlain(value) {
  if (value instanceof JsonNumber) return Number(value.text);
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Map) {
    /** @type {Record<string, unknown>} */
    const object = {};
    for (const [key, item] of value) {
      Object.defineProperty(object, key, { value: toPlain(item), enumerable: true, writable: true, configurable: true });
    }
    return object;
  }
  return value;
}
