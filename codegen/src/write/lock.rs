//! One run at a time per output folder: an advisory lock the operating system
//! releases when the process ends, however it ends, so a killed run never
//! leaves the folder locked.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::Error;

/// Longest a run waits for another run on the same folder to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(30);

/// How often a waiting run tries again.
const RETRY_EVERY: Duration = Duration::from_millis(10);

/// Held while a run reads or writes the folder; dropping it unlocks.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

/// Whether a lock keeps others out (writing) or only writers (checking).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No one else may read or write.
    Exclusive,
    /// Others may check at the same time; no one may write.
    Shared,
}

/// Locks the existing folder `out`, waiting up to [`LOCK_WAIT`] for another run.
pub fn lock(out: &Path, access: Access) -> Result<FolderLock, Error> {
    let file = open_lock_file(out).map_err(|source| Error::OutputRead {
        path: out.display().to_string(),
        source,
    })?;
    let started = Instant::now();
    loop {
        let attempt = match access {
            Access::Exclusive => file.try_lock(),
            Access::Shared => file.try_lock_shared(),
        };
        match attempt {
            Ok(()) => return Ok(FolderLock { _file: file }),
            Err(TryLockError::WouldBlock) if started.elapsed() < LOCK_WAIT => std::thread::sleep(RETRY_EVERY),
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    out: out.display().to_string(),
                    waited: LOCK_WAIT,
                });
            }
            Err(TryLockError::Error(source)) => {
                return Err(Error::OutputRead {
                    path: out.display().to_string(),
                    source,
                });
            }
        }
    }
}

/// The folder itself carries the lock where the system can lock a folder,
/// so no lock file is left in it.
#[cfg(unix)]
fn open_lock_file(out: &Path) -> std::io::Result<File> {
    File::open(out)
}

/// Elsewhere a dot-file in the folder does (dot-files are never scanned).
#[cfg(not(unix))]
fn open_lock_file(out: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(out.join(".errcat.lock"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_for_the_first_and_checkers_share() {
        let dir = std::env::temp_dir().join(format!("codegen-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = lock(&dir, Access::Shared).unwrap();
        let second = lock(&dir, Access::Shared).unwrap();
        let (sender, receiver) = std::sync::mpsc::channel();
        let waiting = {
            let dir = dir.clone();
            std::thread::spawn(move || {
                let held = lock(&dir, Access::Exclusive).unwrap();
                sender.send(()).unwrap();
                drop(held);
            })
        };
        assert!(
            receiver.recv_timeout(Duration::from_millis(200)).is_err(),
            "the writer did not wait"
        );
        drop((first, second));
        receiver.recv_timeout(LOCK_WAIT).expect("the writer never got the lock");
        waiting.join().unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
