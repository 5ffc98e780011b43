//! `ErrorCode` as JSON: the generated serde impls against
//! `#[derive(Serialize, Deserialize)]` with `#[serde(rename = ...)]` on the
//! same codes, every code once per iteration in random order.

use std::fmt::Debug;
use std::str::FromStr;

use benches::Catalogue;
use benches::inputs::shuffled;
use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn main() {
    divan::main();
}

/// Both directions for one catalogue, generated enum and serde-derived enum.
macro_rules! json {
    ($catalogue:ident: $generated:ty, $hand_written:ty) => {
        mod $catalogue {
            use super::*;

            #[divan::bench(types = [$generated, $hand_written])]
            fn serialize<T: Catalogue + FromStr<Err: Debug> + Serialize + Sync>(bencher: Bencher) {
                super::serialize::<T>(bencher);
            }

            #[divan::bench(types = [$generated, $hand_written])]
            fn deserialize<T: Catalogue + DeserializeOwned>(bencher: Bencher) {
                super::deserialize::<T>(bencher);
            }
        }
    };
}

json!(ofauth_22: ofauth_errors::ErrorCode, benches::hand_written::ofauth::HandWrittenCode);
json!(synthetic_2000: benches::ErrorCode, benches::hand_written::synthetic::HandWrittenCode);

/// `serde_json::to_writer` of every code into a reused buffer.
fn serialize<T: Catalogue + FromStr<Err: Debug> + Serialize>(bencher: Bencher) {
    let values: Vec<T> = shuffled(T::wire_codes())
        .iter()
        .map(|code| code.parse().unwrap())
        .collect();
    let mut buffer = Vec::with_capacity(64);
    bencher.counter(ItemsCount::new(values.len())).bench_local(|| {
        for value in &values {
            buffer.clear();
            serde_json::to_writer(&mut buffer, black_box(value)).unwrap();
        }
        buffer.len()
    });
}

/// `serde_json::from_str` of every code, quoted.
fn deserialize<T: Catalogue + DeserializeOwned>(bencher: Bencher) {
    let documents: Vec<String> = shuffled(T::wire_codes())
        .iter()
        .map(|code| format!("\"{code}\""))
        .collect();
    bencher.counter(ItemsCount::new(documents.len())).bench(|| {
        documents
            .iter()
            .filter(|json| serde_json::from_str::<T>(black_box(json)).is_ok())
            .count()
    });
}
