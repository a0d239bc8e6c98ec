//! The penalty sync reads only what the watch names (call-offs written since the last
//! sync, and on a new day those still undelivered). Whatever order call-offs are
//! written, corrected, deleted and synced in, and whatever the term, the claims must be
//! those a sync over every call-off would record; the totals the agenda shows must be
//! those of the claims.

use crate::common;

use std::collections::BTreeMap;

use avtal::domain::agreement::{PenaltyBasis, PenaltyTrigger};
use avtal::domain::calloff::{CallOff, CallOffMethod};
use avtal::domain::sanction::{ClaimStatus, proposals};
use avtal::domain::*;
use avtal::store::Store;
use common::{it_agreement, org};
use proptest::prelude::*;
use time::macros::{date, datetime};
use time::{Date, Duration};

const SUPPLIERS: [&str; 2] = ["5560743089", "2021005448"];
const START: Date = date!(2026 - 09 - 01);

#[derive(Debug, Clone)]
enum Op {
    /// Write call-off `r` awarded to supplier `s`, due `due` days after START, delivered
    /// `delivered` days after START (None: not yet).
    Write {
        r: u8,
        s: usize,
        due: i64,
        delivered: Option<i64>,
    },
    Delete(u8),
    /// Sync at START + days.
    Sync(i64),
    /// Claim the first identified claim.
    Claim,
    /// The agreement's late-delivery rate changes (percent per started week).
    Rate(u32),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..6, 0usize..2, 0i64..60, proptest::option::of(0i64..90))
            .prop_map(|(r, s, due, delivered)| Op::Write { r, s, due, delivered }),
        1 => (0u8..6).prop_map(Op::Delete),
        4 => (0i64..120).prop_map(Op::Sync),
        1 => Just(Op::Claim),
        1 => (1u32..10).prop_map(Op::Rate),
    ]
}

fn calloff(id: AgreementId, r: u8, s: usize, due: i64, delivered: Option<i64>) -> CallOff {
    let mut c = CallOff::new(
        &format!("AV-{r}"),
        id,
        "Systemutveckling",
        "Olle",
        CallOffMethod::Ranking,
        datetime!(2026-08-01 09:00),
    );
    c.awarded_supplier = Some(org(SUPPLIERS[s]));
    c.value = Some(Money(10_000_000));
    c.delivery_due = Some(START + Duration::days(due));
    c.delivered_at = delivered.map(|d| START + Duration::days(d));
    c
}

fn run(ops: &[Op]) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.redb")).unwrap();
    let mut a = it_agreement();
    let id = store.insert_agreement(&a).unwrap();
    a.id = id;
    // The model: the current call-offs, and per claimed-or-identified call-off its claim
    // as a full sync would leave it (amount while identified; frozen once claimed).
    let mut current: BTreeMap<String, CallOff> = BTreeMap::new();
    let mut model: BTreeMap<String, (i64, bool)> = BTreeMap::new();
    for op in ops {
        match op {
            Op::Write {
                r,
                s,
                due,
                delivered,
            } => {
                let c = calloff(id, *r, *s, *due, *delivered);
                // Both ways in: the importer writes call-offs on its own path.
                if r % 2 == 0 {
                    store.import_calloffs(std::slice::from_ref(&c)).unwrap();
                } else {
                    store.save_calloff(&c).unwrap();
                }
                current.insert(c.reference.clone(), c);
            }
            Op::Delete(r) => {
                let reference = format!("AV-{r}");
                if current.remove(&reference).is_some() {
                    store.delete_calloff(id, &reference).unwrap();
                }
            }
            Op::Sync(days) => {
                let as_of = START + Duration::days(*days);
                store.sync_penalty_claims(id, as_of).unwrap();
                for p in proposals(&a, current.values(), as_of) {
                    let amount = p.breakdown.penalty.amount.0;
                    let entry = model.entry(p.calloff.clone()).or_insert((amount, false));
                    if !entry.1 {
                        entry.0 = amount;
                    }
                }
            }
            Op::Claim => {
                let claims = store.penalty_claims(Some(id)).unwrap();
                if let Some(mut c) = claims
                    .into_iter()
                    .find(|c| c.status == ClaimStatus::Identified)
                {
                    c.claim(START, "krav.pdf").unwrap();
                    store.save_claim(&c).unwrap();
                    model.insert(c.calloff.clone(), (c.amount.0, true));
                }
            }
            Op::Rate(pct) => {
                let term = a
                    .penalties
                    .iter_mut()
                    .find(|t| t.trigger == PenaltyTrigger::LateDelivery)
                    .unwrap();
                term.basis = PenaltyBasis::PerStartedWeek;
                term.rate = Rate::Percent(pct * 100);
                store.update_agreement(&a).unwrap();
            }
        }
        let claims = store.penalty_claims(Some(id)).unwrap();
        let stored: BTreeMap<String, (i64, bool)> = claims
            .iter()
            .map(|c| {
                let claimed = c.status != ClaimStatus::Identified;
                (c.calloff.clone(), (c.amount.0, claimed))
            })
            .collect();
        prop_assert_eq!(&stored, &model, "after {:?}", op);

        let mut expected: BTreeMap<String, (u64, i64)> = BTreeMap::new();
        for c in claims
            .iter()
            .filter(|c| c.status == ClaimStatus::Identified)
        {
            let e = expected.entry(c.supplier.digits().to_string()).or_default();
            e.0 += 1;
            e.1 += c.amount.0;
        }
        let totals: BTreeMap<String, (u64, i64)> = store
            .claims_to_make()
            .unwrap()
            .into_iter()
            .map(|t| (t.supplier.digits().to_string(), (t.count, t.amount.0)))
            .collect();
        prop_assert_eq!(totals, expected, "totals after {:?}", op);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn incremental_sync_records_what_a_full_sync_would(ops in proptest::collection::vec(op(), 1..30)) {
        run(&ops)?;
    }
}

#[test]
fn a_sync_the_same_day_reads_nothing_again_and_a_new_day_moves_running_delays() {
    // An undelivered call-off's penalty grows week by week until the 15 % cap; a delivered
    // one is settled after its first sync.
    let ops = [
        Op::Write {
            r: 1,
            s: 0,
            due: 0,
            delivered: None,
        },
        Op::Write {
            r: 2,
            s: 1,
            due: 0,
            delivered: Some(3),
        },
        Op::Sync(1),
        Op::Sync(1),
        Op::Sync(8),
        Op::Sync(40),
        Op::Sync(41),
        Op::Write {
            r: 2,
            s: 1,
            due: 0,
            delivered: Some(20),
        },
        Op::Sync(41),
    ];
    run(&ops).unwrap();
}
