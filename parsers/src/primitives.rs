//! Small shared grammar pieces: PRI, month names, fixed-width digits.

/// `<PRI>` at the start of `input`: 1 to 3 digits, value 0..=191, no leading zero unless the
/// value is 0 (`<0>` valid, `<002>` invalid per RFC 5424). Returns `(prival, bytes consumed)`.
pub fn pri(input: &str) -> Option<(u8, usize)> {
    let b = input.as_bytes();
    if b.first() != Some(&b'<') {
        return None;
    }
    let mut value: u16 = 0;
    let mut i = 1;
    while let Some(&c) = b.get(i) {
        if !c.is_ascii_digit() {
            break;
        }
        if i > 3 {
            return None; // a fourth digit
        }
        value = value * 10 + u16::from(c - b'0');
        i += 1;
    }
    let ndigits = i - 1;
    if ndigits == 0 || b.get(i) != Some(&b'>') {
        return None;
    }
    if ndigits > 1 && b.get(1) == Some(&b'0') {
        return None; // leading zero
    }
    if value > 191 {
        return None;
    }
    Some((value as u8, i + 1))
}

/// English month abbreviation (`Jan`..`Dec`, case-insensitive) at the start of `input` → 1..=12.
pub fn month_abbrev(input: &str) -> Option<u8> {
    let b = input.as_bytes();
    let (c0, c1, c2) = match b {
        [c0, c1, c2, ..] => (
            c0.to_ascii_lowercase(),
            c1.to_ascii_lowercase(),
            c2.to_ascii_lowercase(),
        ),
        _ => return None,
    };
    let m = match (c0, c1, c2) {
        (b'j', b'a', b'n') => 1,
        (b'f', b'e', b'b') => 2,
        (b'm', b'a', b'r') => 3,
        (b'a', b'p', b'r') => 4,
        (b'm', b'a', b'y') => 5,
        (b'j', b'u', b'n') => 6,
        (b'j', b'u', b'l') => 7,
        (b'a', b'u', b'g') => 8,
        (b's', b'e', b'p') => 9,
        (b'o', b'c', b't') => 10,
        (b'n', b'o', b'v') => 11,
        (b'd', b'e', b'c') => 12,
        _ => return None,
    };
    Some(m)
}

/// Exactly `n` ASCII digits at `b[i..i + n]` as a number (`n` ≤ 9). `None` when any is missing
/// or not a digit.
pub(crate) fn fixed_digits(b: &[u8], i: usize, n: usize) -> Option<u32> {
    let end = i.checked_add(n)?;
    let digits = b.get(i..end)?;
    let mut v: u32 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u32::from(c - b'0');
    }
    Some(v)
}

/// Length of the run of bytes equal to `c` starting at `b[i..]`.
pub(crate) fn run_of(b: &[u8], i: usize, c: u8) -> usize {
    b.get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&x| x == c).count())
}

/// Syslog severity (0..=7) of a PRI value.
pub fn severity_of(pri: u8) -> u8 {
    pri & 7
}

/// Syslog facility (0..=23) of a PRI value.
pub fn facility_of(pri: u8) -> u8 {
    pri >> 3
}

#[cfg(test)]
mod tests;
