//! What can go wrong in the store, and how each failure is put in words.

use std::path::PathBuf;

use crate::i18n::Catalog;
use crate::tr;

#[derive(Debug)]
pub enum StoreError {
    /// Another process (or handle) has the file open.
    AlreadyOpen(PathBuf),
    /// The file exists but is not an avtal database (not redb, or redb written by another
    /// program). The file is left untouched.
    NotADatabase(PathBuf),
    /// The file is a redb database but cannot be read (truncated or damaged). The file is
    /// left as it was found.
    Damaged {
        path: PathBuf,
        detail: String,
    },
    /// Written by a newer avtal.
    NewerSchema {
        path: PathBuf,
        found: u32,
        supported: u32,
    },
    /// A record could not be decoded.
    Corrupt {
        what: String,
        detail: String,
    },
    /// An agreement with this reference is already in the register.
    DuplicateReference(String),
    NotFound(String),
    /// An agreement to restore has an id that is taken (restored twice, or never deleted).
    IdInUse(u64),
    Io {
        path: PathBuf,
        detail: String,
    },
    /// The disk is full, or the file may not grow any larger (a quota, a size limit):
    /// nothing of the change was written, and what was committed before is kept.
    DiskFull {
        detail: String,
    },
    /// A file left by an unclean shutdown needs redb's repair before it can be read, and
    /// the repair could not write for want of room. Nothing was changed.
    NoRoomToRepair {
        path: PathBuf,
        detail: String,
    },
    /// An earlier write failed (a full disk, say), after which redb refuses every use of
    /// this handle: the program must be restarted. What was committed is in the file.
    NeedsRestart,
    /// Any other storage failure, with redb's own words.
    Storage(String),
    /// A record larger than what can be read back (`encoding::MAX_RECORD`): refused before
    /// anything is written, so the file never holds a record that breaks its reading.
    TooLarge {
        what: String,
        bytes: usize,
        max: usize,
    },
    /// Upgrading the file from an older schema failed. Nothing was changed in the file (the
    /// migration is one transaction); the copy taken before it is kept at `backup`.
    Migration {
        path: PathBuf,
        from: u32,
        to: u32,
        backup: PathBuf,
        detail: String,
    },
    /// Part of the file could not be read: redb failed (panicked) on a damaged page.
    Unreadable {
        path: PathBuf,
        /// A table's name, or what was being read.
        what: String,
        detail: String,
    },
    /// A change asked of a register that `avtal check` found damaged: refused until the
    /// file is replaced by a good copy or a check passes.
    MarkedDamaged(PathBuf),
    /// A change asked of a register opened read-only (see `Store::is_read_only`): refused
    /// before anything is written.
    OpenedReadOnly,
    /// The file may only be read, and reading it needs a write first: a repair after an
    /// unclean shutdown, or a migration from an older avtal.
    ReadOnlyNeedsWrite {
        path: PathBuf,
        why: ReadOnlyWhy,
    },
    /// The database file cannot be written (read-only, or not ours to write).
    ReadOnly {
        path: PathBuf,
        detail: String,
    },
    /// A backup's destination exists; backups never overwrite.
    BackupExists(PathBuf),
    /// Writing a backup failed (the partial copy was removed).
    BackupWrite {
        path: PathBuf,
        detail: String,
    },
    /// A backup ran out of disk space (the partial copy was removed).
    BackupDiskFull(PathBuf),
    /// A backup was stopped before it was complete (the partial copy was removed).
    BackupCancelled,
    /// The file holds a table that `tables::ALL` does not list, so a backup would miss it.
    UnlistedTable(String),
}

/// What to do with a damaged register: put the latest daily copy in its place, named.
fn restore_advice(cat: &Catalog, path: &std::path::Path) -> String {
    match super::backup::latest_daily_copy(path) {
        Some(copy) => tr!(cat, "store.restore_copy", copy = copy.display()),
        None => tr!(cat, "store.restore_no_copy").to_string(),
    }
}

/// Why a read-only file could not be opened as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyWhy {
    NeedsRepair,
    OlderSchema,
}

impl StoreError {
    /// The error in the user's language.
    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            StoreError::AlreadyOpen(p) => tr!(cat, "store.already_open", path = p.display()),
            StoreError::TooLarge { what, bytes, max } => tr!(
                cat,
                "store.too_large",
                what = what,
                mib = format!("{:.1}", *bytes as f64 / (1024.0 * 1024.0)),
                max_mib = max / (1024 * 1024)
            ),
            StoreError::NotADatabase(p) => tr!(cat, "store.not_a_database", path = p.display()),
            StoreError::Damaged { path, detail } => {
                tr!(cat, "store.damaged", path = path.display(), detail = detail)
            }
            StoreError::NewerSchema {
                path,
                found,
                supported,
            } => tr!(
                cat,
                "store.newer_schema",
                path = path.display(),
                found = found,
                supported = supported
            ),
            StoreError::Corrupt { what, detail } => {
                tr!(cat, "store.corrupt", what = what, detail = detail)
            }
            StoreError::DuplicateReference(r) => {
                tr!(cat, "store.duplicate_reference", reference = r)
            }
            StoreError::NotFound(what) => tr!(cat, "store.not_found", what = what),
            StoreError::IdInUse(id) => tr!(cat, "store.id_in_use", id = id),
            StoreError::Io { path, detail } => {
                tr!(cat, "store.io", path = path.display(), detail = detail)
            }
            StoreError::DiskFull { detail } => tr!(cat, "store.disk_full", detail = detail),
            StoreError::NoRoomToRepair { path, detail } => tr!(
                cat,
                "store.no_room_to_repair",
                path = path.display(),
                detail = detail
            ),
            StoreError::NeedsRestart => tr!(cat, "store.needs_restart").to_string(),
            StoreError::OpenedReadOnly => tr!(cat, "store.opened_read_only").to_string(),
            StoreError::MarkedDamaged(path) => {
                tr!(
                    cat,
                    "store.marked_damaged",
                    path = path.display(),
                    restore = restore_advice(cat, path)
                )
            }
            StoreError::Unreadable { path, what, detail } => {
                tr!(
                    cat,
                    "store.damaged_unreadable",
                    path = path.display(),
                    what = what,
                    detail = detail,
                    restore = restore_advice(cat, path)
                )
            }
            StoreError::ReadOnlyNeedsWrite { path, why } => {
                let key = match why {
                    ReadOnlyWhy::NeedsRepair => "store.read_only_needs_repair",
                    ReadOnlyWhy::OlderSchema => "store.read_only_older_schema",
                };
                tr!(cat, key, path = path.display())
            }
            StoreError::Storage(detail) => tr!(cat, "store.storage", detail = detail),
            StoreError::Migration {
                path,
                from,
                to,
                backup,
                detail,
            } => tr!(
                cat,
                "store.migration",
                path = path.display(),
                from = from,
                to = to,
                backup = backup.display(),
                detail = detail
            ),
            StoreError::ReadOnly { path, detail } => {
                tr!(
                    cat,
                    "store.read_only",
                    path = path.display(),
                    detail = detail
                )
            }
            StoreError::BackupExists(p) => tr!(cat, "store.backup_exists", path = p.display()),
            StoreError::BackupWrite { path, detail } => {
                tr!(
                    cat,
                    "store.backup_write",
                    path = path.display(),
                    detail = detail
                )
            }
            StoreError::BackupDiskFull(p) => {
                tr!(cat, "store.backup_disk_full", path = p.display())
            }
            StoreError::BackupCancelled => tr!(cat, "store.backup_cancelled").to_string(),
            StoreError::UnlistedTable(name) => tr!(cat, "store.unlisted_table", name = name),
        }
    }
}

impl std::fmt::Display for StoreError {
    /// English, for logs and `{:?}`-less test output; the UI uses [`StoreError::message`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Catalog::get(crate::i18n::Lang::En)))
    }
}

impl std::error::Error for StoreError {}

/// True for the ways a write fails because there is no room: a full disk, a quota, or a
/// file size limit (`ulimit -f`).
pub(super) fn is_disk_full(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(
        e.kind(),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded | ErrorKind::FileTooLarge
    )
}

impl From<redb::Error> for StoreError {
    fn from(e: redb::Error) -> Self {
        match e {
            redb::Error::Io(io) if is_disk_full(&io) => StoreError::DiskFull {
                detail: io.to_string(),
            },
            redb::Error::PreviousIo => StoreError::NeedsRestart,
            other => StoreError::Storage(other.to_string()),
        }
    }
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::from(redb::Error::from(e))
            }
        }
    )*};
}
from_redb!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::CursorError
);
