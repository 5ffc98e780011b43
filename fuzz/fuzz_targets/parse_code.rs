//! Arbitrary strings through the generated lookups, against a linear search
//! of the catalogue, for every code style: `ofauth-errors` (22 codes) and the
//! synthetic catalogues `benches` builds: 2,000 and 10,000 upper-snake codes,
//! 2,000 mixed-style ones (lower_snake and PascalCase `…Exception`) and 2,000
//! integer codes, whose `from_i64` is also checked against a linear search of
//! `as_i64`. A string is a code exactly when the search finds it, and a miss
//! hands back the very string in its error, whatever its length or characters.

#![no_main]

use std::str::FromStr;

/// One generated enum, seen through the calls every generated crate has.
trait Generated: FromStr<Err = Self::Unknown> + Copy + PartialEq + std::fmt::Debug + 'static {
    type Unknown: std::fmt::Display + Clone + PartialEq;
    fn all() -> &'static [Self];
    fn as_str(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self>;
    fn unknown_text(error: &Self::Unknown) -> &str;
}

macro_rules! generated {
    ($code:ty, $unknown:ty) => {
        impl Generated for $code {
            type Unknown = $unknown;
            fn all() -> &'static [Self] {
                <$code>::ALL
            }
            fn as_str(self) -> &'static str {
                <$code>::as_str(self)
            }
            fn from_code(code: &str) -> Option<Self> {
                <$code>::from_code(code)
            }
            fn unknown_text(error: &$unknown) -> &str {
                error.code()
            }
        }
    };
}

generated!(ofauth_errors::ErrorCode, ofauth_errors::UnknownErrorCode);
generated!(benches::ErrorCode, benches::UnknownErrorCode);
generated!(benches::synthetic_10000::ErrorCode, benches::synthetic_10000::UnknownErrorCode);
generated!(benches::mixed::ErrorCode, benches::mixed::UnknownErrorCode);
generated!(benches::integer::ErrorCode, benches::integer::UnknownErrorCode);

fn check<T: Generated>(text: &str) {
    let expected = T::all().iter().copied().find(|code| code.as_str() == text);
    assert_eq!(T::from_code(text), expected, "{text:?}");
    match text.parse::<T>() {
        Ok(code) => assert_eq!(Some(code), expected, "{text:?}"),
        Err(error) => {
            assert_eq!(expected, None, "{text:?}");
            assert_eq!(T::unknown_text(&error), text);
            assert!(error == error.clone());
            assert!(error.to_string().contains(&text.escape_debug().to_string()));
        }
    }
}

/// The integer lookup of the integer catalogue: `integer` is a code exactly
/// when a search of `as_i64` finds it.
fn check_integer(integer: i64) {
    use benches::integer::ErrorCode;
    let expected = ErrorCode::ALL.iter().copied().find(|code| code.as_i64() == Some(integer));
    assert_eq!(ErrorCode::from_i64(integer), expected, "{integer}");
}

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    check::<ofauth_errors::ErrorCode>(&text);
    check::<benches::ErrorCode>(&text);
    check::<benches::synthetic_10000::ErrorCode>(&text);
    check::<benches::mixed::ErrorCode>(&text);
    check::<benches::integer::ErrorCode>(&text);
    // The first eight bytes as an integer, and the text read as one, so that
    // the corpus's decimal codes reach `from_i64` as they are.
    let mut word = [0; 8];
    let head = bytes.len().min(8);
    word[..head].copy_from_slice(&bytes[..head]);
    check_integer(i64::from_le_bytes(word));
    if let Ok(integer) = text.parse() {
        check_integer(integer);
    }
});
