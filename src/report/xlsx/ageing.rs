//! Above the Open sheet's table: the age of the cases open at the as-of date
//! ([`crate::report::sections::ageing`]).

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::formats::Formats;
use super::section::Place;
use super::tables::Preamble;
use crate::report::Report;
use crate::report::figures::AGE_BANDS;
use crate::report::sections::{Block, Section, Wording};

/// Above the Open sheet's table: the title, the ageing table, an empty row.
pub(super) const OPEN_SHEET: Preamble = Preamble {
    rows: 1 + 1 + AGE_BANDS.len() as u32 + 1 + 1,
    write: open_sheet,
};

fn open_sheet(sheet: &mut Worksheet, report: &Report, f: &Formats, widths: &[f64]) -> Result<()> {
    let title = report.language.texts().get("ageing.title");
    sheet.write_string_with_format(0, 0, title, &f.subtitle)?;
    let place = Place {
        name: "",
        widths,
        f,
        t: &report.language.texts(),
    };
    let table = Block::Table(crate::report::sections::ageing::table(report));
    let section = Section {
        title: Wording::same(title),
        blocks: vec![table],
    };
    super::section::write(sheet, &place, 1, &section)?;
    Ok(())
}
