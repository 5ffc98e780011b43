//! The word reader of the generated code lookup's perfect hash: the generator
//! computes its keys with [`word`] when it builds the table, and the generated
//! `ErrorCode::from_code` with the same function when it looks a code up, so
//! the two can never disagree.

/// The eight bytes of `bytes` at `at` as a little-endian word, or 0 when they
/// are not all there (`at` past the end, or fewer than eight bytes left).
#[inline]
pub fn word(bytes: &[u8], at: usize) -> u64 {
    let chunk = bytes.get(at..at.wrapping_add(8)).unwrap_or(&[0; 8]);
    u64::from_le_bytes(<[u8; 8]>::try_from(chunk).unwrap_or([0; 8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_eight_bytes_little_endian() {
        assert_eq!(word(b"ABCDEFGHIJ", 0), u64::from_le_bytes(*b"ABCDEFGH"));
        assert_eq!(word(b"ABCDEFGHIJ", 2), u64::from_le_bytes(*b"CDEFGHIJ"));
    }

    #[test]
    fn a_short_or_missing_word_is_zero() {
        assert_eq!(word(b"ABCDEFGHIJ", 3), 0);
        assert_eq!(word(b"", 0), 0);
        assert_eq!(word(b"ABCDEFGH", usize::MAX), 0);
    }
}
