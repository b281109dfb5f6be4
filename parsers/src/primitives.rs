//! Small shared grammar pieces: PRI, month names, fixed-width digits.

/// `<PRI>` at the start of `input`: 1 to 3 digits, value 0..=191, no leading zero unless the
/// value is 0 (`<0>` valid, `<002>` invalid per RFC 5424). Returns `(prival, bytes consumed)`.
pub fn pri(input: &str) -> Option<(u8, usize)> {
    let _ = input;
    todo!()
}

/// English month abbreviation (`Jan`..`Dec`, case-insensitive) at the start of `input` → 1..=12.
pub fn month_abbrev(input: &str) -> Option<u8> {
    let _ = input;
    todo!()
}

/// Syslog severity (0..=7) of a PRI value.
pub fn severity_of(pri: u8) -> u8 {
    pri & 7
}

/// Syslog facility (0..=23) of a PRI value.
pub fn facility_of(pri: u8) -> u8 {
    pri >> 3
}
