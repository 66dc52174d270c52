//! The Summary sheet: the headline figures and the cases by status.

use anyhow::Result;
use rust_xlsxwriter::{Chart, ChartType, Worksheet};

use super::blocks::{figure, header_row, heading, set_widths, title_block, wrapped};
use super::formats::{Formats, Mark, mark_of};
use super::page::{self, Layout};
use crate::report::Report;
use crate::report::figures::percent;
use crate::status::Status;

pub(super) fn sheet(sheet: &mut Worksheet, report: &Report, f: &Formats) -> Result<()> {
    sheet.set_name("Summary")?;
    page::set_up(sheet, report, Layout::OnePage)?;
    let widths = [58.0, 14.0, 12.0, 60.0];
    set_widths(sheet, &widths)?;
    let mut row = title_block(
        sheet,
        report,
        f,
        &format!("Complaint handling report {}", report.period.label),
        &widths[1..],
    )?;
    let c = &report.counts;
    let h = &report.figures.headline;
    let status = |s: Status| c.by_status.get(&s).copied().unwrap_or(0) as f64;
    for missing in &report.columns_missing {
        let text = format!("Warning: {}", missing.warning());
        wrapped(sheet, row, 0, &widths, &text, &f.wrap)?;
        row += 1;
    }
    heading(sheet, &mut row, f, "Headline figures")?;
    header_row(sheet, row, f, &["Figure", "Value", "Share"])?;
    row += 1;
    let n = |v: u64| Some(v as f64);
    figure(
        sheet,
        &mut row,
        f,
        "Received in the period",
        n(c.received_in_period),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Resolved in the period",
        n(c.resolved_in_period),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Open at the as-of date",
        n(c.open_at_as_of),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &format!(
            "Resolved within the first limit ({} working days), share of resolved",
            report.policy.first_limit
        ),
        n(h.resolved_within_first),
        &f.integer,
        percent(h.resolved_within_first, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Resolved in time (on time or extended), share of resolved",
        n(h.resolved_in_time),
        &f.integer,
        percent(h.resolved_in_time, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Breaches: resolved in the period, late without a timely holding reply",
        n(h.resolved_breach_no_holding_reply),
        &f.integer,
        percent(h.resolved_breach_no_holding_reply, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Breaches: resolved in the period, after the final deadline",
        n(h.resolved_breach_final_deadline),
        &f.integer,
        percent(h.resolved_breach_final_deadline, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Open and overdue",
        Some(status(Status::OpenOverdue)),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Open and at risk",
        Some(status(Status::OpenAtRisk)),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Median working days to resolution (resolved in the period)",
        h.median_working_days,
        &f.decimal,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "90th percentile working days to resolution (resolved in the period)",
        h.p90_working_days,
        &f.decimal,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Rows read",
        n(c.rows_read),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Rows evaluated",
        n(c.rows_evaluated),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        "Rows rejected (see Data quality)",
        n(c.rows_rejected),
        &f.integer,
        None,
    )?;
    if c.rows_superseded > 0 {
        figure(
            sheet,
            &mut row,
            f,
            "Rows superseded: the case is in an input given later, whose row counts",
            n(c.rows_superseded),
            &f.integer,
            None,
        )?;
        figure(
            sheet,
            &mut row,
            f,
            "Cases updated by an input given later",
            n(c.cases_updated),
            &f.integer,
            None,
        )?;
    }
    figure(
        sheet,
        &mut row,
        f,
        "Cases in the report",
        n(c.cases_in_report),
        &f.integer,
        None,
    )?;

    heading(sheet, &mut row, f, "Cases by status")?;
    header_row(sheet, row, f, &["Status", "Cases", "", "Meaning"])?;
    row += 1;
    let first = row;
    for s in Status::ALL {
        let format = match mark_of(Some(s.as_str())) {
            Mark::Breach => &f.breach,
            Mark::AtRisk => &f.at_risk,
            Mark::None => &f.text,
        };
        sheet.write_string_with_format(row, 0, s.as_str(), format)?;
        sheet.write_number_with_format(row, 1, status(s), &f.integer)?;
        wrapped(sheet, row, 3, &widths[3..], s.meaning(), &f.wrap)?;
        row += 1;
    }
    let last = row - 1;
    heading(sheet, &mut row, f, super::ageing::TITLE)?;
    row = super::ageing::table(sheet, row, report, f, &widths)?;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories(("Summary", first, 0, last, 0))
        .set_values(("Summary", first, 1, last, 1))
        .set_name("Cases");
    chart.title().set_name("Cases by status");
    chart.legend().set_hidden();
    chart.set_width(640).set_height(300);
    sheet.insert_chart(row + 1, 0, &chart)?;
    Ok(())
}
