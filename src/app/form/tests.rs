//! A form's fields cannot be confused: every kind of form names its fields in a key enum of
//! its own, each key one field with a label of its own (a draft keeps values by label), a
//! form holds the fields of its keys, and a key of another kind of form is refused.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::macros::{date, datetime};

use super::{FieldId, Form, FormKey, FormTarget};
use crate::app::App;
use crate::app::agreements::forms::{
    AgreementKey, ContactKey, EscalationKey, LotKey, MemberKey, OptionKey, OrdererKey, PenaltyKey,
    SupplierKey, TemplateKey, build,
};
use crate::app::calloffs::forms::{CallOffKey, RequestKey, calloff_form, request_form};
use crate::app::competitions::forms::{
    AwardReasonKey, CriterionKey, DeductionKey, InstructionKey, ModelKey, NoteKey, OrganisationKey,
    PlaceholderKey, TenderKey, criterion_form, instruction_form, model_form, note_form,
    organisation_form, placeholders_form, tender_form,
};
use crate::app::deviations::forms::{DeviationKey, deviation_form};
use crate::app::meetings::forms::{
    ActionKey as MeetingActionKey, CapturedActionKey, MeetingKey, ScheduleKey, action_form,
    meeting_form, schedule_form,
};
use crate::app::purchases::forms::{PurchaseKey, purchase_form};
use crate::app::sanctions::forms::{
    DamagesClaimKey, DamagesKey, LogKey, SanctionForm, StatusKey, StepKey, TerminationKey,
    damages_claim_form, damages_form, log_form, status_form, step_form, termination_form,
};
use crate::app::spend::sample::{CheckKey as SampleCheckKey, DrawKey};
use crate::app::statistics::PeriodKey;
use crate::app::work::forms::{
    ActionKey, CheckKey, ItemKey, RequirementKey, action_form as work_action_form, check_form,
    item_form, requirement_form,
};
use crate::domain::calloff::{CallOff, CallOffMethod};
use crate::domain::competition::{Competition, Criterion, EvaluationModel, ModelKind};
use crate::domain::followup::{Requirement, RequirementKind};
use crate::domain::meeting::{Action, ActionStatus, Side};
use crate::domain::organisation::Organisation;
use crate::domain::sanction::{DamagesCase, TerminationCase};
use crate::i18n::{Catalog, Lang};
use crate::store::Store;

/// Within a kind, each key is a field of its own, in its place, with a label of its own.
fn keys_are_distinct<K: FormKey>() -> usize {
    for (i, k) in K::ALL.iter().enumerate() {
        assert_eq!(k.slot(), i, "{k:?}");
        for other in &K::ALL[..i] {
            assert_ne!(
                k.label(),
                other.label(),
                "{k:?} and {other:?} share a label"
            );
            assert_ne!(FieldId::of(*k), FieldId::of(*other));
        }
    }
    1
}

#[test]
fn every_kind_of_form_names_each_field_once_under_a_label_of_its_own() {
    let kinds = [
        keys_are_distinct::<AgreementKey>(),
        keys_are_distinct::<LotKey>(),
        keys_are_distinct::<SupplierKey>(),
        keys_are_distinct::<ContactKey>(),
        keys_are_distinct::<PenaltyKey>(),
        keys_are_distinct::<EscalationKey>(),
        keys_are_distinct::<OptionKey>(),
        keys_are_distinct::<TemplateKey>(),
        keys_are_distinct::<OrdererKey>(),
        keys_are_distinct::<MemberKey>(),
        keys_are_distinct::<CallOffKey>(),
        keys_are_distinct::<RequestKey>(),
        keys_are_distinct::<DeviationKey>(),
        keys_are_distinct::<MeetingKey>(),
        keys_are_distinct::<ScheduleKey>(),
        keys_are_distinct::<MeetingActionKey>(),
        keys_are_distinct::<CapturedActionKey>(),
        keys_are_distinct::<InstructionKey>(),
        keys_are_distinct::<PlaceholderKey>(),
        keys_are_distinct::<OrganisationKey>(),
        keys_are_distinct::<NoteKey>(),
        keys_are_distinct::<ModelKey>(),
        keys_are_distinct::<CriterionKey>(),
        keys_are_distinct::<DeductionKey>(),
        keys_are_distinct::<TenderKey>(),
        keys_are_distinct::<PurchaseKey>(),
        keys_are_distinct::<AwardReasonKey>(),
        keys_are_distinct::<ActionKey>(),
        keys_are_distinct::<ItemKey>(),
        keys_are_distinct::<RequirementKey>(),
        keys_are_distinct::<CheckKey>(),
        keys_are_distinct::<StatusKey>(),
        keys_are_distinct::<LogKey>(),
        keys_are_distinct::<DamagesKey>(),
        keys_are_distinct::<DamagesClaimKey>(),
        keys_are_distinct::<TerminationKey>(),
        keys_are_distinct::<StepKey>(),
        keys_are_distinct::<PeriodKey>(),
        keys_are_distinct::<DrawKey>(),
        keys_are_distinct::<SampleCheckKey>(),
    ];
    // A kind declared and not listed here would go unchecked.
    let declared = declarations(std::path::Path::new("src/app"));
    assert_eq!(kinds.len(), declared, "a form_keys! kind is missing above");
}

/// How many kinds of form `form_keys!` declares under `dir`.
fn declarations(dir: &std::path::Path) -> usize {
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            n += declarations(&path);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap();
            n += text.matches("\nform_keys! {").count();
        }
    }
    n
}

/// The form's fields are exactly `keys`, in that order.
fn holds<K: FormKey>(form: &Form, keys: &[K]) {
    let got: Vec<FieldId> = form.fields.iter().map(|f| f.key).collect();
    let want: Vec<FieldId> = keys.iter().map(|k| FieldId::of(*k)).collect();
    assert_eq!(got, want, "{}", form.title);
    for (f, k) in form.fields.iter().zip(keys) {
        assert_eq!(f.label, k.label());
    }
}

fn demo_app(dir: &tempfile::TempDir) -> App {
    let store = Store::open(&dir.path().join("t.redb")).unwrap();
    let now = datetime!(2026-11-25 09:30);
    crate::app::demo::load_demo(&store, now, 50).unwrap();
    App::new(store, Lang::Sv, now)
}

#[test]
fn each_form_holds_the_fields_of_its_keys_in_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let app = demo_app(&dir);
    let cat = Catalog::get(Lang::Sv);
    let a = app.store.agreements().unwrap().remove(0);
    let today = date!(2026 - 11 - 25);
    let now = datetime!(2026-11-25 09:30);
    let register = |t| build(cat, t, Some(&a));
    holds(
        &register(FormTarget::Agreement(Some(a.id))),
        AgreementKey::ALL,
    );
    holds(&register(FormTarget::Agreement(None)), AgreementKey::ALL);
    holds(&register(FormTarget::Lot(None)), LotKey::ALL);
    holds(&register(FormTarget::Supplier(Some(0))), SupplierKey::ALL);
    let contact = FormTarget::Contact {
        supplier: 0,
        index: None,
    };
    holds(&register(contact), ContactKey::ALL);
    holds(&register(FormTarget::Penalty(None)), PenaltyKey::ALL);
    holds(&register(FormTarget::Escalation(None)), EscalationKey::ALL);
    holds(&register(FormTarget::ExtensionOption(None)), OptionKey::ALL);
    holds(&register(FormTarget::Template(None)), TemplateKey::ALL);
    holds(&register(FormTarget::Orderer(None)), OrdererKey::ALL);
    holds(&register(FormTarget::ProjectMember(None)), MemberKey::ALL);

    holds(&calloff_form(cat, &a, None, now), CallOffKey::ALL);
    let lot = a.lots[0].name.clone();
    let c = CallOff::new("X-1", a.id, &lot, "Anna", CallOffMethod::Ranking, now);
    holds(&request_form(cat, &a, &c, &[], None, now), RequestKey::ALL);
    holds(&deviation_form(cat, &a, None, today), DeviationKey::ALL);
    holds(&meeting_form(cat, &a, None, today), MeetingKey::ALL);
    holds(&schedule_form(cat, &a), ScheduleKey::ALL);
    holds(&action_form(cat, None), MeetingActionKey::ALL);
    holds(&purchase_form(cat, None, today), PurchaseKey::ALL);
    holds(&item_form(cat, "Start", None), ItemKey::ALL);
    // A repeated field is told apart by its place among its kind.
    let names = ["a".to_string(), "b".to_string()];
    let placeholders = placeholders_form(cat, &names);
    assert_eq!(placeholders.fields_of(PlaceholderKey::Value).count(), 2);
    assert_ne!(placeholders.fields[0].key, placeholders.fields[1].key);

    // A claim's status forms share a kind; each holds the day and what it asks for.
    let claim = status_form(cat, SanctionForm::Claim("X-1".into()), today);
    holds(&claim, &[StatusKey::Date, StatusKey::Letter]);
    let paid = status_form(cat, SanctionForm::Paid("X-1".into()), today);
    holds(&paid, &[StatusKey::Date]);
    let waive = status_form(cat, SanctionForm::Waive("X-1".into()), today);
    holds(&waive, &[StatusKey::Date, StatusKey::Reason]);
    let case = crate::app::sanctions::CaseRef::Claim("X-1".into());
    holds(&log_form(cat, case, None, today), LogKey::ALL);
    let org = a.suppliers[0].org_number.clone();
    holds(&damages_form(cat, &a, None), DamagesKey::ALL);
    let damages = DamagesCase::new(a.id, org.clone(), today, "sent");
    holds(
        &damages_claim_form(cat, &damages, today),
        DamagesClaimKey::ALL,
    );
    holds(&termination_form(cat, &a, None), TerminationKey::ALL);
    let termination = TerminationCase::new(a.id, org, today, "grund");
    holds(&step_form(cat, &a, &termination, today), StepKey::ALL);

    let action = Action {
        id: Default::default(),
        meeting: Default::default(),
        agreement: a.id,
        text: "Ring".into(),
        owner: "Bo".into(),
        side: Side::Buyer,
        due: None,
        status: ActionStatus::Open,
        created: today,
    };
    holds(&work_action_form(cat, &action), ActionKey::ALL);
    holds(&requirement_form(cat, &a, None), RequirementKey::ALL);
    let requirement = Requirement {
        id: Default::default(),
        agreement: a.id,
        kind: RequirementKind::ALL[0],
        text: "Försäkring".into(),
        supplier: None,
    };
    holds(&check_form(cat, &requirement, None, today), CheckKey::ALL);

    // Both kinds of model, with their criteria and a tender scored on them.
    let weighted = EvaluationModel {
        name: "Modell".into(),
        kind: ModelKind::WeightedScore {
            price_weight: 60,
            criteria: vec![Criterion {
                name: "Kvalitet".into(),
                weight: 40,
                max_points: 5,
            }],
        },
    };
    let c = Competition::new("X-1", a.id, &lot, weighted);
    holds(&instruction_form(cat, &c, ""), InstructionKey::ALL);
    holds(&note_form(cat, &c), NoteKey::ALL);
    holds(&model_form(cat, &c), ModelKey::ALL);
    holds(&criterion_form(cat, &c, None), CriterionKey::ALL);
    let tender = tender_form(cat, &a, &c, None);
    assert_eq!(tender.fields_of(TenderKey::Points).count(), 1);
    holds(&tender, TenderKey::ALL);
    let deductions = EvaluationModel {
        name: "Avdrag".into(),
        kind: ModelKind::PriceWithDeductions { criteria: vec![] },
    };
    let c = Competition::new("X-1", a.id, &lot, deductions);
    holds(&criterion_form(cat, &c, None), DeductionKey::ALL);
    let organisation = Organisation::default();
    holds(&organisation_form(cat, &organisation), OrganisationKey::ALL);
}

#[test]
#[should_panic(expected = "has no field")]
fn a_key_of_another_kind_of_form_is_refused_not_read_from_another_field() {
    let cat = Catalog::get(Lang::Sv);
    let form = build(cat, FormTarget::Lot(None), None);
    let _ = form[MeetingKey::Place].text();
}

#[test]
#[should_panic(expected = "has no field")]
fn a_refusal_at_a_key_of_another_kind_of_form_is_not_said_at_another_field() {
    let cat = Catalog::get(Lang::Sv);
    let mut form = build(cat, FormTarget::Lot(None), None);
    form.fail_at(OptionKey::ExtendsTo, "för tidigt".into());
}

fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// A draft keeps each value under its field's label (the stored format), and the next
/// start gives each back to the field of that key.
#[test]
fn a_draft_keeps_values_by_label_and_gives_each_back_to_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = demo_app(&dir);
    app.popup = None;
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    type_text(&mut app, "UH-2026-300");
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Tolktjänster");
    assert!(app.keep_draft());
    let draft = app.store.draft().unwrap().expect("a draft is kept");
    let labels: Vec<&str> = draft.fields.iter().map(|f| f.label.as_str()).collect();
    let want: Vec<&str> = AgreementKey::ALL.iter().map(|k| k.label()).collect();
    assert_eq!(labels, want);
    assert_eq!(draft.fields[1].text, "Tolktjänster");
    drop(app);

    let store = Store::open(&dir.path().join("t.redb")).unwrap();
    let mut app = App::new(store, Lang::Sv, datetime!(2026-11-25 10:00));
    app.popup = None;
    press(&mut app, KeyCode::Char('2'));
    press(&mut app, KeyCode::Char('n'));
    let form = app.form.as_ref().expect("the form is open");
    assert_eq!(form[AgreementKey::Reference].text(), "UH-2026-300");
    assert_eq!(form[AgreementKey::Name].text(), "Tolktjänster");
    assert_eq!(form[AgreementKey::Notes].text(), "");
}

/// The app reads its forms by key; looking a field up by its label (`Form::field`) is for
/// the tests that drive a form as a user reads it.
#[test]
fn the_app_never_reads_a_field_by_its_label() {
    fn scan(dir: &std::path::Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                scan(&path, found);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("app/form.rs")
                && !path.ends_with("form/tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                if text.contains(".field(") || text.contains("f.label ==") {
                    found.push(path.display().to_string());
                }
            }
        }
    }
    let mut found = Vec::new();
    scan(std::path::Path::new("src/app"), &mut found);
    scan(std::path::Path::new("src/ui"), &mut found);
    assert!(found.is_empty(), "fields read by label in {found:?}");
}
