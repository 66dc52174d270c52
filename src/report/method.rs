//! The method in words: how the figures were produced and how to recount them. Shown by the
//! workbook's Method sheet and the Markdown report's Method section.

use super::Report;
use super::figures::{self, QUICK_CLOSE_WORKING_DAYS};

/// The Method sheet's and the Markdown report's explanation, as (label, text) lines.
pub fn lines(report: &Report) -> Vec<(&'static str, String)> {
    let p = &report.policy;
    let c = &report.counts;
    vec![
        (
            "Tool",
            format!("complaint-sla {}", env!("CARGO_PKG_VERSION")),
        ),
        ("Command line", report.command_line.clone()),
        (
            "Policy",
            format!(
                "{}. First limit: the {}th working day after the day of receipt. Final limit, \
                 which applies when a holding reply is sent on or before the first deadline: {}. \
                 An open case is at risk when at most {} working days are left.",
                p.name,
                p.first_limit,
                p.final_limit_words(),
                p.at_risk_window
            ),
        ),
        (
            "Calendar",
            format!(
                "{}: {}{}.",
                p.calendar,
                report.calendar_description,
                report
                    .holiday_file
                    .as_ref()
                    .map(|h| format!(", changed by the holiday file {h}"))
                    .unwrap_or_default()
            ),
        ),
        (
            "Counting",
            "The day of receipt does not count: day 1 is the first working day after it. \
             Working days elapsed are the working days after receipt up to and including the \
             resolution date (or the as-of date for an open case). Timestamps with an offset are \
             converted to the policy's time zone before the date is taken."
                .to_string(),
        ),
        (
            "As of",
            format!(
                "The report shows the cases as they stood at the end of {}: a resolution, \
                 holding reply, outcome or referral dated later is not shown, and the case counts \
                 as open.",
                report.as_of
            ),
        ),
        (
            "Cases in the report",
            "Received in the period, or resolved in the period, or open at the as-of date \
             (columns received_in_period, resolved_in_period, open_at_as_of of the Cases sheet)."
                .to_string(),
        ),
        (
            "Rows",
            format!(
                "{} rows read = {} evaluated + {} rejected. Of the evaluated: {} in the report, \
                 {} outside the period, {} received after the as-of date.",
                c.rows_read,
                c.rows_evaluated,
                c.rows_rejected,
                c.cases_in_report,
                c.outside_period,
                c.not_yet_received
            ),
        ),
        (
            "Recounting the Summary",
            "From the Cases sheet: received = rows with received_in_period TRUE; resolved = rows \
             with resolved_in_period TRUE; open = rows with open_at_as_of TRUE; within the first \
             limit = resolved in the period with resolved_date <= first_deadline; within the \
             final limit = resolved in the period with resolved_date <= final_deadline; statuses \
             = COUNTIF on status. Median and 90th percentile = MEDIAN and PERCENTILE.INC(…, 0.9) \
             of working_days_elapsed over the rows resolved in the period."
                .to_string(),
        ),
        (
            "Recounting the Regulator sheet",
            format!(
                "Opened = received_in_period TRUE; closed = resolved_in_period TRUE, split without \
                 overlap into: working_days_elapsed <= {QUICK_CLOSE_WORKING_DAYS}; else \
                 resolved_date <= first_deadline; else resolved_date <= final_deadline; else \
                 later. Outcomes = outcome_class of the closed rows (upheld includes partially \
                 upheld; the words recognised are listed in the README). Referrals = \
                 referral_body of the rows in the report. Outstanding at the start = cases \
                 received before {} and not resolved before it, counted from every evaluated \
                 case, including those not in this report.",
                report.period.start
            ),
        ),
        (
            "Breakdown and Trend",
            format!(
                "Breakdown: cases in the report by value ({} for an empty one); breaches are the \
                 statuses breach_no_holding_reply, breach_final_deadline and open_overdue; the \
                 median counts the group's resolved cases. Trend: every evaluated case, by month \
                 of receipt and of resolution.",
                figures::BLANK
            ),
        ),
        (
            "Redaction",
            match &report.redaction {
                Some(r) => format!(
                    "--redact: {} left out of every file; {} values had card-number-like digit \
                     runs (13 or more digits) masked to their last four digits; the raw value of \
                     a row with the wrong number of fields is left out.",
                    if r.columns_left_out.is_empty() {
                        "no column of the export was marked personal, none".to_string()
                    } else {
                        format!("the columns {}", r.columns_left_out.join(", "))
                    },
                    r.values_masked
                ),
                None => "None: every column of the export is shown as read.".to_string(),
            },
        ),
    ]
}
