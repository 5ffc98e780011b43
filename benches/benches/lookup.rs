//! String → code lookups on a realistic mix of hits and misses, in random
//! order: the generated lookup against strum's derived `FromStr`, for the 22
//! OFAuth codes, 2,000 and 10,000 synthetic ones, 2,000 mixed-style ones
//! (lower_snake and PascalCase `…Exception`) and 2,000 integer codes sent as
//! strings; and for those integer codes `from_i64` against a `match` on the
//! integers. Times are per [`LOOKUPS`] lookups.

use std::str::FromStr;

use benches::Catalogue;
use benches::inputs::{LOOKUPS, integer_mix, lookup_mix};
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
lookups!(synthetic_10000: benches::synthetic_10000::ErrorCode, benches::hand_written::synthetic_10000::HandWrittenCode);
lookups!(mixed_2000: benches::mixed::ErrorCode, benches::hand_written::mixed::HandWrittenCode);
lookups!(integer_2000: benches::integer::ErrorCode, benches::hand_written::integer::HandWrittenCode);

/// Integer → code for the 2,000 integer codes: the generated `from_i64`
/// against a `match` on the integers, on [`integer_mix`].
mod integer_2000_from_i64 {
    use super::*;
    use benches::hand_written::integer::HandWrittenCode;
    use benches::integer::ErrorCode;

    #[divan::bench]
    fn from_i64(bencher: Bencher) {
        count_integer_hits(bencher, |code| ErrorCode::from_i64(code).is_some());
    }

    #[divan::bench]
    fn match_on_the_integers(bencher: Bencher) {
        count_integer_hits(bencher, |code| HandWrittenCode::from_i64(code).is_some());
    }

    fn count_integer_hits(bencher: Bencher, lookup: impl Fn(i64) -> bool + Sync) {
        let codes: Vec<i64> = ErrorCode::ALL.iter().filter_map(|code| code.as_i64()).collect();
        let inputs = integer_mix(&codes);
        bencher
            .counter(ItemsCount::new(LOOKUPS))
            .bench(|| inputs.iter().filter(|&&code| lookup(black_box(code))).count());
    }
}

/// Runs `lookup` over the whole workload for `codes`, counting the hits so
/// that no lookup can be optimised away.
///
/// The inputs are read from one buffer, in workload order, as a server reads
/// codes out of the bodies it has just received: as separate `String`s they
/// landed wherever earlier benches had freed memory, and the same lookup
/// measured up to half as fast again in a full run as run alone.
fn count_hits(bencher: Bencher, codes: Vec<&'static str>, lookup: impl Fn(&str) -> bool + Sync) {
    let inputs = lookup_mix(&codes);
    let text = inputs.concat();
    let mut end = 0;
    let inputs: Vec<&str> = inputs
        .iter()
        .map(|input| {
            end += input.len();
            &text[end - input.len()..end]
        })
        .collect();
    bencher
        .counter(ItemsCount::new(LOOKUPS))
        .bench(|| inputs.iter().filter(|&&code| lookup(black_box(code))).count());
}
