//! Files a killed avtal leaves behind: a database being created (`.NAME.new-PID`) or a
//! copy being written (`.NAME.partial-PID-N`), beside the database and in its backup
//! folder. They are never opened as databases; they are removed at the next open once the
//! process that made them is gone, so they do not pile up on the user's disk.

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use super::backup::BACKUP_DIR;

/// Without a way to ask whether a process lives, a file this old is taken as left behind.
const OLD: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes the stale temporary files of `db`'s folder and backup folder; what cannot be
/// removed stays (it is a stray file, never a wrong database).
pub(super) fn clean(db: &Path) {
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    for folder in [dir.clone(), dir.join(BACKUP_DIR)] {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(pid) = maker(&name)
                && pid != std::process::id()
                && !alive(pid, &entry)
            {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
}

/// The id of the process that made `name`, when it is one of the temporary names.
fn maker(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?;
    let after = rest
        .rsplit_once(".new-")
        .or_else(|| rest.rsplit_once(".partial-"))?
        .1;
    after.split('-').next()?.parse().ok()
}

/// Whether process `pid` may still be writing `entry`.
fn alive(pid: u32, entry: &fs::DirEntry) -> bool {
    if cfg!(target_os = "linux") {
        return Path::new(&format!("/proc/{pid}")).exists();
    }
    let age = entry
        .metadata()
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok());
    age.is_none_or(|a| a < OLD)
}

#[cfg(test)]
mod tests {
    use super::maker;

    #[test]
    fn temporary_names_and_their_makers() {
        assert_eq!(maker(".avtal.redb.new-4242"), Some(4242));
        assert_eq!(maker(".avtal-2026-12-06.redb.partial-77-3"), Some(77));
        assert_eq!(maker("avtal.redb"), None);
        assert_eq!(maker(".avtal.redb.new-x"), None);
        assert_eq!(maker("avtal-2026-12-06.redb"), None);
    }
}
