//! Domain problems in the user's words, from the catalogues.

use crate::i18n::Catalog;
use crate::tr;

use super::agreement::AgreementProblem;
use super::money::MoneyError;
use super::orgnr::OrgNumberError;

impl OrgNumberError {
    pub fn message(&self, cat: &Catalog, input: &str) -> String {
        match self {
            OrgNumberError::Format => tr!(cat, "domain.orgnr.format", input = input),
            OrgNumberError::CheckDigit => tr!(cat, "domain.orgnr.check_digit", input = input),
        }
    }
}

impl MoneyError {
    pub fn message(&self, cat: &Catalog, input: &str) -> String {
        match self {
            MoneyError::Format => tr!(cat, "domain.money.format", input = input),
            MoneyError::Negative => tr!(cat, "domain.money.negative", input = input),
            MoneyError::TooLarge => tr!(cat, "domain.money.too_large", input = input),
        }
    }
}

impl AgreementProblem {
    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            AgreementProblem::EmptyReference => tr!(cat, "domain.problem.empty_reference").into(),
            AgreementProblem::EmptyName => tr!(cat, "domain.problem.empty_name").into(),
            AgreementProblem::EndBeforeStart => tr!(cat, "domain.problem.end_before_start").into(),
            AgreementProblem::DuplicateSupplier(org) => {
                tr!(cat, "domain.problem.duplicate_supplier", org = org)
            }
            AgreementProblem::EmptyLotName => tr!(cat, "domain.problem.empty_lot_name").into(),
            AgreementProblem::DuplicateLot(name) => {
                tr!(cat, "domain.problem.duplicate_lot", lot = name)
            }
            AgreementProblem::UnknownSupplierInRanking { lot, org_number } => tr!(
                cat,
                "domain.problem.unknown_supplier_in_ranking",
                lot = lot,
                org = org_number
            ),
            AgreementProblem::RankedTwice { lot, org_number } => {
                tr!(
                    cat,
                    "domain.problem.ranked_twice",
                    lot = lot,
                    org = org_number
                )
            }
            AgreementProblem::NoticeAfterExtension => {
                tr!(cat, "domain.problem.notice_after_extension").into()
            }
        }
    }
}
