//! Every redb table, in one place. Values are bytes decoded by `encoding`, so a bad row
//! is an error we can show rather than a panic inside redb.

use redb::TableDefinition;

/// `schema_version` → u32.
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Agreement id → versioned agreement.
pub const AGREEMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("agreements");
/// Reference (diarienummer) → agreement id.
pub const AGREEMENT_BY_REF: TableDefinition<&str, u64> = TableDefinition::new("agreement_by_ref");
/// Sequence number → versioned audit entry.
pub const AUDIT: TableDefinition<u64, &[u8]> = TableDefinition::new("audit");
