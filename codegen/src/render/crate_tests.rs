//! `tests/catalogue.rs`: the generated crate's own tests, with every code and
//! status spelled out so that the tables are checked against the catalogue.

use quote::{format_ident, quote};

use super::rust::{format_file, has_deprecated, unsuffixed};
use super::rust_text::{self, Expr, option, path, runtime_path, str_literal, struct_literal};
use crate::model::{Code, CodeType, Model};

/// Renders integration tests that pin every code's string, status and
/// category, and every status row. The tables of expectations, one row per
/// code, are written as text after the fixed items.
pub fn render_crate_tests(model: &Model) -> String {
    let lib = format_ident!("{}", model.lib_name);
    let integer_codes = model.wire.code_type == CodeType::Integer;
    let unknown_code = model.unknown_code();
    let statuses = model.statuses.iter().map(|status| unsuffixed(status.code.into()));
    let code_count = unsuffixed(model.codes.len() as u64);
    let api_name = &model.api_name;
    let fixed = format_file(quote! {
        use #lib::*;

        const STATUS_CODES: &[u16] = &[#(#statuses,)*];

        /// One code's lifecycle as the catalogue states it.
        #[derive(Clone)]
        struct Lifecycle {
            code: &'static str,
            since: Option<&'static str>,
            deprecated: Option<&'static str>,
            replaced_by: Option<&'static str>,
            retired: bool,
        }

        /// Whether the API sends its codes as integers.
        const INTEGER_CODES: bool = #integer_codes;

        /// Every code's golden reply (status, headers, body), as published beside the docs.
        #[cfg(feature = "serde")]
        const GOLDEN_REPLIES: &str = include_str!("../docs/examples.json");

        /// The replies every client of the API must read alike, with what
        /// each must read (`docs/conformance.json`).
        #[cfg(feature = "serde")]
        const CONFORMANCE: &str = include_str!("../docs/conformance.json");

        /// A code this catalogue does not have, as its API would send it.
        #[cfg(feature = "serde")]
        const UNKNOWN_CODE: &str = #unknown_code;

        #[test]
        fn every_code_is_listed_once_in_catalogue_order() {
            assert_eq!(ErrorCode::ALL.len(), #code_count);
            let listed: ::std::vec::Vec<ErrorCode> = CODES.iter().map(|row| row.1).collect();
            assert_eq!(ErrorCode::ALL, listed.as_slice());
        }

        #[test]
        fn every_code_round_trips_through_its_wire_string() {
            for &(text, code, ..) in CODES {
                assert_eq!(code.as_str(), text);
                assert_eq!(ErrorCode::from_code(text), Some(code));
                assert_eq!(text.parse::<ErrorCode>(), Ok(code));
            }
        }

        #[test]
        fn every_code_carries_its_catalogue_entry() {
            for &(text, code, status, category, retry, reauth) in CODES {
                assert_eq!(code.http_status(), status, "{text}");
                assert_eq!(code.category(), category, "{text}");
                assert!(category.codes().contains(&code), "{text}");
                assert!(text.starts_with(category.prefix()), "{text}");
                assert_eq!(code.retry(), retry, "{text}");
                assert_eq!(code.is_retryable(), retry != Retry::Never, "{text}");
                assert_eq!(code.requires_reauth(), reauth, "{text}");
                assert!(!code.message().is_empty() && !code.resolution().is_empty(), "{text}");
            }
        }

        #[test]
        fn every_code_links_to_its_own_doc_page() {
            for &(text, url) in DOC_URLS {
                let code = ErrorCode::from_code(text).expect("every code parses");
                assert_eq!(code.doc_url(), url, "{text}");
            }
        }

        #[test]
        fn integer_codes_round_trip_through_their_number() {
            for &(text, code, ..) in CODES {
                let number = code.as_i64();
                assert_eq!(number.is_some(), INTEGER_CODES, "{text}");
                if let Some(number) = number {
                    assert_eq!(number.to_string(), text);
                    assert_eq!(ErrorCode::from_i64(number), Some(code));
                }
            }
        }

        #[test]
        fn every_code_carries_its_lifecycle_and_retired_codes_still_parse() {
            let no_lifecycle = |code: &'static str| Lifecycle {
                code,
                since: None,
                deprecated: None,
                replaced_by: None,
                retired: false,
            };
            for &(text, ..) in CODES {
                let expected = LIFECYCLES
                    .binary_search_by_key(&text, |stated| stated.code)
                    .map_or_else(|_| no_lifecycle(text), |at| LIFECYCLES[at].clone());
                let code = ErrorCode::from_code(text).expect("every code parses, retired ones too");
                assert_eq!(code.since(), expected.since, "{text}");
                assert_eq!(code.deprecation(), expected.deprecated, "{text}");
                assert_eq!(code.replaced_by().map(ErrorCode::as_str), expected.replaced_by, "{text}");
                assert_eq!(code.is_retired(), expected.retired, "{text}");
            }
        }

        #[cfg(feature = "serde")]
        #[test]
        fn golden_replies_parse_back_to_their_code_status_and_retry_class() {
            let golden: ::serde_json::Value = ::serde_json::from_str(GOLDEN_REPLIES).unwrap();
            for &(text, code, status, _, retry, _) in CODES {
                let reply = &golden[text];
                assert_eq!(reply["status"], status, "{text}");
                let headers = headers_of(reply);
                let body = ::serde_json::to_vec(&reply["body"]).unwrap();
                let err = ApiError::from_parts(status, &headers, &body);
                assert_eq!(err.code(), Some(code), "{text}");
                assert_eq!(err.status(), status, "{text}");
                assert_eq!(err.code().map(ErrorCode::retry), Some(retry), "{text}");
                if retry == Retry::Throttled {
                    let default = ::std::time::Duration::from_secs(DEFAULT_RETRY_AFTER_SECS);
                    assert_eq!(err.retry_after(), Some(default), "{text}");
                }
            }
        }

        /// A reply's `headers` object (in `examples.json` and
        /// `conformance.json`) as the `(name, value)` pairs `ApiError` reads.
        #[cfg(feature = "serde")]
        fn headers_of(reply: &::serde_json::Value) -> ::std::vec::Vec<(&str, &str)> {
            reply["headers"]
                .as_object()
                .unwrap()
                .iter()
                .map(|(name, value)| (name.as_str(), value.as_str().unwrap()))
                .collect()
        }

        /// Every vector of the conformance suite the TypeScript and Python
        /// clients run too, read exactly as the file says it must be.
        #[cfg(feature = "serde")]
        #[test]
        fn every_conformance_vector_reads_as_the_catalogue_documents() {
            use ::serde_json::{json, Value};
            use ::std::time::{Duration, UNIX_EPOCH};
            let file: Value = ::serde_json::from_str(CONFORMANCE).unwrap();
            let ms = |value: &Value| Duration::from_millis(value.as_u64().unwrap());
            let stated = &file["policy"];
            let policy = RetryPolicy::builder()
                .max_attempts(u32::try_from(stated["max_attempts"].as_u64().unwrap()).unwrap())
                .base_delay(ms(&stated["base_delay_ms"]))
                .max_delay(ms(&stated["max_delay_ms"]))
                .max_hint(ms(&stated["max_hint_ms"]))
                .jitter(stated["jitter"].as_bool().unwrap())
                .build();
            let received_at = UNIX_EPOCH + ms(&file["received_at_ms"]);
            let vectors = file["vectors"].as_array().unwrap();
            assert!(vectors.len() > CODES.len(), "a vector for every code, then the hostile ones");
            for vector in vectors {
                let reply = &vector["reply"];
                let headers = headers_of(reply);
                let status = u16::try_from(reply["status"].as_u64().unwrap()).unwrap();
                let body = reply["body"].as_str().unwrap().as_bytes();
                let err = ApiError::from_parts_at(status, &headers, body, received_at);
                let field_errors: ::std::vec::Vec<Value> = err
                    .as_validation()
                    .map(|view| view.field_errors())
                    .unwrap_or_default()
                    .iter()
                    .map(|error| {
                        let mut entry = json!({"field": error.field(), "message": error.message()});
                        if let Some(value) = error.value() {
                            entry["value"] = value.to_serde();
                        }
                        entry
                    })
                    .collect();
                let delays: ::std::vec::Vec<Option<u128>> = (1..=policy.max_attempts())
                    .map(|attempt| policy.next_delay(attempt, &err).map(|delay| delay.as_millis()))
                    .collect();
                let read = json!({
                    "is_error": err.is_error(),
                    "code": err.code().map(ErrorCode::as_str),
                    "wire_code": err.wire_code(),
                    "message": err.message(),
                    "request_id": err.request_id(),
                    "kind": err.kind().as_str(),
                    "retryable": err.is_retryable(),
                    "requires_reauth": err.requires_reauth(),
                    "retry_after_ms": err.retry_after().map(|wait| wait.as_millis()),
                    "field_errors": field_errors,
                    "delays_ms": delays,
                });
                assert_eq!(read, vector["expect"], "vector {}", vector["name"]);
            }
        }

        #[cfg(feature = "serde")]
        #[test]
        fn server_rendered_bodies_parse_back_on_the_client() {
            for &(text, code, status, ..) in CODES {
                let body = ::serde_json::to_vec(&ErrorBody::new(code)).unwrap();
                let err = ApiError::from_parts(status, &[], &body);
                assert_eq!(err.code(), Some(code), "{text}");
                assert_eq!(err.message(), Some(code.message()), "{text}");
                assert_eq!(err.requires_reauth(), code.requires_reauth(), "{text}");
            }
        }

        #[test]
        fn the_runtime_reads_every_code_through_the_catalogue_trait() {
            assert_eq!(<ErrorCode as Catalogue>::API_NAME, #api_name);
            assert_eq!(<ErrorCode as Catalogue>::ALL, ErrorCode::ALL);
            assert_eq!(<ErrorCode as Catalogue>::RETRY_AFTER_HEADER, RETRY_AFTER_HEADER);
            assert_eq!(<ErrorCode as Catalogue>::DEFAULT_RETRY_AFTER_SECS, DEFAULT_RETRY_AFTER_SECS);
            assert_eq!(<ErrorCode as Catalogue>::REQUEST_ID_HEADER, REQUEST_ID_HEADER);
            for (index, &(text, code, status, category, retry, reauth)) in CODES.iter().enumerate() {
                assert_eq!(Catalogue::index(code), index, "{text}");
                assert_eq!(<ErrorCode as Catalogue>::from_code(text), Some(code), "{text}");
                assert_eq!(Catalogue::as_str(code), text);
                assert_eq!(Catalogue::http_status(code), status, "{text}");
                assert_eq!(Catalogue::message(code), code.message(), "{text}");
                assert_eq!(Catalogue::doc_url(code), code.doc_url(), "{text}");
                assert_eq!(Catalogue::category_id(code), category.id(), "{text}");
                assert_eq!(Catalogue::retry(code), retry, "{text}");
                assert_eq!(Catalogue::requires_reauth(code), reauth, "{text}");
                assert_eq!(Catalogue::is_retryable(code), retry != Retry::Never, "{text}");
            }
        }

        #[cfg(feature = "http")]
        #[test]
        fn every_code_converts_to_its_http_status_code() {
            for &(text, code, status, ..) in CODES {
                assert_eq!(::http::StatusCode::from(code).as_u16(), status, "{text}");
            }
        }

        #[test]
        fn every_category_lists_exactly_its_codes() {
            let total: usize = Category::ALL.iter().map(|category| category.codes().len()).sum();
            assert_eq!(total, ErrorCode::ALL.len());
        }

        #[test]
        fn every_status_is_in_the_status_table() {
            assert_eq!(STATUSES.len(), STATUS_CODES.len());
            for &status in STATUS_CODES {
                let info = status_info(status).expect("listed status");
                assert_eq!(info.status, status);
                assert_eq!(StatusClass::of(status), Some(info.class));
            }
            for &(text, code, ..) in CODES {
                assert!(status_info(code.http_status()).is_some(), "{text}");
            }
        }

        #[test]
        fn unknown_codes_are_refused_with_their_name() {
            // Short strings are kept inline, long ones on the heap: both come back whole.
            for text in ["", "NOT_A_CODE", " AUTH", "auth_invalid_key", "ÉCHEC_ÉTRANGE_\u{1F980}", "A_STRING_LONGER_THAN_THE_INLINE_BUFFER_OF_THE_ERROR"] {
                assert_eq!(ErrorCode::from_code(text), None);
                let err = text.parse::<ErrorCode>().unwrap_err();
                assert_eq!(err.code(), text);
                assert!(err.to_string().contains(&text.escape_debug().to_string()));
            }
        }

        #[test]
        fn unknown_strings_of_every_length_come_back_whole() {
            // Every length around the inline buffer's words, with multi-byte
            // characters across word boundaries, near misses of every code, and
            // pseudo-random strings (xorshift, fixed seed) over a mixed alphabet.
            let mut texts: Vec<String> = Vec::new();
            for len in 0..=48 {
                let ascii: String = "NOT_A_CODE_0123456789_abcdefghijklmnopqrstuvwxyz".chars().cycle().take(len).collect();
                for wide in ["é", "€", "\u{1F980}"] {
                    for at in 0..=len {
                        texts.push(::std::format!("{}{wide}{}", &ascii[..at], &ascii[at..]));
                    }
                }
                texts.push(ascii);
            }
            for &(text, ..) in CODES {
                texts.push(::std::format!("{text}S"));
                texts.push(text[..text.len() - 1].to_owned());
                texts.push(text.to_lowercase());
                texts.push(::std::format!("{}\0", &text[..text.len() - 1]));
            }
            let alphabet = ['A', '_', 'z', '0', '\0', 'é', '€', '\u{1F980}'];
            let mut random = 0x9E37_79B9_7F4A_7C15_u64;
            let mut next = move |bound: u64| {
                random ^= random << 13;
                random ^= random >> 7;
                random ^= random << 17;
                (random % bound) as usize
            };
            for _ in 0..5_000 {
                let len = next(60);
                texts.push((0..len).map(|_| alphabet[next(alphabet.len() as u64)]).collect());
            }
            let mut misses = ::std::collections::HashSet::new();
            let mut missed_texts = ::std::collections::HashSet::new();
            for text in &texts {
                if let Some(code) = ErrorCode::from_code(text) {
                    assert_eq!(code.as_str(), text);
                    continue;
                }
                let err = text.parse::<ErrorCode>().unwrap_err();
                assert_eq!(err.code(), text, "{text:?}");
                misses.insert(err);
                missed_texts.insert(text.as_str());
            }
            // Errors are equal (and hash alike) exactly when their strings are.
            let distinct: ::std::collections::HashSet<&str> = misses.iter().map(|err| err.code()).collect();
            assert_eq!(distinct.len(), misses.len());
            assert_eq!(misses.len(), missed_texts.len());
        }

        #[test]
        fn display_writes_the_message_and_honours_width() {
            for &code in ErrorCode::ALL {
                assert_eq!(code.to_string(), code.message());
                let width = code.message().chars().count() + 3;
                assert_eq!(::std::format!("{code:>width$}"), ::std::format!("   {}", code.message()));
            }
        }

        #[cfg(feature = "serde")]
        #[test]
        fn every_code_round_trips_through_serde() {
            for &(text, code, ..) in CODES {
                let json = ::serde_json::to_string(&code).unwrap();
                assert_eq!(json, ::serde_json::to_string(text).unwrap());
                assert_eq!(::serde_json::from_str::<ErrorCode>(&json).unwrap(), code);
            }
            assert!(::serde_json::from_str::<ErrorCode>("\"NOT_A_CODE\"").is_err());
        }

        #[cfg(feature = "serde")]
        #[test]
        fn the_runtime_writes_the_golden_body_of_every_code_without_a_stated_example() {
            let golden: ::serde_json::Value = ::serde_json::from_str(GOLDEN_REPLIES).unwrap();
            for &code in WRITTEN_EXAMPLES {
                let expected = &golden[code.as_str()]["body"];
                assert_eq!(&::serde_json::to_value(ErrorBody::new(code)).unwrap(), expected, "{}", code.as_str());
                #[cfg(feature = "axum")]
                assert_eq!(&ErrorResponse::new(code).body(), expected, "{}", code.as_str());
            }
        }

        #[cfg(feature = "serde")]
        #[test]
        fn error_bodies_keep_unknown_codes_and_details() {
            for &(text, code, ..) in CODES {
                let body = ErrorBody::new(code);
                let json = ::serde_json::to_string(&body).unwrap();
                let parsed: ErrorBody = ::serde_json::from_str(&json).unwrap();
                assert_eq!(parsed.error_code(), Some(code), "{text}");
                assert_eq!(parsed, body);
            }
            let details = Details::try_from(::serde_json::json!({"field": "email", "message": "bad", "value": 42, "extra": [1]})).unwrap();
            let mut future = ErrorBody::new(ErrorCode::ALL[0]).with_details(details);
            future.code = UNKNOWN_CODE.to_owned();
            let json = ::serde_json::to_string(&future).unwrap();
            let parsed: ErrorBody = ::serde_json::from_str(&json).unwrap();
            assert_eq!(parsed.code, UNKNOWN_CODE);
            assert_eq!(parsed.error_code(), None);
            assert_eq!(ApiError::from_parts(400, &[], json.as_bytes()).wire_code(), Some(UNKNOWN_CODE));
            if <ErrorCode as Catalogue>::WIRE.details.is_none() {
                assert_eq!(parsed.details, None, "the body has no place for details");
                return;
            }
            assert_eq!(parsed, future);
            let details = parsed.details.expect("details");
            assert_eq!(details.field(), Some("email"));
            assert_eq!(details.message(), Some("bad"));
            assert_eq!(details.value(), Some(&::serde_json::json!(42)));
            assert_eq!(details.get("extra"), Some(&::serde_json::json!([1])));
        }
    });
    let mut text = String::with_capacity(fixed.len() + BYTES_PER_CODE * model.codes.len());
    text.push_str(&fixed);
    write_code_rows(&mut text, model);
    write_lifecycle_rows(&mut text, model);
    write_doc_url_rows(&mut text, model);
    write_written_examples(&mut text, model);
    text
}

/// About what one code's rows take, so that the text is allocated once.
const BYTES_PER_CODE: usize = 700;

/// `CODES`: every code's wire string, variant, status, category, retry
/// class and re-auth.
fn write_code_rows(text: &mut String, model: &Model) {
    text.push_str(
        "/// Every code as the catalogue lists it: wire string, variant, status,\n/// category, retry class, re-auth.\n",
    );
    rust_text::allow_deprecated(text, 0, has_deprecated(model));
    let rows = model.codes.iter().map(|code| {
        Expr::tuple(
            [
                str_literal(&code.code),
                path("ErrorCode", &code.variant),
                code.status.to_string(),
                path("Category", &model.categories[code.category].variant),
                runtime_path("Retry", code.retry),
                code.reauth.to_string(),
            ]
            .map(Expr::Flat)
            .into(),
        )
    });
    let head = "const CODES: &[(&str, ErrorCode, u16, Category, Retry, bool)] = &";
    Expr::array("", rows.collect()).write(text, 0, head, ";", 1);
}

/// `LIFECYCLES`: the lifecycle of every code the catalogue states one for
/// (a version, a deprecation, a successor), sorted by wire string for a
/// binary search; the test checks every other code has none.
fn write_lifecycle_rows(text: &mut String, model: &Model) {
    text.push_str(
        "/// The codes whose lifecycle the catalogue states, by wire string: every\n/// other code has no version, deprecation or successor.\n",
    );
    // A successor comes with a deprecation, and so does retirement.
    let mut stated: Vec<&Code> = model
        .codes
        .iter()
        .filter(|code| code.since.is_some() || code.lifecycle.deprecation().is_some())
        .collect();
    if stated.is_empty() {
        text.push_str("const LIFECYCLES: &[Lifecycle] = &[];\n");
        return;
    }
    stated.sort_by(|a, b| a.code.cmp(&b.code));
    text.push_str("const LIFECYCLES: &[Lifecycle] = &[\n");
    for code in stated {
        let since = code.since.as_ref().map(|since| str_literal(&since.to_string()));
        let deprecated = code.lifecycle.deprecation();
        let deprecated = deprecated.map(|deprecation| str_literal(&deprecation.reason));
        let replaced_by = model.successor(code).map(|successor| str_literal(&successor.code));
        let fields = [
            ("code", Expr::Flat(str_literal(&code.code))),
            ("since", option(since)),
            ("deprecated", option(deprecated)),
            ("replaced_by", option(replaced_by)),
            ("retired", Expr::Flat(code.lifecycle.is_retired().to_string())),
        ];
        struct_literal(text, 1, "Lifecycle", &fields);
    }
    text.push_str("];\n");
}

/// `DOC_URLS`: every code's documentation page.
fn write_doc_url_rows(text: &mut String, model: &Model) {
    text.push_str("/// Every code's documentation page: wire string, address.\n");
    let rows = model.codes.iter().map(|code| {
        Expr::tuple(
            [str_literal(&code.code), str_literal(&code.doc_url)]
                .map(Expr::Flat)
                .into(),
        )
    });
    Expr::array("", rows.collect()).write(text, 0, "const DOC_URLS: &[(&str, &str)] = &", ";", 1);
}

/// `WRITTEN_EXAMPLES`: the codes whose golden body the generator wrote.
fn write_written_examples(text: &mut String, model: &Model) {
    text.push_str(
        "/// The codes whose golden body the generator wrote (their spec states no `example:`).\n#[cfg(feature = \"serde\")]\n",
    );
    rust_text::allow_deprecated(text, 0, has_deprecated(model));
    let codes = model
        .codes
        .iter()
        .filter(|code| !code.example_stated)
        .map(|code| Expr::Flat(path("ErrorCode", &code.variant)))
        .collect();
    Expr::array("", codes).write(text, 0, "const WRITTEN_EXAMPLES: &[ErrorCode] = &", ";", 1);
}
