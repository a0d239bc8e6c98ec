//! What can be wrong in a Peppol document, in the user's words.

use crate::i18n::Catalog;
use crate::tr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeppolProblem {
    NotUtf8,
    /// Not well-formed XML; the detail is the parser's own (English) words.
    NotXml {
        detail: String,
    },
    /// Well-formed, but not a UBL 2.1 `Invoice` or `CreditNote`.
    NotInvoice {
        root: String,
    },
    Missing {
        element: String,
    },
    BadNumber {
        element: String,
        input: String,
    },
    BadDate {
        input: String,
    },
    /// Only invoices in Swedish kronor are taken.
    Currency {
        code: String,
    },
    /// Neither a Swedish organisation number nor an `SE…01` VAT number names the supplier.
    NoSupplier {
        given: String,
    },
}

impl PeppolProblem {
    pub fn message(&self, cat: &Catalog) -> String {
        match self {
            PeppolProblem::NotUtf8 => tr!(cat, "cli.peppol.not_utf8").to_string(),
            PeppolProblem::NotXml { detail } => tr!(cat, "cli.peppol.not_xml", detail = detail),
            PeppolProblem::NotInvoice { root } => tr!(cat, "cli.peppol.not_invoice", root = root),
            PeppolProblem::Missing { element } => {
                tr!(cat, "cli.peppol.missing", element = element)
            }
            PeppolProblem::BadNumber { element, input } => {
                tr!(
                    cat,
                    "cli.peppol.bad_number",
                    element = element,
                    input = input
                )
            }
            PeppolProblem::BadDate { input } => tr!(cat, "cli.peppol.bad_date", input = input),
            PeppolProblem::Currency { code } => tr!(cat, "cli.peppol.currency", code = code),
            PeppolProblem::NoSupplier { given } => {
                tr!(cat, "cli.peppol.no_supplier", given = given)
            }
        }
    }
}
