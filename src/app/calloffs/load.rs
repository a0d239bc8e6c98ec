//! Reading the followed agreement's call-offs: the compact index, and what the lists
//! derive from all of it. At a million call-offs that is a few hundred milliseconds, so
//! it is read once on a background thread right after the application opens, kept while
//! nothing changes (the last audit entry tells), and read again only after a change.

use std::thread::JoinHandle;

use crate::domain::AgreementId;
use crate::store::{CallOffIndex, OUTCOME_DEVIATION, Placed, Store, StoreError};

/// The compact index (lists read the full rows they show) with two passes over it done
/// here rather than on the key that shows the list: each touches every entry, ~5 ms at
/// a million.
pub struct Loaded {
    pub index: CallOffIndex,
    /// Every position, in order: the unfiltered list.
    pub all: Vec<u32>,
    /// Positions of the call-offs with a ranking deviation.
    pub deviations: Vec<u32>,
}

pub fn read(store: &Store, id: AgreementId) -> Result<Loaded, StoreError> {
    Ok(derive(store.calloff_index(id)?))
}

/// The unfiltered list and the ranking deviations of `index`.
fn derive(index: CallOffIndex) -> Loaded {
    let n = index.len() as u32;
    let deviations = (0..n)
        .filter(|&i| index.entries[i as usize].outcome == OUTCOME_DEVIATION)
        .collect();
    Loaded {
        all: (0..n).collect(),
        deviations,
        index,
    }
}

/// Moves the positions of the ranking deviations (`positions`, ascending) along with an
/// entry [`CallOffIndex::put`] `placed`: out where it was taken from, the positions after
/// it one back; in where it was put (when it is a `deviation`), those after it one on.
pub fn moved(positions: &mut Vec<u32>, placed: Placed, deviation: bool) {
    if let Some(r) = placed.removed {
        let r = r as u32;
        if let Ok(at) = positions.binary_search(&r) {
            positions.remove(at);
        }
        if placed.inserted != placed.removed {
            for p in positions.iter_mut().filter(|p| **p > r) {
                *p -= 1;
            }
        }
    }
    if let Some(i) = placed.inserted {
        let i = i as u32;
        if placed.inserted != placed.removed {
            for p in positions.iter_mut().filter(|p| **p >= i) {
                *p += 1;
            }
        }
        if deviation && let Err(at) = positions.binary_search(&i) {
            positions.insert(at, i);
        }
    }
}

/// A read under way on its own thread, of `agreement` as of change `change`.
pub struct Preload {
    agreement: AgreementId,
    change: u64,
    handle: Option<JoinHandle<Result<Loaded, StoreError>>>,
}

impl Preload {
    pub fn start(store: &Store, agreement: AgreementId) -> Option<Preload> {
        let change = store.last_change().ok()?;
        let shared = store.share();
        let handle = std::thread::Builder::new()
            .name("avtal-preload".into())
            // A damaged page met here is an error like any other, never a backtrace
            // over the interface from a background thread.
            .spawn(move || {
                let path = shared.path().to_path_buf();
                crate::store::contain::contain(&path, "calloff_index", || read(&shared, agreement))
            })
            .ok()?;
        Some(Preload {
            agreement,
            change,
            handle: Some(handle),
        })
    }

    /// The result, waiting for it if need be, when it is of `agreement` as of `change`.
    pub fn take(mut self, agreement: AgreementId, change: u64) -> Option<Loaded> {
        let handle = self.handle.take()?;
        let result = handle.join().ok()?.ok()?;
        (self.agreement == agreement && self.change == change).then_some(result)
    }
}

impl Drop for Preload {
    /// Waits for the thread, so the database is closed when the application is dropped.
    fn drop(&mut self) {
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
