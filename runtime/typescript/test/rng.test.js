import assert from "node:assert/strict";
import { test } from "node:test";

import { SplitMix64 } from "../rng.js";

test("matches the reference sequence", () => {
  // splitmix64 seeded with 0, as in Vigna's reference implementation (and the Rust client's test).
  const rng = new SplitMix64(0);
  assert.equal(rng.nextU64(), 0xe220a8397b1dcdafn);
  assert.equal(rng.nextU64(), 0x6e789e6aa1b965f4n);
});

test("the same seed gives the same sequence", () => {
  const [a, b] = [new SplitMix64(42), new SplitMix64(42n)];
  for (let i = 0; i < 100; i += 1) assert.equal(a.upTo(1000n), b.upTo(1000n));
});

test("stays within bounds", () => {
  const rng = SplitMix64.fromEntropy();
  for (let i = 0; i < 1000; i += 1) assert.ok(rng.upTo(7n) <= 7n);
  for (let i = 0; i < 100; i += 1) assert.equal(rng.upTo(0n), 0n);
  assert.ok(rng.upTo(2n ** 64n - 1n) < 2n ** 64n);
});
