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
/// (Agreement id, call-off reference) → versioned `CallOffRow`: the call-off with its
/// ranking outcome kept current on write, so lists never recompute it.
pub const CALLOFF_ROWS: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("calloff_rows");
/// (Agreement id, requested_at as Unix seconds, call-off reference) → fixed-width compact
/// entry (see `calloff_index`): what list filters need, kept in step with `CALLOFF_ROWS`
/// in the same transaction, so a list is one range scan in its display order.
pub const CALLOFF_INDEX: TableDefinition<(u64, i64, &str), &[u8]> =
    TableDefinition::new("calloff_index");
/// (Call-off reference, agreement id) → (): the agreements holding a call-off of that
/// reference. A call-off is its agreement's and its reference's (DESIGN §6): two agreements
/// may both have an `AV-0001`, so a requests file naming only the reference asks here.
pub const CALLOFF_AGREEMENTS: TableDefinition<(&str, u64), ()> =
    TableDefinition::new("calloff_agreements");
/// (Agreement id, `calloff ␟ supplier ␟ sent_at`) → versioned request (schema 3).
pub const REQUESTS: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("calloff_requests");
/// Same key as `REQUESTS` → versioned `Awaited`, for requests with no answer yet.
pub const AWAITED: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("awaited_requests");
/// Deviation id → versioned manual deviation.
pub const DEVIATIONS: TableDefinition<u64, &[u8]> = TableDefinition::new("deviations");
/// (Agreement id, call-off reference) → versioned renewed competition.
pub const COMPETITIONS: TableDefinition<(u64, &str), &[u8]> =
    TableDefinition::new("calloff_competitions");
/// (Agreement id, model name) → versioned evaluation model saved for reuse.
pub const MODELS: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("models");
/// Purchase id → versioned purchase outside the agreement.
pub const PURCHASES: TableDefinition<u64, &[u8]> = TableDefinition::new("purchases");
/// (Agreement id, category) → versioned decision about purchases outside the agreement.
pub const DECISIONS: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("decisions");
/// Meeting id → versioned meeting.
pub const MEETINGS: TableDefinition<u64, &[u8]> = TableDefinition::new("meetings");
/// (Agreement id, meeting id) → (): an agreement's meetings without reading the others.
pub const MEETINGS_BY_AGREEMENT: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("meetings_by_agreement");
/// Action id → versioned action item.
pub const ACTIONS: TableDefinition<u64, &[u8]> = TableDefinition::new("actions");
/// (Meeting id, action id) → (): a meeting's actions without reading the others.
pub const ACTIONS_BY_MEETING: TableDefinition<(u64, u64), ()> =
    TableDefinition::new("actions_by_meeting");
/// Agreement id → versioned implementation checklist.
pub const CHECKLISTS: TableDefinition<u64, &[u8]> = TableDefinition::new("checklists");
/// Requirement id → versioned requirement of a follow-up plan.
pub const REQUIREMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("requirements");
/// Check id → versioned check of a requirement.
pub const CHECKS: TableDefinition<u64, &[u8]> = TableDefinition::new("checks");
/// (Agreement id, supplier digits, `YYYY-MM`) → versioned `SupplierMonth`: what a
/// supplier reported for a month; a re-import of the same month replaces it.
pub const SUPPLIER_STATS: TableDefinition<(u64, &str, &str), &[u8]> =
    TableDefinition::new("supplier_stats");
/// (Agreement id, call-off reference) → versioned penalty claim: one claim per breach, so
/// the same late call-off is never claimed twice.
pub const PENALTY_CLAIMS: TableDefinition<(u64, &str), &[u8]> =
    TableDefinition::new("penalty_claims");
/// Damages case id → versioned damages case.
pub const DAMAGES: TableDefinition<u64, &[u8]> = TableDefinition::new("damages");
/// Termination case id → versioned termination case.
pub const TERMINATIONS: TableDefinition<u64, &[u8]> = TableDefinition::new("terminations");

/// (Agreement, supplier digits, day number) → the supplier's KPI counters for that day,
/// kept current on write (see `aggregates`).
pub const SUPPLIER_DAYS: TableDefinition<(u64, &str, i32), &[u8]> =
    TableDefinition::new("agg_supplier_days");
/// (Agreement, day number) → ranking compliance counters for that day.
pub const RANKING_DAYS: TableDefinition<(u64, i32), &[u8]> =
    TableDefinition::new("agg_ranking_days");
/// (Agreement, deadline, request key) → a request without an in-time answer, so a KPI
/// table as of any moment re-checks only those whose deadline is still ahead of it.
pub const NOT_IN_TIME: TableDefinition<(u64, i64, &str), &[u8]> =
    TableDefinition::new("agg_not_in_time");
/// (Agreement, supplier digits) → the ranking deviations the supplier was awarded or
/// passed over in, kept current on write (`aggregates::deviations`).
pub const DEVIATION_SUPPLIERS: TableDefinition<(u64, &str), &[u8]> =
    TableDefinition::new("agg_deviation_suppliers");
/// (Agreement, delivery due as a Julian day, call-off reference) → flags: the call-offs a
/// penalty sync must read (see `penalty_watch`).
pub const PENALTY_WATCH: TableDefinition<(u64, i32, &str), u8> =
    TableDefinition::new("penalty_watch");
/// Agreement id → the day and term digest of its last penalty sync (`penalty_sync`).
pub const PENALTY_SYNCED: TableDefinition<u64, &[u8]> = TableDefinition::new("penalty_synced");
/// (Agreement id, supplier org digits) → count and sum in öre of its identified (not yet
/// claimed) penalties (`claim_totals`).
pub const CLAIM_TOTALS: TableDefinition<(u64, &str), &[u8]> = TableDefinition::new("claim_totals");
/// Agreement id → how many penalty claims it has, and a generation that moves whenever a
/// claim is added or removed (`claim_totals`), so a list read as a window knows its length
/// and whether the positions it holds still hold.
pub const CLAIM_COUNTS: TableDefinition<u64, &[u8]> = TableDefinition::new("claim_counts");
/// (Agreement id, supplier org digits) → how many penalty claims the supplier has and
/// the sum in öre of those claimed or paid (`claim_report`).
pub const CLAIM_SUPPLIERS: TableDefinition<(u64, &str), &[u8]> =
    TableDefinition::new("claim_suppliers");
/// (Agreement id, call-off reference) → (): the penalty claims whose log holds a lesson
/// (`claim_report`).
pub const CLAIM_LESSONS: TableDefinition<(u64, &str), ()> = TableDefinition::new("claim_lessons");
/// Name id → a repeated string (a lot, an orderer) that records refer to by number
/// (`records::names`); only ever added to.
pub const NAMES: TableDefinition<u32, &str> = TableDefinition::new("names");
/// The same, from the name to its number.
pub const NAME_IDS: TableDefinition<&str, u32> = TableDefinition::new("name_ids");
/// Agreement id → versioned money terms: maximum value, estimated value, booking accounts
/// and the agreed price list (`spend`, schema 5). Apart from the agreement's record, so a
/// long price list is read only where money is.
pub const AGREEMENT_MONEY: TableDefinition<u64, &[u8]> = TableDefinition::new("agreement_money");
/// (Supplier digits, invoice, account) → versioned ledger row: one posting of an
/// accounts-payable extract; a file imported again replaces its rows (`spend`).
pub const LEDGER: TableDefinition<(&str, &str, &str), &[u8]> = TableDefinition::new("ledger");
/// (Supplier digits, invoice) → versioned Peppol document with its lines (`spend`).
pub const INVOICES: TableDefinition<(&str, &str), &[u8]> = TableDefinition::new("invoices");
/// A spend aggregate: (a name, a month or year, a name) → (day or month, öre, postings)
/// for each day or month holding a posting.
pub type SpendSums =
    TableDefinition<'static, (&'static str, i32, &'static str), Vec<(u8, i64, u32)>>;
/// (Supplier digits, month, account) → (day of the month, öre, postings) for each day
/// with a posting: the postings without a contract or order reference, summed
/// (`spend_agg`, schema 7). Which agreement they belong to depends only on these three
/// (DESIGN §4, the supplier rule), so it is decided when read. A month is
/// `year × 12 + month − 1`.
pub const SPEND_SUPPLIER_MONTH_DAYS: SpendSums =
    TableDefinition::new("agg_spend_supplier_month_days");
/// (Account, year, supplier digits) → (month 1–12, öre, postings) for each month with a
/// posting: the same postings by account, for the accounts' side of whole months.
pub const SPEND_ACCOUNT_YEAR_MONTHS: SpendSums =
    TableDefinition::new("agg_spend_account_year_months");
/// (Account, month, supplier digits) → (day of the month, öre, postings): the same by
/// day, for the months a period starts or ends inside.
pub const SPEND_ACCOUNT_MONTH_DAYS: SpendSums =
    TableDefinition::new("agg_spend_account_month_days");
/// (Supplier digits, invoice, account) → versioned ledger row: the postings that carry a
/// contract or order reference, judged one by one when read (`spend_agg`).
pub const SPEND_REFERENCED: TableDefinition<(&str, &str, &str), &[u8]> =
    TableDefinition::new("agg_spend_referenced");
/// Supplier digits → the name its latest posting gave (for the suppliers outside).
pub const SPEND_NAMES: TableDefinition<&str, &str> = TableDefinition::new("agg_spend_names");
/// (Agreement id, sample number) → versioned invoice sample for manual review
/// (fakturakontroll): the invoices drawn, the seed, and each check's result (`samples`,
/// schema 6).
pub const INVOICE_SAMPLES: TableDefinition<(u64, u32), &[u8]> =
    TableDefinition::new("invoice_samples");
/// `"form"` → versioned `FormDraft`: a form left unsaved when the program ended (`drafts`).
pub const DRAFTS: TableDefinition<&str, &[u8]> = TableDefinition::new("drafts");

/// Every table above, for code that must touch them all (the backup copies each one, the
/// check reads each one). A table missing here would be silently left out of every backup:
/// `store::backup`'s tests compare this list with the tables a fresh database has and with
/// the constants of this file, and a backup refuses a file holding a table not listed.
pub const ALL: &[&dyn super::backup::AnyTable] = &[
    &META,
    &AGREEMENTS,
    &AGREEMENT_BY_REF,
    &AUDIT,
    &CALLOFF_ROWS,
    &CALLOFF_INDEX,
    &CALLOFF_AGREEMENTS,
    &REQUESTS,
    &AWAITED,
    &DEVIATIONS,
    &COMPETITIONS,
    &MODELS,
    &PURCHASES,
    &DECISIONS,
    &MEETINGS,
    &MEETINGS_BY_AGREEMENT,
    &ACTIONS,
    &ACTIONS_BY_MEETING,
    &CHECKLISTS,
    &REQUIREMENTS,
    &CHECKS,
    &SUPPLIER_STATS,
    &PENALTY_CLAIMS,
    &DAMAGES,
    &TERMINATIONS,
    &SUPPLIER_DAYS,
    &RANKING_DAYS,
    &NOT_IN_TIME,
    &DEVIATION_SUPPLIERS,
    &PENALTY_WATCH,
    &PENALTY_SYNCED,
    &CLAIM_TOTALS,
    &CLAIM_COUNTS,
    &CLAIM_SUPPLIERS,
    &CLAIM_LESSONS,
    &DRAFTS,
    &NAMES,
    &NAME_IDS,
    &AGREEMENT_MONEY,
    &LEDGER,
    &INVOICES,
    &SPEND_SUPPLIER_MONTH_DAYS,
    &SPEND_ACCOUNT_YEAR_MONTHS,
    &SPEND_ACCOUNT_MONTH_DAYS,
    &SPEND_REFERENCED,
    &SPEND_NAMES,
    &INVOICE_SAMPLES,
];
