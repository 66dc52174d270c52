//! How each sheet prints: on A4, one page wide, with the header row of a table on every page,
//! and a page header and footer that say which report, period and as-of date a sheet of paper
//! belongs to, and which page of how many it is. A regulator files the workbook printed or as
//! a PDF; on screen is not the only place it is read.

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use crate::report::Report;

/// Excel's paper size code for A4.
const A4: u8 = 9;

/// How a sheet is laid out on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// A sheet of labels and values (Summary, Regulator): portrait, the whole sheet on one
    /// page, each label beside its value.
    OnePage,
    /// A sheet of sections (Breakdown, Trend, Method): portrait, one page wide, as many pages
    /// tall as it needs.
    Sections,
    /// A table of one row per case, reject or warning: landscape, one page wide, its header
    /// row (`header_row`, below any rows above the table) repeated on every page, gridlines
    /// printed.
    Table { header_row: u32 },
}

/// Sets up `sheet` to print as `layout` says.
pub(super) fn set_up(sheet: &mut Worksheet, report: &Report, layout: Layout) -> Result<()> {
    sheet.set_paper_size(A4);
    match layout {
        Layout::OnePage => {
            sheet.set_portrait();
            sheet.set_print_fit_to_pages(1, 1);
        }
        Layout::Sections => {
            sheet.set_portrait();
            sheet.set_print_fit_to_pages(1, 0);
        }
        Layout::Table { header_row } => {
            sheet.set_landscape();
            sheet.set_print_fit_to_pages(1, 0);
            sheet.set_repeat_rows(header_row, header_row)?;
            sheet.set_print_gridlines(true);
        }
    }
    // Inches: room for the header and footer lines above and below the page's content.
    sheet.set_margins(0.4, 0.4, 0.75, 0.75, 0.3, 0.3);
    sheet.set_print_center_horizontally(true);
    sheet.set_header(header(report));
    sheet.set_footer(footer(report));
    Ok(())
}

/// The page header: the report's title and period on the left, the as-of date on the right.
pub(super) fn header(report: &Report) -> String {
    let t = report.language.texts();
    format!(
        "&L&\"-,Bold\"{}&\"-,Regular\"  {}&R{}",
        escape(&t.fill("report.title", &[("period", &report.period.label)])),
        escape(&t.fill(
            "page.period",
            &[("start", &report.period.start), ("end", &report.period.end)]
        )),
        escape(&t.fill("page.as_of", &[("date", &report.as_of)]))
    )
}

/// The page footer: the sheet's name on the left, the policy in the middle, "Page N of M" on
/// the right.
pub(super) fn footer(report: &Report) -> String {
    let t = report.language.texts();
    format!(
        "&L&A&C{}&R{}",
        escape(&t.fill("page.policy", &[("name", &report.policy.name)])),
        // Excel's codes for the page number and count: not escaped.
        t.get("page.number")
    )
}

/// Text as a header or footer shows it: `&` starts a code there, `&&` is a literal one.
fn escape(text: &str) -> String {
    text.replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ampersand_in_a_name_is_printed_not_read_as_a_code() {
        assert_eq!(escape("Kort & Betaling"), "Kort && Betaling");
        assert_eq!(escape("amex-no"), "amex-no");
    }
}
