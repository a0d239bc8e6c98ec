//! Shared test fixtures: a small, fully filled register and key helpers.
#![allow(dead_code)]

use avtal::app::App;
use avtal::domain::*;
use avtal::i18n::Lang;
use avtal::store::Store;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use time::Date;
use time::macros::date;

pub const TODAY: Date = date!(2026 - 11 - 25);
pub const NOW: time::PrimitiveDateTime = time::macros::datetime!(2026-11-25 09:30);

pub fn org(s: &str) -> OrgNumber {
    OrgNumber::parse(s).unwrap()
}

/// An IT-consulting agreement with two lots, three suppliers and every kind of term.
pub fn it_agreement() -> Agreement {
    let mut a = Agreement::new(
        "UH-2026-014",
        "IT-konsulttjänster 2026",
        date!(2026 - 01 - 01),
        date!(2027 - 12 - 31),
    );
    a.priority = Priority::Class1;
    a.goal_picture =
        "Snabb tillgång till kvalificerade konsulter.\nAvrop enligt rangordning.".into();
    a.keywords = vec!["IT".into(), "konsult".into()];
    a.calloff_routine = "Avropa via e-post till rang 1 först.".into();
    a.order_mailbox = "avrop@kommun.se".into();
    let sup = |o: &str, n: &str| Supplier {
        org_number: org(o),
        name: n.into(),
        contacts: vec![],
    };
    a.suppliers = vec![
        sup("556074-3089", "Alfa Konsult AB"),
        sup("202100-5448", "Beta IT AB"),
        sup("212000-0142", "Gamma Data AB"),
    ];
    a.suppliers[0].contacts.push(Contact {
        name: "Anna Alfa".into(),
        role: ContactRole::AccountManager,
        email: "anna@alfa.se".into(),
        phone: "070-1234567".into(),
        escalation_level: Some(1),
    });
    a.lots = vec![
        Lot {
            name: "Systemutveckling".into(),
            ranking: vec![org("5560743089"), org("2021005448"), org("2120000142")],
        },
        Lot {
            name: "Projektledning".into(),
            ranking: vec![org("2021005448"), org("5560743089")],
        },
    ];
    a.penalties = vec![PenaltyTerm {
        trigger: PenaltyTrigger::LateDelivery,
        basis: PenaltyBasis::PerStartedWeek,
        rate: Rate::Percent(500),
        cap: Some(Rate::Percent(1500)),
    }];
    a.escalation = vec![EscalationLevel {
        level: 1,
        title: "Avtalsförvaltare".into(),
        buyer_contact: "Karin Köpare".into(),
        description: "Svar inom 5 arbetsdagar".into(),
    }];
    a.extension_options = vec![ExtensionOption {
        extends_to: date!(2028 - 12 - 31),
        notice_date: date!(2026 - 12 - 15),
        status: OptionStatus::Open,
        note: String::new(),
    }];
    a.order_templates = vec![OrderTemplate {
        name: "Avropsmall".into(),
        location: "mallar/avrop.docx".into(),
    }];
    a.orderers = vec![Orderer {
        name: "Olle Beställare".into(),
        unit: "IT-enheten".into(),
        email: "olle@kommun.se".into(),
    }];
    a.project_group = vec![ProjectMember {
        name: "Karin Köpare".into(),
        role: "Avtalsförvaltare".into(),
        email: "karin@kommun.se".into(),
    }];
    a
}

pub fn small_agreement(reference: &str, name: &str, end: Date, priority: Priority) -> Agreement {
    let mut a = Agreement::new(reference, name, date!(2024 - 01 - 01), end);
    a.priority = priority;
    a
}

pub fn fixture_register() -> Vec<Agreement> {
    let mut late = small_agreement(
        "UH-2024-003",
        "Kontorsmaterial",
        date!(2027 - 06 - 30),
        Priority::Class2,
    );
    late.extension_options.push(ExtensionOption {
        extends_to: date!(2028 - 06 - 30),
        notice_date: date!(2026 - 11 - 01),
        status: OptionStatus::Open,
        note: String::new(),
    });
    vec![
        it_agreement(),
        small_agreement(
            "UH-2025-101",
            "Städtjänster",
            date!(2027 - 03 - 31),
            Priority::Class2,
        ),
        late,
        small_agreement(
            "UH-2023-044",
            "Drivmedel",
            date!(2026 - 12 - 31),
            Priority::Class3,
        ),
    ]
}

pub fn open_store(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("avtal.redb")).unwrap()
}

pub fn app_with(agreements: &[Agreement], lang: Lang) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    for a in agreements {
        store.insert_agreement(a).unwrap();
    }
    let app = App::new(store, lang, NOW);
    (dir, app)
}

pub fn press(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

pub fn ctrl(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
}

pub fn keys(app: &mut App, s: &str) {
    for c in s.chars() {
        let mods = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
    }
}

pub fn draw(app: &App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| avtal::ui::render(f, app)).unwrap();
    t
}

/// The screen as plain text, for assertions on what a person would read.
pub fn screen(app: &App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

/// Call-offs of the IT agreement (stored with id `id`): one compliant, one skipping
/// rank 1, one by renewed competition, one awaiting answers.
pub fn fixture_calloffs(store: &Store, id: AgreementId) {
    use avtal::domain::calloff::{Answer, CallOff, CallOffMethod, Request};
    use time::macros::datetime;
    let mk = |r: &str, method, awarded: Option<&str>, at| {
        let mut c = CallOff::new(r, id, "Systemutveckling", "Olle Beställare", method, at);
        c.awarded_supplier = awarded.map(org);
        c.value = Some(Money(45_000_000));
        c
    };
    let calloffs = vec![
        mk(
            "AV-1",
            CallOffMethod::Ranking,
            Some("202100-5448"),
            datetime!(2026-10-05 09:00),
        ),
        mk(
            "AV-2",
            CallOffMethod::Ranking,
            Some("212000-0142"),
            datetime!(2026-10-12 10:00),
        ),
        mk(
            "AV-3",
            CallOffMethod::Competition,
            Some("556074-3089"),
            datetime!(2026-11-02 13:00),
        ),
        mk(
            "AV-4",
            CallOffMethod::Ranking,
            None,
            datetime!(2026-11-24 15:00),
        ),
    ];
    let req = |c: &str, s: &str, sent, answer: Option<(Answer, time::PrimitiveDateTime)>| Request {
        agreement: id,
        calloff: c.into(),
        supplier: org(s),
        sent_at: sent,
        answered_at: answer.map(|(_, t)| t),
        answer: answer.map(|(a, _)| a),
    };
    let requests = vec![
        req(
            "AV-1",
            "556074-3089",
            datetime!(2026-10-05 09:30),
            Some((Answer::Decline, datetime!(2026-10-05 14:00))),
        ),
        req(
            "AV-1",
            "202100-5448",
            datetime!(2026-10-05 15:00),
            Some((Answer::Offer, datetime!(2026-10-06 10:00))),
        ),
        req(
            "AV-2",
            "212000-0142",
            datetime!(2026-10-12 10:30),
            Some((Answer::Offer, datetime!(2026-10-13 09:00))),
        ),
        req("AV-4", "556074-3089", datetime!(2026-11-24 15:30), None),
    ];
    store.import_calloffs(&calloffs).unwrap();
    store.import_requests(&requests).unwrap();
}

/// The fixture register with call-offs, the IT agreement followed, on the given tab.
pub fn app_with_calloffs(lang: Lang) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let store = open_store(&dir);
    let mut it_id = None;
    for a in fixture_register() {
        let id = store.insert_agreement(&a).unwrap();
        if a.reference == "UH-2026-014" {
            it_id = Some(id);
        }
    }
    let id = it_id.unwrap();
    fixture_calloffs(&store, id);
    store.set_followed(id).unwrap();
    let app = App::new(store, lang, NOW);
    (dir, app)
}

/// A database at `path` with the demo register and `n` demo call-offs, with their
/// requests, in its first (IT-consulting) agreement, which is followed: the store, that
/// agreement as stored (with its id) and the call-offs.
pub fn demo_store(
    path: &std::path::Path,
    n: usize,
) -> (Store, Agreement, Vec<avtal::domain::calloff::CallOff>) {
    let store = Store::open(path).unwrap();
    let register = avtal::demo::register(NOW.date());
    let ids = store.import_agreements(&register).unwrap();
    let mut a = register[0].clone();
    a.id = ids[0].0;
    let (calloffs, requests) = avtal::demo::calloffs::calloffs(&a, NOW, n);
    store.import_calloffs(&calloffs).unwrap();
    store.import_requests(&requests).unwrap();
    store.set_followed(a.id).unwrap();
    (store, a, calloffs)
}

/// A deviation registered by hand today, open, about `calloff` when given.
pub fn manual_deviation(
    agreement: AgreementId,
    calloff: Option<&str>,
    description: &str,
) -> avtal::domain::deviation::ManualDeviation {
    use avtal::domain::deviation::{DeviationId, DeviationStatus, ManualDeviation, ManualKind};
    ManualDeviation {
        id: DeviationId(0),
        agreement,
        calloff: calloff.map(str::to_string),
        supplier: None,
        kind: ManualKind::Other,
        registered: TODAY,
        description: description.to_string(),
        status: DeviationStatus::Open,
        measures: String::new(),
        lesson: false,
    }
}
