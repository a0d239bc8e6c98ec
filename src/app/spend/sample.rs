//! The Spend tab's invoice review (fakturakontroll, issue 16): `n` draws a sample of the
//! last twelve months' invoices, a few per supplier, with a seed taken from the clock (shown
//! and recorded, and editable in the form so an earlier draw can be repeated); Enter marks
//! the selected invoice checked with a result and a note; `u` takes either back.

use crate::domain::spend::sample::{Candidate, InvoiceSample, SampleResult, draw};
use crate::domain::{Agreement, AgreementId};
use crate::stats::spend::last_twelve_months;
use crate::store::{Store, StoreError};
use crate::tr;

use crate::app::form::{Field, FieldKind, Form, FormTarget, form_keys, format_date};
use crate::app::{App, Undo};

form_keys! {
    /// Drawing a sample.
    pub enum DrawKey {
        PerSupplier => "ui.spend.sample.field.per_supplier",
        Seed => "ui.spend.sample.field.seed",
    }
}

form_keys! {
    /// The check of one drawn invoice.
    pub enum CheckKey {
        Result => "ui.spend.sample.field.result",
        Note => "ui.spend.sample.field.note",
    }
}

/// The Spend tab's forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpendForm {
    /// A new sample of the followed agreement.
    Draw,
    /// The check of item `index` of sample `number`.
    Check { number: u32, index: usize },
}

/// How to take back a change of the invoice review.
#[derive(Debug, Clone)]
pub(in crate::app) enum SpendUndo {
    /// A sample was drawn: remove it.
    Drawn { agreement: AgreementId, number: u32 },
    /// A check was recorded: the sample as it was before.
    Checked(InvoiceSample),
    /// The deviation and the repayment case made from an overcharged line (`overcharge`).
    Overcharge {
        deviation: crate::domain::deviation::DeviationId,
        damages: crate::domain::sanction::DamagesId,
    },
}

/// The results the check form offers, in its order: what a check finds first, and last
/// "not checked" to take a mark back.
const RESULTS: [SampleResult; 4] = [
    SampleResult::Correct,
    SampleResult::Incorrect,
    SampleResult::Unclear,
    SampleResult::NotChecked,
];

/// How many invoices per supplier a draw takes unless told otherwise: enough to see a
/// pattern, few enough to check by hand.
const DEFAULT_PER_SUPPLIER: i64 = 2;

/// The invoices of `a` dated `from..=to` that may be drawn: one per invoice, with the sum
/// of its postings that belong to `a` and the date of the first.
pub fn candidates(
    store: &Store,
    agreements: &[Agreement],
    a: &Agreement,
    from: time::Date,
    to: time::Date,
) -> Result<Vec<Candidate>, StoreError> {
    let mut out = Vec::new();
    store.scan_invoices(agreements, |inv| {
        let mine: Vec<_> = inv
            .postings
            .iter()
            .filter(|(_, b)| b.agreement() == Some(a.id))
            .map(|(p, _)| p)
            .collect();
        let Some(first) = mine.iter().min_by_key(|p| p.date) else {
            return true;
        };
        if first.date < from || first.date > to {
            return true;
        }
        let name = a
            .suppliers
            .iter()
            .find(|s| s.org_number == first.supplier)
            .map_or(first.supplier_name.clone(), |s| s.name.clone());
        out.push(Candidate {
            supplier: first.supplier.clone(),
            supplier_name: name,
            invoice: first.invoice.clone(),
            date: first.date,
            amount: crate::domain::Money(mine.iter().map(|p| p.amount.0).sum()),
        });
        true
    })?;
    Ok(out)
}

impl App {
    /// The followed agreement's samples, for the Spend tab (the latest is the one shown).
    pub(in crate::app) fn load_samples(&mut self, agreement: AgreementId) {
        match self.store.samples(agreement) {
            Ok(list) => self.spend.samples = list,
            Err(e) => self.store_failed(&e),
        }
    }

    /// The sample shown: the latest drawn.
    pub fn latest_sample(&self) -> Option<&InvoiceSample> {
        self.spend.samples.last()
    }

    pub(in crate::app) fn open_draw_form(&mut self) {
        // The clock's seconds: a new seed for each draw, yet a number short enough to note
        // down and type back.
        let seed = self.now.assume_utc().unix_timestamp().max(0);
        let fields = vec![
            Field::new(
                DrawKey::PerSupplier,
                FieldKind::Number {
                    min: 1,
                    max: 100,
                    required: true,
                },
                &DEFAULT_PER_SUPPLIER.to_string(),
            ),
            Field::new(
                DrawKey::Seed,
                FieldKind::Number {
                    min: 0,
                    max: i64::MAX,
                    required: true,
                },
                &seed.to_string(),
            ),
        ];
        self.form = Some(Form::new(
            self.cat.t("ui.spend.sample.draw_title").to_string(),
            FormTarget::Spend(SpendForm::Draw),
            fields,
        ));
    }

    pub(in crate::app) fn open_check_form(&mut self) {
        let Some(s) = self.latest_sample() else {
            return self.info(self.cat.t("ui.spend.sample.none").to_string());
        };
        let index = self.spend.selected;
        let Some(item) = s.items.get(index) else {
            return;
        };
        let current = match item.result {
            SampleResult::NotChecked => 0,
            r => RESULTS.iter().position(|x| *x == r).unwrap_or(0),
        };
        let note = item.note.clone();
        let title = tr!(
            self.cat,
            "ui.spend.sample.check_title",
            invoice = item.invoice,
            supplier = item.supplier_name
        );
        let number = s.number;
        let fields = vec![
            Field::choice(
                CheckKey::Result,
                RESULTS.iter().map(|r| r.label()).collect(),
                current,
            ),
            Field::new(CheckKey::Note, FieldKind::Text { required: false }, &note),
        ];
        self.form = Some(Form::new(
            title,
            FormTarget::Spend(SpendForm::Check { number, index }),
            fields,
        ));
    }

    pub(in crate::app) fn submit_spend(&mut self, form: Form) {
        match form.target.clone() {
            FormTarget::Spend(SpendForm::Draw) => self.submit_sample_draw(form),
            FormTarget::Spend(SpendForm::Check { number, index }) => {
                self.submit_sample_check(form, number, index)
            }
            _ => {}
        }
    }

    fn submit_sample_draw(&mut self, form: Form) {
        let Some(a) = self.followed_agreement().cloned() else {
            return;
        };
        let per = form[DrawKey::PerSupplier]
            .number()
            .unwrap_or(DEFAULT_PER_SUPPLIER);
        let per = u32::try_from(per).unwrap_or(1);
        let seed = form[DrawKey::Seed].number().unwrap_or(0).unsigned_abs();
        let (from, to) = last_twelve_months(self.today);
        let found = match candidates(&self.store, &self.agreements, &a, from, to) {
            Ok(c) => c,
            Err(e) => return self.store_failed(&e),
        };
        let items = draw(&found, per, seed);
        if items.is_empty() {
            return self.error(self.cat.t("ui.spend.sample.nothing_to_draw").to_string());
        }
        let sample = InvoiceSample {
            agreement: a.id,
            number: 0,
            drawn_on: self.today,
            from,
            to,
            per_supplier: per,
            seed,
            items,
        };
        match self.store.insert_sample(&sample) {
            Ok(stored) => {
                self.undo_push(Undo::Spend(SpendUndo::Drawn {
                    agreement: a.id,
                    number: stored.number,
                }));
                self.load_samples(a.id);
                self.spend.selected = 0;
                self.info(tr!(
                    self.cat,
                    "ui.spend.sample.drawn",
                    count = stored.items.len(),
                    number = stored.number,
                    seed = seed
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    fn submit_sample_check(&mut self, mut form: Form, number: u32, index: usize) {
        let Some(agreement) = self.followed else {
            return;
        };
        let result = RESULTS[form[CheckKey::Result].choice.min(RESULTS.len() - 1)];
        let note = form[CheckKey::Note].trimmed();
        // A finding that is not "correct" is taken up with the supplier: say what it is.
        if matches!(result, SampleResult::Incorrect | SampleResult::Unclear) && note.is_empty() {
            form.fail_at(
                CheckKey::Note,
                self.cat.t("ui.spend.sample.note_needed").to_string(),
            );
            self.form = Some(form);
            return;
        }
        match self
            .store
            .check_sample_item(agreement, number, index, result, &note, self.today)
        {
            Ok(before) => {
                let invoice = before
                    .items
                    .get(index)
                    .map(|i| i.invoice.clone())
                    .unwrap_or_default();
                self.undo_push(Undo::Spend(SpendUndo::Checked(before)));
                self.load_samples(agreement);
                self.info(tr!(
                    self.cat,
                    "ui.spend.sample.checked",
                    invoice = invoice,
                    result = self.cat.t(result.label())
                ));
            }
            Err(e) => self.store_failed(&e),
        }
    }

    pub(in crate::app) fn undo_spend(&mut self, u: &SpendUndo) -> (Result<(), StoreError>, String) {
        match u {
            SpendUndo::Drawn { agreement, number } => (
                self.store.delete_sample(*agreement, *number).map(|_| ()),
                tr!(self.cat, "ui.spend.sample.reference", number = number),
            ),
            SpendUndo::Checked(before) => (
                self.store.restore_sample(before),
                tr!(
                    self.cat,
                    "ui.spend.sample.reference",
                    number = before.number
                ),
            ),
            SpendUndo::Overcharge { deviation, damages } => {
                self.undo_overcharge(*deviation, *damages)
            }
        }
    }
}

/// The sample's heading: when and how it was drawn, and how far the checks have come.
pub fn sample_heading(cat: &crate::i18n::Catalog, s: &InvoiceSample) -> String {
    let o = s.outcome();
    tr!(
        cat,
        "ui.spend.sample.heading",
        number = s.number,
        drawn_on = format_date(s.drawn_on),
        per = s.per_supplier,
        seed = s.seed,
        checked = o.checked,
        drawn = o.drawn
    )
}

/// The invoice review in the report before the next procurement: the latest sample's
/// outcome in two short lines (each whole at 80 columns), or that none was drawn.
pub fn report_lines(cat: &crate::i18n::Catalog, s: Option<&InvoiceSample>) -> Vec<String> {
    let Some(s) = s else {
        return vec![cat.t("ui.spend.sample.report_none").to_string()];
    };
    let o = s.outcome();
    vec![
        tr!(
            cat,
            "ui.spend.sample.report_line",
            number = s.number,
            drawn_on = format_date(s.drawn_on),
            seed = s.seed,
            drawn = o.drawn,
            checked = o.checked
        ),
        tr!(
            cat,
            "ui.spend.sample.report_results",
            correct = o.correct,
            incorrect = o.incorrect,
            unclear = o.unclear
        ),
    ]
}
