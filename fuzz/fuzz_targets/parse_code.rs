//! Arbitrary strings through the generated lookups, against a linear search
//! of the catalogue: the perfect hash of `ofauth-errors` (22 codes) and the
//! decision tree of the 2,000-code synthetic crate that `benches` builds.
//! A string is a code exactly when the search finds it, and a miss hands back
//! the very string in its error, whatever its length or characters.

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

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    check::<ofauth_errors::ErrorCode>(&text);
    check::<benches::ErrorCode>(&text);
});
