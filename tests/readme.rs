//! The README, compiled: its Rust examples run as doctests.
#![doc = include_str!("../README.md")]
// The build-script example is a whole `build.rs`: its `main` is the point.
#![allow(clippy::needless_doctest_main)]
