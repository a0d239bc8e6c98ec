//! Peppol BIS Billing 3 documents (UBL 2.1 `Invoice` and `CreditNote`, DESIGN §6) into
//! [`InvoiceDocument`]s. Elements are found by namespace and local name, so any prefix the
//! sender chose reads the same. Every problem is kept with its line, so an import of many
//! files can refuse them all at once, each in words.

mod problem;
#[cfg(test)]
mod tests;

pub use problem::PeppolProblem;

use crate::domain::money::Money;
use crate::domain::orgnr::OrgNumber;
use crate::domain::spend::{Decimal, InvoiceDocument, InvoiceLine};
use roxmltree::{Document, Node};

use super::problem::{FileProblem, ProblemKind};

const INVOICE_NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2";
const CREDIT_NOTE_NS: &str = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2";
const CAC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2";
const CBC: &str = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2";

/// Whether `bytes` look like an XML document (after a BOM and white space), so a folder
/// can hold invoices under any file name beside ledger extracts.
pub fn looks_like_xml(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    bytes
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'<')
}

/// Parses one document, or says every problem found in it.
pub fn parse(bytes: &[u8]) -> Result<InvoiceDocument, Vec<FileProblem>> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        vec![at(
            line_of_byte(bytes, e.valid_up_to()),
            PeppolProblem::NotUtf8,
        )]
    })?;
    let doc = Document::parse(text).map_err(|e| {
        vec![at(
            e.pos().row as usize,
            PeppolProblem::NotXml {
                detail: e.to_string(),
            },
        )]
    })?;
    Reader {
        doc: &doc,
        problems: Vec::new(),
    }
    .document()
}

fn at(line: usize, p: PeppolProblem) -> FileProblem {
    FileProblem {
        line,
        kind: ProblemKind::Peppol(p),
    }
}

fn line_of_byte(bytes: &[u8], offset: usize) -> usize {
    1 + bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
}

struct Reader<'a, 'input> {
    doc: &'a Document<'input>,
    problems: Vec<FileProblem>,
}

/// The first child of `node` along `path` (`cac:` or `cbc:` names).
fn child<'a, 'i>(node: Node<'a, 'i>, path: &[&str]) -> Option<Node<'a, 'i>> {
    let mut at = node;
    for step in path {
        at = at.children().find(|n| is(*n, step))?;
    }
    Some(at)
}

fn is(n: Node, name: &str) -> bool {
    let (ns, local) = match name.split_once(':') {
        Some(("cac", l)) => (CAC, l),
        Some(("cbc", l)) => (CBC, l),
        _ => return false,
    };
    n.is_element() && n.tag_name().name() == local && n.tag_name().namespace() == Some(ns)
}

fn text<'a>(n: Node<'a, '_>) -> &'a str {
    n.text().unwrap_or("").trim()
}

/// The text of `path` below `node`, None when absent or empty.
fn value(node: Node, path: &[&str]) -> Option<String> {
    child(node, path)
        .map(|n| text(n).to_string())
        .filter(|s| !s.is_empty())
}

impl<'a, 'i> Reader<'a, 'i> {
    fn line(&self, n: Node) -> usize {
        self.doc.text_pos_at(n.range().start).row as usize
    }

    fn fail(&mut self, n: Node, p: PeppolProblem) {
        let line = self.line(n);
        self.problems.push(at(line, p));
    }

    /// The text of a required element, or a problem naming it at `near`'s line.
    fn required(&mut self, node: Node<'a, 'i>, path: &[&str]) -> Option<(Node<'a, 'i>, String)> {
        match child(node, path) {
            Some(n) if !text(n).is_empty() => Some((n, text(n).to_string())),
            found => {
                self.fail(
                    found.unwrap_or(node),
                    PeppolProblem::Missing {
                        element: path.join("/"),
                    },
                );
                None
            }
        }
    }

    fn decimal(&mut self, node: Node<'a, 'i>, path: &[&str]) -> Option<Decimal> {
        let (n, t) = self.required(node, path)?;
        let d = Decimal::parse(&t);
        if d.is_none() {
            self.fail(
                n,
                PeppolProblem::BadNumber {
                    element: path.join("/"),
                    input: t,
                },
            );
        }
        d
    }

    fn document(mut self) -> Result<InvoiceDocument, Vec<FileProblem>> {
        let root = self.doc.root_element();
        let credit_note = match (root.tag_name().name(), root.tag_name().namespace()) {
            ("Invoice", Some(INVOICE_NS)) => false,
            ("CreditNote", Some(CREDIT_NOTE_NS)) => true,
            (name, _) => {
                self.fail(
                    root,
                    PeppolProblem::NotInvoice {
                        root: name.to_string(),
                    },
                );
                return Err(self.problems);
            }
        };
        let invoice = self.required(root, &["cbc:ID"]).map(|(_, t)| t);
        let date = self.required(root, &["cbc:IssueDate"]).and_then(|(n, t)| {
            let d = super::csv_common::date(&t).ok();
            if d.is_none() {
                self.fail(n, PeppolProblem::BadDate { input: t });
            }
            d
        });
        if let Some((n, code)) = self.required(root, &["cbc:DocumentCurrencyCode"])
            && code != "SEK"
        {
            self.fail(n, PeppolProblem::Currency { code });
        }
        let party = child(root, &["cac:AccountingSupplierParty", "cac:Party"]);
        let (supplier, supplier_name) = match party {
            Some(p) => (self.supplier(p), supplier_name(p)),
            None => {
                self.fail(
                    root,
                    PeppolProblem::Missing {
                        element: "cac:AccountingSupplierParty/cac:Party".into(),
                    },
                );
                (None, String::new())
            }
        };
        let amount = self
            .decimal(root, &["cac:LegalMonetaryTotal", "cbc:TaxExclusiveAmount"])
            .and_then(|d| self.ore(root, d));
        let line_name = if credit_note {
            "cac:CreditNoteLine"
        } else {
            "cac:InvoiceLine"
        };
        let quantity_name = if credit_note {
            "cbc:CreditedQuantity"
        } else {
            "cbc:InvoicedQuantity"
        };
        let mut lines = Vec::new();
        for l in root.children().filter(|n| is(*n, line_name)) {
            if let Some(line) = self.invoice_line(l, quantity_name) {
                lines.push(line);
            }
        }
        let (Some(supplier), Some(invoice), Some(date), Some(amount), true) =
            (supplier, invoice, date, amount, self.problems.is_empty())
        else {
            return Err(self.problems);
        };
        Ok(InvoiceDocument {
            supplier,
            supplier_name,
            invoice,
            date,
            credit_note,
            amount,
            account: value(root, &["cbc:AccountingCost"]).unwrap_or_default(),
            contract: value(root, &["cac:ContractDocumentReference", "cbc:ID"]),
            order: value(root, &["cac:OrderReference", "cbc:ID"]),
            lines,
        })
    }

    /// An amount in kronor as öre; more than two decimals is refused rather than rounded.
    fn ore(&mut self, root: Node<'a, 'i>, d: Decimal) -> Option<Money> {
        let ore = if d.scale <= 2 {
            d.units
                .checked_mul(Decimal::pow10(2 - d.scale))
                .and_then(|o| i64::try_from(o).ok())
        } else {
            None
        };
        if ore.is_none() {
            let n =
                child(root, &["cac:LegalMonetaryTotal", "cbc:TaxExclusiveAmount"]).unwrap_or(root);
            self.fail(
                n,
                PeppolProblem::BadNumber {
                    element: "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount".into(),
                    input: d.to_string(),
                },
            );
        }
        ore.map(Money)
    }

    /// The supplier's organisation number: the legal entity's company id when it is a
    /// Swedish organisation number, else the ten digits of an `SE…01` VAT number (the
    /// "Godkänd för F-skatt" scheme beside it is not a number and is passed over).
    fn supplier(&mut self, party: Node<'a, 'i>) -> Option<OrgNumber> {
        if let Some(id) = value(party, &["cac:PartyLegalEntity", "cbc:CompanyID"])
            && let Ok(org) = OrgNumber::parse(&id)
        {
            return Some(org);
        }
        let from_vat = party
            .children()
            .filter(|n| is(*n, "cac:PartyTaxScheme"))
            .filter_map(|s| value(s, &["cbc:CompanyID"]))
            .find_map(|id| {
                let id: String = id.chars().filter(|c| !c.is_whitespace()).collect();
                let digits = id.strip_prefix("SE")?.strip_suffix("01")?;
                OrgNumber::parse(digits).ok()
            });
        if from_vat.is_none() {
            let given =
                value(party, &["cac:PartyLegalEntity", "cbc:CompanyID"]).unwrap_or_default();
            self.fail(party, PeppolProblem::NoSupplier { given });
        }
        from_vat
    }

    fn invoice_line(&mut self, l: Node<'a, 'i>, quantity_name: &str) -> Option<InvoiceLine> {
        let before = self.problems.len();
        let id = self.required(l, &["cbc:ID"]).map(|(_, t)| t);
        let quantity = self.decimal(l, &[quantity_name]);
        let unit = child(l, &[quantity_name])
            .and_then(|n| n.attribute("unitCode"))
            .unwrap_or("")
            .trim()
            .to_string();
        let line_amount = self.decimal(l, &["cbc:LineExtensionAmount"]);
        let item = value(l, &["cac:Item", "cbc:Name"]).unwrap_or_default();
        let item_id = value(l, &["cac:Item", "cac:SellersItemIdentification", "cbc:ID"]);
        let price = self.decimal(l, &["cac:Price", "cbc:PriceAmount"]);
        let base_quantity = match child(l, &["cac:Price", "cbc:BaseQuantity"]) {
            Some(_) => self.decimal(l, &["cac:Price", "cbc:BaseQuantity"]),
            None => None,
        };
        if self.problems.len() > before {
            return None;
        }
        Some(InvoiceLine {
            id: id?,
            quantity: quantity?,
            unit,
            line_amount: line_amount?,
            item,
            item_id,
            price: price?,
            base_quantity,
        })
    }
}

fn supplier_name(party: Node) -> String {
    value(party, &["cac:PartyName", "cbc:Name"])
        .or_else(|| value(party, &["cac:PartyLegalEntity", "cbc:RegistrationName"]))
        .unwrap_or_default()
}
