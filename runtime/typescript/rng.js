// The jitter source, a port of the Rust runtime's `rng.rs`: splitmix64 over
// 64-bit BigInts, so a fixed seed gives the same sequence in every client.
// Internal; not for cryptography.

/** splitmix64's increment (the golden ratio in 64 bits). */
const GAMMA = 0x9e3779b97f4a7c15n;

/** A seedable pseudo-random sequence of 64-bit integers. */
export class SplitMix64 {
  /** @param {bigint | number} seed any integer; only its low 64 bits count */
  constructor(seed) {
    this.state = BigInt.asUintN(64, BigInt(seed));
  }

  /** Seeded from the platform's random source, so clients started together do not retry in lockstep. */
  static fromEntropy() {
    const seed = new BigUint64Array(1);
    globalThis.crypto.getRandomValues(seed);
    return new SplitMix64(seed[0]);
  }

  /** The next 64-bit value. */
  nextU64() {
    this.state = BigInt.asUintN(64, this.state + GAMMA);
    let z = this.state;
    z = BigInt.asUintN(64, (z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n);
    z = BigInt.asUintN(64, (z ^ (z >> 27n)) * 0x94d049bb133111ebn);
    return z ^ (z >> 31n);
  }

  /**
   * Uniform in `0..=bound` (multiply-shift, as the Rust runtime draws).
   * @param {bigint} bound
   */
  upTo(bound) {
    return (this.nextU64() * (bound + 1n)) >> 64n;
  }
}
