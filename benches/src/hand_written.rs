//! What users write instead of generating: a unit enum of the same codes whose
//! conversions come from `#[derive(strum::EnumString, strum::IntoStaticStr)]`
//! and `#[derive(serde::Serialize, serde::Deserialize)]`, rendered by
//! `build.rs` from the same catalogue as the generated side.

/// The 22 codes of `spec/errors.yaml`, beside `ofauth_errors::ErrorCode`.
pub mod ofauth {
    include!(concat!(env!("OUT_DIR"), "/hand_written_ofauth.rs"));
}

/// The 2,000 codes of the synthetic catalogue, beside [`crate::ErrorCode`].
pub mod synthetic {
    include!(concat!(env!("OUT_DIR"), "/hand_written_synthetic.rs"));
}

/// The 10,000 codes of [`crate::synthetic_10000`].
pub mod synthetic_10000 {
    include!(concat!(env!("OUT_DIR"), "/hand_written_synthetic_10000.rs"));
}

/// The 2,000 mixed-style codes of [`crate::mixed`].
pub mod mixed {
    include!(concat!(env!("OUT_DIR"), "/hand_written_mixed.rs"));
}

/// The 2,000 integer codes of [`crate::integer`], with a `match` from the
/// integer beside strum's `FromStr`.
pub mod integer {
    include!(concat!(env!("OUT_DIR"), "/hand_written_integer.rs"));
}
