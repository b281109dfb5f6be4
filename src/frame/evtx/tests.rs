use super::*;

/// A file of `slots` zeroed chunks behind an `ElfFile` header.
fn file(slots: usize) -> Vec<u8> {
    let mut d = vec![0u8; FILE_HEADER_SIZE + slots * CHUNK_SIZE];
    d[..8].copy_from_slice(FILE_MAGIC);
    d
}

/// Writes a chunk header announcing record ids `first..=last` (and nothing else) in `slot`.
fn chunk_header(d: &mut [u8], slot: usize, first: u64, last: u64) {
    let at = slot_offset(slot);
    d[at..at + 8].copy_from_slice(CHUNK_MAGIC);
    d[at + 8..at + 16].copy_from_slice(&first.to_le_bytes());
    d[at + 16..at + 24].copy_from_slice(&last.to_le_bytes());
    d[at + 24..at + 32].copy_from_slice(&first.to_le_bytes());
    d[at + 32..at + 40].copy_from_slice(&last.to_le_bytes());
    d[at + 40..at + 44].copy_from_slice(&128u32.to_le_bytes());
    // Free space right after the header: no live records.
    d[at + 48..at + 52].copy_from_slice(&512u32.to_le_bytes());
}

/// Writes a bare record frame (header and trailing size, no BinXML worth reading).
fn record_frame(d: &mut [u8], at: usize, size: u32, id: u64) {
    d[at..at + 4].copy_from_slice(RECORD_MAGIC);
    d[at + 4..at + 8].copy_from_slice(&size.to_le_bytes());
    d[at + 8..at + 16].copy_from_slice(&id.to_le_bytes());
    let end = at + size as usize;
    d[end - 4..end].copy_from_slice(&size.to_le_bytes());
}

fn all(d: &[u8], target: usize) -> Vec<Item> {
    chunks(d, target)
        .into_iter()
        .flat_map(|c| records(d, c))
        .collect()
}

fn lost(items: &[Item]) -> Vec<(u64, u64, Loss)> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Lost {
                line, offset, loss, ..
            } => Some((*line, *offset, *loss)),
            Item::Record { .. } => None,
        })
        .collect()
}

#[test]
fn chunks_are_runs_of_whole_evtx_chunks() {
    let d = file(5);
    let starts = |t: usize| -> Vec<(usize, usize)> {
        chunks(&d, t).iter().map(|c| (c.start, c.end)).collect()
    };
    let slot = |i| slot_offset(i);
    assert_eq!(starts(1).len(), 5);
    assert_eq!(starts(CHUNK_SIZE * 2)[0], (slot(0), slot(2)));
    assert_eq!(starts(CHUNK_SIZE * 2)[2], (slot(4), slot(5)));
    assert_eq!(starts(usize::MAX), vec![(slot(0), slot(5))]);
    // A cut-off last chunk is a chunk; a file of only a header has none.
    assert_eq!(
        chunks(&d[..slot(4) + 100], 1).last().unwrap().end,
        slot(4) + 100
    );
    assert!(chunks(&d[..FILE_HEADER_SIZE], 1).is_empty());
    assert!(chunks(&d[..100], 1).is_empty());
}

#[test]
fn zeroed_chunks_are_no_records() {
    let d = file(3);
    assert!(all(&d, 1).is_empty());
}

#[test]
fn a_headerless_chunk_is_one_loss_numbered_after_the_chunk_before_it() {
    let mut d = file(4);
    chunk_header(&mut d, 0, 10, 12);
    // Slot 1 zeroed (unused), slot 2 garbage.
    let at = slot_offset(2);
    d[at..at + 8].copy_from_slice(b"\x00y\x00\x00\x00\x00\x84}");
    d[at + 700] = 7;
    let items = all(&d, usize::MAX);
    let l = lost(&items);
    // Slot 0: its three announced records are missing (nothing live), at its first record.
    assert_eq!(
        l,
        vec![
            (10, slot_offset(0) as u64 + 512, Loss::Record),
            (11, slot_offset(0) as u64 + 512, Loss::Record),
            (12, slot_offset(0) as u64 + 512, Loss::Record),
            (13, at as u64, Loss::Chunk),
        ]
    );
    let Item::Lost { detail, .. } = &items[3] else {
        panic!()
    };
    assert!(detail.contains("EVTX chunk 2 at offset 0x21000 has no chunk header"));
    assert!(detail.contains("how many is unknown"));
    // The same at any chunk size.
    assert_eq!(all(&d, 1), items);
}

#[test]
fn records_found_in_a_headerless_chunk_are_each_lost_where_they_are() {
    let mut d = file(1);
    let at = slot_offset(0);
    d[at] = 0xEE;
    record_frame(&mut d, at + 512, 64, 41);
    record_frame(&mut d, at + 576, 100, 42);
    let l = lost(&all(&d, 1));
    assert_eq!(
        l,
        vec![
            (41, at as u64 + 512, Loss::Chunk),
            (42, at as u64 + 576, Loss::Chunk),
        ]
    );
}

#[test]
fn an_implausible_record_range_is_not_counted_record_by_record() {
    let mut d = file(1);
    chunk_header(&mut d, 0, 5, 5 + 1_000_000);
    let l = lost(&all(&d, 1));
    assert_eq!(l, vec![(1, slot_offset(0) as u64, Loss::Chunk)]);
}

#[test]
fn a_cut_off_chunk_is_read_as_far_as_it_goes() {
    let mut d = file(1);
    chunk_header(&mut d, 0, 1, 2);
    d.truncate(slot_offset(0) + 1000);
    let items = all(&d, 1);
    assert_eq!(lost(&items).len(), 2);
    let Item::Lost { detail, .. } = &items[0] else {
        panic!()
    };
    assert!(
        detail.contains("the file ends 1000 bytes into it"),
        "{detail}"
    );
}

#[test]
fn walk_headers_stops_at_the_first_inconsistent_record() {
    let mut c = vec![0u8; CHUNK_SIZE];
    record_frame(&mut c, 512, 40, 1);
    record_frame(&mut c, 552, 40, 2);
    // A third whose trailing size copy disagrees.
    record_frame(&mut c, 592, 40, 3);
    c[592 + 36] = 9;
    assert_eq!(walk_headers(&c), vec![(512, 40, 1), (552, 40, 2)]);
    // Too small a size, or one past the chunk's end.
    let mut c = vec![0u8; CHUNK_SIZE];
    c[512..516].copy_from_slice(RECORD_MAGIC);
    c[516..520].copy_from_slice(&8u32.to_le_bytes());
    assert!(walk_headers(&c).is_empty());
    c[516..520].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(walk_headers(&c).is_empty());
}

/// The corpus' EVTX samples (the `evtx` crate's own), when present.
fn sample(name: &str) -> Option<Vec<u8>> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/evtx-crate-samples")
        .join(name);
    match std::fs::read(&p) {
        Ok(d) => Some(d),
        Err(_) => {
            eprintln!("skipped: {} not present", p.display());
            None
        }
    }
}

#[test]
fn rendered_records_cite_their_binary_record() {
    let Some(d) = sample("sample_with_a_bad_chunk_magic.evtx") else {
        return;
    };
    let items = all(&d, usize::MAX);
    let mut rendered = 0;
    for item in &items {
        if let Item::Record {
            offset,
            length,
            line,
            json,
        } = item
        {
            rendered += 1;
            let rec = &d[*offset as usize..(*offset + u64::from(*length)) as usize];
            assert_eq!(&rec[..4], RECORD_MAGIC);
            assert_eq!(u32_at(rec, 4), *length);
            assert_eq!(u64_at(rec, 8), *line);
            assert!(json.starts_with("{\"Event\":{"), "{json}");
            assert_eq!(render_at(&d, *offset).as_deref(), Some(json.as_str()));
        }
    }
    // evtx_dump renders 301 records of it; 166 announced ids are missing, 2 chunks headerless.
    assert_eq!(rendered, 301);
    let l = lost(&items);
    assert_eq!(l.iter().filter(|x| x.2 == Loss::Record).count(), 166);
    let chunks: Vec<_> = l.iter().filter(|x| x.2 == Loss::Chunk).collect();
    // Chunk 6 after chunk 0 (ids ..46857), chunk 10 after chunk 9 (ids ..45949).
    assert_eq!(
        chunks,
        vec![
            &(46858, slot_offset(6) as u64, Loss::Chunk),
            &(45950, slot_offset(10) as u64, Loss::Chunk)
        ]
    );
    // Chunk 7: ids 47641..=47674 lost where the walk broke (0x2060, as evtx_dump reports).
    let c7: Vec<_> = l
        .iter()
        .filter(|x| (47641..=47674).contains(&x.0))
        .collect();
    assert_eq!(c7.len(), 34);
    assert!(c7.iter().all(|x| x.1 == 0x73060));
    // Any chunk size: the same records.
    assert_eq!(all(&d, 1), items);
    assert_eq!(render_at(&d, 4096 + 513), None);
}
