//! Forms of an open renewed competition (instruction, model, criteria, tenders, note) and
//! of a purchase outside the agreement: which fields, filled from the record, and how a
//! valid form changes the record.

use time::Date;

use crate::domain::competition::{
    Competition, Criterion, DeductionCriterion, ModelKind, Tender, fill_instruction,
};
use crate::domain::organisation::Organisation;
use crate::domain::purchase::{OutsidePurchase, PurchaseId};
use crate::domain::{Agreement, AgreementId, Money, OrgNumber};
use crate::i18n::Catalog;
use crate::tr;

use crate::app::competitions::{CompetitionPart, switch_kind};
use crate::app::form::{Field, FieldKind, Form, FormTarget, format_date, format_datetime};

const KINDS: [&str; 2] = ["ui.model.weighted", "ui.model.deductions"];

fn number(label: &'static str, min: i64, max: i64, value: u32) -> Field {
    Field::new(
        label,
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

/// The deadline and the instruction as it reads now (`text`: with what the register knows
/// filled in).
pub fn instruction_form(cat: &Catalog, c: &Competition, text: &str) -> Form {
    let fields = vec![
        Field::new(
            "ui.field.tender_deadline",
            FieldKind::DateTime { required: false },
            &c.deadline.map(format_datetime).unwrap_or_default(),
        ),
        Field::new("ui.field.instruction", FieldKind::MultiLine, text),
    ];
    Form::new(
        cat.t("ui.form.instruction").to_string(),
        target(CompetitionPart::Instruction),
        fields,
    )
}

/// One field per placeholder still in the instruction (`names`), titled as the user
/// reads it; a field left empty leaves its placeholder to fill later.
pub fn placeholders_form(cat: &Catalog, names: &[String]) -> Form {
    let fields = names
        .iter()
        .map(|name| {
            let mut f = Field::new(
                "ui.field.placeholder",
                FieldKind::Text { required: false },
                "",
            );
            // A field's title starts with a capital, as every other label does.
            let title = crate::app::competitions::placeholder_name(cat, name);
            let mut chars = title.chars();
            f.title = Some(match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => title,
            });
            f
        })
        .collect();
    Form::new(
        cat.t("ui.form.placeholders").to_string(),
        target(CompetitionPart::Placeholders(names.to_vec())),
        fields,
    )
}

/// The organisation's name and the contract manager's contact.
pub fn organisation_form(cat: &Catalog, o: &Organisation) -> Form {
    let fields = vec![
        Field::new(
            "ui.field.organisation_name",
            FieldKind::Text { required: true },
            &o.name,
        ),
        Field::new(
            "ui.field.organisation_contact",
            FieldKind::Text { required: true },
            &o.contact,
        ),
    ];
    Form::new(
        cat.t("ui.form.organisation").to_string(),
        target(CompetitionPart::Organisation),
        fields,
    )
}

/// The organisation a valid organisation form describes.
pub fn organisation_from(form: &Form) -> Organisation {
    Organisation {
        name: form.field("ui.field.organisation_name").trimmed(),
        contact: form.field("ui.field.organisation_contact").trimmed(),
    }
}

pub fn note_form(cat: &Catalog, c: &Competition) -> Form {
    let fields = vec![Field::new(
        "ui.field.model_note",
        FieldKind::MultiLine,
        &c.note,
    )];
    Form::new(
        cat.t("ui.form.model_note").to_string(),
        target(CompetitionPart::Note),
        fields,
    )
}

pub fn model_form(cat: &Catalog, c: &Competition) -> Form {
    let (kind, price_weight) = match &c.model.kind {
        ModelKind::WeightedScore { price_weight, .. } => (0, *price_weight),
        ModelKind::PriceWithDeductions { .. } => (1, 0),
    };
    let fields = vec![
        Field::new(
            "ui.field.model_name",
            FieldKind::Text { required: true },
            &c.model.name,
        ),
        Field::choice("ui.field.model_kind", KINDS.to_vec(), kind),
        number("ui.field.price_weight", 0, 100, price_weight),
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
                "ui.field.criterion_name",
                FieldKind::Text { required: true },
                cr.map(|c| c.name.as_str()).unwrap_or(""),
            ));
            fields.push(number(
                "ui.field.weight",
                0,
                100,
                cr.map(|c| c.weight).unwrap_or(0),
            ));
            fields.push(number(
                "ui.field.max_points",
                1,
                i64::from(crate::domain::competition::MAX_POINTS),
                cr.map(|c| c.max_points).unwrap_or(5),
            ));
        }
        ModelKind::PriceWithDeductions { criteria } => {
            let cr = index.and_then(|i| criteria.get(i));
            fields.push(Field::new(
                "ui.field.criterion_name",
                FieldKind::Text { required: true },
                cr.map(|c| c.name.as_str()).unwrap_or(""),
            ));
            fields.push(Field::new(
                "ui.field.max_deduction",
                FieldKind::Money { required: true },
                &cr.map(|c| c.max_deduction.format_kronor())
                    .unwrap_or_default(),
            ));
            fields.push(number(
                "ui.field.max_points",
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
        Field::pick("ui.field.supplier", options, supplier),
        Field::new(
            "ui.field.tender_price",
            FieldKind::Money { required: true },
            &t.map(|t| t.price.format_kronor()).unwrap_or_default(),
        ),
    ];
    for (i, (name, max)) in c.model.kind.criteria().enumerate() {
        let value = t.and_then(|t| t.points.get(i)).copied();
        let mut f = Field::new(
            "ui.field.points",
            FieldKind::Number {
                min: 0,
                max: i64::from(max),
                required: true,
            },
            &value.map(|v| v.to_string()).unwrap_or_default(),
        );
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
    let f = |label| form.field(label);
    let num = |label| {
        f(label)
            .number()
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(0)
    };
    let mut c = before.clone();
    match part {
        CompetitionPart::Instruction => {
            c.deadline = f("ui.field.tender_deadline").datetime();
            c.instruction = f("ui.field.instruction").text().trim_end().to_string();
            // A deadline set after the instruction was filled goes where the template
            // left room for it; the rest of the text stays as written.
            if let Some(d) = c.deadline
                && c.instruction.contains("{deadline}")
            {
                c.instruction = c.instruction.replace("{deadline}", &format_datetime(d));
            }
        }
        CompetitionPart::Note => c.note = f("ui.field.model_note").text().trim_end().to_string(),
        CompetitionPart::Placeholders(names) => {
            let values: Vec<String> = form
                .fields
                .iter()
                .filter(|f| f.label == "ui.field.placeholder")
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
            c.model.name = f("ui.field.model_name").trimmed();
            let weighted = f("ui.field.model_kind").choice == 0;
            c.model.kind = switch_kind(&c.model.kind, weighted, num("ui.field.price_weight"));
        }
        CompetitionPart::Criterion(index) => {
            let name = f("ui.field.criterion_name").trimmed();
            let max_points = num("ui.field.max_points");
            match &mut c.model.kind {
                ModelKind::WeightedScore { criteria, .. } => {
                    let new = Criterion {
                        name,
                        weight: num("ui.field.weight"),
                        max_points,
                    };
                    put(criteria, *index, new)?;
                }
                ModelKind::PriceWithDeductions { criteria } => {
                    let new = DeductionCriterion {
                        name,
                        max_deduction: f("ui.field.max_deduction").money().unwrap_or(Money(0)),
                        max_points,
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
                .get(f("ui.field.supplier").choice)
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
            let points = form
                .fields
                .iter()
                .filter(|f| f.label == "ui.field.points")
                .map(|f| f.number().and_then(|n| u32::try_from(n).ok()).unwrap_or(0))
                .collect();
            let tender = Tender {
                supplier,
                price: f("ui.field.tender_price").money().unwrap_or(Money(0)),
                points,
            };
            put(&mut c.tenders, *index, tender)?;
        }
    }
    Ok(c)
}

/// Replaces item `index` of `list`, or appends when None.
fn put<T>(list: &mut Vec<T>, index: Option<usize>, item: T) -> Result<(), Refusal> {
    match index {
        None => list.push(item),
        Some(i) => *list.get_mut(i).ok_or(Refusal::Key("ui.form.gone"))? = item,
    }
    Ok(())
}

pub fn purchase_form(cat: &Catalog, p: Option<&OutsidePurchase>, today: Date) -> Form {
    let text = |label, required, value: Option<&String>| {
        Field::new(
            label,
            FieldKind::Text { required },
            value.map(String::as_str).unwrap_or(""),
        )
    };
    let fields = vec![
        Field::new(
            "ui.field.purchase_date",
            FieldKind::Date { required: true },
            &format_date(p.map(|p| p.date).unwrap_or(today)),
        ),
        text("ui.field.orderer_unit", true, p.map(|p| &p.orderer)),
        text("ui.field.purchase_supplier", true, p.map(|p| &p.supplier)),
        text("ui.field.description", false, p.map(|p| &p.description)),
        Field::new(
            "ui.field.amount",
            FieldKind::Money { required: true },
            &p.map(|p| p.amount.format_kronor()).unwrap_or_default(),
        ),
        text("ui.field.category", true, p.map(|p| &p.category)),
        text("ui.field.reason", false, p.map(|p| &p.reason)),
    ];
    let title = if p.is_some() {
        "ui.form.edit_purchase"
    } else {
        "ui.form.new_purchase"
    };
    Form::new(
        cat.t(title).to_string(),
        FormTarget::Purchase(p.map(|p| p.id)),
        fields,
    )
}

/// The purchase a valid form describes.
pub fn purchase_from(
    form: &Form,
    agreement: AgreementId,
    id: Option<PurchaseId>,
) -> Option<OutsidePurchase> {
    let f = |label| form.field(label);
    Some(OutsidePurchase {
        id: id.unwrap_or_default(),
        agreement,
        date: f("ui.field.purchase_date").date()?,
        orderer: f("ui.field.orderer_unit").trimmed(),
        supplier: f("ui.field.purchase_supplier").trimmed(),
        description: f("ui.field.description").trimmed(),
        amount: f("ui.field.amount").money()?,
        category: f("ui.field.category").trimmed(),
        reason: f("ui.field.reason").trimmed(),
    })
}
