//! Forms of an open renewed competition (instruction, model, criteria, tenders, note) and
//! of a purchase outside the agreement: which fields, filled from the record, and how a
//! valid form changes the record.

use crate::domain::competition::{
    Competition, Criterion, DeductionCriterion, ModelKind, Tender, fill_instruction,
};
use crate::domain::{Agreement, Money, OrgNumber};
use crate::i18n::Catalog;
use crate::tr;

use crate::app::competitions::{CompetitionPart, switch_kind};
use crate::app::form::{Field, FieldKind, Form, FormKey, FormTarget, form_keys, format_datetime};

mod instruction;
pub use instruction::*;

form_keys! {
    /// The evaluation model's head: its name, kind and the price's weight.
    pub enum ModelKey {
        Name => "ui.field.model_name",
        Kind => "ui.field.model_kind",
        PriceWeight => "ui.field.price_weight",
    }
}

form_keys! {
    /// A criterion of a weighted-score model.
    pub enum CriterionKey {
        Name => "ui.field.criterion_name",
        Weight => "ui.field.weight",
        MaxPoints => "ui.field.max_points",
    }
}

form_keys! {
    /// A criterion of a price-with-deductions model.
    pub enum DeductionKey {
        Name => "ui.field.criterion_name",
        MaxDeduction => "ui.field.max_deduction",
        MaxPoints => "ui.field.max_points",
    }
}

form_keys! {
    /// A tender: the supplier, the price, and one points field per criterion (repeated).
    pub enum TenderKey {
        Supplier => "ui.field.supplier",
        Price => "ui.field.tender_price",
        Points => "ui.field.points",
    }
}

form_keys! {
    /// The documented reason for an award that deviates from the ranking.
    pub enum AwardReasonKey {
        Reason => "ui.field.deviation_reason",
    }
}

const KINDS: [&str; 2] = ["ui.model.weighted", "ui.model.deductions"];

fn number<K: FormKey>(key: K, min: i64, max: i64, value: u32) -> Field {
    Field::new(
        key,
        FieldKind::Number {
            min,
            max,
            required: true,
        },
        &value.to_string(),
    )
}

fn target(part: CompetitionPart) -> FormTarget {
    FormTarget::Competition(part)
}

pub fn model_form(cat: &Catalog, c: &Competition) -> Form {
    let (kind, price_weight) = match &c.model.kind {
        ModelKind::WeightedScore { price_weight, .. } => (0, *price_weight),
        ModelKind::PriceWithDeductions { .. } => (1, 0),
    };
    let fields = vec![
        Field::new(
            ModelKey::Name,
            FieldKind::Text { required: true },
            &c.model.name,
        ),
        Field::choice(ModelKey::Kind, KINDS.to_vec(), kind),
        number(ModelKey::PriceWeight, 0, 100, price_weight),
    ];
    Form::new(
        cat.t("ui.form.model").to_string(),
        target(CompetitionPart::ModelHead),
        fields,
    )
}

pub fn criterion_form(cat: &Catalog, c: &Competition, index: Option<usize>) -> Form {
    let mut fields = Vec::new();
    match &c.model.kind {
        ModelKind::WeightedScore { criteria, .. } => {
            let cr = index.and_then(|i| criteria.get(i));
            fields.push(Field::new(
                CriterionKey::Name,
                FieldKind::Text { required: true },
                cr.map(|c| c.name.as_str()).unwrap_or(""),
            ));
            fields.push(number(
                CriterionKey::Weight,
                0,
                100,
                cr.map(|c| c.weight).unwrap_or(0),
            ));
            fields.push(number(
                CriterionKey::MaxPoints,
                1,
                i64::from(crate::domain::competition::MAX_POINTS),
                cr.map(|c| c.max_points).unwrap_or(5),
            ));
        }
        ModelKind::PriceWithDeductions { criteria } => {
            let cr = index.and_then(|i| criteria.get(i));
            fields.push(Field::new(
                DeductionKey::Name,
                FieldKind::Text { required: true },
                cr.map(|c| c.name.as_str()).unwrap_or(""),
            ));
            fields.push(Field::new(
                DeductionKey::MaxDeduction,
                FieldKind::Money { required: true },
                &cr.map(|c| c.max_deduction.format_kronor())
                    .unwrap_or_default(),
            ));
            fields.push(number(
                DeductionKey::MaxPoints,
                1,
                i64::from(crate::domain::competition::MAX_POINTS),
                cr.map(|c| c.max_points).unwrap_or(1),
            ));
        }
    }
    Form::new(
        cat.t("ui.form.criterion").to_string(),
        target(CompetitionPart::Criterion(index)),
        fields,
    )
}

/// The tender form: the supplier among the agreement's (a new tender defaults to the
/// first invited supplier without one), the price, and points per criterion, each field
/// named after its criterion with its scale.
pub fn tender_form(cat: &Catalog, a: &Agreement, c: &Competition, index: Option<usize>) -> Form {
    let t = index.and_then(|i| c.tenders.get(i));
    let options: Vec<String> = a
        .suppliers
        .iter()
        .map(|s| format!("{}  {}", s.name, s.org_number))
        .collect();
    let default = c
        .invited
        .iter()
        .find(|o| !c.tenders.iter().any(|t| &t.supplier == *o))
        .or(c.invited.first());
    let supplier = t
        .map(|t| &t.supplier)
        .or(default)
        .and_then(|o| a.suppliers.iter().position(|s| &s.org_number == o))
        .unwrap_or(0);
    let mut fields = vec![
        Field::pick(TenderKey::Supplier, options, supplier),
        Field::new(
            TenderKey::Price,
            FieldKind::Money { required: true },
            &t.map(|t| t.price.format_kronor()).unwrap_or_default(),
        ),
    ];
    for (i, (name, max)) in c.model.kind.criteria().enumerate() {
        let value = t.and_then(|t| t.points.get(i)).copied();
        let mut f = Field::new(
            TenderKey::Points,
            FieldKind::Number {
                min: 0,
                max: i64::from(max),
                required: true,
            },
            &value.map(|v| v.to_string()).unwrap_or_default(),
        )
        .nth(i);
        f.title = Some(tr!(cat, "ui.field.points_for", name = name, max = max));
        fields.push(f);
    }
    Form::new(
        cat.t("ui.form.tender").to_string(),
        target(CompetitionPart::Tender(index)),
        fields,
    )
}

/// The competition as a valid form of `part` leaves it; `Err` says in words what
/// contradicts the rest of the competition or the law (a tender from outside the lot).
pub fn apply(
    cat: &Catalog,
    form: &Form,
    part: &CompetitionPart,
    a: &Agreement,
    before: &Competition,
) -> Result<Competition, String> {
    apply_part(form, part, a, before).map_err(|refusal| match refusal {
        Refusal::Key(key) => cat.t(key).to_string(),
        Refusal::NotInLot(org) => tr!(
            cat,
            "ui.award.tender_not_in_lot",
            name = a.supplier_name(&org),
            lot = before.lot
        ),
        Refusal::NotInvited(org) => tr!(
            cat,
            "ui.award.tender_not_invited",
            name = a.supplier_name(&org)
        ),
    })
}

/// Why a form cannot change the competition.
enum Refusal {
    Key(&'static str),
    /// Only the lot's framework suppliers may tender (LOU).
    NotInLot(OrgNumber),
    /// A supplier of the lot that was not invited.
    NotInvited(OrgNumber),
}

impl From<&'static str> for Refusal {
    fn from(key: &'static str) -> Refusal {
        Refusal::Key(key)
    }
}

fn apply_part(
    form: &Form,
    part: &CompetitionPart,
    a: &Agreement,
    before: &Competition,
) -> Result<Competition, Refusal> {
    let mut c = before.clone();
    match part {
        CompetitionPart::Instruction => {
            c.deadline = form[InstructionKey::Deadline].datetime();
            c.instruction = form[InstructionKey::Instruction]
                .text()
                .trim_end()
                .to_string();
            // A deadline set after the instruction was filled goes where the template
            // left room for it; the rest of the text stays as written.
            if let Some(d) = c.deadline
                && c.instruction.contains("{deadline}")
            {
                c.instruction = c.instruction.replace("{deadline}", &format_datetime(d));
            }
        }
        CompetitionPart::Note => c.note = form[NoteKey::Note].text().trim_end().to_string(),
        CompetitionPart::Placeholders(names) => {
            let values: Vec<String> = form
                .fields_of(PlaceholderKey::Value)
                .map(|f| f.trimmed())
                .collect();
            let filled: Vec<(&str, String)> = names
                .iter()
                .zip(values)
                .filter(|(_, v)| !v.is_empty())
                .map(|(n, v)| (n.as_str(), v))
                .collect();
            c.instruction = fill_instruction(&c.instruction, &filled);
        }
        // Saved elsewhere: they change the organisation and the call-off, not the competition.
        CompetitionPart::Organisation | CompetitionPart::AwardReason { .. } => {
            return Err(Refusal::Key("ui.form.gone"));
        }
        CompetitionPart::ModelHead => {
            c.model.name = form[ModelKey::Name].trimmed();
            let weighted = form[ModelKey::Kind].choice == 0;
            c.model.kind =
                switch_kind(&c.model.kind, weighted, whole(&form[ModelKey::PriceWeight]));
        }
        CompetitionPart::Criterion(index) => {
            match &mut c.model.kind {
                ModelKind::WeightedScore { criteria, .. } => {
                    let new = Criterion {
                        name: form[CriterionKey::Name].trimmed(),
                        weight: whole(&form[CriterionKey::Weight]),
                        max_points: whole(&form[CriterionKey::MaxPoints]),
                    };
                    put(criteria, *index, new)?;
                }
                ModelKind::PriceWithDeductions { criteria } => {
                    let new = DeductionCriterion {
                        name: form[DeductionKey::Name].trimmed(),
                        max_deduction: form[DeductionKey::MaxDeduction].money().unwrap_or(Money(0)),
                        max_points: whole(&form[DeductionKey::MaxPoints]),
                    };
                    put(criteria, *index, new)?;
                }
            }
            // A new criterion scores 0 in the tenders already in until they are edited.
            crate::app::competitions::fit_points(&mut c);
        }
        CompetitionPart::Tender(index) => {
            let supplier = a
                .suppliers
                .get(form[TenderKey::Supplier].choice)
                .map(|s| s.org_number.clone())
                .ok_or("ui.form.no_supplier")?;
            if !crate::app::competitions::in_lot(a, before, &supplier) {
                return Err(Refusal::NotInLot(supplier));
            }
            if !c.invited.contains(&supplier) {
                return Err(Refusal::NotInvited(supplier));
            }
            let taken = c
                .tenders
                .iter()
                .enumerate()
                .any(|(i, t)| t.supplier == supplier && Some(i) != *index);
            if taken {
                return Err(Refusal::Key("ui.form.tender_exists"));
            }
            let points = form.fields_of(TenderKey::Points).map(whole).collect();
            let tender = Tender {
                supplier,
                price: form[TenderKey::Price].money().unwrap_or(Money(0)),
                points,
            };
            put(&mut c.tenders, *index, tender)?;
        }
    }
    Ok(c)
}

/// A whole number field's value (0 when empty or out of range; the form was validated).
fn whole(f: &Field) -> u32 {
    f.number().and_then(|n| u32::try_from(n).ok()).unwrap_or(0)
}

/// Replaces item `index` of `list`, or appends when None.
fn put<T>(list: &mut Vec<T>, index: Option<usize>, item: T) -> Result<(), Refusal> {
    match index {
        None => list.push(item),
        Some(i) => *list.get_mut(i).ok_or(Refusal::Key("ui.form.gone"))? = item,
    }
    Ok(())
}
