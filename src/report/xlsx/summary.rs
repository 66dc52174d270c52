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
    let t = report.language.texts();
    let name = t.get("sheet.summary");
    sheet.set_name(name)?;
    page::set_up(sheet, report, Layout::OnePage)?;
    let widths = [58.0, 14.0, 12.0, 60.0];
    set_widths(sheet, &widths)?;
    let mut row = title_block(
        sheet,
        report,
        f,
        &t.fill("report.title", &[("period", &report.period.label)]),
        &widths[1..],
    )?;
    let c = &report.counts;
    let h = &report.figures.headline;
    let status = |s: Status| c.by_status.get(&s).copied().unwrap_or(0) as f64;
    let stale = crate::report::method::stale_warning(report);
    let missing = report
        .columns_missing
        .iter()
        .map(|m| crate::report::method::missing_warning(report, m));
    for warning in stale.into_iter().chain(missing) {
        let text = t.fill("warning", &[("text", &warning)]);
        wrapped(sheet, row, 0, &widths, &text, &f.warning)?;
        row += 1;
    }
    heading(sheet, &mut row, f, t.get("summary.headline"))?;
    header_row(
        sheet,
        row,
        f,
        &[t.get("col.figure"), t.get("col.value"), t.get("col.share")],
    )?;
    row += 1;
    let n = |v: u64| Some(v as f64);
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.received"),
        n(c.received_in_period),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.resolved"),
        n(c.resolved_in_period),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.open"),
        n(c.open_at_as_of),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        &t.fill(
            "summary.within_first",
            &[("limit", &report.policy.first_limit)],
        ),
        n(h.resolved_within_first),
        &f.integer,
        percent(h.resolved_within_first, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.in_time"),
        n(h.resolved_in_time),
        &f.integer,
        percent(h.resolved_in_time, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.breach_no_holding_reply"),
        n(h.resolved_breach_no_holding_reply),
        &f.integer,
        percent(h.resolved_breach_no_holding_reply, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.breach_final_deadline"),
        n(h.resolved_breach_final_deadline),
        &f.integer,
        percent(h.resolved_breach_final_deadline, c.resolved_in_period),
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.open_overdue"),
        Some(status(Status::OpenOverdue)),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.open_at_risk"),
        Some(status(Status::OpenAtRisk)),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.median"),
        h.median_working_days,
        &f.decimal,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.p90"),
        h.p90_working_days,
        &f.decimal,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.rows_read"),
        n(c.rows_read),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.rows_evaluated"),
        n(c.rows_evaluated),
        &f.integer,
        None,
    )?;
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.rows_rejected"),
        n(c.rows_rejected),
        &f.integer,
        None,
    )?;
    if c.rows_superseded > 0 {
        figure(
            sheet,
            &mut row,
            f,
            t.get("summary.rows_superseded"),
            n(c.rows_superseded),
            &f.integer,
            None,
        )?;
        figure(
            sheet,
            &mut row,
            f,
            t.get("summary.cases_updated"),
            n(c.cases_updated),
            &f.integer,
            None,
        )?;
    }
    figure(
        sheet,
        &mut row,
        f,
        t.get("summary.cases_in_report"),
        n(c.cases_in_report),
        &f.integer,
        None,
    )?;

    heading(sheet, &mut row, f, t.get("summary.by_status"))?;
    header_row(
        sheet,
        row,
        f,
        &[
            t.get("col.status"),
            t.get("col.cases"),
            "",
            t.get("col.meaning"),
        ],
    )?;
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
        let meaning = t.get(&format!("status.{}", s.as_str()));
        wrapped(sheet, row, 3, &widths[3..], meaning, &f.wrap)?;
        row += 1;
    }
    let last = row - 1;
    heading(sheet, &mut row, f, t.get("ageing.title"))?;
    row = super::ageing::table(sheet, row, report, f, &widths)?;
    let mut chart = Chart::new(ChartType::Bar);
    chart
        .add_series()
        .set_categories((name, first, 0, last, 0))
        .set_values((name, first, 1, last, 1))
        .set_name(t.get("col.cases"));
    chart.title().set_name(t.get("summary.by_status"));
    chart.legend().set_hidden();
    chart.set_width(640).set_height(300);
    sheet.insert_chart(row + 1, 0, &chart)?;
    Ok(())
}
