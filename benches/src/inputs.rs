//! Lookup workloads: what a server or client is handed as a `code` string, in
//! random order.

/// Inputs per workload: more than the CPU's branch predictor can learn.
///
/// A bench repeats its workload hundreds of times, and a predictor learns a
/// repeated sequence of 4,096 inputs almost whole: there, the 22-code lookup
/// that compared word by word, branching at the first difference, measured
/// 1.8 ns a lookup, where on 65,536 inputs, as on input a server has never
/// seen, it took 9 ns (BENCHMARKS.md, "Issue 15, third pass"). The inputs'
/// text and slices (2 to 3 MB) are read in order, which the prefetcher
/// follows.
pub const LOOKUPS: usize = 65_536;

/// Any non-zero xorshift seed would do; this one is fixed.
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// A realistic mix for `codes`, the same every run: 50% known codes, 20% near
/// misses (a known code with its last byte changed, lower-cased, one byte
/// short or one byte long), 20% unknown codes shaped like real ones (a known
/// prefix, then words the catalogue does not have) and 10% empty strings.
pub fn lookup_mix(codes: &[&str]) -> Vec<String> {
    let mut random = XorShift(SEED);
    (0..LOOKUPS)
        .map(|_| {
            let code = codes[random.below(codes.len())];
            match random.below(10) {
                0..5 => code.to_owned(),
                5..7 => near_miss(code, random.below(4)),
                7..9 => {
                    let prefix = code.split('_').next().unwrap_or(code);
                    format!("{prefix}_NOT_IN_THE_CATALOGUE_{}", random.below(1_000))
                }
                _ => String::new(),
            }
        })
        .collect()
}

/// The integer mix for `codes`, the same every run: 50% known codes, 20% near
/// misses (a known code plus or minus one), 20% unknown codes (a known one
/// times 1,000) and 10% zeros.
pub fn integer_mix(codes: &[i64]) -> Vec<i64> {
    let mut random = XorShift(SEED);
    (0..LOOKUPS)
        .map(|_| {
            let code = codes[random.below(codes.len())];
            match random.below(10) {
                0..5 => code,
                5..7 if random.below(2) == 0 => code.wrapping_add(1),
                5..7 => code.wrapping_sub(1),
                7..9 => code.wrapping_mul(1_000),
                _ => 0,
            }
        })
        .collect()
}

/// `code` changed the way a typo or a newer server changes it.
fn near_miss(code: &str, how: usize) -> String {
    let mut text = code.to_owned();
    match how {
        0 => {
            let last = text.pop().unwrap_or('X');
            text.push(if last == 'X' { 'Y' } else { 'X' });
        }
        1 => text.make_ascii_lowercase(),
        2 => {
            text.pop();
        }
        _ => text.push('S'),
    }
    text
}

/// `items` in a random order, the same every run (Fisher–Yates).
pub fn shuffled<T>(mut items: Vec<T>) -> Vec<T> {
    let mut random = XorShift(SEED);
    for i in (1..items.len()).rev() {
        items.swap(i, random.below(i + 1));
    }
    items
}

/// xorshift64: a fixed seed gives the same workload on every run and machine.
struct XorShift(u64);

impl XorShift {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }
}
