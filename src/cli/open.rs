//! Opening the database for a command. A new file is made under a temporary name
//! beside the target and linked into place only when complete: redb writes a fresh
//! file in several steps, and a process killed between them would otherwise leave a
//! file that no later avtal can open (found by `tests/cli_crash.rs`).

use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::store::{Store, StoreError};

pub(super) fn open(path: &Path) -> Result<Store, StoreError> {
    if !path.exists() {
        create(path)?;
    }
    Store::open(path)
}

fn create(path: &Path) -> Result<(), StoreError> {
    let io = |p: &Path, e: std::io::Error| StoreError::Io {
        path: p.to_path_buf(),
        detail: e.to_string(),
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(
        ".{}.new-{}",
        name.unwrap_or_else(|| "avtal.redb".into()),
        std::process::id()
    ));
    // A leftover of an earlier process that had our id and was killed: never in use.
    let _ = std::fs::remove_file(&tmp);
    drop(Store::open(&tmp)?);
    // A hard link never replaces: if another avtal created the file meanwhile, theirs
    // wins and we open it. Where links are not supported, rename if still absent.
    let linked = match std::fs::hard_link(&tmp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Ok(()),
        Err(_) if !path.exists() => std::fs::rename(&tmp, path).map_err(|e| io(path, e)),
        Err(_) => Ok(()),
    };
    // Once linked (or renamed) the temporary name is not needed; failing to remove it
    // leaves a stray file, not a wrong database.
    let _ = std::fs::remove_file(&tmp);
    linked
}
