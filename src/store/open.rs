//! Getting a redb handle on a path without ever harming what is there: a file that is not
//! ours is refused before redb sees it, a damaged file is reported and left byte-identical,
//! and a file left by an unclean shutdown (kill -9, power loss) is repaired as normal.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use redb::{Builder, Database, DatabaseError, ReadOnlyDatabase, StorageError};

use super::StoreError;

/// redb's file signature: the first nine bytes of every redb file.
const REDB_MAGIC: [u8; 9] = [b'r', b'e', b'd', b'b', 0x1A, 0x0A, 0xA9, 0x0D, 0x0A];

/// Tens of MiB, not redb's 1 GiB default: the register is small and the laptop is shared.
const CACHE_BYTES: usize = 32 * 1024 * 1024;

/// The page cache of databases opened from now on in this process (see `set_cache_bytes`).
static CACHE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(CACHE_BYTES);

/// A bulk import writes far more pages in one transaction than the application's 32 MiB
/// cache holds (redb spills them to disk mid-transaction), so the importing commands ask
/// for a larger one; the application keeps the small one to stay light.
pub fn set_cache_bytes(bytes: usize) {
    CACHE.store(bytes, std::sync::atomic::Ordering::Relaxed);
}

/// What lies at the path before we open it.
pub enum Found {
    /// Nothing, or an empty file: a new database is made there.
    Nothing,
    /// A file that starts with redb's signature.
    Redb,
}

/// Looks at the path without changing it. Anything that is neither absent, empty nor
/// redb-signed is `NotADatabase`.
pub fn inspect(path: &Path) -> Result<Found, StoreError> {
    let mut file = match File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => return Err(io_error(path, &e)),
    };
    let meta = file.metadata().map_err(|e| io_error(path, &e))?;
    if !meta.is_file() {
        return Err(StoreError::NotADatabase(path.to_path_buf()));
    }
    if meta.len() == 0 {
        return Ok(Found::Nothing);
    }
    let mut head = [0u8; REDB_MAGIC.len()];
    // A non-empty file shorter than the signature is not a database either.
    match file.read_exact(&mut head) {
        Ok(()) if head == REDB_MAGIC => Ok(Found::Redb),
        Ok(()) => Err(StoreError::NotADatabase(path.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => {
            Err(StoreError::NotADatabase(path.to_path_buf()))
        }
        Err(e) => Err(io_error(path, &e)),
    }
}

/// Builds a new database under a temporary name beside `path` with `init`, and only when
/// it is complete puts it in place. redb writes a fresh file in several steps; a process
/// killed between them would otherwise leave a file that no later avtal can open.
/// A hard link never replaces: if another avtal created the file meanwhile, theirs wins.
/// An empty file at `path` (made by hand, or by a crash before anything was written) is
/// replaced.
pub fn create_in_place_of(
    path: &Path,
    init: impl FnOnce(&Path) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir).map_err(|e| io_error(&dir, &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "avtal.redb".into());
    let tmp = dir.join(format!(".{name}.new-{}", std::process::id()));
    // A leftover of an earlier process that had our id and was killed: never in use.
    let _ = fs::remove_file(&tmp);
    let built = init(&tmp);
    let placed = built.and_then(|()| {
        let empty = fs::metadata(path).map(|m| m.len() == 0).unwrap_or(false);
        if empty {
            return fs::rename(&tmp, path).map_err(|e| io_error(path, &e));
        }
        match fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            Err(_) if !path.exists() => fs::rename(&tmp, path).map_err(|e| io_error(path, &e)),
            Err(e) => Err(io_error(path, &e)),
        }
    });
    // Once placed the temporary name is not needed; failing to remove it leaves a stray
    // file, not a wrong database.
    let _ = fs::remove_file(&tmp);
    placed
}

/// Makes a new database at `path` (absent or empty): parent directories, the file with mode
/// 0600 (the register names people and money), then redb's initialisation.
pub fn create(path: &Path) -> Result<Database, StoreError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(|e| io_error(dir, &e))?;
    }
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(path).map_err(|e| io_error(path, &e))?;
    // `mode` applies only when the file is created; an empty file someone made beforehand
    // gets the same protection now that it is becoming the register.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(fs::Permissions::from_mode(0o600))
            .map_err(|e| io_error(path, &e))?;
    }
    drop(file);
    guarded(path, || builder(false).create(path))
}

/// Opens an existing, redb-signed file for reading only. This never writes to the file, so
/// it is how the schema version is read before anything is changed. A file that needs
/// repair gives `Ok(None)`.
pub fn probe(path: &Path) -> Result<Option<ReadOnlyDatabase>, StoreError> {
    match catch(|| builder(false).open_read_only(path)) {
        Ok(Ok(db)) => Ok(Some(db)),
        Ok(Err(DatabaseError::RepairAborted)) => Ok(None),
        Ok(Err(e)) => Err(open_error(path, e)),
        Err(detail) => Err(damaged(path, detail)),
    }
}

/// Opens an existing, redb-signed file for writing. A file left by an unclean shutdown
/// (kill -9, power loss, a full disk mid-write) is repaired: redb's repair rebuilds its
/// allocation state from the last durable commit and commits that like any write, so a
/// crash during the repair leaves a file that needs the same repair again. A copy is kept
/// aside during the repair where the disk has room for it, and put back byte for byte if
/// the repair fails; without the room, the repair runs without it rather than locking the
/// user out of the register (opening with less free space than the file's size).
pub fn open_for_writing(path: &Path) -> Result<Database, StoreError> {
    match catch(|| builder(false).open(path)) {
        Ok(Ok(db)) => return Ok(db),
        Ok(Err(DatabaseError::RepairAborted)) => {}
        Ok(Err(e)) => return Err(open_error(path, e)),
        Err(detail) => return Err(damaged(path, detail)),
    }
    let saved = if room_for_a_copy(path) {
        match copy_aside(path, "before-repair") {
            Ok(saved) => Some(saved),
            // The room went while copying (another program, a quota): repair without it.
            Err(StoreError::DiskFull { .. }) => None,
            Err(e) => return Err(e),
        }
    } else {
        None
    };
    let outcome = match catch(|| builder(true).open(path)) {
        Ok(Ok(db)) => Ok(db),
        Ok(Err(e)) => Err(repair_error(path, e)),
        Err(detail) => Err(damaged(path, detail)),
    };
    let Some(saved) = saved else {
        return outcome;
    };
    match outcome {
        Ok(db) => {
            // The repair only rolled back to the last durable commit, which is what an
            // unclean shutdown means; the pre-repair copy has nothing more to offer, and
            // keeping one per crash would fill the disk. Failing to remove it is harmless.
            let _ = fs::remove_file(&saved);
            Ok(db)
        }
        Err(err) => match put_back(&saved, path) {
            Ok(()) => {
                // The file is byte-identical to before again; the copy is redundant.
                let _ = fs::remove_file(&saved);
                Err(err)
            }
            // Keep the copy and say where it is: it is now the only intact original.
            Err(e) => Err(damaged(
                path,
                format!("{err}; {e}; original kept at {}", saved.display()),
            )),
        },
    }
}

/// Whether the disk holding `path` has room for a copy of it with a margin left for
/// everything else (the repair itself, other programs): a tenth of the file and 64 MiB.
fn room_for_a_copy(path: &Path) -> bool {
    const MARGIN: u64 = 64 * 1024 * 1024;
    let Ok(size) = fs::metadata(path).map(|m| m.len()) else {
        return false;
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs4::available_space(dir).is_ok_and(|free| free > size + size / 10 + MARGIN)
}

/// A repair that could not write for want of room says so: the user asked to open the
/// register, not to change it, and nothing was changed.
fn repair_error(path: &Path, e: DatabaseError) -> StoreError {
    match open_error(path, e) {
        StoreError::DiskFull { detail } => StoreError::NoRoomToRepair {
            path: path.to_path_buf(),
            detail,
        },
        other => other,
    }
}

/// Puts the bytes of `saved` (a copy made by [`copy_aside`]) back at `path`, keeping the
/// mode `path` has: fs::copy alone would give it the copy's 0600.
pub fn put_back(saved: &Path, path: &Path) -> io::Result<()> {
    let permissions = fs::metadata(path)?.permissions();
    fs::copy(saved, path)?;
    fs::set_permissions(path, permissions)
}

/// Copies `path` to `<path>.<tag>` (or `<path>.<tag>.1`, `.2`, … when that exists), with mode
/// 0600, and syncs it. Never overwrites anything; returns where the copy went.
pub fn copy_aside(path: &Path, tag: &str) -> Result<PathBuf, StoreError> {
    let mut source = File::open(path).map_err(|e| io_error(path, &e))?;
    let mut n = 0u32;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".{tag}"));
        if n > 0 {
            name.push(format!(".{n}"));
        }
        let target = PathBuf::from(name);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        match options.open(&target) {
            Ok(mut out) => {
                let copied = io::copy(&mut source, &mut out).and_then(|_| out.sync_all());
                return match copied {
                    Ok(()) => Ok(target),
                    Err(e) => {
                        let _ = fs::remove_file(&target);
                        Err(io_error(&target, &e))
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 10_000 => n += 1,
            Err(e) => return Err(io_error(&target, &e)),
        }
    }
}

fn builder(allow_repair: bool) -> Builder {
    let mut b = Builder::new();
    b.set_cache_size(CACHE.load(std::sync::atomic::Ordering::Relaxed));
    if !allow_repair {
        b.set_repair_callback(|session| session.abort());
    }
    b
}

/// Runs a redb open that may panic: redb documents that opening a file corrupted outside
/// redb (flipped bits, say) "may panic". A panic here means a damaged file, to be reported,
/// not a crashed program. The handle and its lock are dropped while unwinding.
fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_else(|| "redb panicked while opening the file".to_string())
    })
}

fn guarded(
    path: &Path,
    f: impl FnOnce() -> Result<Database, DatabaseError>,
) -> Result<Database, StoreError> {
    match catch(f) {
        Ok(r) => r.map_err(|e| open_error(path, e)),
        Err(detail) => Err(damaged(path, detail)),
    }
}

fn open_error(path: &Path, e: DatabaseError) -> StoreError {
    match e {
        // A protocol mismatch is another process, running another redb, holding the file.
        DatabaseError::DatabaseAlreadyOpen | DatabaseError::LockProtocolMismatch => {
            StoreError::AlreadyOpen(path.to_path_buf())
        }
        // redb opens for reading and writing: a file the user may only read is refused here.
        // So is a file on a read-only mount (a write-protected stick, a CD, a snapshot).
        DatabaseError::Storage(StorageError::Io(io))
            if matches!(
                io.kind(),
                io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
            ) =>
        {
            StoreError::ReadOnly {
                path: path.to_path_buf(),
                detail: io.to_string(),
            }
        }
        // Could not even get at the file (permissions, a full disk): not the file's fault.
        DatabaseError::Storage(StorageError::Io(io))
            if !matches!(
                io.kind(),
                io::ErrorKind::UnexpectedEof | io::ErrorKind::InvalidData
            ) =>
        {
            io_error(path, &io)
        }
        other => damaged(path, other.to_string()),
    }
}

fn damaged(path: &Path, detail: String) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    }
}

fn io_error(path: &Path, e: &io::Error) -> StoreError {
    // The path may be a temporary name beside the database; a full disk is the whole story.
    if super::error::is_disk_full(e) {
        return StoreError::DiskFull {
            detail: e.to_string(),
        };
    }
    StoreError::Io {
        path: path.to_path_buf(),
        detail: e.to_string(),
    }
}

/// Compacts `db` as far as redb can. A failure leaves the file as redb's crash safety
/// leaves it, consistent, only larger than it could be, so it is not an error to report.
pub fn compact(db: &mut Database) {
    while let Ok(true) = db.compact() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Root ignores file permissions, so the binary test of a 0400 file is skipped there;
    /// this holds the mapping itself.
    #[test]
    fn a_file_we_may_not_write_is_read_only_not_damaged() {
        let e = DatabaseError::Storage(StorageError::Io(io::Error::from(
            io::ErrorKind::PermissionDenied,
        )));
        assert!(matches!(
            open_error(Path::new("a.redb"), e),
            StoreError::ReadOnly { .. }
        ));
    }
}
