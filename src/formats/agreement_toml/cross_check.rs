//! The domain's own rules ([`Agreement::problems`]) run on the parsed agreement, each
//! problem placed on the line of the value it is about.

use std::mem::{Discriminant, discriminant};
use std::ops::Range;

use super::Spans;
use crate::domain::{Agreement, AgreementProblem};
use crate::formats::problem::ProblemKind;
use crate::formats::toml_reader::Sink;

pub(super) fn run(sink: &mut Sink<'_>, agreement: &Agreement, spans: &Spans) {
    // Spans already given to a problem of the same kind, so that a rule broken twice
    // points at two lines.
    let mut used: Vec<(Discriminant<AgreementProblem>, Range<usize>)> = Vec::new();
    for problem in agreement.problems() {
        let candidates: Vec<Range<usize>> = match &problem {
            // Missing or wrongly typed values were reported where they were read; the
            // placeholders standing in for them must not be reported again.
            AgreementProblem::EmptyReference => match &spans.reference {
                Some(s) => vec![s.clone()],
                None => continue,
            },
            AgreementProblem::EmptyName => match &spans.name {
                Some(s) => vec![s.clone()],
                None => continue,
            },
            AgreementProblem::EndBeforeStart => match &spans.dates {
                Some(s) => vec![s.clone()],
                None => continue,
            },
            AgreementProblem::DuplicateSupplier(org) => spans
                .suppliers
                .iter()
                .filter(|(o, _)| o == org)
                .skip(1)
                .map(|(_, s)| s.clone())
                .collect(),
            AgreementProblem::EmptyLotName => spans
                .lots
                .iter()
                .filter(|(name, _, _)| name.is_empty())
                .map(|(_, s, _)| s.clone())
                .collect(),
            AgreementProblem::DuplicateLot(lot) => spans
                .lots
                .iter()
                .filter(|(name, _, _)| name == lot)
                .skip(1)
                .map(|(_, s, _)| s.clone())
                .collect(),
            AgreementProblem::UnknownSupplierInRanking { lot, org_number } => {
                ranked(spans, lot, org_number, 0)
            }
            AgreementProblem::RankedTwice { lot, org_number } => ranked(spans, lot, org_number, 1),
            AgreementProblem::NoticeAfterExtension => agreement
                .extension_options
                .iter()
                .zip(&spans.options)
                .filter(|(o, _)| o.notice_date > o.extends_to)
                .map(|(_, s)| s.clone())
                .collect(),
        };
        let kind = discriminant(&problem);
        let span = candidates
            .into_iter()
            .find(|s| !used.contains(&(kind, s.clone())))
            .unwrap_or(0..0);
        used.push((kind, span.clone()));
        sink.push(&span, ProblemKind::Agreement(problem));
    }
}

/// Spans where `org` is ranked in lots named `lot`, skipping its first `skip`
/// occurrences in each lot (1 for "ranked twice": the first place is legitimate).
fn ranked(
    spans: &Spans,
    lot: &str,
    org: &crate::domain::OrgNumber,
    skip: usize,
) -> Vec<Range<usize>> {
    spans
        .lots
        .iter()
        .filter(|(name, _, _)| name == lot)
        .flat_map(|(_, _, ranking)| {
            ranking
                .iter()
                .filter(|(o, _)| o == org)
                .skip(skip)
                .map(|(_, s)| s.clone())
        })
        .collect()
}
