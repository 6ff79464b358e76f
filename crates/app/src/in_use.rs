//! Whether a data directory is open in another process. Every process that opens a [`Directory`]
//! on it (a server, a search, a match) holds a shared lock on `DIR/in-use.lock` for as long as it
//! is open, and `signpost check --repair` asks for it alone before it rebuilds the index: so a
//! server is seen even when its store is PostgreSQL and it has not written (SQLite's own locks
//! cannot tell then).
//!
//! [`Directory`]: crate::directory::Directory

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::error::{AppError, Result};

/// The lock file in the data directory.
pub const IN_USE_FILE: &str = "in-use.lock";

/// A shared hold on a data directory's lock file, released when dropped (or the process ends).
#[derive(Debug)]
pub struct InUse {
    _file: File,
}

fn lock_file(db_dir: &Path) -> Result<File> {
    let path = db_dir.join(IN_USE_FILE);
    std::fs::create_dir_all(db_dir)
        .and_then(|()| {
            OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
        })
        .map_err(|source| AppError::io(format!("cannot open {}", path.display()), source))
}

impl InUse {
    /// Holds `db_dir` open for this process (shared: other processes may hold it too).
    pub fn hold(db_dir: &Path) -> Result<InUse> {
        let file = lock_file(db_dir)?;
        file.lock_shared()
            .map_err(|source| AppError::io(format!("cannot lock {}", db_dir.display()), source))?;
        Ok(InUse { _file: file })
    }
}

/// Whether another process holds `db_dir` open.
pub fn held_elsewhere(db_dir: &Path) -> Result<bool> {
    let file = lock_file(db_dir)?;
    match file.try_lock() {
        Ok(()) => Ok(false),
        Err(TryLockError::WouldBlock) => Ok(true),
        Err(TryLockError::Error(source)) => Err(AppError::io(
            format!("cannot lock {}", db_dir.display()),
            source,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_directory_is_seen_until_let_go() {
        let dir = tempfile::tempdir().expect("dir");
        assert!(!held_elsewhere(dir.path()).expect("free"));
        let held = InUse::hold(dir.path()).expect("hold");
        assert!(held_elsewhere(dir.path()).expect("held"));
        drop(held);
        assert!(!held_elsewhere(dir.path()).expect("free again"));
    }
}
