//! The method in words: how the figures were produced and how to recount them. Shown by the
//! workbook's Method sheet and the Markdown report's Method section.

use super::Report;
use super::figures::{self, QUICK_CLOSE_WORKING_DAYS};

/// Where each convention applied comes from.
fn sources(report: &Report) -> String {
    use crate::calendar::CalendarKind;
    use crate::policy::FinalLimitUnit;
    let p = &report.policy;
    let rule = match p.final_limit_unit {
        FinalLimitUnit::CalendarDays => {
            "the card issuer's published complaint procedure: an answer within 15 working days \
             (\"virkedager\") of receipt, and with a holding reply within 35 days (\"innen 35 \
             dager\"), read literally as calendar days; PSD2 (Directive (EU) 2015/2366) Art. 101(2) \
             sets the same 15 business days"
        }
        FinalLimitUnit::WorkingDays => {
            "PSD2 (Directive (EU) 2015/2366) Art. 101(2): an answer within 15 business days of \
             receipt, and in exceptional cases, with a holding reply giving the reasons and a \
             date, within 35 business days; the published procedure's \"innen 35 dager\" read as \
             business days"
        }
    };
    let calendar = match p.calendar {
        CalendarKind::NoBank => {
            "Norges Bank's settlement days (NBO): Monday to Friday, closed on the public holidays \
             and 24 December (Norges Bank's published lists of closing days; 31 December is a \
             settlement day, a business day in the sense of PSD2 Art. 4(37))"
        }
        CalendarKind::NoLegal => {
            "\"virkedag\" in general Norwegian law: Monday to Saturday, less Sundays and the \
             public holidays"
        }
        CalendarKind::Weekdays => "Monday to Friday, no holidays (not a Norwegian calendar)",
    };
    format!(
        "The 15/35 rule (policy {}): {rule}. The calendar: {calendar}; the 12 public holidays \
         are the statutory helligdager, 1 and 17 May by the law of 26 April 1947 (lov om 1. og \
         17. mai som høgtidsdager). The counting: the day of receipt is excluded and a deadline \
         on a non-working day moves to the next working day (EU Regulation 1182/71 Art. 3; \
         domstolloven §§ 148-149).",
        p.name
    )
}

/// How each input's dates were read.
fn dates_read(report: &Report) -> String {
    let parts: Vec<String> = report
        .inputs
        .iter()
        .map(|i| match &i.date_order {
            Some(note) => format!(
                "{}: slash dates read {} ({}): {}",
                i.rows_from(),
                note.order.pattern(),
                if note.decided_by == "flag" {
                    "as given by --date-order or the policy's date_order"
                } else {
                    "decided from the data"
                },
                note.reason
            ),
            None => format!(
                "{}: no slash date that two orders would read differently (ISO YYYY-MM-DD, \
                 DD.MM.YYYY with dots, or typed dates)",
                i.rows_from()
            ),
        })
        .collect();
    parts.join("; ")
}

/// The columns that change statuses an input lacks, and their effect.
fn missing_columns(report: &Report) -> String {
    if report.columns_missing.is_empty() {
        return "None: every input has a holding-reply and a resolution column.".to_string();
    }
    report
        .columns_missing
        .iter()
        .map(|m| m.warning())
        .collect::<Vec<_>>()
        .join("; ")
}

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
        ("Sources", sources(report)),
        ("Dates read", dates_read(report)),
        ("Missing columns", missing_columns(report)),
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
            format!(
                "Received by the end of the period ({}) and: received in the period, or \
                 resolved in it, or open at the as-of date (columns received_in_period, \
                 resolved_in_period, open_at_as_of of the Cases sheet). A case received after \
                 the period is never in its report, whatever the as-of date.",
                report.period.end
            ),
        ),
        (
            "Rows",
            format!(
                "{} rows read = {} evaluated + {} rejected + {} superseded (a row whose case is \
                 also in an input given later: several exports of one system over time, the \
                 later row is the case as it stands; {} cases were updated). Within one input, \
                 rows sharing a case id are duplicates (an exact copy: the first is kept) or \
                 conflicts (all rejected). Of the evaluated: {} in the report, {} outside the \
                 period, {} received after the as-of date (counted, not listed).",
                c.rows_read,
                c.rows_evaluated,
                c.rows_rejected,
                c.rows_superseded,
                c.cases_updated,
                c.cases_in_report,
                c.outside_period,
                c.not_yet_received
            ),
        ),
        (
            "Recounting the Summary",
            "Each figure counts one population of the Cases sheet. Received = rows with \
             received_in_period TRUE; resolved = rows with resolved_in_period TRUE; open = rows \
             with open_at_as_of TRUE. Of the resolved in the period: within the first limit = \
             resolved_date <= first_deadline; in time = status resolved_on_time or \
             resolved_extended (a case resolved by the final deadline without a timely holding \
             reply is a breach, never in time); the two breach lines = status \
             breach_no_holding_reply and breach_final_deadline. Open and overdue, at risk = \
             status among the open. Cases by status = COUNTIF on status over every case in the \
             report (it includes cases received in the period and resolved after it, by the \
             as-of date). Median and 90th percentile = MEDIAN and PERCENTILE.INC(…, 0.9) of \
             working_days_elapsed over the rows resolved in the period."
                .to_string(),
        ),
        (
            "Recounting the Regulator sheet",
            format!(
                "Opened = received_in_period TRUE; closed = resolved_in_period TRUE, split by \
                 time alone, as complaint returns define the buckets, without overlap into: \
                 working_days_elapsed <= {QUICK_CLOSE_WORKING_DAYS}; else resolved_date <= \
                 first_deadline; else resolved_date <= final_deadline (holding reply or not: the \
                 line below it counts those without a timely one, status \
                 breach_no_holding_reply, which are breaches); else later (status \
                 breach_final_deadline). Outcomes = outcome_class of the closed rows (upheld \
                 includes partially upheld; the words recognised are listed in the README). \
                 Referrals = referral_body of the rows in the report. Outstanding at the start = \
                 cases received before {} and not resolved before it (as known at the as-of \
                 date), counted from every valid case, including those not in this report. The \
                 Summary's breach lines and this sheet's count the same cases.",
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
                    "--redact: every file holds only the case id, the dates, the computed \
                     columns and channel, product, category, stage, outcome and referral{}; {} \
                     left out of every file. In the text that remains, file names, rejects and \
                     warnings included, {} values had card numbers (13 or more digits: all but \
                     the last four masked) or national identity numbers (11 digits: masked \
                     whole) masked, before any figure was counted. The raw value of a row with \
                     the wrong number of fields is left out.",
                    if r.columns_kept.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ", and the columns kept by --keep: {}",
                            r.columns_kept.join(", ")
                        )
                    },
                    if r.columns_left_out.is_empty() {
                        "the export has no other column; none is".to_string()
                    } else {
                        format!("its other columns, {}, are", r.columns_left_out.join(", "))
                    },
                    r.values_masked
                ),
                None => "None: every column of the export is shown as read.".to_string(),
            },
        ),
    ]
}
