//! The catalogue's bytes, read from a file or a pipe, bounded before parsing.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Largest catalogue read, in bytes: 8 MiB (8,388,608). The 10,000-code
/// synthetic catalogue (`cargo xtask synth 10000`) is 1.4 MB; written out in
/// block style like `spec/errors.yaml`, a code takes about 250 bytes, so the
/// limit holds some 30,000 codes. A longer file is refused before it is parsed.
pub const MAX_SPEC_BYTES: usize = 8 * 1024 * 1024;

/// The bytes of the catalogue at `path`, at most [`MAX_SPEC_BYTES`] of them.
/// A regular file is refused by its size before it is read; a pipe
/// (`--spec /dev/stdin`, `--spec <(…)`) is read up to one byte past the limit,
/// so an endless stream stops there. A folder or a device (`/dev/zero`) is
/// refused before it is opened.
pub fn read_spec(path: &Path) -> io::Result<Vec<u8>> {
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder; give the path of the catalogue's YAML file",
        ));
    }
    if !metadata.is_file() && !is_pipe(&metadata) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "it is a device or socket, not a file; give the path of the catalogue's YAML file",
        ));
    }
    if metadata.len() > MAX_SPEC_BYTES as u64 {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            over_the_limit(Some(metadata.len())),
        ));
    }
    let mut bytes = Vec::new();
    File::open(path)?
        .take(MAX_SPEC_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_SPEC_BYTES {
        return Err(io::Error::new(io::ErrorKind::FileTooLarge, over_the_limit(None)));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn is_pipe(metadata: &std::fs::Metadata) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&metadata.file_type())
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::Metadata) -> bool {
    false
}

/// Why a catalogue of `size` bytes (unknown for a stream cut at the limit) is refused.
pub(crate) fn over_the_limit(size: Option<u64>) -> String {
    let size = match size {
        Some(size) => format!("it is {size} bytes,"),
        None => "it goes on".to_owned(),
    };
    format!(
        "{size} past the limit of {MAX_SPEC_BYTES} bytes (8 MiB) for a catalogue; \
         10,000 codes take about 1.4 MB, so check that this is the catalogue"
    )
}
