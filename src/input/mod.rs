//! Input: paths to `Source`s. Owns walking folders (recursive, sorted), choosing mmap or read,
//! gzip decoding and the SHA-256 of every input as it is on disk. Downstream sees only bytes.

mod mmap;

use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use flate2::read::MultiGzDecoder;
use memmap2::Mmap;
use sha2::{Digest, Sha256};

use crate::error::{Error, OpenInputError};

/// Files smaller than this are read rather than mapped.
const MMAP_THRESHOLD: u64 = 64 * 1024;
/// How deep folder recursion goes (guards against symlink loops).
const MAX_DEPTH: usize = 32;

/// The bytes of one input.
#[derive(Debug)]
pub enum Bytes {
    Mapped(Mmap),
    Owned(Vec<u8>),
}

impl Bytes {
    pub fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Mapped(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// One input file, opened.
#[derive(Debug)]
pub struct Source {
    /// The path as given (or as found under a given folder).
    pub path: PathBuf,
    /// Size on disk.
    pub disk_bytes: u64,
    /// SHA-256 of the bytes on disk (all zero until [`Source::hash`] when opened by
    /// [`open_unhashed`]).
    pub sha256: [u8; 32],
    /// Opened by [`open_unhashed`] and not hashed yet.
    unhashed: bool,
    /// `Some("gzip")` when the file was gzip-compressed and `data` holds the decoded bytes.
    pub compression: Option<&'static str>,
    /// The records' bytes (decoded for compressed inputs). Offsets in evidence index these.
    pub data: Bytes,
    /// Set when decoding stopped early (truncated or corrupt gzip): what was decoded is kept.
    pub decode_error: Option<String>,
    /// The file's modification time (the last resort of year inference).
    pub mtime: Option<SystemTime>,
}

impl Source {
    pub fn bytes(&self) -> &[u8] {
        self.data.as_slice()
    }

    /// The SHA-256 that opening left to later, computed now (`None` when already known).
    /// Takes `&self`, so inputs can be hashed while other work reads them.
    pub fn pending_sha256(&self) -> Option<[u8; 32]> {
        self.unhashed
            .then(|| Sha256::digest(self.data.as_slice()).into())
    }

    /// Sets the SHA-256 that opening left to later (from [`Source::pending_sha256`]).
    pub fn set_sha256(&mut self, sha256: [u8; 32]) {
        self.sha256 = sha256;
        self.unhashed = false;
    }

    pub fn sha256_hex(&self) -> String {
        self.sha256.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Expands the given paths into the list of files to read: a file as given, a folder's regular
/// files recursively, each folder's entries in byte order of their names. Duplicates are kept
/// once (first occurrence).
pub fn expand_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|source| OpenInputError {
            path: path.clone(),
            source,
        })?;
        if meta.is_dir() {
            let before = out.len();
            walk(path, 0, &mut out)?;
            if out.len() == before {
                return Err(Error::NoInputs(path.display().to_string()));
            }
        } else {
            out.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> Result<(), Error> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let open_err = |source| OpenInputError {
        path: dir.to_path_buf(),
        source,
    };
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(open_err)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(open_err)?;
    entries.sort();
    for path in entries {
        match fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, depth + 1, out)?,
            Ok(m) if m.is_file() => out.push(path),
            Ok(_) => {}
            Err(source) => return Err(OpenInputError { path, source }.into()),
        }
    }
    Ok(())
}

/// Opens one file: maps or reads it, hashes it, and decodes gzip (by magic bytes).
pub fn open(path: &Path) -> Result<Source, OpenInputError> {
    let mut source = open_unhashed(path)?;
    if let Some(sha256) = source.pending_sha256() {
        source.set_sha256(sha256);
    }
    Ok(source)
}

/// Opens one file like [`open`], but leaves the SHA-256 of an uncompressed file to
/// [`Source::pending_sha256`], so the run can hash inputs while it reads them (a compressed
/// file is hashed now: only its decoded bytes are kept).
pub fn open_unhashed(path: &Path) -> Result<Source, OpenInputError> {
    let err = |source| OpenInputError {
        path: path.to_path_buf(),
        source,
    };
    let mut file = File::open(path).map_err(err)?;
    let meta = file.metadata().map_err(err)?;
    let mtime = meta.modified().ok();
    let raw = if meta.len() >= MMAP_THRESHOLD {
        mmap::try_map(&file).map(Bytes::Mapped)
    } else {
        None
    };
    let raw = match raw {
        Some(m) => m,
        None => {
            let mut v = Vec::with_capacity(meta.len() as usize);
            file.read_to_end(&mut v).map_err(err)?;
            Bytes::Owned(v)
        }
    };
    let disk = raw.as_slice();
    let disk_bytes = disk.len() as u64;
    let (data, compression, decode_error, sha256) = if disk.starts_with(&[0x1f, 0x8b]) {
        let sha256: [u8; 32] = Sha256::digest(disk).into();
        let (decoded, error) = gunzip(disk);
        (Bytes::Owned(decoded), Some("gzip"), error, Some(sha256))
    } else {
        (raw, None, None, None)
    };
    Ok(Source {
        path: path.to_path_buf(),
        disk_bytes,
        sha256: sha256.unwrap_or_default(),
        unhashed: sha256.is_none(),
        compression,
        data,
        decode_error,
        mtime,
    })
}

/// Decodes all gzip members. On a decoding error (truncated or corrupt stream) returns what was
/// decoded up to it and the error's description.
fn gunzip(compressed: &[u8]) -> (Vec<u8>, Option<String>) {
    let mut decoder = MultiGzDecoder::new(compressed);
    let mut out = Vec::with_capacity(compressed.len().saturating_mul(4));
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match decoder.read(&mut buf) {
            Ok(0) => return (out, None),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return (out, Some(e.to_string())),
        }
    }
}
