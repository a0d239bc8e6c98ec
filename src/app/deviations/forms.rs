//! The form of a deviation registered by hand: which fields, filled from the deviation,
//! and how a valid form becomes one again.

use crate::app::calloffs::forms::{NO_YES, optional, supplier_index, supplier_options};
use crate::app::form::{Field, FieldKind, Form, FormTarget, form_keys, format_date};

form_keys! {
    /// A deviation registered by hand.
    pub enum DeviationKey {
        Kind => "ui.field.deviation_kind",
        CallOff => "ui.field.calloff_optional",
        Supplier => "ui.field.supplier",
        Registered => "ui.field.registered",
        Description => "ui.field.description",
        Status => "ui.field.deviation_status",
        Measures => "ui.field.measures",
        Lesson => "ui.field.lesson",
    }
}
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
        Field::choice(DeviationKey::Kind, KINDS.to_vec(), kind),
        Field::new(
            DeviationKey::CallOff,
            FieldKind::Text { required: false },
            d.and_then(|d| d.calloff.as_deref()).unwrap_or(""),
        ),
        Field::pick(
            DeviationKey::Supplier,
            supplier_options(cat, a, true),
            supplier,
        ),
        optional(
            DeviationKey::Registered,
            FieldKind::Date { required: true },
            format_date(d.map(|d| d.registered).unwrap_or(today)),
        ),
        Field::new(
            DeviationKey::Description,
            FieldKind::MultiLine,
            d.map(|d| d.description.as_str()).unwrap_or(""),
        ),
        Field::choice(DeviationKey::Status, STATUSES.to_vec(), status),
        Field::new(
            DeviationKey::Measures,
            FieldKind::MultiLine,
            d.map(|d| d.measures.as_str()).unwrap_or(""),
        ),
        Field::choice(
            DeviationKey::Lesson,
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
    let calloff = form[DeviationKey::CallOff].trimmed();
    Some(ManualDeviation {
        id: id.unwrap_or_default(),
        agreement: a.id,
        calloff: (!calloff.is_empty()).then_some(calloff),
        supplier: form[DeviationKey::Supplier]
            .choice
            .checked_sub(1)
            .and_then(|i| a.suppliers.get(i))
            .map(|s| s.org_number.clone()),
        kind: ManualKind::ALL[form[DeviationKey::Kind]
            .choice
            .min(ManualKind::ALL.len() - 1)],
        registered: form[DeviationKey::Registered].date()?,
        description: form[DeviationKey::Description]
            .text()
            .trim_end()
            .to_string(),
        status: DeviationStatus::ALL[form[DeviationKey::Status].choice.min(2)],
        measures: form[DeviationKey::Measures].text().trim_end().to_string(),
        lesson: form[DeviationKey::Lesson].choice == 1,
    })
}
