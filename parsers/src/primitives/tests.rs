use super::*;

#[track_caller]
fn check_pri(input: &str, expected: Option<(u8, usize)>) {
    assert_eq!(pri(input), expected, "input {input:?}");
}

#[test]
fn pri_values() {
    check_pri("<0>", Some((0, 3)));
    check_pri("<13>1 - -", Some((13, 4)));
    check_pri("<191>", Some((191, 5)));
    check_pri("<165>Aug", Some((165, 5)));
}

#[test]
fn pri_rejects() {
    for bad in [
        "",
        "<",
        "<>",
        "<>1",
        "0>",
        "(190>1",
        "<87]",
        "<192>",
        "<999>",
        "<1000>",
        "<0001>",
        "<002>",
        "<00>",
        "<01>",
        "<aaa>",
        "<1a>",
        "< 1>",
        "<1 >",
        "<19000021>",
        "<-1>",
        "<+1>",
        "<1",
        "<12",
        "<123",
    ] {
        check_pri(bad, None);
    }
}

#[test]
fn month_names() {
    let names = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for (k, name) in names.iter().enumerate() {
        let m = Some(k as u8 + 1);
        assert_eq!(month_abbrev(name), m);
        assert_eq!(month_abbrev(&name.to_uppercase()), m);
        assert_eq!(month_abbrev(&name.to_lowercase()), m);
        assert_eq!(month_abbrev(&format!("{name} 1 00:00:00")), m);
    }
    assert_eq!(month_abbrev("September"), Some(9)); // only the first three letters are read
                                                    // Localized names (French, German, Spanish, Italian ...), any case, optional dot.
    for (name, m) in [
        ("août", 8),
        ("Mär", 3),
        ("févr.", 2),
        ("OKT", 10),
        ("dic", 12),
        ("mai", 5),
    ] {
        assert_eq!(month_abbrev(name), Some(m), "{name}");
    }
    for bad in ["", "Ja", "Jun"[..2].as_ref(), "Jux", "ене", "123", " Jan"] {
        assert_eq!(month_abbrev(bad), None, "{bad:?}");
    }
}

#[test]
fn severity_and_facility() {
    assert_eq!((facility_of(165), severity_of(165)), (20, 5));
    assert_eq!((facility_of(0), severity_of(0)), (0, 0));
    assert_eq!((facility_of(191), severity_of(191)), (23, 7));
}

#[test]
fn digit_helpers() {
    assert_eq!(fixed_digits(b"2024-", 0, 4), Some(2024));
    assert_eq!(fixed_digits(b"2024-", 1, 4), None);
    assert_eq!(fixed_digits(b"20", 0, 4), None);
    assert_eq!(fixed_digits(b"20", usize::MAX, 4), None);
    assert_eq!(run_of(b"  x", 0, b' '), 2);
    assert_eq!(run_of(b"  x", 9, b' '), 0);
}
