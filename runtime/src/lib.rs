//! The runtime every errcat-generated error catalogue builds on: reading any
//! error reply into an [`ApiError`], routing it by [`ErrorKind`], retrying
//! with a [`RetryPolicy`] and a shared [`RetryBudget`], counting errors with
//! [`ErrorStats`].
//!
//! Everything catalogue-specific comes through the [`Catalogue`] trait, which
//! a generated `ErrorCode` implements; the non-generic pieces (a policy, a
//! budget, the stats) serve several catalogues at once.
//!
//! The same files are used in three places: as modules of this crate, copied
//! into a generated crate's `src/runtime/`, and inlined into a user's module
//! by the build script or the macro. So a module refers to another only as
//! `super::module::Item`.
//!
//! Cargo features (none is on by default, and without them the crate has no
//! dependencies): `serde`, `http`, `axum` (implies `serde` and `http`),
//! `reqwest` (implies `http`), `tracing`, and `sources` (the modules' text,
//! for the generator: see `sources`).
#![deny(missing_docs)]
#![forbid(unsafe_code)]

/// The one table of the runtime's modules: each module, its gate (`(always)`,
/// `(feature "x")` or `(test)`) and what the crate root re-exports from it. It
/// expands to the `mod` declarations, the root `pub use`s and, behind the
/// `sources` feature, the [`sources`] module list. Keep it in file-name order.
macro_rules! runtime_modules {
    ($( $vis:vis mod $name:ident: $gate:tt $(=> { $($item:ident),* $(,)? })?; )*) => {
        $(
            runtime_modules!(@gate $gate; $vis mod $name;);
            $( runtime_modules!(@gate $gate; pub use $name::{$($item),*};); )?
        )*

        /// Every module of the table, for [`sources::MODULES`].
        #[cfg(feature = "sources")]
        const MODULES: &[sources::Module] = &[$(
            sources::Module {
                name: stringify!($name),
                feature: runtime_modules!(@feature $gate),
                test_only: runtime_modules!(@test_only $gate),
                public: !stringify!($vis).is_empty(),
                source: include_str!(concat!(stringify!($name), ".rs")),
            },
        )*];
    };
    (@gate (always); $($item:tt)*) => { $($item)* };
    (@gate (feature $feature:literal); $($item:tt)*) => { #[cfg(feature = $feature)] $($item)* };
    (@gate (test); $($item:tt)*) => { #[cfg(test)] $($item)* };
    (@feature (feature $feature:literal)) => { Some($feature) };
    (@feature $gate:tt) => { None };
    (@test_only (test)) => { true };
    (@test_only $gate:tt) => { false };
}

runtime_modules! {
    pub mod api_error: (always) => { ApiError, DEFAULT_MAX_BODY_BYTES };
    pub mod axum_support: (feature "axum") => { ErrorResponse };
    pub mod body: (feature "serde") => { Details, ErrorBody };
    pub mod budget: (always) => { RetryBudget };
    pub mod catalogue: (always) => { Catalogue, FieldErrorsAt, Retry, Wire };
    pub mod envelope: (feature "serde") => { PointerError };
    mod http_date: (always);
    pub mod http_support: (feature "http") => { status_code_of };
    pub mod json: (always) => { JsonValue };
    pub mod kind: (always) => { ErrorKind };
    pub mod policy: (always) => { RetryPolicy, RetryPolicyBuilder };
    pub mod problem: (feature "serde") => { ProblemDetails, PROBLEM_JSON };
    pub mod reqwest_support: (feature "reqwest") => {
        error_for_response, error_for_response_limited, send_with_retry, RetryError, RetrySend, SendFailure,
    };
    mod retry_hint: (always);
    mod rng: (always);
    pub mod stats: (always) => { ErrorStats, StatsSnapshot, ThresholdAlert, MAX_CATALOGUES };
    pub mod status_class: (always) => { StatusClass };
    mod testing: (test);
    pub mod views: (always) => { AuthError, FieldError, ValidationError };
    pub mod word: (always);
}

#[cfg(feature = "sources")]
pub mod sources {
    //! Feature `sources`: the runtime's files and Cargo features as data, for
    //! the generator, which copies the files into generated crates (or inlines
    //! them) and writes the features into their `Cargo.toml`.

    /// One module of the runtime: one file `src/{name}.rs`.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Module {
        /// The module's name, which is its file's name without `.rs`.
        pub name: &'static str,
        /// The Cargo feature the module is compiled under, if any.
        pub feature: Option<&'static str>,
        /// Whether the module exists only in tests (`#[cfg(test)]`).
        pub test_only: bool,
        /// Whether the module is public (`pub mod`), as in this crate.
        pub public: bool,
        /// The file's text, verbatim.
        pub source: &'static str,
    }

    /// Every module of the runtime, in file-name order.
    pub const MODULES: &[Module] = super::MODULES;

    /// The TypeScript client's hand-written files (`typescript/` in this
    /// crate), as (file name, text): copied verbatim into every generated
    /// TypeScript client beside its generated catalogue. The file names are
    /// paths in the client's folder: the conformance runner
    /// (`typescript/conformance/runner.js`) becomes `test/conformance.test.js`.
    pub const TYPESCRIPT: &[(&str, &str)] = &[
        ("api-error.d.ts", include_str!("../typescript/api-error.d.ts")),
        ("api-error.js", include_str!("../typescript/api-error.js")),
        (
            "catalogue-types.d.ts",
            include_str!("../typescript/catalogue-types.d.ts"),
        ),
        ("counters.d.ts", include_str!("../typescript/counters.d.ts")),
        ("counters.js", include_str!("../typescript/counters.js")),
        ("field-errors.js", include_str!("../typescript/field-errors.js")),
        ("index.d.ts", include_str!("../typescript/index.d.ts")),
        ("index.js", include_str!("../typescript/index.js")),
        ("json.js", include_str!("../typescript/json.js")),
        ("retry-hint.js", include_str!("../typescript/retry-hint.js")),
        ("retry.d.ts", include_str!("../typescript/retry.d.ts")),
        ("retry.js", include_str!("../typescript/retry.js")),
        ("rng.js", include_str!("../typescript/rng.js")),
        (
            "test/conformance.test.js",
            include_str!("../typescript/conformance/runner.js"),
        ),
    ];

    /// One Cargo feature of the runtime, as a generated crate declares it.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Feature {
        /// The feature's name, e.g. `axum`.
        pub name: &'static str,
        /// Its `##` documentation line in `Cargo.toml`, without the `## `.
        pub doc: &'static str,
        /// The other features it turns on.
        pub implies: &'static [&'static str],
        /// The optional dependencies it turns on, each as its `Cargo.toml`
        /// line, e.g. `axum = { version = "0.8", optional = true, default-features = false }`.
        pub dependencies: &'static [&'static str],
    }

    /// The Python client's hand-written files (`python/` in this crate), as
    /// (file name, text): copied verbatim into every generated Python client
    /// beside its generated catalogue. The package's modules are those of
    /// `python/errcat_test_api/` (whose `_catalogue.py` is the runtime's test
    /// catalogue, not copied); `conformance_runner.py` is the client's test.
    pub const PYTHON: &[(&str, &str)] = &[
        ("__init__.py", include_str!("../python/errcat_test_api/__init__.py")),
        ("_codes.py", include_str!("../python/errcat_test_api/_codes.py")),
        ("_errors.py", include_str!("../python/errcat_test_api/_errors.py")),
        ("_hints.py", include_str!("../python/errcat_test_api/_hints.py")),
        ("_json.py", include_str!("../python/errcat_test_api/_json.py")),
        ("_retry.py", include_str!("../python/errcat_test_api/_retry.py")),
        ("_stats.py", include_str!("../python/errcat_test_api/_stats.py")),
        ("conformance_runner.py", include_str!("../python/conformance_runner.py")),
    ];

    /// The Cargo features a generated crate offers, in `Cargo.toml` order
    /// (`sources` itself is the runtime's own and not among them).
    pub const FEATURES: &[Feature] = &[
        Feature {
            name: "serde",
            doc: "`ErrorCode` (de)serializes as its code string; `ErrorBody`, `Details`, `ApiError::body`; `ProblemDetails`, the same replies as RFC 9457 `application/problem+json`.",
            implies: &[],
            dependencies: &[
                r#"serde = { version = "1", optional = true, features = ["derive"] }"#,
                r#"serde_json = { version = "1", optional = true }"#,
            ],
        },
        Feature {
            name: "http",
            doc: "`ApiError::from_http`, `ApiError::from_response`, `ApiError::status_code`; `StatusCode: From<ErrorCode>`.",
            implies: &[],
            dependencies: &[r#"http = { version = "1", optional = true }"#],
        },
        Feature {
            name: "axum",
            doc: "`ErrorResponse`, a server's error reply, implementing axum's `IntoResponse`.",
            implies: &["serde", "http"],
            dependencies: &[r#"axum = { version = "0.8", optional = true, default-features = false }"#],
        },
        Feature {
            name: "reqwest",
            doc: "`error_for_response` and `send_with_retry`, bounded in bytes and time; `RetrySend` for a timeout per attempt, a deadline, a `RetryBudget` and a hook per failed attempt (tokio's timer waits between attempts).",
            implies: &["http"],
            dependencies: &[
                r#"reqwest = { version = "0.13", optional = true, default-features = false }"#,
                r#"tokio = { version = "1", optional = true, features = ["time"] }"#,
                r#"http-body = { version = "1", optional = true }"#,
            ],
        },
        Feature {
            name: "tracing",
            doc: "`ErrorStats::record` also emits one `tracing` event per error.",
            implies: &[],
            dependencies: &[
                r#"tracing = { version = "0.1", optional = true, default-features = false, features = ["std"] }"#,
            ],
        },
    ];

    #[cfg(test)]
    mod tests {
        use super::*;

        /// The runtime's own `Cargo.toml`, which must say what the table says.
        const CARGO_TOML: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));

        /// The lines of `[section]` in `CARGO_TOML`, up to the next section.
        fn section(name: &str) -> Vec<&'static str> {
            let header = format!("[{name}]");
            let mut lines = CARGO_TOML.lines().skip_while(|line| *line != header);
            assert_eq!(lines.next(), Some(header.as_str()), "Cargo.toml has no {header}");
            lines
                .take_while(|line| !line.starts_with('['))
                .filter(|line| !line.trim().is_empty())
                .collect()
        }

        /// A dependency line's crate name: `axum` in `axum = { … }`.
        fn crate_name(line: &str) -> &str {
            line.split_once(" = ").map_or(line, |(name, _)| name)
        }

        #[test]
        fn the_cargo_toml_features_are_the_table_s_and_sources() {
            let mut expected = vec!["default = []".to_owned()];
            for feature in FEATURES {
                let dependencies = feature
                    .dependencies
                    .iter()
                    .map(|line| format!("\"dep:{}\"", crate_name(line)));
                let implies = feature.implies.iter().map(|name| format!("\"{name}\""));
                let enables: Vec<String> = dependencies.chain(implies).collect();
                expected.push(format!("## {}", feature.doc));
                expected.push(format!("{} = [{}]", feature.name, enables.join(", ")));
            }
            expected.push(
                "## errcat_runtime::sources: every module's text and every feature, for the generator.".to_owned(),
            );
            expected.push("sources = []".to_owned());
            assert_eq!(section("features"), expected);
        }

        #[test]
        fn the_cargo_toml_dependencies_are_the_features_optional_ones() {
            let mut expected: Vec<&str> = FEATURES
                .iter()
                .flat_map(|feature| feature.dependencies.iter().copied())
                .collect();
            expected.sort_unstable();
            assert_eq!(section("dependencies"), expected);
            assert!(
                expected.iter().all(|line| line.contains("optional = true")),
                "{expected:?}"
            );
        }

        #[test]
        fn features_imply_only_features_of_the_table_declared_before_them() {
            for (i, feature) in FEATURES.iter().enumerate() {
                for implied in feature.implies {
                    assert!(
                        FEATURES[..i].iter().any(|earlier| earlier.name == *implied),
                        "{} implies {implied}",
                        feature.name
                    );
                }
            }
        }

        #[test]
        fn every_file_is_a_module_of_the_table_in_file_name_order() {
            let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
            let mut files: Vec<String> = std::fs::read_dir(&src)
                .unwrap_or_else(|err| panic!("{}: {err}", src.display()))
                .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
                .filter(|name| name != "lib.rs")
                .collect();
            files.sort_unstable();
            let modules: Vec<String> = MODULES.iter().map(|module| format!("{}.rs", module.name)).collect();
            assert_eq!(modules, files);
            for module in MODULES {
                let text = std::fs::read_to_string(src.join(format!("{}.rs", module.name))).unwrap_or_default();
                assert_eq!(module.source, text, "{}", module.name);
            }
        }

        #[test]
        fn gates_name_features_of_the_table_and_only_testing_is_test_only() {
            for module in MODULES {
                if let Some(feature) = module.feature {
                    assert!(
                        FEATURES.iter().any(|declared| declared.name == feature),
                        "{}: {feature}",
                        module.name
                    );
                }
                assert_eq!(module.test_only, module.name == "testing", "{}", module.name);
            }
        }

        #[test]
        fn modules_refer_to_each_other_only_through_super() {
            for module in MODULES {
                for (number, line) in module.source.lines().enumerate() {
                    assert!(!line.contains("crate::"), "{}.rs:{}: {line}", module.name, number + 1);
                }
            }
        }
    }
}
