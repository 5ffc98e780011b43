//! The front end: catalogue file → [`spec::Spec`], with every key and value
//! placed in the file. It reads the bytes ([`read`]), refuses the YAML a
//! catalogue may not use (`yaml_subset`), indexes positions ([`locate`]),
//! finds unknown keys (`keys`), parses with serde ([`spec`], reworded by
//! `yaml_error`) and prints problems like a compiler ([`diagnostic`]). It
//! knows nothing of validation: both report [`crate::problem::Problem`]s.

pub mod diagnostic;
pub(crate) mod keys;
pub mod locate;
pub mod read;
pub mod spec;
pub(crate) mod yaml_error;
pub(crate) mod yaml_subset;
