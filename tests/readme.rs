//! The README, compiled: its Rust examples run as doctests.
#![doc = include_str!("../README.md")]
