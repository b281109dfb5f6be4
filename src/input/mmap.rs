//! Memory-mapping of input files: the project's only `unsafe`.

use std::fs::File;

use memmap2::Mmap;

/// Maps `file` read-only, or returns `None` (the caller then reads the file instead).
#[allow(unsafe_code)]
pub fn try_map(file: &File) -> Option<Mmap> {
    // SAFETY: the mapping is read-only and lives as long as the `Source` that owns it. If another
    // process truncates or rewrites the file while afterlog runs, reads of the mapped pages may
    // see the new bytes or fault (SIGBUS). afterlog reads exports that analysts have copied for
    // an investigation and no longer change; the speed of mapping is worth that accepted risk,
    // which the README states. The SHA-256 recorded per input covers the bytes actually read.
    let map = unsafe { Mmap::map(file) }.ok()?;
    #[cfg(unix)]
    {
        // Advice only; failure changes nothing but read-ahead.
        let _ = map.advise(memmap2::Advice::Sequential);
    }
    Some(map)
}
