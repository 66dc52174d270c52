//! Any report section ([`crate::report::sections`]) into a worksheet, below its title block:
//! headings bold, tables with wrapped headers and typed cells (counts, shares, amounts in
//! their number formats; statuses marked), charts drawn from the tables they name.

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartType, Worksheet};

use super::blocks::{
    LINE_HEIGHT, heading, set_widths, title_block, wrapped, wrapped_header_row, wrapped_height,
    wraps,
};
use super::formats::{Formats, Mark, mark_of};
use super::page::{self, Layout};
use crate::report::Report;
use crate::report::lang::Texts;
use crate::report::sections::{
    self, Block, Cell, ChartKind, Format, Section, Table, Tone, Value, Wording,
};

const WORKBOOK: Format = Format::Workbook;

/// Where a section is written: the sheet's name (charts refer to it), its column widths (from
/// column A), its formats and words.
pub(super) struct Place<'a> {
    pub(super) name: &'a str,
    pub(super) widths: &'a [f64],
    pub(super) f: &'a Formats,
    pub(super) t: &'a Texts,
}

/// A sheet that shows one section: named `name`, set up for print, its columns `widths` wide
/// (from column A), the title block, then the section.
pub(super) fn sheet(
    sheet: &mut Worksheet,
    report: &Report,
    f: &Formats,
    (name, layout, widths): (&str, Layout, &[f64]),
    content: &Section,
) -> Result<()> {
    let t = report.language.texts();
    sheet.set_name(name)?;
    page::set_up(sheet, report, layout)?;
    set_widths(sheet, widths)?;
    let row = title_block(sheet, report, f, &content.title.workbook, &widths[1..])?;
    let place = Place {
        name,
        widths,
        f,
        t: &t,
    };
    write(sheet, &place, row, content)?;
    Ok(())
}

/// Writes the section's blocks from `row`; returns the row after them.
pub(super) fn write(
    sheet: &mut Worksheet,
    place: &Place,
    mut row: u32,
    section: &Section,
) -> Result<u32> {
    // The first and last data rows of each table written, for the charts that draw them.
    let mut tables: Vec<(u32, u32)> = Vec::new();
    for block in &section.blocks {
        row = self::block(sheet, place, row, block, &mut tables)?;
    }
    Ok(row)
}

fn block(
    sheet: &mut Worksheet,
    place: &Place,
    mut row: u32,
    block: &Block,
    tables: &mut Vec<(u32, u32)>,
) -> Result<u32> {
    let (f, t, widths) = (place.f, place.t, place.widths);
    match block {
        Block::Heading(text) | Block::SubHeading(text) | Block::Caption(text) => {
            heading(sheet, &mut row, f, &text.workbook)?;
        }
        Block::Paragraph(paragraph) => {
            wrapped(sheet, row, 0, widths, &fill(paragraph, t), &f.wrap)?;
            row += 1;
        }
        Block::Verdict { text, tone } => {
            let format = match tone {
                Tone::Met => &f.verdict_met,
                Tone::Caution => &f.verdict_caution,
                Tone::NotMet => &f.verdict_not_met,
            };
            super::blocks::wrapped_large(sheet, row, 0, widths, text, format)?;
            row += 2;
        }
        Block::Warning(text) => {
            let text = t.fill("warning", &[("text", text)]);
            wrapped(sheet, row, 0, widths, &text, &f.warning)?;
            row += 1;
        }
        Block::Facts(facts) => {
            for (label, value) in facts {
                sheet.write_string_with_format(row, 0, label, &f.label)?;
                wrapped(sheet, row, 1, &widths[1..], value, &f.wrap)?;
                row += 1;
            }
        }
        Block::Table(table) => {
            let first = row + 1;
            row = self::table(sheet, place, row, table)?;
            tables.push((first, row.saturating_sub(1).max(first)));
        }
        Block::Chart(chart) => {
            chart_of(sheet, place, row, chart, tables[chart.table])?;
            row += 18;
        }
        Block::Space => row += 1,
        Block::Only(format, inner) => {
            if *format == WORKBOOK {
                row = self::block(sheet, place, row, inner, tables)?;
            } else if let Block::Table(_) = inner.as_ref() {
                // Charts count the tables of both formats ([`Section::tables`]).
                tables.push((row, row));
            }
        }
    }
    Ok(row)
}

/// A paragraph's text: the workbook shows data as it is.
fn fill(paragraph: &sections::Paragraph, t: &Texts) -> String {
    let values: Vec<(&str, &dyn std::fmt::Display)> = paragraph
        .values
        .iter()
        .map(|(name, value)| match value {
            Value::Words(text) | Value::Data(text) => (*name, text as &dyn std::fmt::Display),
        })
        .collect();
    t.fill(paragraph.key, &values)
}

fn shown(only: Option<Format>) -> bool {
    only.is_none_or(|f| f == WORKBOOK)
}

/// The header row and the rows the workbook shows; returns the row after the table.
fn table(sheet: &mut Worksheet, place: &Place, mut row: u32, table: &Table) -> Result<u32> {
    let columns: Vec<usize> = (0..table.columns.len())
        .filter(|&c| shown(table.columns[c].only))
        .collect();
    let headers: Vec<&str> = columns
        .iter()
        .map(|&c| table.columns[c].header.workbook.as_str())
        .collect();
    wrapped_header_row(sheet, row, place.f, &headers, place.widths)?;
    row += 1;
    for r in table.rows.iter().filter(|r| shown(r.only)) {
        // The row as tall as its longest text wrapped in its column (a label longer than
        // its column would be cut off on paper).
        let height = columns
            .iter()
            .enumerate()
            .filter_map(|(at, &c)| {
                let text = text_of(place, r.cells.get(c)?)?;
                let width = *place.widths.get(at)?;
                Some(wrapped_height(&text, width))
            })
            .fold(LINE_HEIGHT, f64::max);
        if height > LINE_HEIGHT {
            sheet.set_row_height(row, height)?;
        }
        for (at, &c) in columns.iter().enumerate() {
            if let Some(value) = r.cells.get(c) {
                cell(sheet, place, row, at as u16, value, r.total && at == 0)?;
            }
        }
        row += 1;
    }
    Ok(row)
}

/// The text a cell shows, when it is text.
fn text_of(place: &Place, cell: &Cell) -> Option<String> {
    match cell {
        Cell::Words(words) => Some(words.workbook.clone()),
        Cell::Data(text) | Cell::Code(text) | Cell::Note(text) => Some(text.clone()),
        Cell::Status(status) => Some(crate::report::people::status(place.t, *status).to_string()),
        _ => None,
    }
}

fn cell(
    sheet: &mut Worksheet,
    place: &Place,
    row: u32,
    col: u16,
    cell: &Cell,
    bold: bool,
) -> Result<()> {
    let f = place.f;
    match cell {
        Cell::Count(n) => sheet.write_number_with_format(row, col, *n as f64, &f.integer)?,
        Cell::Change(n) => sheet.write_number_with_format(row, col, *n as f64, &f.integer)?,
        Cell::Share(Some(p)) => sheet.write_number_with_format(row, col, p / 100.0, &f.percent)?,
        Cell::Decimal(Some(v)) => sheet.write_number_with_format(row, col, *v, &f.decimal)?,
        Cell::Decimal(None) => sheet.write_string(row, col, f.na)?,
        Cell::Money(minor) => {
            sheet.write_number_with_format(row, col, *minor as f64 / 100.0, &f.money)?
        }
        Cell::Words(words) if bold => {
            sheet.write_string_with_format(row, col, super::fit(&words.workbook), &f.label)?
        }
        Cell::Words(Wording { workbook: text, .. }) | Cell::Data(text) | Cell::Code(text) => {
            let width = place.widths.get(col as usize).copied().unwrap_or(0.0);
            if wraps(text, width) {
                sheet.write_string_with_format(row, col, super::fit(text), &f.wrap)?
            } else {
                sheet.write_string_with_format(row, col, super::fit(text), &f.text)?
            }
        }
        Cell::Status(status) => {
            let format = match mark_of(Some(status.as_str())) {
                Mark::Breach => &f.breach,
                Mark::AtRisk => &f.at_risk,
                Mark::None => &f.text,
            };
            let name = crate::report::people::status(place.t, *status);
            sheet.write_string_with_format(row, col, name, format)?
        }
        Cell::Note(text) => sheet.write_string_with_format(row, col, super::fit(text), &f.wrap)?,
        Cell::Share(None) | Cell::Empty => return Ok(()),
    };
    Ok(())
}

/// A chart of the table written in `rows` (its first and last data rows), one row below.
fn chart_of(
    sheet: &mut Worksheet,
    place: &Place,
    row: u32,
    chart: &sections::Chart,
    (first, last): (u32, u32),
) -> Result<()> {
    let name = place.name;
    let mut drawn = Chart::new(match chart.kind {
        ChartKind::Bars => ChartType::Bar,
        ChartKind::Columns => ChartType::Column,
    });
    for (series, c) in &chart.series {
        let c = *c as u16;
        let categories = chart.categories as u16;
        drawn
            .add_series()
            .set_categories((name, first, categories, last, categories))
            .set_values((name, first, c, last, c))
            .set_name(series.as_str());
    }
    drawn.title().set_name(&chart.title.workbook);
    match chart.kind {
        ChartKind::Bars => {
            drawn.legend().set_hidden();
            drawn.set_width(640).set_height(300);
        }
        ChartKind::Columns => {
            drawn.set_width(720).set_height(320);
        }
    }
    sheet.insert_chart(row + 1, 0, &drawn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::Language;
    use calamine::{Data, Reader, Xlsx};
    use rust_xlsxwriter::Workbook;

    #[test]
    fn every_block_row_and_cell_in_a_sheet() {
        let t = Language::En.texts();
        let f = Formats::new("NOK", t.get("na"));
        let mut workbook = Workbook::new();
        super::super::formats::register_formats(&mut workbook, &f).unwrap();
        let sheet = workbook.add_worksheet();
        sheet.set_name("Example").unwrap();
        let widths = [30.0, 12.0, 12.0, 12.0];
        let place = Place {
            name: "Example",
            widths: &widths,
            f: &f,
            t: &t,
        };
        let section = crate::report::sections::example::section();
        let end = write(sheet, &place, 0, &section).unwrap();
        let bytes = workbook.save_to_buffer().unwrap();
        let mut book: Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("Example").unwrap();
        let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
        let text = |s: &str| Data::String(s.to_string());
        // The warning, a heading (a row above it left empty), the table.
        assert_eq!(cell(0, 0), text("Warning: the export is stale"));
        assert_eq!(cell(2, 0), text("Sub"));
        assert_eq!(
            (0..4).map(|c| cell(3, c)).collect::<Vec<_>>(),
            [
                text("Figure (xlsx)"),
                text("Value"),
                text("Spacer"),
                text("Share")
            ]
        );
        assert_eq!(cell(4, 0), text("counted in the workbook"));
        assert_eq!(cell(4, 1), Data::Float(7.0));
        assert_eq!(cell(4, 2), Data::Empty);
        assert_eq!(cell(4, 3), Data::Float(0.125));
        // Data as it is; a change a number; no share, no cell.
        assert_eq!(cell(5, 0), text("a | b *c*"));
        assert_eq!(cell(5, 1), Data::Float(3.0));
        assert_eq!(cell(5, 3), Data::Empty);
        // The Markdown-only row is left out: the total follows.
        assert_eq!(cell(6, 0), text("Total"));
        assert_eq!(cell(6, 1), Data::Float(1234.56));
        assert_eq!(cell(6, 3), text("Open, past the deadline"));
        // A space, then the caption as a heading (a row above it left empty); no paragraph.
        assert_eq!(cell(9, 0), text("Matrix"));
        assert_eq!(end, 10);
        assert_eq!(range.end().map(|(r, _)| r), Some(9));
    }
}
