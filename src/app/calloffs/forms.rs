//! Forms for call-offs, their requests and deviations registered by hand: which fields,
//! filled from the record, and how a valid form becomes a record again.

use time::PrimitiveDateTime;

use crate::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
use crate::domain::{Agreement, OrgNumber};
use crate::i18n::Catalog;

use crate::app::form::{Field, FieldKind, Form, FormTarget, format_date, format_datetime};

const METHODS: [&str; 2] = ["ui.method.ranking", "ui.method.competition"];
const ANSWERS: [&str; 3] = ["ui.answer.none", "ui.answer.offer", "ui.answer.decline"];
pub(in crate::app) const NO_YES: [&str; 2] = ["common.no", "common.yes"];

pub(in crate::app) fn optional(label: &'static str, kind: FieldKind, value: String) -> Field {
    Field::new(label, kind, &value)
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
            "ui.field.calloff_reference",
            FieldKind::Text { required: true },
            c.map(|c| c.reference.as_str()).unwrap_or(""),
        ),
        Field::pick("ui.field.lot_name", lots, lot),
        Field::new(
            "ui.field.orderer",
            FieldKind::Text { required: false },
            c.map(|c| c.orderer.as_str()).unwrap_or(""),
        ),
        Field::choice("ui.field.method", METHODS.to_vec(), method),
        optional(
            "ui.field.requested_at",
            FieldKind::DateTime { required: true },
            format_datetime(c.map(|c| c.requested_at).unwrap_or(now)),
        ),
        optional(
            "ui.field.value",
            FieldKind::Money { required: false },
            c.and_then(|c| c.value)
                .map(|m| m.format_kronor())
                .unwrap_or_default(),
        ),
        Field::pick("ui.field.awarded", supplier_options(cat, a, true), awarded),
        optional(
            "ui.field.delivery_due",
            FieldKind::Date { required: false },
            c.and_then(|c| c.delivery_due)
                .map(format_date)
                .unwrap_or_default(),
        ),
        optional(
            "ui.field.delivered_at",
            FieldKind::Date { required: false },
            c.and_then(|c| c.delivered_at)
                .map(format_date)
                .unwrap_or_default(),
        ),
        optional(
            "ui.field.consultants",
            FieldKind::Number {
                min: 0,
                max: 9999,
                required: false,
            },
            num(c.map(|c| c.consultants)),
        ),
        optional(
            "ui.field.replaced",
            FieldKind::Number {
                min: 0,
                max: 9999,
                required: false,
            },
            num(c.map(|c| c.replaced_due_to_complaint)),
        ),
        optional(
            "ui.field.quality",
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
            "ui.field.deviation_reason",
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
    let f = |label| form.field(label);
    let lot = a.lots.get(f("ui.field.lot_name").choice)?.name.clone();
    let method = if f("ui.field.method").choice == 1 {
        CallOffMethod::Competition
    } else {
        CallOffMethod::Ranking
    };
    let mut c = CallOff::new(
        &f("ui.field.calloff_reference").trimmed(),
        a.id,
        &lot,
        &f("ui.field.orderer").trimmed(),
        method,
        f("ui.field.requested_at").datetime()?,
    );
    c.value = f("ui.field.value").money();
    c.awarded_supplier = f("ui.field.awarded")
        .choice
        .checked_sub(1)
        .and_then(|i| a.suppliers.get(i))
        .map(|s| s.org_number.clone());
    c.delivery_due = f("ui.field.delivery_due").date();
    c.delivered_at = f("ui.field.delivered_at").date();
    c.consultants = f("ui.field.consultants")
        .number()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    c.replaced_due_to_complaint = f("ui.field.replaced")
        .number()
        .and_then(|n| u32::try_from(n).ok())
        .unwrap_or(0);
    c.quality = f("ui.field.quality")
        .number()
        .and_then(|n| u8::try_from(n).ok());
    let reason = f("ui.field.deviation_reason").trimmed();
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
            "ui.field.supplier",
            supplier_options(cat, a, false),
            supplier,
        ),
        optional(
            "ui.field.sent_at",
            FieldKind::DateTime { required: true },
            format_datetime(r.map(|r| r.sent_at).unwrap_or(now)),
        ),
        optional(
            "ui.field.answered_at",
            FieldKind::DateTime { required: false },
            r.and_then(|r| r.answered_at)
                .map(format_datetime)
                .unwrap_or_default(),
        ),
        Field::choice("ui.field.answer", ANSWERS.to_vec(), answer),
    ];
    let target = FormTarget::Request {
        calloff: calloff.reference.clone(),
        index: existing.map(|(i, _)| i),
    };
    Form::new(cat.t("ui.form.request").to_string(), target, fields)
}

/// The request a valid form describes; `Err` names the field that contradicts another.
pub fn request_from(form: &Form, a: &Agreement, calloff: &str) -> Result<Request, &'static str> {
    let f = |label| form.field(label);
    let supplier = a
        .suppliers
        .get(f("ui.field.supplier").choice)
        .map(|s| s.org_number.clone())
        .ok_or("ui.form.no_supplier")?;
    let sent_at = f("ui.field.sent_at").datetime().ok_or("ui.form.required")?;
    let answered_at = f("ui.field.answered_at").datetime();
    let answer = match f("ui.field.answer").choice {
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
