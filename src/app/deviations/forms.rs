//! The form of a deviation registered by hand: which fields, filled from the deviation,
//! and how a valid form becomes one again.

use crate::app::calloffs::forms::{NO_YES, optional, supplier_index, supplier_options};
use crate::app::form::{Field, FieldKind, Form, FormTarget, format_date};
use crate::domain::Agreement;
use crate::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
use crate::i18n::Catalog;

const KINDS: [&str; 3] = [
    "ui.deviation.late_delivery",
    "ui.deviation.quality",
    "ui.deviation.other",
];
const STATUSES: [&str; 3] = [
    "ui.status_deviation.open",
    "ui.status_deviation.in_progress",
    "ui.status_deviation.closed",
];
pub fn deviation_form(
    cat: &Catalog,
    a: &Agreement,
    existing: Option<&ManualDeviation>,
    today: time::Date,
) -> Form {
    let d = existing;
    let kind = d
        .map(|d| {
            ManualKind::ALL
                .iter()
                .position(|k| *k == d.kind)
                .unwrap_or(0)
        })
        .unwrap_or(0);
    let status = d
        .map(|d| {
            DeviationStatus::ALL
                .iter()
                .position(|s| *s == d.status)
                .unwrap_or(0)
        })
        .unwrap_or(0);
    let supplier = d
        .and_then(|d| supplier_index(a, d.supplier.as_ref()))
        .map(|i| i + 1)
        .unwrap_or(0);
    let fields = vec![
        Field::choice("ui.field.deviation_kind", KINDS.to_vec(), kind),
        Field::new(
            "ui.field.calloff_optional",
            FieldKind::Text { required: false },
            d.and_then(|d| d.calloff.as_deref()).unwrap_or(""),
        ),
        Field::pick(
            "ui.field.supplier",
            supplier_options(cat, a, true),
            supplier,
        ),
        optional(
            "ui.field.registered",
            FieldKind::Date { required: true },
            format_date(d.map(|d| d.registered).unwrap_or(today)),
        ),
        Field::new(
            "ui.field.description",
            FieldKind::MultiLine,
            d.map(|d| d.description.as_str()).unwrap_or(""),
        ),
        Field::choice("ui.field.deviation_status", STATUSES.to_vec(), status),
        Field::new(
            "ui.field.measures",
            FieldKind::MultiLine,
            d.map(|d| d.measures.as_str()).unwrap_or(""),
        ),
        Field::choice(
            "ui.field.lesson",
            NO_YES.to_vec(),
            usize::from(d.is_some_and(|d| d.lesson)),
        ),
    ];
    Form::new(
        cat.t("ui.form.deviation").to_string(),
        FormTarget::Deviation(d.map(|d| d.id)),
        fields,
    )
}

pub fn deviation_from(
    form: &Form,
    a: &Agreement,
    id: Option<DeviationId>,
) -> Option<ManualDeviation> {
    let f = |label| form.field(label);
    let calloff = f("ui.field.calloff_optional").trimmed();
    Some(ManualDeviation {
        id: id.unwrap_or_default(),
        agreement: a.id,
        calloff: (!calloff.is_empty()).then_some(calloff),
        supplier: f("ui.field.supplier")
            .choice
            .checked_sub(1)
            .and_then(|i| a.suppliers.get(i))
            .map(|s| s.org_number.clone()),
        kind: ManualKind::ALL[f("ui.field.deviation_kind").choice.min(2)],
        registered: f("ui.field.registered").date()?,
        description: f("ui.field.description").text().trim_end().to_string(),
        status: DeviationStatus::ALL[f("ui.field.deviation_status").choice.min(2)],
        measures: f("ui.field.measures").text().trim_end().to_string(),
        lesson: f("ui.field.lesson").choice == 1,
    })
}
