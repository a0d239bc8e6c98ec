//! Which agreement a posting belongs to (DESIGN §4), in this order: the contract
//! reference, else the order reference of one of the agreement's call-offs, else the
//! supplier, the date and the booking account. A contract reference is compared trimmed
//! and case-folded (DESIGN says so); an order reference trimmed, as call-off references
//! are stored as written.

use crate::domain::{Agreement, AgreementId};

use super::{Posting, reference_key};

/// The agreements holding a call-off of a given reference.
pub trait CallOffRefs {
    /// Agreements with a call-off whose reference is `reference` (trimmed).
    fn agreements_of(&self, reference: &str) -> Vec<AgreementId>;
}

impl<F: Fn(&str) -> Vec<AgreementId>> CallOffRefs for F {
    fn agreements_of(&self, reference: &str) -> Vec<AgreementId> {
        self(reference)
    }
}

/// The answer for one posting, with the rule that decided it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Belonging {
    /// Its contract reference is the agreement's reference.
    Contract(AgreementId),
    /// Its order reference is one of the agreement's call-offs.
    Order(AgreementId),
    /// A supplier of the agreement, in its period, on one of its accounts (or it has none).
    Supplier(AgreementId),
    /// Several agreements qualify under the supplier rule, none stands out.
    Ambiguous,
    None,
}

impl Belonging {
    pub fn agreement(self) -> Option<AgreementId> {
        match self {
            Belonging::Contract(a) | Belonging::Order(a) | Belonging::Supplier(a) => Some(a),
            Belonging::Ambiguous | Belonging::None => None,
        }
    }
}

/// Whether two references are the same, trimmed and case-folded ([`reference_key`]),
/// without making either: this is asked of every agreement for every posting.
fn same_reference(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        reference_key(a) == reference_key(b)
    }
}

/// The agreement `p` belongs to among `agreements`.
pub fn belongs_to(p: &Posting, agreements: &[Agreement], calloffs: &impl CallOffRefs) -> Belonging {
    if let Some(contract) = p.contract.as_deref().map(str::trim)
        && !contract.is_empty()
        && let Some(a) = agreements
            .iter()
            .find(|a| same_reference(&a.reference, contract))
    {
        return Belonging::Contract(a.id);
    }
    if let Some(order) = p.order.as_deref().map(str::trim)
        && !order.is_empty()
    {
        let holders = calloffs.agreements_of(order);
        let known: Vec<AgreementId> = agreements
            .iter()
            .map(|a| a.id)
            .filter(|id| holders.contains(id))
            .collect();
        match known.as_slice() {
            [one] => return Belonging::Order(*one),
            // Two agreements with a call-off of that reference (DESIGN §6 allows it): the
            // one the supplier is a supplier of decides, if exactly one is.
            [_, _, ..] => {
                let of_supplier: Vec<AgreementId> = agreements
                    .iter()
                    .filter(|a| known.contains(&a.id) && a.supplier_ever(&p.supplier).is_some())
                    .map(|a| a.id)
                    .collect();
                if let [one] = of_supplier.as_slice() {
                    return Belonging::Order(*one);
                }
            }
            [] => {}
        }
    }
    let account = p.account.trim();
    let qualifying: Vec<&Agreement> = agreements
        .iter()
        .filter(|a| {
            a.supplier_ever(&p.supplier).is_some()
                && a.start <= p.date
                && p.date <= a.current_end()
                && (a.money.accounts.is_empty() || a.money.lists_account(account))
        })
        .collect();
    match qualifying.as_slice() {
        [] => Belonging::None,
        [one] => Belonging::Supplier(one.id),
        several => {
            let listing: Vec<&&Agreement> = several
                .iter()
                .filter(|a| a.money.lists_account(account))
                .collect();
            match listing.as_slice() {
                [one] => Belonging::Supplier(one.id),
                _ => Belonging::Ambiguous,
            }
        }
    }
}
