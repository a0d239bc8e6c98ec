//! A realistic demo register, generated relative to a given day so that the agenda
//! always has something due: one fully worked IT-consulting agreement and twelve
//! smaller agreements of other kinds. Pure: no store, no clock.

pub mod calloffs;
pub mod competitions;
pub mod csv;
pub mod invoices;
mod meeting_texts;
pub mod meetings;
pub mod plans;
mod smaller;

use time::{Date, Duration};

use crate::domain::orgnr::luhn_check_digit;
use crate::domain::*;

/// The whole demo register for `today`: 13 agreements with distinct references.
pub fn register(today: Date) -> Vec<Agreement> {
    let mut out = vec![it_consulting(today)];
    out.extend(smaller::agreements(today));
    out
}

/// `today` moved by `days` (negative: back), saturating at the ends of the calendar.
pub(crate) fn day(today: Date, days: i64) -> Date {
    today.saturating_add(Duration::days(days))
}

/// An organisation number from its first nine digits, with the Luhn digit computed.
pub(crate) fn org(nine: &str) -> OrgNumber {
    let ten = format!("{nine}{}", luhn_check_digit(nine.as_bytes()));
    // Only called with nine-digit constants of this module; a test parses every one.
    OrgNumber::parse(&ten).expect("nine digits and their Luhn digit form an org number")
}

pub(crate) fn contact(name: &str, role: ContactRole, email: &str, phone: &str) -> Contact {
    Contact {
        name: name.into(),
        role,
        email: email.into(),
        phone: phone.into(),
        escalation_level: None,
    }
}

/// The fully worked agreement: the one a contract manager lives in every day.
fn it_consulting(today: Date) -> Agreement {
    // Two years that end about seven months from now, with the notice date of the first
    // extension option three weeks ahead, so the agenda has something coming up.
    let end = day(today, 204);
    let start = day(end, -729);
    let mut a = Agreement::new(
        &format!("UH-{}-014", start.year()),
        &format!("IT-konsulttjänster {}", start.year()),
        start,
        end,
    );
    a.priority = Priority::Class1;
    a.response_time = ResponseTime::WorkingDays(2);
    a.goal_picture = "Verksamheterna får rätt IT-kompetens inom två veckor från behov, \
        till avtalade priser, och minst 90 % av konsultuppdragen avropas enligt \
        rangordning eller förnyad konkurrensutsättning."
        .into();
    a.keywords = [
        "IT",
        "konsulter",
        "systemutveckling",
        "projektledning",
        "avrop",
    ]
    .map(String::from)
    .to_vec();
    a.calloff_routine = "Avrop upp till 500 timmar görs enligt rangordning (kaskad): skicka \
        förfrågan till rang 1 via avropsbrevlådan; svarar leverantören inte med anbud inom \
        två arbetsdagar går förfrågan vidare till nästa. Större uppdrag avropas genom \
        förnyad konkurrensutsättning med mallen för avropsinstruktion."
        .into();
    a.order_mailbox = "avrop.it@kommunen.example.se".into();
    a.notes = "Avtalet följs upp tre gånger per år (prioritetsklass 1).".into();
    a.order_templates = vec![
        template(
            "Avropsförfrågan, kaskad",
            "Intranätet › Inköp › IT-konsulter › avrop-kaskad.docx",
        ),
        template(
            "Avropsinstruktion, förnyad konkurrensutsättning",
            "Intranätet › Inköp › IT-konsulter › fku-instruktion.docx",
        ),
    ];
    a.extension_options = vec![
        ExtensionOption {
            extends_to: day(end, 365),
            notice_date: day(today, 21),
            status: OptionStatus::Open,
            note: "Första förlängningen, tolv månader. Beslut i styrgruppen före sista dag för besked.".into(),
        },
        ExtensionOption {
            extends_to: day(end, 730),
            notice_date: day(end, 180),
            status: OptionStatus::Open,
            note: "Andra förlängningen, tolv månader.".into(),
        },
    ];
    a.suppliers = it_suppliers();
    let s: Vec<OrgNumber> = a.suppliers.iter().map(|s| s.org_number.clone()).collect();
    a.lots = vec![
        Lot {
            name: "Systemutveckling".into(),
            ranking: vec![s[0].clone(), s[1].clone(), s[2].clone(), s[3].clone()],
        },
        Lot {
            name: "Projektledning".into(),
            ranking: vec![s[4].clone(), s[1].clone(), s[0].clone()],
        },
    ];
    a.penalties = vec![
        PenaltyTerm {
            trigger: PenaltyTrigger::LateDelivery,
            basis: PenaltyBasis::PerStartedWeek,
            rate: Rate::Percent(500),
            cap: Some(Rate::Percent(1500)),
        },
        PenaltyTerm {
            trigger: PenaltyTrigger::LateDelivery,
            basis: PenaltyBasis::PerWorkingDay,
            rate: Rate::Fixed(Money(150_000)),
            cap: Some(Rate::Fixed(Money(3_000_000))),
        },
    ];
    a.escalation = vec![
        escalation(
            1,
            "Avtalsförvaltare – kundansvarig",
            "Maria Lindqvist",
            "Avvikelsen tas upp skriftligt; leverantören svarar med åtgärdsplan inom fem arbetsdagar.",
        ),
        escalation(
            2,
            "Upphandlingschef – affärsområdeschef",
            "Jonas Berg",
            "Möte inom tio arbetsdagar; krav på rättelse och, vid behov, vite.",
        ),
        escalation(
            3,
            "Ekonomidirektör – vd",
            "Karin Holm",
            "Sista nivån före skadestånd eller hävning av avtalet.",
        ),
    ];
    a.orderers = vec![
        orderer(
            "Digitaliseringsenheten",
            "Kommunledningskontoret",
            "digitalisering@kommunen.example.se",
        ),
        orderer(
            "Per Ek",
            "Socialförvaltningen, verksamhetssystem",
            "per.ek@kommunen.example.se",
        ),
        orderer(
            "Lena Sund",
            "Utbildningsförvaltningen, IT",
            "lena.sund@kommunen.example.se",
        ),
    ];
    a.project_group = vec![
        member(
            "Maria Lindqvist",
            "Avtalsförvaltare",
            "maria.lindqvist@kommunen.example.se",
        ),
        member(
            "Ahmed Karimi",
            "IT-arkitekt",
            "ahmed.karimi@kommunen.example.se",
        ),
        member(
            "Sofia Nyström",
            "Upphandlare",
            "sofia.nystrom@kommunen.example.se",
        ),
    ];
    *a.money = invoices::money_terms(&a);
    a
}

fn it_suppliers() -> Vec<Supplier> {
    let specs: [(&str, &str, &str, &str); 5] = [
        (
            "556812340",
            "Nordkod Konsult AB",
            "nordkod.example.se",
            "Erik",
        ),
        (
            "556734561",
            "Dataföretaget Sverige AB",
            "dataforetaget.example.se",
            "Anna",
        ),
        (
            "559012782",
            "Agila Team i Norr AB",
            "agilateam.example.se",
            "Lars",
        ),
        (
            "556498123",
            "Systemhuset Lind & Berg AB",
            "lindberg.example.se",
            "Sara",
        ),
        (
            "559187654",
            "Projektpartner Öst AB",
            "projektpartner.example.se",
            "Johan",
        ),
    ];
    specs
        .iter()
        .enumerate()
        .map(|(i, (nine, name, domain, first))| {
            let mut manager = contact(
                &format!("{first} Kundansvarig"),
                ContactRole::AccountManager,
                &format!("{}@{domain}", first.to_lowercase()),
                &format!("070-123 45 {i}0"),
            );
            manager.escalation_level = Some(1);
            let team = contact(
                "Kundteamet",
                ContactRole::CustomerTeam,
                &format!("kundteam@{domain}"),
                &format!("08-555 10 {i}0"),
            );
            let mut boss = contact(
                &format!("Affärsområdeschef {}", i + 1),
                ContactRole::Escalation,
                &format!("ledning@{domain}"),
                &format!("08-555 20 {i}0"),
            );
            boss.escalation_level = Some(2);
            let mut ceo = contact("Vd", ContactRole::Escalation, &format!("vd@{domain}"), "");
            ceo.escalation_level = Some(3);
            Supplier {
                org_number: org(nine),
                name: (*name).into(),
                contacts: vec![manager, team, boss, ceo],
            }
        })
        .collect()
}

fn template(name: &str, location: &str) -> OrderTemplate {
    OrderTemplate {
        name: name.into(),
        location: location.into(),
    }
}

fn escalation(level: u8, title: &str, buyer_contact: &str, description: &str) -> EscalationLevel {
    EscalationLevel {
        level,
        title: title.into(),
        buyer_contact: buyer_contact.into(),
        description: description.into(),
    }
}

fn orderer(name: &str, unit: &str, email: &str) -> Orderer {
    Orderer {
        name: name.into(),
        unit: unit.into(),
        email: email.into(),
    }
}

fn member(name: &str, role: &str, email: &str) -> ProjectMember {
    ProjectMember {
        name: name.into(),
        role: role.into(),
        email: email.into(),
    }
}

#[cfg(test)]
mod tests;
