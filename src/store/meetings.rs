//! Meetings and their action items (DESIGN §1.3); the checklists and follow-up plans are in
//! `plans`. Each call is one write transaction with its audit entry. Ids come from counters
//! in `meta` and are never reused, so an undo can put a record back under its old id.
//! Two small indexes — (agreement, meeting) and (meeting, action) — let one agreement's
//! meetings and one meeting's actions be read without decoding everybody else's.

mod plans;

use redb::{ReadTransaction, ReadableTable, TableDefinition, WriteTransaction};

use crate::domain::AgreementId;
use crate::domain::meeting::{Action, ActionId, Addendum, Meeting, MeetingId, follow_lines};

use super::encoding;
use super::records::{self, Stored};
use super::tables::{ACTIONS, ACTIONS_BY_MEETING, MEETINGS, MEETINGS_BY_AGREEMENT, META};
use super::{Store, StoreError, audit};

const NEXT_MEETING: &str = "next_meeting_id";
const NEXT_ACTION: &str = "next_action_id";

fn counter(txn: &WriteTransaction, name: &str) -> Result<u64, StoreError> {
    let meta = txn.open_table(META)?;
    let found = meta.get(name)?;
    match found {
        Some(v) => encoding::decode_u64(v.value()).map_err(|detail| StoreError::Corrupt {
            what: format!("meta.{name}"),
            detail,
        }),
        None => Ok(1),
    }
}

/// Takes the next id of a kind from `meta`.
fn next_id(txn: &WriteTransaction, name: &str) -> Result<u64, StoreError> {
    let next = counter(txn, name)?;
    txn.open_table(META)?
        .insert(name, encoding::encode_u64(next + 1).as_slice())?;
    Ok(next)
}

/// Refuses a save under an id this file never handed out (0, or not reached yet): such a
/// record would later collide with a fresh one. Putting back a deleted record is fine.
fn issued(txn: &WriteTransaction, name: &str, id: u64, shown: String) -> Result<(), StoreError> {
    if id == 0 || id >= counter(txn, name)? {
        return Err(StoreError::NotFound(shown));
    }
    Ok(())
}

fn get<T: Stored>(
    txn: &WriteTransaction,
    table: TableDefinition<u64, &[u8]>,
    id: u64,
    what: &str,
) -> Result<Option<T>, StoreError> {
    let t = txn.open_table(table)?;
    let found = t.get(id)?;
    found.map(|v| records::decode(v.value(), what)).transpose()
}

fn put<T: Stored>(
    txn: &WriteTransaction,
    table: TableDefinition<u64, &[u8]>,
    id: u64,
    value: &T,
) -> Result<(), StoreError> {
    txn.open_table(table)?
        .insert(id, records::encode(value).as_slice())?;
    Ok(())
}

fn get_meeting(txn: &WriteTransaction, id: u64) -> Result<Option<Meeting>, StoreError> {
    let t = txn.open_table(MEETINGS)?;
    let found = t.get(id)?;
    found
        .map(|v| records::meeting::decode(v.value()))
        .transpose()
}

fn put_meeting(txn: &WriteTransaction, m: &Meeting) -> Result<(), StoreError> {
    txn.open_table(MEETINGS)?.insert(
        m.id.0,
        encoding::checked(records::meeting::encode(m), &m.id.to_string())?.as_slice(),
    )?;
    Ok(())
}

/// Writes `m` and its index entry, moving both (and its actions) if its agreement changed.
fn write_meeting(txn: &WriteTransaction, m: &Meeting) -> Result<(), StoreError> {
    let old = get_meeting(txn, m.id.0)?;
    let mut index = txn.open_table(MEETINGS_BY_AGREEMENT)?;
    if let Some(old) = &old
        && old.agreement != m.agreement
    {
        index.remove((old.agreement.0, m.id.0))?;
        drop(index);
        for mut a in actions_in(txn, m.id)? {
            a.agreement = m.agreement;
            put(txn, ACTIONS, a.id.0, &a)?;
        }
        index = txn.open_table(MEETINGS_BY_AGREEMENT)?;
    }
    index.insert((m.agreement.0, m.id.0), ())?;
    put_meeting(txn, m)
}

fn actions_in(txn: &WriteTransaction, meeting: MeetingId) -> Result<Vec<Action>, StoreError> {
    let ids: Vec<u64> = {
        let index = txn.open_table(ACTIONS_BY_MEETING)?;
        let mut ids = Vec::new();
        for row in index.range((meeting.0, 0)..=(meeting.0, u64::MAX))? {
            ids.push(row?.0.value().1);
        }
        ids
    };
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(a) = get(txn, ACTIONS, id, "action")? {
            out.push(a);
        }
    }
    Ok(out)
}

/// Writes `a` under its meeting (which must exist), taking the meeting's agreement.
fn write_action(txn: &WriteTransaction, a: &Action) -> Result<Action, StoreError> {
    let Some(meeting) = get_meeting(txn, a.meeting.0)? else {
        return Err(StoreError::NotFound(a.meeting.to_string()));
    };
    let old: Option<Action> = get(txn, ACTIONS, a.id.0, "action")?;
    let mut index = txn.open_table(ACTIONS_BY_MEETING)?;
    if let Some(old) = old {
        index.remove((old.meeting.0, a.id.0))?;
    }
    index.insert((a.meeting.0, a.id.0), ())?;
    drop(index);
    let mut stored = a.clone();
    stored.agreement = meeting.agreement;
    put(txn, ACTIONS, stored.id.0, &stored)?;
    Ok(stored)
}

fn meetings_in(
    txn: &ReadTransaction,
    agreement: Option<AgreementId>,
) -> Result<Vec<Meeting>, StoreError> {
    let t = txn.open_table(MEETINGS)?;
    let mut out = Vec::new();
    match agreement {
        Some(a) => {
            let index = txn.open_table(MEETINGS_BY_AGREEMENT)?;
            for row in index.range((a.0, 0)..=(a.0, u64::MAX))? {
                let id = row?.0.value().1;
                if let Some(v) = t.get(id)? {
                    out.push(records::meeting::decode(v.value())?);
                }
            }
        }
        None => {
            for row in t.iter()? {
                out.push(records::meeting::decode(row?.1.value())?);
            }
        }
    }
    out.sort_by_key(|m: &Meeting| (m.date, m.time, m.id));
    Ok(out)
}

fn actions_of(txn: &ReadTransaction, meeting: MeetingId) -> Result<Vec<Action>, StoreError> {
    let index = txn.open_table(ACTIONS_BY_MEETING)?;
    let t = txn.open_table(ACTIONS)?;
    let mut out = Vec::new();
    for row in index.range((meeting.0, 0)..=(meeting.0, u64::MAX))? {
        let id = row?.0.value().1;
        if let Some(v) = t.get(id)? {
            out.push(records::decode(v.value(), "action")?);
        }
    }
    Ok(out)
}

impl Store {
    /// Stores a new meeting and returns it with its id.
    pub fn insert_meeting(&self, m: &Meeting) -> Result<Meeting, StoreError> {
        let txn = self.db.begin_write()?;
        let mut stored = m.clone();
        stored.id = MeetingId(next_id(&txn, NEXT_MEETING)?);
        write_meeting(&txn, &stored)?;
        let subject = stored.id.to_string();
        audit::append(&txn, &self.actor, "meeting.create", &subject, &stored)?;
        txn.commit()?;
        Ok(stored)
    }

    /// Replaces a stored meeting, or puts a deleted one back under its id. A meeting moved
    /// to another agreement takes its actions along.
    pub fn save_meeting(&self, m: &Meeting) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        issued(&txn, NEXT_MEETING, m.id.0, m.id.to_string())?;
        write_meeting(&txn, m)?;
        audit::append(&txn, &self.actor, "meeting.save", &m.id.to_string(), m)?;
        txn.commit()?;
        Ok(())
    }

    /// The live minutes editor's autosave: replaces the minutes text (moving the lesson
    /// marks with their lines, see [`follow_lines`]) and nothing else, and writes
    /// nothing (no transaction, no audit entry) when it is unchanged, so the save on quit
    /// after a debounced save is free. Returns whether it wrote.
    ///
    /// Each write is still audited, like every other change: the minutes are what a
    /// sanction may later rest on. The entry costs one read of the log's last entry and an
    /// insert of about 150 bytes, so a two-hour meeting saved every second or so of typing
    /// adds well under a megabyte.
    pub fn save_minutes(&self, id: MeetingId, minutes: &str) -> Result<bool, StoreError> {
        let txn = self.db.begin_write()?;
        let Some(mut m) = get_meeting(&txn, id.0)? else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        if m.minutes == minutes {
            // Dropping the transaction uncommitted leaves the file as it was.
            return Ok(false);
        }
        // Lesson marks are line numbers: they move with their lines.
        m.lesson_lines = follow_lines(&m.minutes, minutes, &m.lesson_lines);
        m.minutes = minutes.to_string();
        put_meeting(&txn, &m)?;
        audit::append(&txn, &self.actor, "meeting.minutes", &id.to_string(), &m)?;
        txn.commit()?;
        Ok(true)
    }

    /// Writes the addendum number `index` of approved minutes (a new one when `index` is
    /// one past the last), leaving the approved text untouched; like [`Store::save_minutes`]
    /// it writes nothing when the text is as stored, and says whether it wrote.
    pub fn save_addendum(
        &self,
        id: MeetingId,
        index: usize,
        addendum: &Addendum,
    ) -> Result<bool, StoreError> {
        let txn = self.db.begin_write()?;
        let Some(mut m) = get_meeting(&txn, id.0)? else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        match m.addenda.get_mut(index) {
            Some(old) if old == addendum => return Ok(false),
            Some(old) => *old = addendum.clone(),
            None => m.addenda.push(addendum.clone()),
        }
        put_meeting(&txn, &m)?;
        audit::append(&txn, &self.actor, "meeting.addendum", &id.to_string(), &m)?;
        txn.commit()?;
        Ok(true)
    }

    /// Removes a meeting with its actions (they mean nothing without it) and returns both,
    /// so the caller can offer undo through [`Store::restore_meeting`].
    pub fn delete_meeting(&self, id: MeetingId) -> Result<(Meeting, Vec<Action>), StoreError> {
        let txn = self.db.begin_write()?;
        let Some(m) = get_meeting(&txn, id.0)? else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        let actions = actions_in(&txn, id)?;
        {
            let mut table = txn.open_table(ACTIONS)?;
            let mut index = txn.open_table(ACTIONS_BY_MEETING)?;
            for a in &actions {
                table.remove(a.id.0)?;
                index.remove((id.0, a.id.0))?;
            }
        }
        txn.open_table(MEETINGS)?.remove(id.0)?;
        txn.open_table(MEETINGS_BY_AGREEMENT)?
            .remove((m.agreement.0, id.0))?;
        let record = (&m, &actions);
        audit::append(
            &txn,
            &self.actor,
            "meeting.delete",
            &id.to_string(),
            &record,
        )?;
        txn.commit()?;
        Ok((m, actions))
    }

    /// Puts a deleted meeting and its actions back under their ids (undo of delete).
    pub fn restore_meeting(&self, m: &Meeting, actions: &[Action]) -> Result<(), StoreError> {
        let txn = self.db.begin_write()?;
        issued(&txn, NEXT_MEETING, m.id.0, m.id.to_string())?;
        if get_meeting(&txn, m.id.0)?.is_some() {
            return Err(StoreError::IdInUse(m.id.0));
        }
        write_meeting(&txn, m)?;
        for a in actions {
            issued(&txn, NEXT_ACTION, a.id.0, a.id.to_string())?;
            write_action(&txn, a)?;
        }
        let record = (m, actions);
        audit::append(
            &txn,
            &self.actor,
            "meeting.restore",
            &m.id.to_string(),
            &record,
        )?;
        txn.commit()?;
        Ok(())
    }

    pub fn meeting(&self, id: MeetingId) -> Result<Option<Meeting>, StoreError> {
        let txn = self.db.begin_read()?;
        let t = txn.open_table(MEETINGS)?;
        let found = t.get(id.0)?;
        found
            .map(|v| records::meeting::decode(v.value()))
            .transpose()
    }

    /// The meetings of one agreement or (None) of all, by date and time (then id).
    pub fn meetings(&self, agreement: Option<AgreementId>) -> Result<Vec<Meeting>, StoreError> {
        let txn = self.db.begin_read()?;
        meetings_in(&txn, agreement)
    }

    /// Stores a new action under its meeting (which must exist; the action takes the
    /// meeting's agreement) and returns it with its id.
    pub fn insert_action(&self, a: &Action) -> Result<Action, StoreError> {
        let txn = self.db.begin_write()?;
        let mut new = a.clone();
        new.id = ActionId(next_id(&txn, NEXT_ACTION)?);
        let stored = write_action(&txn, &new)?;
        let subject = stored.id.to_string();
        audit::append(&txn, &self.actor, "action.create", &subject, &stored)?;
        txn.commit()?;
        Ok(stored)
    }

    /// Replaces a stored action (or puts a deleted one back); it may move to another meeting.
    pub fn save_action(&self, a: &Action) -> Result<Action, StoreError> {
        let txn = self.db.begin_write()?;
        issued(&txn, NEXT_ACTION, a.id.0, a.id.to_string())?;
        let stored = write_action(&txn, a)?;
        audit::append(&txn, &self.actor, "action.save", &a.id.to_string(), &stored)?;
        txn.commit()?;
        Ok(stored)
    }

    pub fn delete_action(&self, id: ActionId) -> Result<Action, StoreError> {
        let txn = self.db.begin_write()?;
        let Some(old) = get::<Action>(&txn, ACTIONS, id.0, "action")? else {
            return Err(StoreError::NotFound(id.to_string()));
        };
        txn.open_table(ACTIONS)?.remove(id.0)?;
        txn.open_table(ACTIONS_BY_MEETING)?
            .remove((old.meeting.0, id.0))?;
        audit::append(&txn, &self.actor, "action.delete", &id.to_string(), &old)?;
        txn.commit()?;
        Ok(old)
    }

    /// One meeting's actions, in id order (the order they were noted).
    pub fn actions_of_meeting(&self, meeting: MeetingId) -> Result<Vec<Action>, StoreError> {
        let txn = self.db.begin_read()?;
        actions_of(&txn, meeting)
    }

    /// The actions of one agreement's meetings or (None) of all, in id order; read in one
    /// transaction, so a list never mixes two moments.
    pub fn actions(&self, agreement: Option<AgreementId>) -> Result<Vec<Action>, StoreError> {
        let txn = self.db.begin_read()?;
        let mut out = Vec::new();
        match agreement {
            Some(_) => {
                for m in meetings_in(&txn, agreement)? {
                    out.extend(actions_of(&txn, m.id)?);
                }
            }
            None => {
                let t = txn.open_table(ACTIONS)?;
                for row in t.iter()? {
                    out.push(records::decode(row?.1.value(), "action")?);
                }
            }
        }
        out.sort_by_key(|a: &Action| a.id);
        Ok(out)
    }
}
