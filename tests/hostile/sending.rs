//! (filled by issue 11)
