//! String → code lookups on a realistic mix of hits and misses, in random
//! order: the generated lookup (a perfect hash for the 22 OFAuth codes, a
//! decision tree for the 2,000 synthetic ones) against strum's derived
//! `FromStr`. Times are per [`LOOKUPS`] lookups.

use std::str::FromStr;

use benches::Catalogue;
use benches::inputs::{LOOKUPS, lookup_mix};
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};

fn main() {
    divan::main();
}

/// The lookups of one catalogue: the loop alone, its generated enum's
/// `from_code`, then `str::parse` into the generated enum and into the
/// strum-derived one, with the result checked or kept whole.
macro_rules! lookups {
    ($catalogue:ident: $generated:ty, $hand_written:ty) => {
        mod $catalogue {
            use super::*;

            /// The workload's loop around a test that costs nothing: the part
            /// of every other time here that is not the lookup.
            #[divan::bench]
            fn loop_only(bencher: Bencher) {
                count_hits(bencher, <$generated>::wire_codes(), |code| code.len() == 16);
            }

            #[divan::bench]
            fn from_code(bencher: Bencher) {
                count_hits(bencher, <$generated>::wire_codes(), |code| {
                    <$generated>::from_code(code).is_some()
                });
            }

            #[divan::bench(types = [$generated, $hand_written])]
            fn parse<T: Catalogue + FromStr>(bencher: Bencher) {
                count_hits(bencher, T::wire_codes(), |code| code.parse::<T>().is_ok());
            }

            /// The whole result kept, as a caller that reports the error does:
            /// the generated side builds every `UnknownErrorCode`, a copy of
            /// the string included, where strum's error is a unit.
            #[divan::bench(types = [$generated, $hand_written])]
            fn parse_keeping_the_error<T: Catalogue + FromStr>(bencher: Bencher) {
                count_hits(bencher, T::wire_codes(), |code| {
                    black_box(code.parse::<T>()).is_ok()
                });
            }
        }
    };
}

lookups!(ofauth_22: ofauth_errors::ErrorCode, benches::hand_written::ofauth::HandWrittenCode);
lookups!(synthetic_2000: benches::ErrorCode, benches::hand_written::synthetic::HandWrittenCode);

/// Runs `lookup` over the whole workload for `codes`, counting the hits so
/// that no lookup can be optimised away.
fn count_hits(bencher: Bencher, codes: Vec<&'static str>, lookup: impl Fn(&str) -> bool + Sync) {
    let inputs = lookup_mix(&codes);
    bencher
        .counter(ItemsCount::new(LOOKUPS))
        .bench(|| inputs.iter().filter(|code| lookup(black_box(code.as_str()))).count());
}
