//! What an output folder holds, found without following links, without
//! opening anything but regular files, and reading no more than asked.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

use crate::error::Error;

/// Most files and folders an output folder may hold (besides those skipped:
/// `target/`, `Cargo.lock`, dot-files and the clients' tool caches). A generated crate has about 30; a
/// folder past this is not one (a home folder, a repository root), and
/// scanning it would only make a huge error message.
pub const MAX_SCAN_ENTRIES: usize = 10_000;

/// Most bytes read to find a file's first line: far more than any header.
pub const MAX_HEADER_BYTES: usize = 4096;

/// The suffix of the generator's temporary files. A run killed part-way can
/// leave one; the next run deletes it.
const TEMP_SUFFIX: &str = ".errcat-tmp";

/// The files found below an output folder, by `/`-separated relative path.
#[derive(Debug, Default)]
pub struct Listing {
    /// Every entry that is not a folder (regular files, links, FIFOs, devices).
    pub files: Vec<String>,
    /// Temporary files an earlier run left behind.
    pub leftovers: Vec<String>,
}

/// Lists `out` recursively, never descending into links, skipping what a
/// crate folder legitimately holds besides the generator's files: `target/`
/// and `Cargo.lock` at the top, dot-files anywhere (`.git`, editors'), and
/// what the clients' own tools make (see [`is_tool_made`]).
pub fn list(out: &Path) -> Result<Listing, Error> {
    let mut listing = Listing::default();
    let mut seen = 0;
    let mut pending = vec![String::new()];
    while let Some(relative) = pending.pop() {
        let dir = if relative.is_empty() {
            out.to_owned()
        } else {
            out.join(&relative)
        };
        let read_error = |source| Error::OutputRead {
            path: dir.display().to_string(),
            source,
        };
        let mut entries = fs::read_dir(&dir)
            .and_then(|entries| entries.collect::<io::Result<Vec<_>>>())
            .map_err(read_error)?;
        entries.sort_by_key(|entry| entry.file_name());
        for entry in entries {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = if relative.is_empty() {
                name.clone()
            } else {
                format!("{relative}/{name}")
            };
            if name.starts_with('.') {
                if is_temp_name(&name) && entry.file_type().is_ok_and(|kind| kind.is_file()) {
                    listing.leftovers.push(path);
                }
                continue;
            }
            if relative.is_empty() && (name == "target" || name == "Cargo.lock") {
                continue;
            }
            if is_tool_made(&relative, &name) {
                continue;
            }
            seen += 1;
            if seen > MAX_SCAN_ENTRIES {
                return Err(Error::NotAnOutputFolder {
                    out: out.display().to_string(),
                    limit: MAX_SCAN_ENTRIES,
                });
            }
            // `DirEntry::file_type` does not follow links: a link to a folder is a file here.
            if entry.file_type().map_err(read_error)?.is_dir() {
                pending.push(path);
            } else {
                listing.files.push(path);
            }
        }
    }
    listing.files.sort();
    listing.leftovers.sort();
    Ok(listing)
}

/// Whether `name` in the folder `relative` is what running the generated
/// clients' tools makes, which the generator neither lists nor touches:
/// Python's bytecode caches (`__pycache__`) and npm's `node_modules` at any
/// depth, what building or installing the Python client leaves beside it
/// (`build`, `dist`, `*.egg-info`), and the lock file `npm install` writes
/// beside the TypeScript client's `package.json`.
fn is_tool_made(relative: &str, name: &str) -> bool {
    matches!(name, "__pycache__" | "node_modules")
        || (relative == "clients/python" && (matches!(name, "build" | "dist") || name.ends_with(".egg-info")))
        || (relative == "clients/typescript" && name == "package-lock.json")
}

/// A name for a temporary file beside `name`, with a random part.
pub fn temp_name(name: &str, random: u64) -> String {
    format!(".{name}.{random:016x}{TEMP_SUFFIX}")
}

/// Whether `name` is one [`temp_name`] makes.
fn is_temp_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(TEMP_SUFFIX) else {
        return false;
    };
    let random = stem.rsplit('.').next().unwrap_or_default();
    stem.starts_with('.') && random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit())
}

/// What a path is, without following a link at its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Nothing is there.
    Missing,
    /// A regular file.
    File,
    /// A folder.
    Folder,
    /// A symbolic link, to anything.
    Link,
    /// A FIFO, socket or device: never opened.
    Special,
}

/// The kind of `path`, its last component not followed.
pub fn kind(path: &Path) -> io::Result<Kind> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Ok(Kind::Link),
        Ok(meta) if meta.is_dir() => Ok(Kind::Folder),
        Ok(meta) if meta.is_file() => Ok(Kind::File),
        Ok(_) => Ok(Kind::Special),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Kind::Missing),
        Err(err) => Err(err),
    }
}

/// Up to `limit` bytes of the regular file at `path`, and whether it holds
/// more; `None` when it is not a regular file (any more). The file is opened
/// without following a link and without blocking on a FIFO, then checked
/// again, so a file swapped for a link or a FIFO after [`kind`] is not read.
pub fn read_prefix(path: &Path, limit: usize) -> io::Result<Option<(Vec<u8>, bool)>> {
    let Some(file) = open_regular(path)? else {
        return Ok(None);
    };
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    let longer = bytes.len() > limit;
    bytes.truncate(limit);
    Ok(Some((bytes, longer)))
}

/// The first line of the regular file at `path`, without its newline.
pub fn first_line(path: &Path) -> io::Result<Option<Vec<u8>>> {
    Ok(read_prefix(path, MAX_HEADER_BYTES)?.map(|(mut bytes, _)| {
        if let Some(end) = bytes.iter().position(|&b| b == b'\n') {
            bytes.truncate(end);
        }
        bytes
    }))
}

fn open_regular(path: &Path) -> io::Result<Option<File>> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(err) if err.raw_os_error() == Some(libc::ELOOP) => return Ok(None),
        Err(err) => return Err(err),
    };
    Ok(file.metadata()?.is_file().then_some(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_made_by_temp_name_are_leftovers() {
        assert!(is_temp_name(&temp_name("code.rs", 0x0123_4567_89ab_cdef)));
        assert!(is_temp_name(&temp_name("a.b.c", u64::MAX)));
        for name in [
            ".code.rs.1234.tmp",
            ".errcat-tmp",
            "x.0123456789abcdef.errcat-tmp",
            ".x.0123456789abcdeg.errcat-tmp",
        ] {
            assert!(!is_temp_name(name), "{name}");
        }
    }
}
