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

/// How a synthetic catalogue's codes are spelt: the lookups must be fast
/// for every style a real API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CodeStyle {
    /// `AREA12_INVALID_TOKEN_617`: upper snake case behind a category
    /// prefix shared by 50 codes, as OFAuth's.
    UpperSnake,
    /// Every other code lower snake case (`invalid_token_617`, as OAuth 2.0
    /// and Stripe), the others PascalCase with the suffix they all share
    /// (`InvalidToken618Exception`, as AWS).
    Mixed,
    /// Integers (`wire.code_type: integer`), as JSON-RPC: negative and
    /// positive, sparse, in no order, each with its Rust name.
    Integer,
}

impl CodeStyle {
    /// Every style, in the order `--style` lists them.
    pub const ALL: [CodeStyle; 3] = [CodeStyle::UpperSnake, CodeStyle::Mixed, CodeStyle::Integer];

    /// The style's name on the command line.
    pub const fn name(self) -> &'static str {
        match self {
            CodeStyle::UpperSnake => "upper-snake",
            CodeStyle::Mixed => "mixed",
            CodeStyle::Integer => "integer",
        }
    }

    /// The style named `name` on the command line.
    pub fn from_name(name: &str) -> Option<CodeStyle> {
        CodeStyle::ALL.into_iter().find(|style| style.name() == name)
    }
}

/// A valid catalogue with `codes` upper-snake-case codes, at least one and at
/// most [`MAX_CODES`] (a count outside that range is brought into it).
pub fn synthetic_catalogue(codes: usize) -> String {
    synthetic_catalogue_styled(codes, CodeStyle::UpperSnake)
}

/// A valid, warning-free catalogue with `codes` codes spelt in `style`, at
/// least one and at most [`MAX_CODES`] (a count outside that range is brought
/// into it); the same bytes for the same arguments on every machine.
pub fn synthetic_catalogue_styled(codes: usize, style: CodeStyle) -> String {
    let codes = codes.clamp(1, MAX_CODES);
    let mut text = String::with_capacity(codes * 200);
    let command = match style {
        CodeStyle::UpperSnake => format!("cargo xtask synth {codes}"),
        _ => format!("cargo xtask synth {codes} --style {}", style.name()),
    };
    let (code_type, wire) = match style {
        CodeStyle::Integer => ("integer", "wire:\n  code_type: integer\n"),
        _ => ("string", ""),
    };
    let _ = write!(
        text,
        "{SYNTHETIC_MARKER} with {codes} codes, made by `{command}`.\n\
         schema: 1\n\
         name: Synthetic API\n\
         crate: synthetic-errors\n\
         docs_url: https://synthetic.example/errors\n\
         {wire}\
         retry_after:\n  header: Retry-After\n  default_secs: 30\n\
         response:\n\
         \x20 - {{ field: error, type: string, description: Message for developers }}\n\
         \x20 - {{ field: code, type: {code_type}, description: Machine-readable code }}\n\
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
        let _ = write!(text, "  - id: area_{category}\n    title: Area {category} Errors\n");
        if style == CodeStyle::UpperSnake {
            let _ = writeln!(text, "    prefix: AREA{category}_");
        }
        text.push_str("    codes:\n");
        let first = category * CODES_PER_CATEGORY;
        for index in first..codes.min(first + CODES_PER_CATEGORY) {
            let words: Vec<&str> = (0..1 + random.below(3))
                .map(|_| WORDS[random.below(WORDS.len())])
                .collect();
            let (status, _, retry) = STATUSES[random.below(STATUSES.len())];
            let code = match style {
                CodeStyle::UpperSnake => format!("AREA{category}_{}_{index}", words.join("_")),
                CodeStyle::Mixed if index % 2 == 0 => {
                    format!("{}_{index}", words.join("_").to_ascii_lowercase())
                }
                CodeStyle::Mixed => format!("{}{index}Exception", pascal_case(&words)),
                CodeStyle::Integer => {
                    // Distinct (13 apart before the jitter below 13), on both
                    // sides of zero, too sparse for a jump table.
                    let magnitude = 1_000 + 13 * index + random.below(13);
                    let sign = if index % 2 == 0 { "" } else { "-" };
                    format!("{sign}{magnitude}, name: {}{index}", pascal_case(&words))
                }
            };
            let _ = writeln!(
                text,
                "      - {{ code: {code}, status: {status}, message: Synthetic error {index}, resolution: Do what code {index} says, retry: {retry} }}"
            );
        }
    }
    text
}

/// `["INVALID", "TOKEN"]` → `InvalidToken`.
fn pascal_case(words: &[&str]) -> String {
    words
        .iter()
        .flat_map(|word| {
            let (first, rest) = word.split_at(1);
            [first.to_owned(), rest.to_ascii_lowercase()]
        })
        .collect()
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
    fn synthetic_catalogues_of_every_style_are_valid_warning_free_and_deterministic() {
        for style in CodeStyle::ALL {
            for size in [1, 49, 50, 51, 1_000] {
                let text = synthetic_catalogue_styled(size, style);
                let loaded =
                    crate::parse_spec(&text, "synth.yaml").unwrap_or_else(|err| panic!("{style:?} {size}: {err}"));
                assert_eq!(loaded.model.codes.len(), size);
                assert!(loaded.warnings.is_empty(), "{style:?} {size}: {:?}", loaded.warnings);
                assert_eq!(text, synthetic_catalogue_styled(size, style));
            }
        }
        assert_eq!(
            synthetic_catalogue(300),
            synthetic_catalogue_styled(300, CodeStyle::UpperSnake)
        );
    }

    #[test]
    fn each_style_spells_its_codes_as_it_says() {
        let codes = |style| {
            let text = synthetic_catalogue_styled(100, style);
            let model = crate::parse_spec(&text, "synth.yaml").unwrap().model;
            model.codes.into_iter().map(|code| code.code).collect::<Vec<_>>()
        };
        let upper = codes(CodeStyle::UpperSnake);
        assert!(
            upper
                .iter()
                .all(|code| code.starts_with("AREA") && !code.contains(|c: char| c.is_ascii_lowercase()))
        );
        let mixed = codes(CodeStyle::Mixed);
        let (snake, pascal): (Vec<_>, Vec<_>) = mixed.iter().partition(|code| code.contains('_'));
        assert_eq!((snake.len(), pascal.len()), (50, 50));
        assert!(
            snake
                .iter()
                .all(|code| !code.contains(|c: char| c.is_ascii_uppercase())),
            "{snake:?}"
        );
        assert!(
            pascal
                .iter()
                .all(|code| code.ends_with("Exception") && code.starts_with(|c: char| c.is_ascii_uppercase())),
            "{pascal:?}"
        );
        let integers: Vec<i64> = codes(CodeStyle::Integer)
            .iter()
            .map(|code| code.parse().unwrap())
            .collect();
        assert!(integers.iter().any(|&n| n < 0) && integers.iter().any(|&n| n > 0));
    }

    #[test]
    fn the_largest_catalogue_of_every_style_fits_the_spec_limit() {
        for style in CodeStyle::ALL {
            let largest = synthetic_catalogue_styled(MAX_CODES, style);
            assert!(largest.len() <= MAX_SPEC_BYTES, "{style:?}: {} bytes", largest.len());
            assert_eq!(synthetic_catalogue_styled(usize::MAX, style), largest);
        }
    }
}
