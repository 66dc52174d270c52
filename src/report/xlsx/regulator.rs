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
    let t = report.language.texts();
    sheet.set_name(t.get("sheet.regulator"))?;
    page::set_up(sheet, report, Layout::OnePage)?;
    let g = &report.figures.regulator;
    // An eighth column for the redress paid by product, when an input has amounts.
    let widths = &[58.0, 13.0, 13.0, 13.0, 13.0, 13.0, 13.0, 16.0]
        [..if g.redress.is_some() { 8 } else { 7 }];
    set_widths(sheet, widths)?;
    let p = &report.policy;
    let mut row = title_block(sheet, report, f, t.get("regulator.title"), &widths[1..])?;
    heading(sheet, &mut row, f, t.get("regulator.in_period"))?;
    header_row(
        sheet,
        row,
        f,
        &[t.get("col.figure"), t.get("col.complaints")],
    )?;
    row += 1;
    let n = |v: u64| Some(v as f64);
    figure(
        sheet,
        &mut row,
        f,
        t.get("regulator.outstanding"),
        n(g.outstanding_at_start),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("regulator.opened"),
        n(g.opened),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("regulator.closed"),
        n(g.closed),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &t.fill("regulator.quick", &[("days", &QUICK_CLOSE_WORKING_DAYS)]),
        n(g.closed_within_3_working_days),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &t.fill("regulator.first", &[("limit", &p.first_limit)]),
        n(g.closed_within_first_limit),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &t.fill(
            "regulator.final",
            &[
                ("limit", &p.final_limit),
                (
                    "unit",
                    &t.get(&format!("unit.{}", p.final_limit_unit.name())),
                ),
            ],
        ),
        n(g.closed_within_final_limit),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("regulator.final_breached"),
        n(g.closed_within_final_limit_breached),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("regulator.later"),
        n(g.closed_later),
        &f.integer,
        None,
    )?;
    heading(sheet, &mut row, f, t.get("regulator.outcomes"))?;
    let paid_header = t.fill("col.redress", &[("currency", &p.currency)]);
    match &g.redress {
        None => header_row(
            sheet,
            row,
            f,
            &[t.get("col.outcome"), t.get("col.complaints")],
        )?,
        Some(_) => wrapped_header_row(
            sheet,
            row,
            f,
            &[
                t.get("col.outcome"),
                t.get("col.complaints"),
                t.get("col.with_amount"),
                &paid_header,
            ],
            widths,
        )?,
    }
    row += 1;
    for class in OutcomeClass::ALL {
        let label = t.get(&format!("outcome.{}", class.as_str()));
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
        sheet.write_string_with_format(row, 0, t.get("total"), &f.label)?;
        sheet.write_number_with_format(row, 1, g.closed as f64, &f.integer)?;
        row += 1;
    }
    heading(sheet, &mut row, f, t.get("regulator.by_product"))?;
    let mut headers = vec![
        t.get("col.product"),
        t.get("col.opened"),
        t.get("col.closed"),
        t.get("col.upheld"),
        t.get("col.rejected"),
        t.get("col.withdrawn"),
        t.get("col.other"),
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
    heading(sheet, &mut row, f, t.get("regulator.referrals"))?;
    header_row(sheet, row, f, &[t.get("col.body"), t.get("col.cases")])?;
    row += 1;
    if g.referrals.is_empty() {
        sheet.write_string(row, 0, t.get("regulator.no_referrals"))?;
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
