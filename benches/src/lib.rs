//! The subjects of the benchmarks in `benches/`, each beside what users would
//! write instead.
//!
//! The crate root stands in for the crate generated from the 2,000-code
//! synthetic catalogue: `build.rs` renders its enum and serde modules through
//! the generator's front door, and they are included here so that their
//! `crate::` paths resolve. Their `crate::runtime` is `ofauth-errors`'s (the
//! runtime does not depend on the catalogue, and is measured through
//! `ofauth-errors`). [`hand_written`] holds the
//! strum- and serde-derived enums of the same codes, and [`inputs`] the lookup
//! workloads.

mod category {
    include!(concat!(env!("OUT_DIR"), "/synthetic/category.rs"));
}
mod code {
    include!(concat!(env!("OUT_DIR"), "/synthetic/code.rs"));
}
mod retry {
    include!(concat!(env!("OUT_DIR"), "/synthetic/retry.rs"));
}
mod wire {
    include!(concat!(env!("OUT_DIR"), "/synthetic/wire.rs"));
}

use ofauth_errors::runtime;

pub mod hand_written;
pub mod inputs;

/// The crate of the 10,000-code synthetic catalogue (upper snake case), as
/// the one module `errcat::catalogue!` expands to.
pub mod synthetic_10000 {
    include!(concat!(env!("OUT_DIR"), "/synthetic_10000.rs"));
}

/// The crate of a 2,000-code catalogue in the mixed style: lower_snake codes
/// and PascalCase codes sharing the suffix `Exception`.
pub mod mixed {
    include!(concat!(env!("OUT_DIR"), "/mixed.rs"));
}

/// The crate of a 2,000-code catalogue of sparse integer codes, positive and
/// negative (`wire.code_type: integer`).
pub mod integer {
    include!(concat!(env!("OUT_DIR"), "/integer.rs"));
}

pub use category::Category;
pub use code::{ErrorCode, UnknownErrorCode};
pub use retry::{DEFAULT_RETRY_AFTER_SECS, REQUEST_ID_HEADER, RETRY_AFTER_HEADER};

/// A set of codes with a type that parses them: both sides of a comparison
/// answer with the same list.
pub trait Catalogue {
    /// Every wire code, in catalogue order.
    fn wire_codes() -> Vec<&'static str>;
}

impl Catalogue for ofauth_errors::ErrorCode {
    fn wire_codes() -> Vec<&'static str> {
        ofauth_errors::ErrorCode::ALL.iter().map(|code| code.as_str()).collect()
    }
}

impl Catalogue for ErrorCode {
    fn wire_codes() -> Vec<&'static str> {
        ErrorCode::ALL.iter().map(|code| code.as_str()).collect()
    }
}

impl Catalogue for hand_written::ofauth::HandWrittenCode {
    fn wire_codes() -> Vec<&'static str> {
        ofauth_errors::ErrorCode::wire_codes()
    }
}

impl Catalogue for hand_written::synthetic::HandWrittenCode {
    fn wire_codes() -> Vec<&'static str> {
        ErrorCode::wire_codes()
    }
}

/// `Catalogue` for a generated module's `ErrorCode` and the hand-written
/// enum of the same codes.
macro_rules! catalogue_pair {
    ($module:ident) => {
        impl Catalogue for $module::ErrorCode {
            fn wire_codes() -> Vec<&'static str> {
                $module::ErrorCode::ALL.iter().map(|code| code.as_str()).collect()
            }
        }

        impl Catalogue for hand_written::$module::HandWrittenCode {
            fn wire_codes() -> Vec<&'static str> {
                $module::ErrorCode::wire_codes()
            }
        }
    };
}

catalogue_pair!(synthetic_10000);
catalogue_pair!(mixed);
catalogue_pair!(integer);
