//! Backups (DESIGN §3, §6): a consistent copy of the database made from one read
//! transaction into a new redb file, never by copying the bytes of an open file. Every
//! table of [`ALL`] is copied row by row, so a table added later is copied as soon
//! as it is listed there (and a file holding a table that is not listed is refused rather
//! than half copied).
//!
//! Never overwrites: the copy is built under a temporary name beside the destination and
//! linked into place only when complete; an existing destination is refused. A failed copy
//! (a full disk, a cancelled run) removes its temporary file.
//!
//! The rotating copies live beside the database in `avtal-backups/`, named for the
//! database file (`avtal` for `avtal.redb`, so two databases in one folder keep apart):
//! one a day (`avtal-YYYY-MM-DD.redb`, the newest [`KEEP_DAILY`] kept) and any number made
//! on request (`avtal-YYYY-MM-DD-HHMM.redb`, never deleted by avtal: the user asked for
//! each one).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use redb::{
    Key, MultimapTableHandle, ReadTransaction, TableDefinition, TableError, TableHandle, Value,
};
use time::{Date, PrimitiveDateTime};

use super::contain::contain;
use super::tables::ALL;
use super::{Store, StoreError, open};

/// How many daily copies the rotation keeps.
pub const KEEP_DAILY: usize = 7;
/// The folder beside the database that holds the rotating copies.
pub const BACKUP_DIR: &str = "avtal-backups";

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupReport {
    pub path: PathBuf,
    /// Tables copied (empty ones included).
    pub tables: usize,
    /// Rows copied over all tables.
    pub records: u64,
    /// Size of the new file.
    pub bytes: u64,
    /// Tables of a damaged register that could not be read whole, with what redb met: the
    /// copy holds what could be read of them.
    pub unreadable: Vec<(String, String)>,
}

/// A table whose rows can be copied and read without knowing its key and value types.
/// Implemented for every [`TableDefinition`]; [`ALL`] lists them.
pub trait AnyTable: Sync {
    fn name(&self) -> &str;
    /// Copies every row of this table in `from` into the same table in `to` (created even
    /// when empty), checking `cancel` now and then. Errors reading are the source's, errors
    /// writing are `dest`'s.
    fn copy_rows(
        &self,
        from: &ReadTransaction,
        to: &redb::WriteTransaction,
        dest: &Path,
        cancel: &AtomicBool,
    ) -> Result<u64, StoreError>;
    /// Reads every row (so every page of the table is visited) and returns the count; a
    /// table that does not exist counts 0.
    fn count_rows(&self, txn: &ReadTransaction) -> Result<u64, StoreError>;
    /// Every row as the bytes redb stores, for comparing two files in tests.
    fn raw_rows(&self, txn: &ReadTransaction) -> Result<RawRows, StoreError>;
    /// redb's page statistics of this table (None when it does not exist), for measuring
    /// where a file's bytes go.
    fn stats(&self, txn: &ReadTransaction) -> Result<Option<redb::TableStats>, StoreError>;
}

impl<K: Key + Sync + 'static, V: Value + Sync + 'static> AnyTable
    for TableDefinition<'static, K, V>
{
    fn name(&self) -> &str {
        TableHandle::name(self)
    }

    fn copy_rows(
        &self,
        from: &ReadTransaction,
        to: &redb::WriteTransaction,
        dest: &Path,
        cancel: &AtomicBool,
    ) -> Result<u64, StoreError> {
        let mut out = to.open_table(*self).map_err(|e| write_failed(dest, e))?;
        let src = match from.open_table(*self) {
            Ok(t) => t,
            // A file from before this table existed: the copy gets it empty, as
            // `Store::open` would give it.
            Err(TableError::TableDoesNotExist(_)) => return Ok(0),
            Err(e) => return Err(e.into()),
        };
        let mut n = 0u64;
        for row in redb::ReadableTable::iter(&src)? {
            let (k, v) = row?;
            out.insert(k.value(), v.value())
                .map_err(|e| write_failed(dest, e))?;
            n += 1;
            if n % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                return Err(StoreError::BackupCancelled);
            }
        }
        Ok(n)
    }

    fn count_rows(&self, txn: &ReadTransaction) -> Result<u64, StoreError> {
        let table = match txn.open_table(*self) {
            Ok(t) => t,
            Err(TableError::TableDoesNotExist(_)) => return Ok(0),
            Err(e) => return Err(e.into()),
        };
        let mut n = 0u64;
        for row in redb::ReadableTable::iter(&table)? {
            row?;
            n += 1;
        }
        Ok(n)
    }

    fn raw_rows(&self, txn: &ReadTransaction) -> Result<RawRows, StoreError> {
        let table = match txn.open_table(*self) {
            Ok(t) => t,
            Err(TableError::TableDoesNotExist(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e.into()),
        };
        let mut out = Vec::new();
        for row in redb::ReadableTable::iter(&table)? {
            let (k, v) = row?;
            out.push((
                K::as_bytes(&k.value()).as_ref().to_vec(),
                V::as_bytes(&v.value()).as_ref().to_vec(),
            ));
        }
        Ok(out)
    }

    fn stats(&self, txn: &ReadTransaction) -> Result<Option<redb::TableStats>, StoreError> {
        match txn.open_table(*self) {
            Ok(t) => Ok(Some(redb::ReadableTableMetadata::stats(&t)?)),
            Err(TableError::TableDoesNotExist(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

/// A table's rows as stored bytes (key, value).
pub type RawRows = Vec<(Vec<u8>, Vec<u8>)>;

/// The database as it was at one moment: a read transaction, which later writes do not
/// change. It can be written out on another thread (the terminal interface does so, to
/// stay responsive with a large file); while it lives, redb keeps its pages, so it is
/// dropped as soon as the copy is written.
pub struct Snapshot {
    txn: ReadTransaction,
    /// The register copied: named when part of it cannot be read.
    source: PathBuf,
}

impl Store {
    /// Takes the snapshot a backup is written from.
    pub fn snapshot(&self) -> Result<Snapshot, StoreError> {
        Ok(Snapshot {
            txn: self.db.begin_read()?,
            source: self.path.clone(),
        })
    }

    /// Writes a consistent copy of the database, from one read transaction, to the new file
    /// `dest` (mode 0600). Refuses a `dest` that exists, whatever it is. The copy opens with
    /// [`Store::open`] and holds the same rows, the schema version and the audit log.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupReport, StoreError> {
        self.snapshot()?.write_to(dest, &AtomicBool::new(false))
    }

    /// `<database dir>/avtal-backups`.
    pub fn backup_dir(&self) -> PathBuf {
        backup_dir(&self.path)
    }
}

impl Snapshot {
    /// Writes the snapshot to the new file `dest`; see [`Store::backup_to`]. Setting
    /// `cancel` stops the copy (the partial file is removed) with `BackupCancelled`.
    pub fn write_to(self, dest: &Path, cancel: &AtomicBool) -> Result<BackupReport, StoreError> {
        // Refuse before writing anything: a backup missing a table would look complete.
        for handle in self.txn.list_tables()? {
            if !ALL.iter().any(|t| t.name() == handle.name()) {
                return Err(StoreError::UnlistedTable(handle.name().to_string()));
            }
        }
        if let Some(handle) = self.txn.list_multimap_tables()?.next() {
            return Err(StoreError::UnlistedTable(handle.name().to_string()));
        }
        if fs::symlink_metadata(dest).is_ok() {
            return Err(StoreError::BackupExists(dest.to_path_buf()));
        }
        let tmp = partial_name(dest);
        let outcome = self
            .build(&tmp, dest, cancel)
            .and_then(|(tables, records, unreadable)| {
                place(&tmp, dest)?;
                let bytes = fs::metadata(dest).map(|m| m.len()).unwrap_or(0);
                Ok(BackupReport {
                    path: dest.to_path_buf(),
                    tables,
                    records,
                    bytes,
                    unreadable,
                })
            });
        // Whether placed (a second name of the same file) or failed (a partial copy, say on a
        // full disk), the temporary name must go; failing to remove it leaves a stray file
        // whose name says it is partial.
        let _ = fs::remove_file(&tmp);
        outcome
    }

    /// Builds the copy at `tmp` in one write transaction; returns (tables, rows, tables
    /// that could not be read whole).
    #[allow(clippy::type_complexity)]
    fn build(
        &self,
        tmp: &Path,
        dest: &Path,
        cancel: &AtomicBool,
    ) -> Result<(usize, u64, Vec<(String, String)>), StoreError> {
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
            && !dir.is_dir()
        {
            return Err(write_error(dest, "no such directory".into()));
        }
        // `open::create` makes the file 0600: the copy names people and money too.
        let db = open::create(tmp).map_err(|e| match e {
            StoreError::Io { detail, .. } => write_error(dest, detail),
            StoreError::DiskFull { .. } => StoreError::BackupDiskFull(dest.to_path_buf()),
            other => other,
        })?;
        let txn = db.begin_write().map_err(|e| write_failed(dest, e))?;
        let mut records = 0;
        let mut unreadable = Vec::new();
        for table in ALL {
            if cancel.load(Ordering::Relaxed) {
                return Err(StoreError::BackupCancelled);
            }
            // A damaged page in one table keeps what was read of it before the page, and
            // every other table: the copy saves what can be read.
            let mut copied = 0;
            let outcome = contain(&self.source, table.name(), || {
                copied = table.copy_rows(&self.txn, &txn, dest, cancel)?;
                Ok(())
            });
            match outcome {
                Ok(()) => records += copied,
                Err(StoreError::Unreadable { detail, .. }) => {
                    unreadable.push((table.name().to_string(), detail));
                }
                Err(e) => return Err(e),
            }
        }
        // Immediate durability (the default): the commit is on disk when it returns.
        txn.commit().map_err(|e| write_failed(dest, e))?;
        drop(db);
        Ok((ALL.len(), records, unreadable))
    }
}

/// `dir/.name.partial-<pid>-<n>`: unique per process and call, so two backups at once (the
/// daily one and Ctrl-B) never share a temporary file.
fn partial_name(dest: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "avtal-backup.redb".into());
    let partial = format!(".{name}.partial-{}-{n}", std::process::id());
    match dest.parent() {
        Some(dir) => dir.join(partial),
        None => PathBuf::from(partial),
    }
}

/// Gives the finished copy its name without ever replacing a file: a hard link fails if
/// the name was taken meanwhile. File systems without hard links (a FAT-formatted USB
/// stick) get a rename after one more look.
fn place(tmp: &Path, dest: &Path) -> Result<(), StoreError> {
    match fs::hard_link(tmp, dest) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            return Err(StoreError::BackupExists(dest.to_path_buf()));
        }
        Err(_) if fs::symlink_metadata(dest).is_err() => {
            fs::rename(tmp, dest).map_err(|e| write_error(dest, e.to_string()))?
        }
        Err(e) => return Err(write_error(dest, e.to_string())),
    }
    // The new name is durable only once its directory is; a failure here leaves a copy
    // that is complete but might vanish with a power cut, which is not worth failing for.
    if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty())
        && let Ok(d) = fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A redb failure while writing the copy: a full disk says so, anything else in redb's words.
fn write_failed(dest: &Path, e: impl Into<redb::Error>) -> StoreError {
    let e: redb::Error = e.into();
    match StoreError::from(e) {
        StoreError::DiskFull { .. } => StoreError::BackupDiskFull(dest.to_path_buf()),
        StoreError::Storage(detail) => write_error(dest, detail),
        other => write_error(dest, other.to_string()),
    }
}

fn write_error(dest: &Path, detail: String) -> StoreError {
    StoreError::BackupWrite {
        path: dest.to_path_buf(),
        detail,
    }
}

/// `<database dir>/avtal-backups`.
pub fn backup_dir(db_path: &Path) -> PathBuf {
    match db_path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(BACKUP_DIR),
        _ => PathBuf::from(BACKUP_DIR),
    }
}

/// What the copies of the database at `db_path` are named after: its file name without
/// `.redb` (`avtal` for the default `avtal.redb`).
pub fn copy_stem(db_path: &Path) -> String {
    db_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "avtal".to_string())
}

/// The newest daily copy of the register at `db_path`, if there is one: what to restore
/// when the register is damaged.
pub fn latest_daily_copy(db_path: &Path) -> Option<PathBuf> {
    let dir = backup_dir(db_path);
    let stem = copy_stem(db_path);
    fs::read_dir(&dir)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            daily_day(&name, &stem).map(|day| (day, e.path()))
        })
        .max_by_key(|(day, _)| *day)
        .map(|(_, path)| path)
}

/// `<stem>-YYYY-MM-DD.redb`, the daily copy's name.
pub fn daily_name(stem: &str, day: Date) -> String {
    format!(
        "{stem}-{:04}-{:02}-{:02}.redb",
        day.year(),
        u8::from(day.month()),
        day.day()
    )
}

/// `<stem>-YYYY-MM-DD-HHMM.redb`, a copy made on request; `-2`, `-3`… when a copy was
/// already made in that minute.
pub fn stamped_path(dir: &Path, stem: &str, now: PrimitiveDateTime) -> PathBuf {
    let stem = format!(
        "{stem}-{:04}-{:02}-{:02}-{:02}{:02}",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute()
    );
    let mut path = dir.join(format!("{stem}.redb"));
    let mut n = 2;
    while fs::symlink_metadata(&path).is_ok() && n < 1000 {
        path = dir.join(format!("{stem}-{n}.redb"));
        n += 1;
    }
    path
}

/// The day of a daily copy of the database named `stem`, or None for any other name
/// (copies made on request, another database's copies, the user's own files), which
/// the rotation never touches.
fn daily_day(name: &str, stem: &str) -> Option<Date> {
    let date = name
        .strip_prefix(stem)?
        .strip_prefix('-')?
        .strip_suffix(".redb")?;
    let format = time::macros::format_description!("[year]-[month]-[day]");
    Date::parse(date, &format).ok()
}

/// What [`Store::daily_backup`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Daily {
    /// Today's copy was already there.
    Exists(PathBuf),
    /// Today's copy was made; older daily copies beyond the newest [`KEEP_DAILY`] removed.
    Made {
        report: BackupReport,
        removed: Vec<PathBuf>,
    },
}

/// Today's daily copy, still to be made: where, and the snapshot to make it from. Split
/// from the writing so that the terminal interface can write on another thread.
pub struct DailyCopy {
    pub path: PathBuf,
    /// The database's name in its copies (see [`copy_stem`]).
    stem: String,
    snapshot: Snapshot,
}

/// Today's daily copy, if it still has to be made.
pub fn daily_due(store: &Store, today: Date) -> Result<Option<DailyCopy>, StoreError> {
    let dir = store.backup_dir();
    let stem = copy_stem(store.path());
    let path = dir.join(daily_name(&stem, today));
    if fs::symlink_metadata(&path).is_ok() {
        return Ok(None);
    }
    fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e.to_string()))?;
    restrict_dir(&dir);
    Ok(Some(DailyCopy {
        path,
        stem,
        snapshot: store.snapshot()?,
    }))
}

/// The folder holds copies of the register: only its owner may list it.
fn restrict_dir(dir: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // A folder we cannot restrict (not ours) still takes 0600 files.
        let _ = fs::set_permissions(dir, fs::Permissions::from_mode(0o700));
    }
    // On Windows a folder under %APPDATA% is the user's own already.
    #[cfg(not(unix))]
    let _ = dir;
}

impl DailyCopy {
    /// Writes the copy and then prunes: the rotation runs only after a good copy, so a
    /// failing backup never eats the older ones.
    pub fn write(self, cancel: &AtomicBool) -> Result<Daily, StoreError> {
        let source = self.snapshot.source.clone();
        let report = self.snapshot.write_to(&self.path, cancel)?;
        // A copy of a damaged register is no daily copy: it would be the one to restore,
        // and the rotation would remove a good one for it.
        if let Some((table, detail)) = report.unreadable.first() {
            let _ = fs::remove_file(&self.path);
            return Err(StoreError::Unreadable {
                path: source,
                what: table.clone(),
                detail: detail.clone(),
            });
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let removed = prune_daily(dir, &self.stem, KEEP_DAILY)?;
        Ok(Daily::Made { report, removed })
    }
}

/// Removes the daily copies of the database named `stem` in `dir` beyond the newest
/// `keep`; returns what it removed.
pub fn prune_daily(dir: &Path, stem: &str, keep: usize) -> Result<Vec<PathBuf>, StoreError> {
    let entries = fs::read_dir(dir).map_err(|e| write_error(dir, e.to_string()))?;
    let mut daily: Vec<(Date, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_file()).unwrap_or(false))
        .filter_map(|e| {
            let day = daily_day(&e.file_name().to_string_lossy(), stem)?;
            Some((day, e.path()))
        })
        .collect();
    daily.sort();
    let excess = daily.len().saturating_sub(keep);
    let mut removed = Vec::new();
    for (_, path) in daily.into_iter().take(excess) {
        fs::remove_file(&path).map_err(|e| write_error(&path, e.to_string()))?;
        removed.push(path);
    }
    Ok(removed)
}

impl Store {
    /// Makes today's copy in `avtal-backups/` unless it exists, then keeps the newest
    /// [`KEEP_DAILY`] daily copies. Synchronous; the terminal interface uses [`daily_due`]
    /// and [`DailyCopy::write`] on a thread instead.
    pub fn daily_backup(&self, today: Date) -> Result<Daily, StoreError> {
        match daily_due(self, today)? {
            None => {
                let name = daily_name(&copy_stem(self.path()), today);
                Ok(Daily::Exists(self.backup_dir().join(name)))
            }
            Some(copy) => copy.write(&AtomicBool::new(false)),
        }
    }

    /// A copy made on request into `avtal-backups/`, named for the minute.
    pub fn backup_now(&self, now: PrimitiveDateTime) -> Result<BackupReport, StoreError> {
        let dir = self.backup_dir();
        fs::create_dir_all(&dir).map_err(|e| write_error(&dir, e.to_string()))?;
        restrict_dir(&dir);
        self.backup_to(&stamped_path(&dir, &copy_stem(self.path()), now))
    }
}

/// Names of the tables a database holds, for tests that hold [`ALL`] complete.
#[doc(hidden)]
pub fn table_names(store: &Store) -> Result<Vec<String>, StoreError> {
    let txn = store.db.begin_read()?;
    let mut names: Vec<String> = txn.list_tables()?.map(|h| h.name().to_string()).collect();
    names.extend(txn.list_multimap_tables()?.map(|h| h.name().to_string()));
    Ok(names)
}

/// Every listed table's rows as stored bytes, by table name: two files with equal dumps
/// hold the same data. For tests.
#[doc(hidden)]
pub fn dump(store: &Store) -> Result<std::collections::BTreeMap<String, RawRows>, StoreError> {
    let txn = store.db.begin_read()?;
    let mut out = std::collections::BTreeMap::new();
    for table in ALL {
        out.insert(table.name().to_string(), table.raw_rows(&txn)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_table_of_a_fresh_database_is_listed_once() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.redb")).unwrap();
        let fresh: BTreeSet<String> = table_names(&store).unwrap().into_iter().collect();
        let listed: Vec<&str> = ALL.iter().map(|t| t.name()).collect();
        let unique: BTreeSet<String> = listed.iter().map(|s| s.to_string()).collect();
        assert_eq!(unique.len(), listed.len(), "a table listed twice in ALL");
        assert_eq!(
            fresh, unique,
            "tables::ALL differs from the tables Store::open creates"
        );
    }

    /// A constant added to tables.rs but not to `ALL` (nor to `create_tables`) would escape
    /// the test above; reading the source catches it.
    #[test]
    fn every_table_constant_is_in_the_list() {
        let source = include_str!("tables.rs");
        let (defs, list) = source
            .split_once("pub const ALL")
            .expect("tables.rs has the ALL list");
        for line in defs.lines() {
            let Some(rest) = line.trim().strip_prefix("pub const ") else {
                continue;
            };
            let name = rest.split(':').next().unwrap().trim();
            assert!(
                list.contains(&format!("&{name},")),
                "tables::{name} is not in tables::ALL, so backups would leave it out"
            );
        }
    }

    #[test]
    fn the_snapshot_can_be_written_on_another_thread() {
        fn send<T: Send>() {}
        send::<Snapshot>();
    }

    #[test]
    fn daily_names_parse_back_and_others_are_ignored() {
        let day = time::macros::date!(2026 - 03 - 09);
        assert_eq!(daily_name("avtal", day), "avtal-2026-03-09.redb");
        assert_eq!(daily_day(&daily_name("avtal", day), "avtal"), Some(day));
        assert_eq!(daily_day("avtal-2026-03-09-1405.redb", "avtal"), None);
        assert_eq!(daily_day("avtal-2026-03-09.redb.bak", "avtal"), None);
        assert_eq!(daily_day("min-kopia.redb", "avtal"), None);
        // Another database's copies, even one whose name begins like this one's.
        assert_eq!(daily_day("kommun-2026-03-09.redb", "avtal"), None);
        assert_eq!(daily_day("avtal-2-2026-03-09.redb", "avtal"), None);
        assert_eq!(daily_day("avtal-2-2026-03-09.redb", "avtal-2"), Some(day));
        assert_eq!(copy_stem(Path::new("/data/avtal.redb")), "avtal");
        assert_eq!(copy_stem(Path::new("kommun.redb")), "kommun");
    }

    #[test]
    fn a_file_holding_an_unlisted_table_is_refused_and_nothing_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.redb")).unwrap();
        let extra: TableDefinition<u64, u64> = TableDefinition::new("not_listed");
        let txn = store.db.begin_write().unwrap();
        txn.open_table(extra).unwrap().insert(1, 2).unwrap();
        txn.commit().unwrap();
        let dest = dir.path().join("copy.redb");
        match store.backup_to(&dest) {
            Err(StoreError::UnlistedTable(name)) => assert_eq!(name, "not_listed"),
            other => panic!("{other:?}"),
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_cancelled_backup_removes_its_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.redb")).unwrap();
        let dest = dir.path().join("copy.redb");
        let cancel = AtomicBool::new(true);
        let r = store.snapshot().unwrap().write_to(&dest, &cancel);
        assert!(matches!(r, Err(StoreError::BackupCancelled)), "{r:?}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_destination_in_a_missing_directory_is_refused_and_leaves_nothing() {
        // A full disk cannot be made here without a mount; the partial file's removal on a
        // write error is the same code as on cancel (tested above).
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("a.redb")).unwrap();
        let dest = dir.path().join("gone").join("copy.redb");
        let r = store.backup_to(&dest);
        assert!(matches!(r, Err(StoreError::BackupWrite { .. })), "{r:?}");
        assert!(!dir.path().join("gone").exists());
    }
}
