//! The Regulator sheet: the complaints return (stock, flow, closing times, outcomes,
//! products, referrals).

use anyhow::Result;
use rust_xlsxwriter::Worksheet;

use super::blocks::{figure, header_row, heading, set_widths, title_block, wrapped_header_row};
use super::formats::Formats;
use super::page::{self, Layout};
use crate::outcome::OutcomeClass;
use crate::report::Report;
use crate::report::figures::QUICK_CLOSE_WORKING_DAYS;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Regulator")?;
    page::set_up(sheet, report, Layout::OnePage)?;
    let g = &report.figures.regulator;
    // An eighth column for the redress paid by product, when an input has amounts.
    let widths = &[58.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 16.0]
        [..if g.redress.is_some() { 8 } else { 7 }];
    set_widths(sheet, widths)?;
    let p = &report.policy;
    let mut row = title_block(sheet, report, f, "Complaints return", &widths[1..])?;
    heading(sheet, &mut row, f, "Complaints in the period")?;
    header_row(sheet, row, f, &["Figure", "Complaints"])?;
    row += 1;
    let n = |v: u64| Some(v as f64);
    figure(
        sheet,
        &mut row,
        f,
        "Outstanding at the start of the period",
        n(g.outstanding_at_start),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Opened in the period",
        n(g.opened),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Closed in the period",
        n(g.closed),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!("  closed within {QUICK_CLOSE_WORKING_DAYS} working days"),
        n(g.closed_within_3_working_days),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!(
            "  closed later, within the first limit ({} working days)",
            p.first_limit
        ),
        n(g.closed_within_first_limit),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!(
            "  closed later, by the final limit's date ({} {}; by time alone)",
            p.final_limit,
            p.final_limit_unit.words()
        ),
        n(g.closed_within_final_limit),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "    of which without a timely holding reply (breaches)",
        n(g.closed_within_final_limit_breached),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "  closed after the final limit",
        n(g.closed_later),
        &f.integer,
        None,
    )?;
    heading(
        sheet,
        &mut row,
        f,
        "Outcome of the complaints closed in the period",
    )?;
    let paid_header = format!("Redress paid ({})", p.currency);
    match &g.redress {
        None => header_row(sheet, row, f, &["Outcome", "Complaints"])?,
        Some(_) => wrapped_header_row(
            sheet,
            row,
            f,
            &["Outcome", "Complaints", "With an amount", &paid_header],
            widths,
        )?,
    }
    row += 1;
    for class in OutcomeClass::ALL {
        let label = match class {
            OutcomeClass::Upheld => "Upheld (partially upheld included)",
            OutcomeClass::Rejected => "Rejected",
            OutcomeClass::Withdrawn => "Withdrawn",
            OutcomeClass::Other => "Other or not stated",
        };
        if let Some(redress) = &g.redress {
            let (cases, paid) = redress.by_outcome[&class];
            redress_cells(sheet, row, f, cases, paid)?;
        }
        figure(
            sheet,
            &mut row,
            f,
            label,
            n(g.outcomes[&class]),
            &f.integer,
            None,
        )?;
    }
    if let Some(redress) = &g.redress {
        let (cases, paid) = redress.total;
        redress_cells(sheet, row, f, cases, paid)?;
        sheet.write_string_with_format(row, 0, "Total", &f.label)?;
        sheet.write_number_with_format(row, 1, g.closed as f64, &f.integer)?;
        row += 1;
    }
    heading(sheet, &mut row, f, "By product")?;
    let mut headers = vec![
        "Product",
        "Opened",
        "Closed",
        "Upheld",
        "Rejected",
        "Withdrawn",
        "Other",
    ];
    if g.redress.is_some() {
        headers.push(&paid_header);
    }
    wrapped_header_row(sheet, row, f, &headers, widths)?;
    row += 1;
    for product in &g.by_product {
        sheet.write_string(row, 0, &product.product)?;
        let values = [
            product.opened,
            product.closed,
            product.outcomes[&OutcomeClass::Upheld],
            product.outcomes[&OutcomeClass::Rejected],
            product.outcomes[&OutcomeClass::Withdrawn],
            product.outcomes[&OutcomeClass::Other],
        ];
        for (c, v) in values.iter().enumerate() {
            sheet.write_number_with_format(row, c as u16 + 1, *v as f64, &f.integer)?;
        }
        if g.redress.is_some() {
            let amount = product.redress as f64 / 100.0;
            sheet.write_number_with_format(row, values.len() as u16 + 1, amount, &f.money)?;
        }
        row += 1;
    }
    heading(
        sheet,
        &mut row,
        f,
        "Referrals to outside bodies (cases in the report)",
    )?;
    header_row(sheet, row, f, &["Body", "Cases"])?;
    row += 1;
    if g.referrals.is_empty() {
        sheet.write_string(row, 0, "No referrals.")?;
    }
    for (body, count) in &g.referrals {
        sheet.write_string(row, 0, body)?;
        sheet.write_number_with_format(row, 1, *count as f64, &f.integer)?;
        row += 1;
    }
    Ok(())
}

/// The redress columns of an outcome row: cases with an amount, and the amount paid.
fn redress_cells(
    sheet: &mut Worksheet,
    row: u32,
    f: &Formats,
    cases: u64,
    paid: i64,
) -> Result<()> {
    sheet.write_number_with_format(row, 2, cases as f64, &f.integer)?;
    sheet.write_number_with_format(row, 3, paid as f64 / 100.0, &f.money)?;
    Ok(())
}
