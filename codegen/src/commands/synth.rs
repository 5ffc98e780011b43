//! Synthetic catalogues of up to 50,000 codes, for benchmarks and scale tests: valid,
//! warning-free, and the same bytes for the same size on every machine.

use std::fmt::Write;

/// Codes per category: large enough that categories stay few, small enough
/// that a catalogue of a few codes still has more than one.
const CODES_PER_CATEGORY: usize = 50;

/// Statuses the codes cycle through, with the retry class that fits each.
const STATUSES: &[(u16, &str, &str)] = &[
    (400, "Bad Request", "never"),
    (401, "Unauthorized", "never"),
    (403, "Forbidden", "never"),
    (404, "Not Found", "never"),
    (408, "Request Timeout", "transient"),
    (409, "Conflict", "never"),
    (422, "Unprocessable Content", "never"),
    (429, "Too Many Requests", "throttled"),
    (500, "Internal Server Error", "transient"),
    (502, "Bad Gateway", "transient"),
    (503, "Service Unavailable", "throttled"),
    (504, "Gateway Timeout", "transient"),
];

/// Words code names are made of, so that names differ in length and letters
/// like real ones do (a lookup benchmark on `CODE_1, CODE_2, …` would flatter
/// any scheme that only looks at the tail).
const WORDS: &[&str] = &[
    "INVALID",
    "MISSING",
    "EXPIRED",
    "DENIED",
    "LIMIT",
    "QUOTA",
    "TOKEN",
    "KEY",
    "SESSION",
    "FIELD",
    "FORMAT",
    "VALUE",
    "TOO",
    "LONG",
    "SHORT",
    "UPSTREAM",
    "TIMEOUT",
    "CONFLICT",
    "NOT",
    "FOUND",
    "RULE",
    "SIGNATURE",
    "ACCOUNT",
    "USER",
    "REQUEST",
    "PAYLOAD",
    "HEADER",
    "SCOPE",
    "RATE",
    "BURST",
    "REGION",
    "VERSION",
];

/// How every synthetic catalogue starts, so tools can tell one from a real one.
pub const SYNTHETIC_MARKER: &str = "# Synthetic catalogue";

/// Most codes a synthetic catalogue may have: 50,000, 7.2 MB of YAML,
/// so that the largest one still loads ([`crate::front::read::MAX_SPEC_BYTES`] is 8 MiB).
pub const MAX_CODES: usize = 50_000;

/// A valid catalogue with `codes` codes, at least one and at most [`MAX_CODES`]
/// (a count outside that range is brought into it).
pub fn synthetic_catalogue(codes: usize) -> String {
    let codes = codes.clamp(1, MAX_CODES);
    let mut text = String::with_capacity(codes * 200);
    let _ = write!(
        text,
        "{SYNTHETIC_MARKER} with {codes} codes, made by `cargo xtask synth {codes}`.\n\
         schema: 1\n\
         name: Synthetic API\n\
         crate: synthetic-errors\n\
         docs_url: https://synthetic.example/errors\n\
         retry_after:\n  header: Retry-After\n  default_secs: 30\n\
         response:\n\
         \x20 - {{ field: error, type: string, description: Message for developers }}\n\
         \x20 - {{ field: code, type: string, description: Machine-readable code }}\n\
         \x20 - {{ field: details, type: object, description: Extra context }}\n\
         statuses:\n"
    );
    for (status, description, _) in STATUSES {
        let _ = writeln!(
            text,
            "  - {{ status: {status}, description: {description}, note: Synthetic }}"
        );
    }
    text.push_str("categories:\n");
    let mut random = SplitMix(0x5EED);
    for category in 0..codes.div_ceil(CODES_PER_CATEGORY) {
        let _ = write!(
            text,
            "  - id: area_{category}\n    title: Area {category} Errors\n    prefix: AREA{category}_\n    codes:\n"
        );
        let first = category * CODES_PER_CATEGORY;
        for index in first..codes.min(first + CODES_PER_CATEGORY) {
            let words: Vec<&str> = (0..1 + random.below(3))
                .map(|_| WORDS[random.below(WORDS.len())])
                .collect();
            let (status, _, retry) = STATUSES[random.below(STATUSES.len())];
            let _ = writeln!(
                text,
                "      - {{ code: AREA{category}_{}_{index}, status: {status}, message: Synthetic error {index}, resolution: Do what code {index} says, retry: {retry} }}",
                words.join("_")
            );
        }
    }
    text
}

/// A tiny deterministic generator (SplitMix64), so the catalogue needs no
/// dependency and never changes between versions of one.
struct SplitMix(u64);

impl SplitMix {
    fn below(&mut self, bound: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % bound as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front::read::MAX_SPEC_BYTES;

    #[test]
    fn synthetic_catalogues_are_valid_warning_free_and_deterministic() {
        for size in [1, 49, 50, 51, 1_000] {
            let text = synthetic_catalogue(size);
            let loaded = crate::parse_spec(&text, "synth.yaml").unwrap_or_else(|err| panic!("{size}: {err}"));
            assert_eq!(loaded.model.codes.len(), size);
            assert!(loaded.warnings.is_empty(), "{size}: {:?}", loaded.warnings);
            assert_eq!(text, synthetic_catalogue(size));
        }
    }

    #[test]
    fn the_largest_synthetic_catalogue_fits_the_spec_limit() {
        let largest = synthetic_catalogue(MAX_CODES);
        assert!(largest.len() <= MAX_SPEC_BYTES, "{} bytes", largest.len());
        assert_eq!(synthetic_catalogue(usize::MAX), largest);
    }
}
