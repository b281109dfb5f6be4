use super::*;

fn texts(data: &[u8], framing: Framing, target: usize) -> Vec<(String, u64, u64, bool)> {
    let framed = frame(data, target, framing);
    framed
        .chunks
        .iter()
        .flat_map(|c| records(data, &framed, *c, framing))
        .map(|l| {
            (
                String::from_utf8_lossy(l.bytes).into_owned(),
                l.line,
                l.offset,
                l.header,
            )
        })
        .collect()
}

#[test]
fn csv_quoted_newlines_stay_in_their_record_and_lines_stay_exact() {
    let data = b"\xEF\xBB\xBF_time,_raw,host\r\n\"2026-03-02T09:12:03Z\",\"line one\nline \"\"two\"\"\",bastion-01\r\n\r\n2026-03-02T09:12:05Z,plain,db-01\n";
    let want = vec![
        ("_time,_raw,host".to_string(), 1, 3, true),
        (
            "\"2026-03-02T09:12:03Z\",\"line one\nline \"\"two\"\"\",bastion-01".to_string(),
            2,
            20,
            false,
        ),
        ("".to_string(), 4, 79, false),
        ("2026-03-02T09:12:05Z,plain,db-01".to_string(), 5, 81, false),
    ];
    for target in [1, 10, 50, 1 << 20] {
        assert_eq!(texts(data, Framing::Csv, target), want, "target {target}");
    }
    let framed = frame(data, 1, Framing::Csv);
    assert!(framed.chunks.iter().all(|c| c.header == Some((3, 18))));
}

#[test]
fn csv_unclosed_quote_runs_to_the_end_and_is_incomplete() {
    let data = b"a,b\n1,\"open\n2,3\n";
    let spans = csv::spans(data);
    assert_eq!(spans.len(), 2);
    assert!(spans[1].incomplete);
    assert_eq!(spans[1].offset, 4);
}

#[test]
fn json_array_wrapped_and_concatenated_records() {
    let arr = b"[\n  {\"a\": 1},\n  {\"b\": \"x]}\\\"\"}\n]\n";
    assert_eq!(
        texts(arr, Framing::Json, 1),
        vec![
            ("{\"a\": 1}".to_string(), 2, 4, false),
            ("{\"b\": \"x]}\\\"\"}".to_string(), 3, 16, false),
        ]
    );
    let wrapped = b"{\"Records\": [{\"eventTime\": \"2014-07-16T15:49:27Z\"},\n{\"eventTime\": \"2014-07-16T15:50:27Z\"}]}";
    let got = texts(wrapped, Framing::Json, 1 << 20);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].1, 1);
    assert_eq!(got[1].1, 2);
    assert_eq!(got[1].2, 52);
    let splunk = b"{\"preview\":false,\"init_offset\":0,\"messages\":[],\"fields\":[{\"name\":\"_time\"}],\"results\":[{\"_time\":\"x\"},{\"_time\":\"y\"}]}";
    let got = texts(splunk, Framing::Json, 1 << 20);
    assert_eq!(
        got.iter().map(|g| g.0.as_str()).collect::<Vec<_>>(),
        ["{\"_time\":\"x\"}", "{\"_time\":\"y\"}"]
    );
    let pretty = b"{\n  \"metadata\": {\"eventType\": \"DetectionSummaryEvent\"},\n  \"event\": {\"x\": [1, 2]}\n}\n{\n  \"metadata\": {}\n}\n";
    let got = texts(pretty, Framing::Json, 1);
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].1, got[0].2), (1, 0));
    assert_eq!((got[1].1, got[1].2), (5, 83));
    assert!(got[0].0.ends_with("}\n}"));
}

#[test]
fn json_garbage_is_cut_per_line_and_truncation_is_incomplete() {
    let data = b"not json\n{\"a\":1}\n{\"b\":";
    let spans = json::spans(data);
    assert_eq!(spans.len(), 3);
    assert_eq!((spans[0].offset, spans[0].len), (0, 8));
    assert_eq!((spans[1].offset, spans[1].line), (9, 2));
    assert!(spans[2].incomplete);
    assert_eq!(spans[2].line, 3);
}

#[test]
fn hash_header_blocks_apply_to_the_chunks_after_them() {
    let data = b"#separator \\x09\n#fields\tts\tuid\n1.0\tA\n2.0\tB\n#fields\tts\tx\n3.0\tC\n";
    let framed = frame(data, 1, Framing::HashHeaders);
    let recs: Vec<_> = framed
        .chunks
        .iter()
        .flat_map(|c| records(data, &framed, *c, Framing::HashHeaders))
        .map(|l| l.header)
        .collect();
    assert_eq!(recs, vec![true, true, false, false, true, false]);
    // "#separator \x09\n" is 16 bytes, "#fields\tts\tuid\n" 15: the first block is 0..31.
    let c3 = framed.chunks.iter().find(|c| c.start == 31).unwrap();
    assert_eq!(c3.header, Some((0, 31)));
    let c6 = framed.chunks.iter().find(|c| c.start == 56).unwrap();
    assert_eq!(c6.header, Some((43, 56)));
}
