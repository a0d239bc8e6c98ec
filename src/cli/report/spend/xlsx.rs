//! `report spend` as a spreadsheet of three sheets: keys as bold headers, amounts
//! in öre and counts as numbers, shares as percentages (the value itself 0..=1).

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::SpendOut;

pub(super) fn spend_xlsx(path: &Path, r: &SpendOut) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Spend")?;
    for (col, h) in (0u16..).zip(["key", "value"]) {
        sheet.write_string_with_format(0, col, h, &bold)?;
    }
    let texts = [
        ("agreement", &r.agreement),
        ("from", &r.from),
        ("to", &r.to),
        ("as_of", &r.as_of),
    ];
    let mut row = 1u32;
    for (k, v) in texts {
        sheet.write_string(row, 0, k)?;
        sheet.write_string(row, 1, v.as_str())?;
        row += 1;
    }
    let numbers = [
        ("spend_ore", Some(r.spend_ore as f64), false),
        ("cumulative_ore", Some(r.cumulative_ore as f64), false),
        ("max_value_ore", r.max_value_ore.map(|v| v as f64), false),
        ("ceiling_used_share", r.ceiling_used_share, true),
        (
            "accounts_spend_ore",
            Some(r.accounts_spend_ore as f64),
            false,
        ),
        ("compliance_share", r.compliance_share, true),
    ];
    for (k, v, share) in numbers {
        sheet.write_string(row, 0, k)?;
        match (v, share) {
            (Some(v), true) => {
                sheet.write_number_with_format(row, 1, v, &percent)?;
            }
            (Some(v), false) => {
                sheet.write_number(row, 1, v)?;
            }
            (None, _) => {}
        }
        row += 1;
    }
    sheet.autofit();
    for (name, list) in [("Suppliers", &r.suppliers), ("Outside", &r.outside)] {
        let sheet = book.add_worksheet().set_name(name)?;
        for (col, h) in (0u16..).zip(["org_number", "name", "spend_ore"]) {
            sheet.write_string_with_format(0, col, h, &bold)?;
        }
        for (row, s) in (1u32..).zip(list.iter()) {
            sheet.write_string(row, 0, s.org_number.as_str())?;
            sheet.write_string(row, 1, s.name.as_str())?;
            sheet.write_number(row, 2, s.spend_ore as f64)?;
        }
        sheet.autofit();
    }
    book.save(path)
}
