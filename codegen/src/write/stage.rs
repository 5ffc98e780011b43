//! Changing an output folder all or nothing: every new file is first written
//! in full beside its target, then all are switched in by renames; if any step
//! fails, what was done is undone and the folder is left as it was.

use std::collections::hash_map::RandomState;
use std::fs::{self, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::Error;
use crate::write::scan::{self, Kind};

/// How many random names are tried for one temporary file before giving up.
const NAME_TRIES: usize = 16;

/// The changes of one run, relative to the output folder.
pub struct Changes<'a> {
    /// Files to create or replace, with their new contents.
    pub writes: Vec<(&'a str, &'a [u8])>,
    /// Files to delete.
    pub removals: Vec<&'a str>,
}

/// Applies `changes` below `out`, all or nothing.
pub fn apply(out: &Path, changes: &Changes<'_>) -> Result<(), Error> {
    let mut undo = Undo::default();
    let result = stage_and_switch(out, changes, &mut undo);
    match result {
        Ok(()) => {
            undo.commit();
            Ok(())
        }
        Err(err) => {
            undo.roll_back();
            Err(err)
        }
    }
}

fn stage_and_switch(out: &Path, changes: &Changes<'_>, undo: &mut Undo) -> Result<(), Error> {
    let write_error = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Write { path, source }
    };
    let mut targets = Vec::with_capacity(changes.writes.len());
    for (relative, _) in &changes.writes {
        let target = out.join(relative);
        make_parents(out, relative, undo).map_err(write_error(&target))?;
        targets.push(target);
    }
    let mut staged = Vec::with_capacity(targets.len());
    let mut failure = None;
    let jobs: Vec<(&PathBuf, &[u8])> = targets
        .iter()
        .zip(changes.writes.iter().map(|(_, contents)| *contents))
        .collect();
    let written = crate::parallel::map_jobs(&jobs, MAX_WRITERS, |(target, contents)| write_temp(target, contents));
    for (target, written) in targets.iter().zip(written) {
        match written {
            Ok(temp) => {
                undo.temps.push(temp.clone());
                staged.push((temp, target.clone()));
            }
            Err(err) => failure = failure.or(Some(write_error(target)(err))),
        }
    }
    // Every temporary file written is in `undo` before the first failure is
    // reported, so rolling back removes them all.
    if let Some(err) = failure {
        return Err(err);
    }
    for (temp, target) in staged {
        if scan::kind(&target).map_err(write_error(&target))? == Kind::File {
            let backup = keep_backup(&target).map_err(write_error(&target))?;
            undo.replaced.push((backup, target.clone()));
        } else {
            undo.created.push(target.clone());
        }
        fs::rename(&temp, &target).map_err(write_error(&target))?;
        undo.temps.retain(|pending| pending != &temp);
    }
    for relative in &changes.removals {
        let target = out.join(relative);
        let backup = temp_path(&target);
        fs::rename(&target, &backup).map_err(write_error(&target))?;
        undo.removed.push((backup, target));
    }
    Ok(())
}

/// What to undo if the run fails, and to clean up if it succeeds.
#[derive(Default)]
struct Undo {
    /// Folders created, outermost first.
    folders: Vec<PathBuf>,
    /// Temporary files written but not yet switched in.
    temps: Vec<PathBuf>,
    /// Files that did not exist before.
    created: Vec<PathBuf>,
    /// Replaced files: (backup of the old contents, target).
    replaced: Vec<(PathBuf, PathBuf)>,
    /// Deleted files: (where they were moved, target).
    removed: Vec<(PathBuf, PathBuf)>,
}

impl Undo {
    /// Drops the backups: the new state stays.
    fn commit(self) {
        for (backup, _) in self.replaced.iter().chain(&self.removed) {
            // A backup that cannot be deleted is a leftover the next run deletes.
            let _ = fs::remove_file(backup);
        }
    }

    /// Puts back what was there, newest change first. Each step is tried even
    /// if an earlier one failed: a partial undo beats none.
    fn roll_back(self) {
        for (backup, target) in self.removed.iter().rev().chain(self.replaced.iter().rev()) {
            let _ = fs::rename(backup, target);
        }
        for path in self.created.iter().chain(&self.temps) {
            let _ = fs::remove_file(path);
        }
        for folder in self.folders.iter().rev() {
            let _ = fs::remove_dir(folder);
        }
    }
}

/// Creates the missing folders between `out` and the file `relative`; refuses
/// to go through a link or anything else that is not a folder, so that no
/// write can land outside `out`.
fn make_parents(out: &Path, relative: &str, undo: &mut Undo) -> io::Result<()> {
    let mut dir = out.to_owned();
    let parents: Vec<&str> = relative.split('/').collect();
    for part in &parents[..parents.len() - 1] {
        dir.push(part);
        match scan::kind(&dir)? {
            Kind::Folder => {}
            Kind::Missing => {
                fs::create_dir(&dir)?;
                undo.folders.push(dir.clone());
            }
            Kind::Link => {
                return Err(io::Error::other(format!(
                    "{} is a link; the generator never writes through links",
                    dir.display()
                )));
            }
            Kind::File | Kind::Special => {
                return Err(io::Error::other(format!("{} is not a folder", dir.display())));
            }
        }
    }
    Ok(())
}

/// Most temporary files written at once. Each is synced to disk before it is
/// switched in, and a sync waits on the disk (about 7 ms a file on the
/// project machine, whatever its size): one after the other, the 64 files of
/// a generated crate waited 0.47 s; side by side, the file system commits
/// them together.
const MAX_WRITERS: usize = 16;

/// Writes `contents` to a new temporary file beside `target` and returns its
/// path. The name is random and the file is created exclusively (`O_EXCL`,
/// which also refuses a link planted at the name), so nobody can predict it
/// or redirect the write.
fn write_temp(target: &Path, contents: &[u8]) -> io::Result<PathBuf> {
    let mut tries = 0;
    loop {
        let temp = temp_path(target);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW).mode(0o644);
        }
        match options.open(&temp) {
            Ok(mut file) => {
                let written = file.write_all(contents).and_then(|()| file.sync_all());
                if let Err(err) = written {
                    let _ = fs::remove_file(&temp);
                    return Err(err);
                }
                return Ok(temp);
            }
            Err(err) if err.kind() == io::ErrorKind::AlreadyExists && tries < NAME_TRIES => tries += 1,
            Err(err) => return Err(err),
        }
    }
}

/// Keeps the current contents of `target` under a temporary name, so a failed
/// run can put them back: a hard link where the file system has them (the
/// target stays in place for readers), else a rename.
fn keep_backup(target: &Path) -> io::Result<PathBuf> {
    let backup = temp_path(target);
    if fs::hard_link(target, &backup).is_err() {
        fs::rename(target, &backup)?;
    }
    Ok(backup)
}

fn temp_path(target: &Path) -> PathBuf {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    target.with_file_name(scan::temp_name(&name, random()))
}

/// A number nobody outside this process can predict: the standard library's
/// per-process random hash keys over a counter, the time and the process id.
fn random() -> u64 {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    hasher.write_u128(now.as_nanos());
    hasher.write_u32(std::process::id());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_names_do_not_repeat() {
        let names: std::collections::BTreeSet<PathBuf> = (0..1000).map(|_| temp_path(Path::new("d/code.rs"))).collect();
        assert_eq!(names.len(), 1000);
    }
}
