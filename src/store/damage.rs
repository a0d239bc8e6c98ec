//! What `avtal check` found damaged stays known: a note beside the file
//! (`.NAME.damaged`) makes every later open refuse writes, with what to do, until a check
//! passes (after a good copy was put in its place) or the file is plainly another one (a
//! copy moved in has another size or inode, and the note goes by itself). Writing more
//! into a file with damaged pages can only spread the damage.

use std::fs;
use std::path::{Path, PathBuf};

fn note_path(db: &Path) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "avtal.redb".into());
    db.with_file_name(format!(".{name}.damaged"))
}

/// The file as the note knows it: its size, and on Unix its inode. Not its time or bytes:
/// opening a file for writing rewrites redb's header.
fn identity(db: &Path) -> Option<String> {
    let meta = fs::metadata(db).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0u64;
    Some(format!("{} {inode}", meta.len()))
}

/// Records that `db`, as it is now, was found damaged: `findings` in words.
pub fn mark(db: &Path, findings: &str) {
    if let Some(id) = identity(db) {
        // A note that cannot be written only loses the protection, never data.
        let _ = fs::write(note_path(db), format!("{id}\n{findings}\n"));
    }
}

/// Whether `db` is the file a check found damaged. A note about another file (the
/// damaged one was replaced by a copy) is removed.
pub fn marked(db: &Path) -> bool {
    let note = note_path(db);
    let Ok(text) = fs::read_to_string(&note) else {
        return false;
    };
    let same = text
        .lines()
        .next()
        .is_some_and(|first| Some(first.to_string()) == identity(db));
    if !same {
        let _ = fs::remove_file(&note);
    }
    same
}

/// A check found the file whole: the note goes.
pub fn clear(db: &Path) {
    let _ = fs::remove_file(note_path(db));
}
