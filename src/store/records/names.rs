//! Repeated strings (lots, orderers) stored once and referred to by number: a register of a
//! million call-offs names a few hundred orderers and a handful of lots, each of which
//! would otherwise be repeated in every row and index entry. Names are only ever added,
//! so a number once given means the same name for good (a backup or an old snapshot
//! reads the same).

use std::cell::RefCell;
use std::collections::HashMap;

use redb::{ReadOnlyTable, ReadTransaction, ReadableTable, TableError, WriteTransaction};

use super::super::StoreError;
use super::super::tables::{NAME_IDS, NAMES};

/// Turns a stored number back into its name.
pub trait Names {
    fn name(&self, id: u32) -> Result<String, StoreError>;
}

/// Gives a name its number, adding it when it has none yet.
pub trait Ids {
    fn id(&self, name: &str) -> Result<u32, StoreError>;
}

fn unknown(id: u32) -> StoreError {
    StoreError::Corrupt {
        what: "names".into(),
        detail: format!("no name numbered {id}"),
    }
}

/// Names read in a read transaction, each looked up once.
pub struct ReadNames {
    table: Option<ReadOnlyTable<u32, &'static str>>,
    cache: RefCell<HashMap<u32, String>>,
}

impl ReadNames {
    pub fn open(txn: &ReadTransaction) -> Result<ReadNames, StoreError> {
        let table = match txn.open_table(NAMES) {
            Ok(t) => Some(t),
            // A file with no names has no record referring to one.
            Err(TableError::TableDoesNotExist(_)) => None,
            Err(e) => return Err(e.into()),
        };
        Ok(ReadNames {
            table,
            cache: RefCell::default(),
        })
    }
}

impl Names for ReadNames {
    fn name(&self, id: u32) -> Result<String, StoreError> {
        if let Some(n) = self.cache.borrow().get(&id) {
            return Ok(n.clone());
        }
        let table = self.table.as_ref().ok_or_else(|| unknown(id))?;
        let name = table
            .get(id)?
            .ok_or_else(|| unknown(id))?
            .value()
            .to_string();
        self.cache.borrow_mut().insert(id, name.clone());
        Ok(name)
    }
}

/// Names in a write transaction: looked up and added as needed, each table opened only
/// for the moment it is asked (so callers may hold any other table open meanwhile).
pub struct WriteNames<'t> {
    txn: &'t WriteTransaction,
    by_id: RefCell<HashMap<u32, String>>,
    by_name: RefCell<HashMap<String, u32>>,
}

impl<'t> WriteNames<'t> {
    pub fn new(txn: &'t WriteTransaction) -> WriteNames<'t> {
        WriteNames {
            txn,
            by_id: RefCell::default(),
            by_name: RefCell::default(),
        }
    }
}

impl Names for WriteNames<'_> {
    fn name(&self, id: u32) -> Result<String, StoreError> {
        if let Some(n) = self.by_id.borrow().get(&id) {
            return Ok(n.clone());
        }
        let name = self
            .txn
            .open_table(NAMES)?
            .get(id)?
            .ok_or_else(|| unknown(id))?
            .value()
            .to_string();
        self.by_id.borrow_mut().insert(id, name.clone());
        Ok(name)
    }
}

impl Ids for WriteNames<'_> {
    fn id(&self, name: &str) -> Result<u32, StoreError> {
        if let Some(&id) = self.by_name.borrow().get(name) {
            return Ok(id);
        }
        let mut ids = self.txn.open_table(NAME_IDS)?;
        let found = ids.get(name)?.map(|v| v.value());
        let id = match found {
            Some(id) => id,
            None => {
                let mut names = self.txn.open_table(NAMES)?;
                let next = match names.last()? {
                    Some((k, _)) => {
                        k.value()
                            .checked_add(1)
                            .ok_or_else(|| StoreError::Corrupt {
                                what: "names".into(),
                                detail: "no numbers left".into(),
                            })?
                    }
                    None => 0,
                };
                names.insert(next, name)?;
                ids.insert(name, next)?;
                next
            }
        };
        self.by_name.borrow_mut().insert(name.to_string(), id);
        Ok(id)
    }
}

/// Every name at once, shared by threads (an import reads and writes from two): names
/// must be added before, through [`WriteNames`].
#[derive(Default)]
pub struct NameMap {
    by_id: HashMap<u32, String>,
    by_name: HashMap<String, u32>,
}

impl NameMap {
    pub fn load(txn: &WriteTransaction) -> Result<NameMap, StoreError> {
        let mut out = NameMap::default();
        for item in txn.open_table(NAMES)?.iter()? {
            let (k, v) = item?;
            out.by_id.insert(k.value(), v.value().to_string());
            out.by_name.insert(v.value().to_string(), k.value());
        }
        Ok(out)
    }
}

#[cfg(test)]
impl NameMap {
    /// The given names, numbered from 0 in order.
    pub fn of(names: &[&str]) -> NameMap {
        let mut out = NameMap::default();
        for (i, n) in names.iter().enumerate() {
            out.by_id.insert(i as u32, n.to_string());
            out.by_name.insert(n.to_string(), i as u32);
        }
        out
    }
}

impl Names for NameMap {
    fn name(&self, id: u32) -> Result<String, StoreError> {
        self.by_id.get(&id).cloned().ok_or_else(|| unknown(id))
    }
}

impl Ids for NameMap {
    fn id(&self, name: &str) -> Result<u32, StoreError> {
        self.by_name
            .get(name)
            .copied()
            .ok_or_else(|| StoreError::Corrupt {
                what: "names".into(),
                detail: format!("{name:?} was not added before the import"),
            })
    }
}
