//! Backups from inside the interface: the daily copy when the program starts and Ctrl-B
//! ("back up now"). Both take a snapshot (one read transaction) on the interface's own
//! store handle and write it on a thread, so a large file never freezes the screen; the
//! outcome shows in the status line. A backup that fails never stops the program.
//!
//! A 1 GB register: the daily copy takes in the order of tens of seconds on a laptop disk,
//! once a day, in the background; meanwhile redb keeps the snapshot's pages, so the file
//! may grow by what is changed during the copy. Quitting cancels a copy under way (its
//! partial file is removed) rather than making the user wait.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

use crate::store::backup::{self, Daily};
use crate::store::{BackupReport, StoreError};
use crate::tr;

use super::{App, Status};

/// A copy being written on another thread.
pub struct BackupJob {
    handle: JoinHandle<Result<Done, StoreError>>,
    cancel: Arc<AtomicBool>,
}

enum Done {
    Daily(Daily),
    Now(BackupReport),
}

impl App {
    /// On start: today's copy in `avtal-backups/`, unless made already today.
    pub fn start_daily_backup(&mut self) {
        match backup::daily_due(&self.store, self.today) {
            Ok(None) => {}
            Ok(Some(copy)) => self.spawn(move |cancel| copy.write(&cancel).map(Done::Daily)),
            Err(e) => self.backup_failed(e),
        }
    }

    /// Ctrl-B: a copy named for the minute in `avtal-backups/`.
    pub(super) fn backup_now(&mut self) {
        if self.backup_job.is_some() {
            self.status = Some(Status {
                text: tr!(self.cat, "store.backup_busy").to_string(),
                error: false,
            });
            return;
        }
        let dir = self.store.backup_dir();
        let prepared = std::fs::create_dir_all(&dir)
            .map_err(|e| StoreError::BackupWrite {
                path: dir.clone(),
                detail: e.to_string(),
            })
            .and_then(|()| self.store.snapshot());
        match prepared {
            Ok(snapshot) => {
                let stem = backup::copy_stem(self.store.path());
                let path: PathBuf = backup::stamped_path(&dir, &stem, self.now);
                self.status = Some(Status {
                    text: tr!(self.cat, "store.backup_started", path = path.display()),
                    error: false,
                });
                self.spawn(move |cancel| snapshot.write_to(&path, &cancel).map(Done::Now));
            }
            Err(e) => self.backup_failed(e),
        }
    }

    fn spawn(
        &mut self,
        work: impl FnOnce(Arc<AtomicBool>) -> Result<Done, StoreError> + Send + 'static,
    ) {
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        // A damaged page met by the copy is reported in the status line, never printed
        // from the thread over the interface.
        let path = self.store.path().to_path_buf();
        let what = self.cat.t("store.the_register").to_string();
        let spawned = std::thread::Builder::new()
            .name("avtal-backup".into())
            .spawn(move || crate::store::contain::contain(&path, &what, || work(flag)));
        match spawned {
            Ok(handle) => self.backup_job = Some(BackupJob { handle, cancel }),
            Err(e) => self.backup_failed(StoreError::Storage(e.to_string())),
        }
    }

    /// Called by the event loop: reports a finished copy in the status line.
    pub fn poll_backup(&mut self) {
        if !self
            .backup_job
            .as_ref()
            .is_some_and(|j| j.handle.is_finished())
        {
            return;
        }
        let Some(job) = self.backup_job.take() else {
            return;
        };
        match job.handle.join() {
            Ok(Ok(Done::Daily(Daily::Made { report, .. }))) => {
                self.backup_done("store.backup_daily_done", &report)
            }
            Ok(Ok(Done::Daily(Daily::Exists(_)))) => {}
            Ok(Ok(Done::Now(report))) => self.backup_done("store.backup_now_done", &report),
            Ok(Err(e)) => self.backup_failed(e),
            // A panic in the copy is a failed backup, not a reason to stop.
            Err(_) => self.backup_failed(StoreError::Storage("backup thread panicked".into())),
        }
    }

    /// Waits for a copy under way, for tests and for `shutdown`-like callers; `cancel`
    /// stops it first (its partial file is removed).
    pub fn finish_backup(&mut self, cancel: bool) {
        if let Some(job) = &self.backup_job {
            if cancel {
                job.cancel.store(true, Ordering::Relaxed);
            }
            while !job.handle.is_finished() {
                std::thread::sleep(std::time::Duration::from_millis(10));
            }
        }
        self.poll_backup();
    }

    fn backup_done(&mut self, key: &str, report: &BackupReport) {
        self.status = Some(Status {
            text: tr!(
                self.cat,
                key,
                path = report.path.display(),
                records = self.cat.count(report.records)
            ),
            error: false,
        });
    }

    fn backup_failed(&mut self, e: StoreError) {
        self.status = Some(Status {
            text: tr!(
                self.cat,
                "store.backup_failed",
                detail = e.message(self.cat)
            ),
            error: true,
        });
    }
}
