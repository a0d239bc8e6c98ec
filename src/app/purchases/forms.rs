//! The form of a purchase outside the agreement: which fields, filled from the purchase,
//! and the purchase a valid form describes.

use time::Date;

use crate::domain::AgreementId;
use crate::domain::purchase::{OutsidePurchase, PurchaseId};
use crate::i18n::Catalog;

use crate::app::form::{Field, FieldKind, Form, FormTarget, form_keys, format_date};

form_keys! {
    /// A purchase outside the agreement.
    pub enum PurchaseKey {
        Date => "ui.field.purchase_date",
        Orderer => "ui.field.orderer_unit",
        Supplier => "ui.field.purchase_supplier",
        Description => "ui.field.description",
        Amount => "ui.field.amount",
        Category => "ui.field.category",
        Reason => "ui.field.reason",
    }
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
            PurchaseKey::Date,
            FieldKind::Date { required: true },
            &format_date(p.map(|p| p.date).unwrap_or(today)),
        ),
        text(PurchaseKey::Orderer, true, p.map(|p| &p.orderer)),
        text(PurchaseKey::Supplier, true, p.map(|p| &p.supplier)),
        text(PurchaseKey::Description, false, p.map(|p| &p.description)),
        Field::new(
            PurchaseKey::Amount,
            FieldKind::Money { required: true },
            &p.map(|p| p.amount.format_kronor()).unwrap_or_default(),
        ),
        text(PurchaseKey::Category, true, p.map(|p| &p.category)),
        text(PurchaseKey::Reason, false, p.map(|p| &p.reason)),
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
    Some(OutsidePurchase {
        id: id.unwrap_or_default(),
        agreement,
        date: form[PurchaseKey::Date].date()?,
        orderer: form[PurchaseKey::Orderer].trimmed(),
        supplier: form[PurchaseKey::Supplier].trimmed(),
        description: form[PurchaseKey::Description].trimmed(),
        amount: form[PurchaseKey::Amount].money()?,
        category: form[PurchaseKey::Category].trimmed(),
        reason: form[PurchaseKey::Reason].trimmed(),
    })
}
