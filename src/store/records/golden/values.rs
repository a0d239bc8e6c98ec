//! The literal values the golden records are made of: every field filled, every `Option`
//! `Some`, every list non-empty, and the enum variants that carry data.

use time::macros::{date, datetime, time};

use crate::domain::competition::{
    Competition, Criterion, DeductionCriterion, EvaluationModel, ModelKind, Tender,
};
use crate::domain::meeting::{
    Action, ActionId, ActionStatus, Addendum, AgendaPoint, Attendee, CarriedFrom, Meeting,
    MeetingId, MeetingKind, MeetingStatus, Side,
};
use crate::domain::sanction::{
    CaseStatus, ClaimId, ClaimRecord, ClaimStatus, DamagesCase, DamagesId, EscalationStep,
    LogEntry, PenaltyClaim, TerminationCase, TerminationId,
};
use crate::domain::{
    Agreement, AgreementId, Contact, ContactRole, EndedSupplier, EscalationLevel, ExtensionOption,
    History, Lot, Money, OptionStatus, OrderTemplate, Orderer, PastRanking, PenaltyBasis,
    PenaltyTerm, PenaltyTrigger, Priority, ProjectMember, Rate, ResponseTime, Supplier,
};

use super::calloffs::org;

pub fn supplier(digits: &str, name: &str) -> Supplier {
    Supplier {
        org_number: org(digits),
        name: name.into(),
        contacts: vec![
            Contact {
                name: "Eva Ek".into(),
                role: ContactRole::Escalation,
                email: "eva@konsult.se".into(),
                phone: "08-123 45 67".into(),
                escalation_level: Some(2),
            },
            Contact {
                name: "Per Al".into(),
                role: ContactRole::Other,
                email: "per@konsult.se".into(),
                phone: "070-765 43 21".into(),
                escalation_level: None,
            },
        ],
    }
}

pub fn agreement() -> Agreement {
    Agreement {
        id: AgreementId(3),
        reference: "AV-2026-0001".into(),
        name: "Konsulttjänster IT".into(),
        start: date!(2026 - 01 - 01),
        end: date!(2029 - 12 - 31),
        priority: Priority::Class1,
        response_time: ResponseTime::WorkingDays(2),
        goal_picture: "Snabba leveranser".into(),
        keywords: vec!["IT".into(), "konsult".into()],
        calloff_routine: "Rangordning".into(),
        order_mailbox: "avrop@kommun.se".into(),
        order_templates: vec![OrderTemplate {
            name: "Avropsmall".into(),
            location: "/mallar/avrop.docx".into(),
        }],
        extension_options: vec![ExtensionOption {
            extends_to: date!(2030 - 12 - 31),
            notice_date: date!(2029 - 06 - 30),
            status: OptionStatus::Exercised,
            note: "Förlängd".into(),
        }],
        suppliers: vec![
            supplier("5566778899", "Konsult AB"),
            supplier("0123456782", "Data HB"),
        ],
        lots: vec![Lot {
            name: "Systemutveckling".into(),
            ranking: vec![org("5566778899"), org("0123456782")],
        }],
        penalties: vec![PenaltyTerm {
            trigger: PenaltyTrigger::LateDelivery,
            basis: PenaltyBasis::PerWorkingDay,
            rate: Rate::Fixed(Money(250_000)),
            cap: Some(Rate::Percent(1_000)),
        }],
        escalation: vec![EscalationLevel {
            level: 2,
            title: "Avtalsansvarig".into(),
            buyer_contact: "Lena Sund".into(),
            description: "Inom fem dagar".into(),
        }],
        orderers: vec![Orderer {
            name: "Lena Sund".into(),
            unit: "Utbildningsförvaltningen".into(),
            email: "lena@kommun.se".into(),
        }],
        project_group: vec![ProjectMember {
            name: "Ola Berg".into(),
            role: "Upphandlare".into(),
            email: "ola@kommun.se".into(),
        }],
        notes: "Anteckning".into(),
        history: History {
            rankings: vec![PastRanking {
                lot: "Systemutveckling".into(),
                ranking: vec![org("0123456782")],
                until: date!(2026 - 06 - 01),
            }],
            ended_suppliers: vec![EndedSupplier {
                supplier: supplier("1234567897", "Gamla AB"),
                ended: date!(2026 - 05 - 01),
            }],
        },
        money: Box::default(),
    }
}

pub fn meeting() -> Meeting {
    Meeting {
        id: MeetingId(7),
        agreement: AgreementId(3),
        supplier: Some(org("5566778899")),
        kind: MeetingKind::AnnualContract,
        date: date!(2026 - 03 - 10),
        time: Some(time!(13:30)),
        place: "Stadshuset".into(),
        attendees: vec![Attendee {
            name: "Eva Ek".into(),
            side: Side::Supplier,
            role: "Kundansvarig".into(),
        }],
        agenda: vec![
            AgendaPoint::new("Statistik"),
            AgendaPoint {
                text: "Rapport".into(),
                carried_from: Some(CarriedFrom {
                    meeting: MeetingId(5),
                    date: date!(2025 - 11 - 02),
                    action: ActionId(12),
                }),
            },
        ],
        minutes: "Rad ett\nRad två".into(),
        decisions: vec!["Beslut".into()],
        status: MeetingStatus::MinutesApproved,
        lesson_lines: vec![1, 300],
        addenda: vec![Addendum {
            date: date!(2026 - 03 - 12),
            text: "Tillägg".into(),
        }],
    }
}

pub fn action() -> Action {
    Action {
        id: ActionId(12),
        meeting: MeetingId(7),
        agreement: AgreementId(3),
        text: "Skicka rapport".into(),
        owner: "Eva Ek".into(),
        side: Side::Supplier,
        due: Some(date!(2026 - 04 - 01)),
        status: ActionStatus::Cancelled,
        created: date!(2026 - 03 - 10),
    }
}

pub fn model() -> EvaluationModel {
    EvaluationModel {
        name: "Pris och kvalitet".into(),
        kind: ModelKind::WeightedScore {
            price_weight: 60,
            criteria: vec![Criterion {
                name: "Kompetens".into(),
                weight: 40,
                max_points: 5,
            }],
        },
    }
}

pub fn competition() -> Competition {
    Competition {
        calloff: "AV-2026-000042".into(),
        agreement: AgreementId(3),
        lot: "Systemutveckling".into(),
        instruction: "Svara senast".into(),
        model: EvaluationModel {
            name: "Avdrag".into(),
            kind: ModelKind::PriceWithDeductions {
                criteria: vec![DeductionCriterion {
                    name: "Erfarenhet".into(),
                    max_deduction: Money(5_000_000),
                    max_points: 4,
                }],
            },
        },
        invited: vec![org("5566778899"), org("0123456782")],
        tenders: vec![Tender {
            supplier: org("5566778899"),
            price: Money(98_000_000),
            points: vec![3, 4],
        }],
        deadline: Some(datetime!(2026-04-10 12:00)),
        winner: Some(org("5566778899")),
        note: "Tilldelad".into(),
    }
}

fn log_entry() -> LogEntry {
    LogEntry {
        date: date!(2026 - 05 - 02),
        text: "Brev skickat".into(),
        attachments: vec!["brev.pdf".into()],
        shared_with_supplier: true,
        lesson: true,
    }
}

pub fn claim() -> PenaltyClaim {
    PenaltyClaim {
        id: ClaimId(4),
        agreement: AgreementId(3),
        calloff: "AV-2026-000042".into(),
        supplier: org("5566778899"),
        identified: date!(2026 - 05 - 01),
        amount: Money(1_250_000),
        delay_days: 9,
        units: 7,
        status: ClaimStatus::Disputed {
            date: date!(2026 - 05 - 20),
            reason: "Force majeure".into(),
        },
        log: vec![log_entry()],
    }
}

pub fn damages() -> DamagesCase {
    DamagesCase {
        id: DamagesId(2),
        agreement: AgreementId(3),
        supplier: org("5566778899"),
        opened: date!(2026 - 06 - 01),
        breach: "Kvalitetsbrist".into(),
        dialogue: vec![log_entry()],
        improvement_demanded: "Byt konsult".into(),
        improvement_deadline: Some(date!(2026 - 06 - 30)),
        claim: Some(ClaimRecord {
            date: date!(2026 - 07 - 15),
            amount: Money(3_000_000),
        }),
        outcome: "Förlikning".into(),
        status: CaseStatus::Acted,
    }
}

pub fn termination() -> TerminationCase {
    TerminationCase {
        id: TerminationId(1),
        agreement: AgreementId(3),
        supplier: org("5566778899"),
        opened: date!(2026 - 08 - 01),
        grounds: "Väsentligt avtalsbrott".into(),
        steps: vec![EscalationStep {
            level: 2,
            sent_to: "Eva Ek".into(),
            sent_on: date!(2026 - 08 - 02),
            what: "Varning".into(),
            response: "Inget svar".into(),
            skip_reason: "Brådskande".into(),
        }],
        status: CaseStatus::Closed,
        log: vec![log_entry()],
    }
}
