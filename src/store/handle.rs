//! The redb handle behind a `Store`: writable, or read-only when the file may only be
//! read (another user's file, an immutable file, a read-only mount, a write-protected USB
//! stick). Reading works the same on both; a write on a read-only handle is refused in
//! words before redb is asked.

use redb::{
    Database, ReadOnlyDatabase, ReadTransaction, ReadableDatabase, TransactionError,
    WriteTransaction,
};

use super::StoreError;

pub enum Handle {
    Writable(Database),
    ReadOnly(ReadOnlyDatabase),
    /// A file `avtal check` found damaged (see `damage`): read, and checked again, but not
    /// written.
    Damaged(Database, std::path::PathBuf),
}

/// Write transactions begun in this process, for views that keep what they computed until
/// anything may have changed (no other process can write while this one has the file).
static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// How many write transactions this process has begun (see [`WRITES`]).
pub fn writes() -> u64 {
    WRITES.load(std::sync::atomic::Ordering::Relaxed)
}

impl Handle {
    pub fn begin_read(&self) -> Result<ReadTransaction, TransactionError> {
        match self {
            Handle::Writable(db) | Handle::Damaged(db, _) => db.begin_read(),
            Handle::ReadOnly(db) => db.begin_read(),
        }
    }

    /// A write transaction, or `OpenedReadOnly` on a file opened for reading only.
    pub fn begin_write(&self) -> Result<WriteTransaction, StoreError> {
        WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        match self {
            Handle::Writable(db) => Ok(db.begin_write()?),
            Handle::ReadOnly(_) => Err(StoreError::OpenedReadOnly),
            Handle::Damaged(_, path) => Err(StoreError::MarkedDamaged(path.clone())),
        }
    }

    pub fn read_version(&self) -> Result<super::migrate::Version, StoreError> {
        match self {
            Handle::Writable(db) | Handle::Damaged(db, _) => super::migrate::read_version(db),
            Handle::ReadOnly(db) => super::migrate::read_version(db),
        }
    }

    pub fn is_read_only(&self) -> bool {
        matches!(self, Handle::ReadOnly(_))
    }
}
