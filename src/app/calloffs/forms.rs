//! Forms for call-offs, their requests and deviations registered by hand: which fields,
//! filled from the record, and how a valid form becomes a record again.

use time::PrimitiveDateTime;

use crate::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use crate::domain::{Agreement, OrgNumber};
use crate::i18n::Catalog;

use crate::app::form::{
    Field, FieldKind, Form, FormKey, FormTarget, form_keys, format_date, format_datetime,
};

form_keys! {
    pub enum CallOffKey {
        Reference => "ui.field.calloff_reference",
        Lot => "ui.field.lot_name",
        Orderer => "ui.field.orderer",
        Method => "ui.field.method",
        RequestedAt => "ui.field.requested_at",
        Value => "ui.field.value",
        Awarded => "ui.field.awarded",
        DeliveryDue => "ui.field.delivery_due",
        DeliveredAt => "ui.field.delivered_at",
        Consultants => "ui.field.consultants",
        Replaced => "ui.field.replaced",
        Quality => "ui.field.quality",
        DeviationReason => "ui.field.deviation_reason",
    }
}

form_keys! {
    /// A request of a call-off to a supplier.
    pub enum RequestKey {
        Supplier => "ui.field.supplier",
        SentAt => "ui.field.sent_at",
        AnsweredAt => "ui.field.answered_at",
        Answer => "ui.field.answer",
    }
}

const METHODS: [&str; 2] = ["ui.method.ranking", "ui.method.competition"];
const ANSWERS: [&str; 3] = ["ui.answer.none", "ui.answer.offer", "ui.answer.decline"];
pub(in crate::app) const NO_YES: [&str; 2] = ["common.no", "common.yes"];

pub(in crate::app) fn optional<K: FormKey>(key: K, kind: FieldKind, value: String) -> Field {
    Field::new(key, kind, &value)
}

/// "—" then every supplier of the agreement, as pickers show them.
pub(in crate::app) fn supplier_options(
    cat: &Catalog,
    a: &Agreement,
    with_none: bool,
) -> Vec<String> {
    let none = with_none.then(|| cat.t("common.none").to_string());
    none.into_iter()
        .chain(
            a.suppliers
                .iter()
                .map(|s| format!("{}  {}", s.name, s.org_number)),
        )
        .collect()
}

pub(in crate::app) fn supplier_index(a: &Agreement, org: Option<&OrgNumber>) -> Option<usize> {
    org.and_then(|o| a.suppliers.iter().position(|s| &s.org_number == o))
}

pub fn calloff_form(
    cat: &Catalog,
    a: &Agreement,
    existing: Option<&CallOff>,
    now: PrimitiveDateTime,
) -> Form {
    let c = existing;
    let lots: Vec<String> = a.lots.iter().map(|l| l.name.clone()).collect();
    let lot = c
        .and_then(|c| a.lots.iter().position(|l| l.name == c.lot))
        .unwrap_or(0);
    let method = match c.map(|c| c.method) {
        Some(CallOffMethod::Competition) => 1,
        _ => 0,
    };
    let awarded = c
        .and_then(|c| supplier_index(a, c.awarded_supplier.as_ref()))
        .map(|i| i + 1)
        .unwrap_or(0);
    let num = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    let fields = vec![
        Field::new(
            CallOffKey::Reference,
            FieldKind::Text { required: true },
            c.map(|c| c.reference.as_str()).unwrap_or(""),
        ),
        Field::pick(CallOffKey::Lot, lots, lot),
        Field::new(
            CallOffKey::Orderer,
            FieldKind::Text { required: false },
            c.map(|c| c.orderer.as_str()).unwrap_or(""),
        ),
        Field::choice(CallOffKey::Method, METHODS.to_vec(), method),
        optional(
            CallOffKey::RequestedAt,
            FieldKind::DateTime { required: true },
            format_datetime(c.map(|c| c.requested_at).unwrap_or(now)),
        ),
        optional(
            CallOffKey::Value,
            FieldKind::Money { required: false },
            c.and_then(|c| c.value)
                .map(|m| m.format_kronor())
                .unwrap_or_default(),
        ),
        Field::pick(CallOffKey::Awarded, supplier_options(cat, a, true), awarded),
        optional(
            CallOffKey::DeliveryDue,
            FieldKind::Date { required: false },
            c.and_then(|c| c.delivery_due)
                .map(format_date)
                .unwrap_or_default(),
        ),
        optional(
            CallOffKey::DeliveredAt,
            FieldKind::Date { required: false },
            c.and_then(|c| c.delivered_at)
                .map(format_date)
                .unwrap_or_default(),
        ),
        optional(
            CallOffKey::Consultants,
            FieldKind::Number {
                min: 0,
                max: 9999,
                required: false,
            },
            num(c.map(|c| c.consultants)),
        ),
        optional(
            CallOffKey::Replaced,
            FieldKind::Number {
                min: 0,
                max: 9999,
                required: false,
            },
            num(c.map(|c| c.replaced_due_to_complaint)),
        ),
        optional(
            CallOffKey::Quality,
            FieldKind::Number {
                min: 1,
                max: 5,
                required: false,
            },
            c.and_then(|c| c.quality)
                .map(|q| q.to_string())
                .unwrap_or_default(),
        ),
        Field::new(
            CallOffKey::DeviationReason,
            FieldKind::Text { required: false },
            c.and_then(|c| c.deviation_reason.as_deref()).unwrap_or(""),
        ),
    ];
    let title = if c.is_some() {
        "ui.form.edit_calloff"
    } else {
        "ui.form.new_calloff"
    };
    Form::new(
        cat.t(title).to_string(),
        FormTarget::CallOff(c.map(|c| c.reference.clone())),
        fields,
    )
}

/// The call-off a valid form describes, for agreement `a`.
pub fn calloff_from(form: &Form, a: &Agreement) -> Option<CallOff> {
    let lot = a.lots.get(form[CallOffKey::Lot].choice)?.name.clone();
    let method = if form[CallOffKey::Method].choice == 1 {
        CallOffMethod::Competition
    } else {
        CallOffMethod::Ranking
    };
    let mut c = CallOff::new(
        &form[CallOffKey::Reference].trimmed(),
        a.id,
        &lot,
        &form[CallOffKey::Orderer].trimmed(),
        method,
        form[CallOffKey::RequestedAt].datetime()?,
    );
    c.value = form[CallOffKey::Value].money();
    c.awarded_supplier = form[CallOffKey::Awarded]
        .choice
        .checked_sub(1)
        .and_then(|i| a.suppliers.get(i))
        .map(|s| s.org_number.clone());
    c.delivery_due = form[CallOffKey::DeliveryDue].date();
    c.delivered_at = form[CallOffKey::DeliveredAt].date();
    c.consultants = form[CallOffKey::Consultants]
        .number()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    c.replaced_due_to_complaint = form[CallOffKey::Replaced]
        .number()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    c.quality = form[CallOffKey::Quality]
        .number()
        .and_then(|n| u8::try_from(n).ok());
    let reason = form[CallOffKey::DeviationReason].trimmed();
    c.deviation_reason = (!reason.is_empty()).then_some(reason);
    Some(c)
}

/// The request form; a new request defaults to the next supplier of the lot's ranking
/// that has not been asked, sent now.
pub fn request_form(
    cat: &Catalog,
    a: &Agreement,
    calloff: &CallOff,
    asked: &[Request],
    existing: Option<(usize, &Request)>,
    now: PrimitiveDateTime,
) -> Form {
    let r = existing.map(|(_, r)| r);
    let next_unasked = a
        .lot(&calloff.lot)
        .and_then(|l| {
            l.ranking
                .iter()
                .find(|o| !asked.iter().any(|q| &q.supplier == *o))
        })
        .and_then(|o| supplier_index(a, Some(o)));
    let supplier = r
        .and_then(|r| supplier_index(a, Some(&r.supplier)))
        .or(next_unasked)
        .unwrap_or(0);
    let answer = match r.and_then(|r| r.answer) {
        None => 0,
        Some(Answer::Offer) => 1,
        Some(Answer::Decline) => 2,
    };
    let fields = vec![
        Field::pick(
            RequestKey::Supplier,
            supplier_options(cat, a, false),
            supplier,
        ),
        optional(
            RequestKey::SentAt,
            FieldKind::DateTime { required: true },
            format_datetime(r.map(|r| r.sent_at).unwrap_or(now)),
        ),
        optional(
            RequestKey::AnsweredAt,
            FieldKind::DateTime { required: false },
            r.and_then(|r| r.answered_at)
                .map(format_datetime)
                .unwrap_or_default(),
        ),
        Field::choice(RequestKey::Answer, ANSWERS.to_vec(), answer),
    ];
    let target = FormTarget::Request {
        calloff: calloff.reference.clone(),
        index: existing.map(|(i, _)| i),
    };
    Form::new(cat.t("ui.form.request").to_string(), target, fields)
}

/// The request a valid form describes; `Err` names the field that contradicts another.
pub fn request_from(form: &Form, a: &Agreement, calloff: &str) -> Result<Request, &'static str> {
    let supplier = a
        .suppliers
        .get(form[RequestKey::Supplier].choice)
        .map(|s| s.org_number.clone())
        .ok_or("ui.form.no_supplier")?;
    let sent_at = form[RequestKey::SentAt]
        .datetime()
        .ok_or("ui.form.required")?;
    let answered_at = form[RequestKey::AnsweredAt].datetime();
    let answer = match form[RequestKey::Answer].choice {
        1 => Some(Answer::Offer),
        2 => Some(Answer::Decline),
        _ => None,
    };
    match (answer, answered_at) {
        (Some(_), None) => return Err("ui.form.answer_needs_time"),
        (None, Some(_)) => return Err("ui.form.time_needs_answer"),
        (_, Some(at)) if at < sent_at => return Err("ui.form.answer_before_sent"),
        _ => {}
    }
    Ok(Request {
        agreement: a.id,
        calloff: calloff.to_string(),
        supplier,
        sent_at,
        answered_at,
        answer,
    })
}
