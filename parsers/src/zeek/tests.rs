use super::*;

const CONN: &str = "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2023-08-16-01-28-55\n#fields\tts\tuid\tid.orig_h\tid.orig_p\n#types\ttime\tstring\taddr\tport\n";

#[test]
fn header_block_gives_separator_and_fields() {
    let h = ZeekHeader::from_block(CONN);
    assert_eq!(h.separator, "\t");
    assert_eq!(h.set_separator, ",");
    assert_eq!(h.path.as_deref(), Some("conn"));
    assert_eq!(h.fields, ["ts", "uid", "id.orig_h", "id.orig_p"]);
}

#[test]
fn custom_separator_and_escapes() {
    let mut h = ZeekHeader::default();
    assert!(h.apply("#separator ||"));
    assert!(h.apply("#unset_field||-"));
    assert!(h.apply("#fields||t||status"));
    assert_eq!(h.fields, ["t", "status"]);
    let row = parse_row("1.5||fa\\x7c\\x7cure", &h);
    assert_eq!(
        row,
        vec![
            ZeekValue::Value(Cow::Borrowed("1.5")),
            ZeekValue::Value(Cow::Owned("fa||ure".into()))
        ]
    );
}

#[test]
fn unset_and_empty_markers() {
    let h = ZeekHeader::from_block(CONN);
    let row = parse_row("1692161622.036086\t-\t(empty)\t53", &h);
    assert_eq!(row[1], ZeekValue::Unset);
    assert_eq!(row[2], ZeekValue::Empty);
    assert!(!ZeekHeader::default().apply("not a directive"));
    assert!(!ZeekHeader::default().apply("### BTest baseline data"));
}

#[test]
fn corpus_headers_read() {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/corpus/otrf-security-datasets/LSASS_campaign_01_zeek_tsv"
    );
    let Ok(text) = std::fs::read_to_string(format!("{root}/conn.log")) else {
        eprintln!("skipped: corpus not present");
        return;
    };
    let block: String = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let h = ZeekHeader::from_block(&block);
    assert_eq!(h.fields.len(), 21);
    assert_eq!(h.fields[2], "id.orig_h");
    let row = text.lines().find(|l| !l.starts_with('#')).unwrap();
    let vals = parse_row(row, &h);
    assert_eq!(vals.len(), 21);
    assert_eq!(
        vals[0],
        ZeekValue::Value(Cow::Borrowed("1692161622.036086"))
    );
    assert_eq!(vals[8], ZeekValue::Unset);
}
