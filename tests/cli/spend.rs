//! `avtal import invoices`, `report spend` and `report price-audit` through the binary, on
//! two agreements sharing a supplier, with every figure worked out by hand below from the
//! rules of DESIGN §4.

use crate::cli_support;

use std::path::Path;

use cli_support::{Run, avtal, write};
use serde_json::{Value, json};

const A: &str = r#"reference = "UH-1"
name = "IT-konsulter"
start = 2026-01-01
end = 2027-12-31
response_time = "2 working days"
max_value_sek = "1000000"
estimated_value_sek = "800000"
accounts = ["6540"]

[[suppliers]]
org_number = "556677-8899"
name = "Konsult AB"
[[suppliers]]
org_number = "5560743089"
name = "Kod & Co AB"

[[prices]]
supplier = "556677-8899"
item = "Systemutvecklare nivå 3"
item_id = "SU3"
unit = "HUR"
price_sek = "1150,00"

[[prices]]
supplier = "556677-8899"
item = "Systemutvecklare nivå 3"
item_id = "SU3"
unit = "HUR"
price_sek = "1190,00"
valid_from = 2026-07-01

[[prices]]
supplier = "556677-8899"
item = "Projektledare"
unit = "HUR"
price_sek = "1300"
"#;

const B: &str = r#"reference = "UH-2"
name = "Drift"
start = 2026-01-01
end = 2026-12-31
response_time = "2 working days"

[[suppliers]]
org_number = "556677-8899"
name = "Konsult AB"

[[lots]]
name = "Drift"
ranking = ["5566778899"]
"#;

const CALLOFFS: &str = "reference,agreement,lot,orderer,method,requested_at,awarded_supplier,value_sek,delivery_due,delivered_at,consultants,replaced_due_to_complaint,quality,deviation_reason\n\
AV-9,UH-2,Drift,Bo,ranking,2026-02-01 09:00,5566778899,,,,,,,\n";

/// Ledger rows (see the test for what each shows).
const LEDGER: &str = "invoice;date;supplier;supplier_name;account;amount_sek;contract;order\n\
F-1;2026-02-10;556677-8899;Konsult AB;6540;10000,00;;\n\
F-2;2026-03-01;556677-8899;Konsult AB;4010;3000;;\n\
F-3;2026-03-02;556677-8899;Konsult AB;6540;2000;;AV-9\n\
X-1;2026-04-01;202100-5448;Tredje AB;6540;4000;;\n\
X-2;2026-04-01;012345-6782;Fjärde AB;6540;4000;;\n";

struct Line<'a> {
    id: &'a str,
    qty: &'a str,
    unit: &'a str,
    name: &'a str,
    item_id: Option<&'a str>,
    price: &'a str,
}

fn peppol(
    credit: bool,
    id: &str,
    date: &str,
    amount: &str,
    account: &str,
    contract: Option<&str>,
    lines: &[Line<'_>],
) -> String {
    let (root, ns, line_tag, qty_tag) = if credit {
        (
            "CreditNote",
            "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
            "CreditNoteLine",
            "CreditedQuantity",
        )
    } else {
        (
            "Invoice",
            "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
            "InvoiceLine",
            "InvoicedQuantity",
        )
    };
    let contract = contract
        .map(|c| format!("<cac:ContractDocumentReference><cbc:ID>{c}</cbc:ID></cac:ContractDocumentReference>"))
        .unwrap_or_default();
    let lines: String = lines
        .iter()
        .map(|l| {
            let item_id = l
                .item_id
                .map(|i| format!("<cac:SellersItemIdentification><cbc:ID>{i}</cbc:ID></cac:SellersItemIdentification>"))
                .unwrap_or_default();
            format!(
                "<cac:{line_tag}><cbc:ID>{}</cbc:ID><cbc:{qty_tag} unitCode=\"{}\">{}</cbc:{qty_tag}>\
                 <cbc:LineExtensionAmount currencyID=\"SEK\">0</cbc:LineExtensionAmount>\
                 <cac:Item><cbc:Name>{}</cbc:Name>{item_id}</cac:Item>\
                 <cac:Price><cbc:PriceAmount currencyID=\"SEK\">{}</cbc:PriceAmount></cac:Price></cac:{line_tag}>",
                l.id, l.unit, l.qty, l.name, l.price
            )
        })
        .collect();
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{root} xmlns=\"{ns}\" \
         xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" \
         xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n\
         <cbc:ID>{id}</cbc:ID>\n<cbc:IssueDate>{date}</cbc:IssueDate>\n\
         <cbc:DocumentCurrencyCode>SEK</cbc:DocumentCurrencyCode>\n\
         <cbc:AccountingCost>{account}</cbc:AccountingCost>\n{contract}\n\
         <cac:AccountingSupplierParty><cac:Party><cac:PartyName><cbc:Name>Konsult AB</cbc:Name></cac:PartyName>\
         <cac:PartyTaxScheme><cbc:CompanyID>SE556677889901</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>\
         <cac:PartyLegalEntity><cbc:RegistrationName>Konsult AB</cbc:RegistrationName><cbc:CompanyID>5566778899</cbc:CompanyID></cac:PartyLegalEntity>\
         </cac:Party></cac:AccountingSupplierParty>\n\
         <cac:LegalMonetaryTotal><cbc:TaxExclusiveAmount currencyID=\"SEK\">{amount}</cbc:TaxExclusiveAmount></cac:LegalMonetaryTotal>\n\
         {lines}\n</{root}>\n"
    )
}

/// `report spend --format json` for [agreement, from, to, as of].
fn report_spend(db: &Path, [agreement, from, to, as_of]: [&str; 4]) -> Run {
    avtal(
        db,
        &[
            "report",
            "spend",
            "--agreement",
            agreement,
            "--from",
            from,
            "--to",
            to,
            "--as-of",
            as_of,
            "--format",
            "json",
        ],
    )
}

fn ok(run: Run) -> Run {
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    run
}

fn json_of(run: Run) -> Value {
    serde_json::from_str(&ok(run).stdout).unwrap()
}

/// The register of the module's comment, with its invoices in `dir/in`.
fn register(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("db.redb");
    ok(avtal(
        &db,
        &[
            "import",
            "agreement",
            write(dir, "a.toml", A).to_str().unwrap(),
        ],
    ));
    ok(avtal(
        &db,
        &[
            "import",
            "agreement",
            write(dir, "b.toml", B).to_str().unwrap(),
        ],
    ));
    ok(avtal(
        &db,
        &[
            "import",
            "calloffs",
            write(dir, "c.csv", CALLOFFS).to_str().unwrap(),
        ],
    ));
    let inbox = dir.join("in");
    std::fs::create_dir_all(inbox.join("peppol")).unwrap();
    write(&inbox, "reskontra.csv", LEDGER);
    // F-1 is in the ledger too: the ledger's 10 000 kr and account count, the document
    // gives the lines (10 h at 1 160 kr against 1 150 kr: 100 kr overcharged).
    let f1 = peppol(
        false,
        "F-1",
        "2026-02-10",
        "11600.00",
        "9999",
        None,
        &[Line {
            id: "1",
            qty: "10",
            unit: "HUR",
            name: "Utvecklare",
            item_id: Some("SU3"),
            price: "1160.00",
        }],
    );
    write(&inbox.join("peppol"), "f1.xml", &f1);
    // F-4: only a document, on another account, but its contract reference is A's:
    // 2 h at 1 200 kr against the 1 190 kr in force from July (20 kr), and a project
    // manager at the agreed price, by name as the invoice writes it.
    let f4 = peppol(
        false,
        "F-4",
        "2026-07-15",
        "5000",
        "4010",
        Some(" uh-1 "),
        &[
            Line {
                id: "1",
                qty: "2",
                unit: "HUR",
                name: "SU3",
                item_id: Some("SU3"),
                price: "1200",
            },
            Line {
                id: "2",
                qty: "1",
                unit: "hur",
                name: "  PROJEKTLEDARE ",
                item_id: None,
                price: "1300.00",
            },
        ],
    );
    write(&inbox.join("peppol"), "f4.xml", &f4);
    // A credit note of 1 000 kr on A's account: -1 000 kr for A, never audited.
    let k1 = peppol(
        true,
        "K-1",
        "2026-03-05",
        "1000",
        "6540",
        None,
        &[Line {
            id: "1",
            qty: "1",
            unit: "HUR",
            name: "x",
            item_id: Some("SU3"),
            price: "5000",
        }],
    );
    write(&inbox, "kreditnota", &k1);
    inbox
}

#[test]
fn spend_compliance_and_the_price_audit_follow_the_rules_figure_by_figure() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = register(dir.path());
    let db = dir.path().join("db.redb");
    let run = ok(avtal(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "invoices",
            inbox.to_str().unwrap(),
        ],
    ));
    assert!(run.stdout.contains("3 Peppol documents"), "{}", run.stdout);
    assert!(
        run.stdout.contains("5 accounts-payable rows from 1 file"),
        "{}",
        run.stdout
    );

    let spend = json_of(report_spend(
        &db,
        ["UH-1", "2026-01-01", "2026-12-31", "2026-06-30"],
    ));
    // A's postings: F-1 10 000 (supplier rule, A lists 6540 where B lists none), F-4 5 000
    // (contract), K-1 -1 000 (supplier rule). F-2 is B's (4010, A does not list it), F-3
    // B's (its order is B's call-off AV-9).
    assert_eq!(
        spend,
        json!({
            "agreement": "UH-1",
            "from": "2026-01-01",
            "to": "2026-12-31",
            "as_of": "2026-06-30",
            "spend_ore": 1_400_000,
            "suppliers": [
                {"org_number": "556677-8899", "name": "Konsult AB", "spend_ore": 1_400_000},
                {"org_number": "556074-3089", "name": "Kod & Co AB", "spend_ore": 0}
            ],
            // Up to 30 June: F-1 and K-1.
            "cumulative_ore": 900_000,
            "max_value_ore": 100_000_000,
            "ceiling_used_share": 0.009,
            // On 6540 in the period: F-1, F-3, K-1, X-1, X-2.
            "accounts_spend_ore": 1_900_000,
            "compliance_share": 900_000.0 / 1_900_000.0,
            // Equal sums: by organisation number.
            "outside": [
                {"org_number": "012345-6782", "name": "Fjärde AB", "spend_ore": 400_000},
                {"org_number": "202100-5448", "name": "Tredje AB", "spend_ore": 400_000}
            ]
        })
    );
    let b = json_of(report_spend(
        &db,
        ["UH-2", "2026-01-01", "2026-12-31", "2026-12-31"],
    ));
    assert_eq!(b["spend_ore"], 500_000);
    assert_eq!(b["max_value_ore"], Value::Null);
    assert_eq!(b["ceiling_used_share"], Value::Null);
    assert_eq!(b["compliance_share"], Value::Null);
    assert_eq!(b["outside"], json!([]));

    let audit = json_of(avtal(
        &db,
        &[
            "report",
            "price-audit",
            "--agreement",
            "UH-1",
            "--format",
            "json",
        ],
    ));
    assert_eq!(
        audit,
        json!([
            {"invoice": "F-1", "supplier": "556677-8899", "line": "1", "item": "Utvecklare",
             "quantity": 10.0, "unit_price_ore": 116_000, "agreed_ore": 115_000, "overcharge_ore": 10_000},
            {"invoice": "F-4", "supplier": "556677-8899", "line": "1", "item": "SU3",
             "quantity": 2.0, "unit_price_ore": 120_000, "agreed_ore": 119_000, "overcharge_ore": 2_000}
        ])
    );
    let later = json_of(avtal(
        &db,
        &[
            "report",
            "price-audit",
            "--agreement",
            "UH-1",
            "--from",
            "2026-03-01",
            "--format",
            "json",
        ],
    ));
    assert_eq!(later.as_array().unwrap().len(), 1);

    // The same files again replace what they held: the figures stay.
    let run = ok(avtal(&db, &["import", "invoices", inbox.to_str().unwrap()]));
    assert!(run.stdout.contains("varav 3 ersatte"), "{}", run.stdout);
    let again = json_of(report_spend(
        &db,
        ["UH-1", "2026-01-01", "2026-12-31", "2026-06-30"],
    ));
    assert_eq!(again, spend);

    // The readable forms say it in words, in both languages.
    let table = ok(avtal(
        &db,
        &[
            "report",
            "spend",
            "--agreement",
            "UH-1",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--as-of",
            "2026-06-30",
        ],
    ))
    .stdout;
    assert!(
        table.contains("Avtalstrohet") && table.contains("47,4 %"),
        "{table}"
    );
    assert!(table.contains("14 000,00 kr"), "{table}");
    let table = ok(avtal(
        &db,
        &[
            "--lang",
            "en",
            "report",
            "price-audit",
            "--agreement",
            "UH-1",
        ],
    ))
    .stdout;
    assert!(table.contains("Overcharged in all: SEK 120.00"), "{table}");
    let csv = ok(avtal(
        &db,
        &[
            "report",
            "price-audit",
            "--agreement",
            "UH-1",
            "--format",
            "csv",
        ],
    ))
    .stdout;
    assert!(csv.starts_with("invoice,supplier,line,item,quantity,unit_price_ore,agreed_ore,overcharge_ore\nF-1,556677-8899,1,Utvecklare,10,116000,115000,10000\n"), "{csv}");
}

#[test]
fn one_bad_file_refuses_them_all_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = register(dir.path());
    let db = dir.path().join("db.redb");
    write(
        &inbox,
        "eur.xml",
        &peppol(false, "E-1", "2026-02-10", "1", "6540", None, &[]).replace(">SEK<", ">EUR<"),
    );
    write(
        &inbox,
        "trasig.csv",
        "invoice;date;supplier;supplier_name;account;amount_sek\nF-9;2026-02-30;556677-8899;K;6540;1\n",
    );
    let run = avtal(
        &db,
        &[
            "--lang",
            "en",
            "import",
            "invoices",
            inbox.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stderr
            .contains("2 of 6 files have errors. Nothing has been saved."),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("eur.xml") && run.stderr.contains("EUR"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("trasig.csv") && run.stderr.contains("Line 2"),
        "{}",
        run.stderr
    );
    let spend = json_of(report_spend(
        &db,
        ["UH-1", "2026-01-01", "2026-12-31", "2026-12-31"],
    ));
    assert_eq!(spend["accounts_spend_ore"], 0);
}

#[test]
fn the_spreadsheets_hold_the_figures_as_numbers() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let inbox = register(dir.path());
    let db = dir.path().join("db.redb");
    ok(avtal(&db, &["import", "invoices", inbox.to_str().unwrap()]));
    let out = dir.path().join("spend.xlsx");
    ok(avtal(
        &db,
        &[
            "report",
            "spend",
            "--agreement",
            "UH-1",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--as-of",
            "2026-06-30",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let spend = book.worksheet_range("Spend").unwrap();
    let value = |key: &str| {
        spend
            .rows()
            .find(|r| r[0] == Data::String(key.into()))
            .map(|r| r[1].clone())
    };
    assert_eq!(value("spend_ore"), Some(Data::Float(1_400_000.0)));
    assert_eq!(value("max_value_ore"), Some(Data::Float(100_000_000.0)));
    let outside = book.worksheet_range("Outside").unwrap();
    assert_eq!(
        outside.get((1, 0)),
        Some(&Data::String("012345-6782".into()))
    );
    let out = dir.path().join("audit.xlsx");
    ok(avtal(
        &db,
        &[
            "report",
            "price-audit",
            "--agreement",
            "UH-1",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    ));
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let sheet = book.worksheet_range("PriceAudit").unwrap();
    assert_eq!(sheet.get((1, 7)), Some(&Data::Float(10_000.0)));
    assert_eq!(sheet.get((2, 7)), Some(&Data::Float(2_000.0)));
}

/// The ledger as a workbook Excel saved: dates as date cells, organisation numbers typed
/// without the hyphen (numbers), amounts as numbers, on a sheet after a notes sheet.
fn ledger_xlsx() -> Vec<u8> {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Info").unwrap();
    let ws = book.add_worksheet().set_name("accounts_payable").unwrap();
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let mut lines = LEDGER.lines();
    for (col, name) in (0u16..).zip(lines.next().unwrap().split(';')) {
        ws.write_string(0, col, name).unwrap();
    }
    for (row, line) in (1u32..).zip(lines) {
        for (col, cell) in (0u16..).zip(line.split(';')) {
            match col {
                1 => {
                    let p: Vec<u16> = cell.split('-').map(|x| x.parse().unwrap()).collect();
                    let d = ExcelDateTime::from_ymd(p[0], p[1] as u8, p[2] as u8).unwrap();
                    ws.write_datetime_with_format(row, col, &d, &day).unwrap();
                }
                2 => {
                    ws.write_number(row, col, cell.replace('-', "").parse::<f64>().unwrap())
                        .unwrap();
                }
                5 => {
                    ws.write_number(row, col, cell.replace(',', ".").parse::<f64>().unwrap())
                        .unwrap();
                }
                _ if cell.is_empty() => {}
                _ => {
                    ws.write_string(row, col, cell).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn the_ledger_as_excel_hands_it_over_gives_the_same_figures() {
    let spend = |db: &Path| {
        json_of(report_spend(
            db,
            ["UH-1", "2026-01-01", "2026-12-31", "2026-06-30"],
        ))
    };
    let dir = tempfile::tempdir().unwrap();
    let inbox = register(dir.path());
    let db = dir.path().join("db.redb");
    ok(avtal(&db, &["import", "invoices", inbox.to_str().unwrap()]));
    let original = spend(&db);
    let (windows, _, _) = encoding_rs::WINDOWS_1252.encode(LEDGER);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in LEDGER.replace(';', "\t").encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    for (name, bytes, said) in [
        ("reskontra.xlsx", ledger_xlsx(), "accounts_payable"),
        ("reskontra.csv", windows.into_owned(), "Windows-1252"),
        ("reskontra.txt", utf16, "UTF-16LE"),
    ] {
        let other = tempfile::tempdir().unwrap();
        let inbox = register(other.path());
        std::fs::remove_file(inbox.join("reskontra.csv")).unwrap();
        std::fs::write(inbox.join(name), bytes).unwrap();
        let db = other.path().join("db.redb");
        let run = ok(avtal(&db, &["import", "invoices", inbox.to_str().unwrap()]));
        assert!(run.stdout.contains(said), "{name}: {}", run.stdout);
        assert_eq!(spend(&db), original, "{name}");
    }
}
