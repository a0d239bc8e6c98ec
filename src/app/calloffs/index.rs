//! The followed agreement's call-offs in memory: the compact index read once (in the
//! background after opening), patched after a write of this application rather than read
//! again, and the window of full rows read around the selection, never while drawing.

use crate::domain::AgreementId;
use crate::store::OUTCOME_DEVIATION;

use crate::app::App;

impl App {
    /// On showing a tab that follows the agreement: the call-offs are read again only when
    /// another agreement is followed or something that may change them was written since
    /// they were read (a line of minutes or an action item does not: reading a million
    /// call-offs again takes ~250 ms).
    pub(in crate::app) fn ensure_calloffs(&mut self) {
        self.resolve_followed();
        let change = self.store.last_change().ok();
        let followed = self
            .followed
            .filter(|id| self.calloffs.agreement == Some(*id));
        let held = followed.is_some()
            && match (self.calloffs.loaded_change, change) {
                (Some(loaded), Some(now)) if loaded == now => true,
                (Some(loaded), Some(_)) => {
                    let reference = followed
                        .and_then(|id| self.agreement(id))
                        .map(|a| a.reference.clone())
                        .unwrap_or_default();
                    self.preload.is_none()
                        && matches!(
                            self.store.calloff_index_changed_since(loaded, &reference),
                            Ok(false)
                        )
                }
                _ => false,
            };
        if !held {
            return self.load_calloffs();
        }
        if let Some(id) = followed
            && self.calloffs.loaded_change != change
        {
            // The index holds; deviations registered by hand may have come or gone.
            self.calloffs.loaded_change = change;
            self.rebuild_deviations(id);
        }
        self.load_views();
        self.load_meetings();
    }

    /// The Deviations list made again from the index held and the deviations registered
    /// by hand, read again.
    pub(in crate::app) fn rebuild_deviations(&mut self, id: AgreementId) {
        match self.store.deviations(Some(id)) {
            Ok(manual) => self.deviations.rebuild(&self.calloffs.index, manual),
            Err(e) => self.store_failed(&e),
        }
        self.sync_deviation_window();
    }

    /// Starts reading the followed agreement's call-offs in the background.
    pub(in crate::app) fn preload_calloffs(&mut self) {
        self.resolve_followed();
        if let Some(id) = self.followed {
            self.preload = crate::app::calloffs::load::Preload::start(&self.store, id);
        }
    }

    /// Reads the followed agreement's call-offs and deviations again.
    pub(in crate::app) fn load_calloffs(&mut self) {
        self.resolve_followed();
        let Some(id) = self.followed else {
            self.calloffs.set_index(Default::default());
            self.deviations.ranking.clear();
            self.calloffs.detail_row = None;
            self.calloffs.refresh();
            self.deviations.entries.clear();
            self.load_views();
            return;
        };
        let change = self.store.last_change().ok();
        let preloaded = match (self.preload.take(), change) {
            (Some(p), Some(change)) => p.take(id, change),
            _ => None,
        };
        let loaded = match preloaded {
            Some(loaded) => Ok(loaded),
            None => crate::app::calloffs::load::read(&self.store, id),
        };
        match loaded {
            Ok(loaded) => self.set_loaded(loaded, change),
            Err(e) => {
                self.calloffs.loaded_change = None;
                self.store_failed(&e);
            }
        }
        self.after_calloffs_loaded(id);
    }

    fn set_loaded(&mut self, loaded: crate::app::calloffs::load::Loaded, change: Option<u64>) {
        self.calloffs.set_index(loaded.index);
        self.calloffs.unfiltered = Some(loaded.all);
        self.deviations.ranking = loaded.deviations;
        self.calloffs.loaded_change = change;
    }

    /// After this application made `writes` audit entries, all about call-off `reference`
    /// (None: about nothing the index holds, such as a deviation registered by hand).
    /// When the index was current just before, only that call-off's entry is read and put
    /// in its place, and the deviation positions are moved along — reading every entry
    /// again takes ~250 ms at a million call-offs; otherwise (another write came between,
    /// another agreement) everything is read.
    pub(in crate::app) fn calloffs_after_write(&mut self, reference: Option<&str>, writes: u64) {
        self.resolve_followed();
        let change = self.store.last_change().ok();
        let current = self
            .followed
            .filter(|id| self.calloffs.agreement == Some(*id) && self.preload.is_none());
        let only_ours = matches!(
            (self.calloffs.loaded_change, change),
            (Some(loaded), Some(now)) if loaded.checked_add(writes) == Some(now)
        );
        let Some(id) = current.filter(|_| only_ours) else {
            return self.load_calloffs();
        };
        if let Some(reference) = reference {
            let entry = match self.store.calloff_index_entry(id, reference) {
                Ok(entry) => entry,
                Err(_) => return self.load_calloffs(),
            };
            let mut index = std::mem::take(&mut self.calloffs.index);
            let placed = index.put(reference, entry.as_ref().map(|(at, v)| (*at, v.as_slice())));
            let deviation = placed
                .inserted
                .is_some_and(|i| index.entries[i].outcome == OUTCOME_DEVIATION);
            crate::app::calloffs::load::moved(&mut self.deviations.ranking, placed, deviation);
            // The window's rows are by position: read again around the selection.
            self.calloffs.set_index(index);
            self.calloffs.unfiltered = None;
            self.calloffs.loaded_change = change;
        } else {
            self.calloffs.loaded_change = change;
        }
        self.after_calloffs_loaded(id);
    }

    /// What showing the call-offs of `id` needs once the index is in place: the filtered
    /// list, the open call-off, the windows, the deviations and the views built on them.
    fn after_calloffs_loaded(&mut self, id: AgreementId) {
        self.calloffs.agreement = Some(id);
        self.calloffs.refresh();
        if let Some(d) = self.calloffs.detail.as_mut() {
            match self.store.requests_of(id, &d.reference) {
                Ok(r) => {
                    d.requests = r;
                    d.selected = d.selected.min(d.requests.len().saturating_sub(1));
                }
                Err(e) => {
                    let text = e.message(self.cat);
                    self.error(text);
                }
            }
            let reference = self
                .calloffs
                .detail
                .as_ref()
                .map(|d| d.reference.clone())
                .unwrap_or_default();
            match self.store.calloff_row(id, &reference) {
                Ok(Some(row)) => self.calloffs.detail_row = Some(row),
                Ok(None) => self.calloffs.detail = None,
                Err(e) => self.store_failed(&e),
            }
        }
        self.sync_calloff_window();
        match self.store.deviations(Some(id)) {
            Ok(manual) => self.deviations.rebuild(&self.calloffs.index, manual),
            Err(e) => self.store_failed(&e),
        }
        self.sync_deviation_window();
        self.load_views();
        self.load_meetings();
    }

    /// Reads the rows around the selection when the window no longer covers it, so
    /// that rendering never reads the store.
    pub(in crate::app) fn sync_calloff_window(&mut self) {
        let Some(range) = self.calloffs.window_wanted() else {
            return;
        };
        let positions = self.calloffs.visible[range.clone()]
            .iter()
            .map(|&i| i as usize);
        match self.store.calloff_rows_at(&self.calloffs.index, positions) {
            Ok(rows) => self.calloffs.window.set(range.start, rows),
            Err(e) => self.store_failed(&e),
        }
    }
}
