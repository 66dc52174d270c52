//! English, the words written for the reader: the verdict, the column headers of the sheets
//! and tables people read, the statuses' short names, and the board pack.

/// Key, text.
pub(super) const TABLE: &[(&str, &str)] = &[
    ("verdict.title", "Verdict"),
    ("verdict.met", "Met: {resolved}, and {open}."),
    ("verdict.not_met", "Not met: {parts}."),
    (
        "verdict.no_cases",
        "Nothing to judge: no complaint was received, resolved or open in the period.",
    ),
    (
        "verdict.none_resolved",
        "no complaint was resolved in the period",
    ),
    (
        "verdict.all_in_time",
        "every complaint resolved in the period was answered in time",
    ),
    (
        "verdict.late_one",
        "{n} complaint resolved in the period was answered late ({no_reply} after the first deadline without a timely holding reply, {final} after the final deadline)",
    ),
    (
        "verdict.late_many",
        "{n} complaints resolved in the period were answered late ({no_reply} after the first deadline without a timely holding reply, {final} after the final deadline)",
    ),
    (
        "verdict.none_overdue",
        "no open complaint is past its deadline",
    ),
    (
        "verdict.overdue_one",
        "{n} open complaint is past its deadline ({split})",
    ),
    (
        "verdict.overdue_many",
        "{n} open complaints are past their deadline ({split})",
    ),
    (
        "verdict.overdue_split",
        "{in_period} became overdue in the period, {at_start} already overdue at its start",
    ),
    ("verdict.overdue_after", ", {n} after the period"),
    (
        "verdict.late_after_period",
        "{n} more received in the period were resolved late after it, by the as-of date",
    ),
    ("verdict.caveat", "Read it with the warnings below."),
    (
        "verdict.caveat_summary",
        "Read it with the warnings on the report's Summary.",
    ),
    (
        "regulator.late_without_reply",
        "… of the late closures (the two lines above), without a timely holding reply",
    ),
    ("head.case_id", "Case"),
    ("head.status", "Status"),
    ("head.reason", "Reason"),
    ("head.days_over_limit", "Working days over the deadline"),
    ("head.received_date", "Received"),
    ("head.holding_reply_date", "Holding reply"),
    ("head.resolved_date", "Resolved"),
    ("head.first_deadline", "First deadline"),
    ("head.final_deadline", "Final deadline"),
    ("head.applicable_deadline", "Applicable deadline"),
    ("head.working_days_elapsed", "Working days elapsed"),
    ("head.working_days_left", "Working days left"),
    ("head.stage", "Stage"),
    ("head.product", "Product"),
    ("head.category", "Category"),
    ("head.channel", "Channel"),
    ("head.kind", "Kind"),
    ("head.file", "File"),
    ("head.line", "Line"),
    ("head.reject_reason", "Reject or remark"),
    ("head.column", "Column"),
    ("head.value", "Value as read"),
    ("head.code", "Code"),
    ("label.resolved_on_time", "On time"),
    ("label.resolved_extended", "Extended, in time"),
    (
        "label.breach_no_holding_reply",
        "Late, no timely holding reply",
    ),
    (
        "label.breach_final_deadline",
        "Late, after the final deadline",
    ),
    ("label.open_overdue", "Open, past the deadline"),
    ("label.open_at_risk", "Open, close to the deadline"),
    ("label.open_on_track", "Open, on track"),
    ("closure.public_holiday", "public holiday"),
    ("closure.bank_closure", "bank closure"),
    ("closure.user_closure", "holiday file"),
    ("body.courts", "Courts"),
    (
        "pack.subtitle",
        "{start} to {end} · as of {as_of} · policy {policy} · calendar {calendar}",
    ),
    ("pack.worst", "The worst late cases"),
    (
        "pack.worst_intro",
        "The {shown} of the {total} breaches (answered late, or open past the deadline) with the most working days over their deadline; all {total} are on the workbook's Breaches sheet and in cases.csv.",
    ),
    ("pack.method", "Method in brief"),
    (
        "pack.breach_defined",
        "A breach is a complaint answered after its deadline, or still open past it at the as-of date. The deadline is the first limit after receipt; a holding reply sent by the first deadline moves it to the final one. Every figure is recounted from cases.csv, whose reason column says why each late case is late.",
    ),
    ("pack.inputs", "Inputs"),
    (
        "reason.no_reply_column",
        "no holding reply recorded (the export has no holding-reply column)",
    ),
    (
        "verdict.late_after_period_one",
        "{n} more received in the period was resolved late after it, by the as-of date",
    ),
    (
        "verdict.rejected_one_in",
        "{n} rejected row is in no figure, and it may belong to this period (see Data quality).",
    ),
    (
        "verdict.rejected_one_out",
        "{n} rejected row is in no figure; its dates place it outside this period (see Data quality).",
    ),
    (
        "verdict.rejected_none_in",
        "{n} rejected rows are in no figure; their dates place them outside this period (see Data quality).",
    ),
    (
        "verdict.rejected_all_in",
        "{n} rejected rows are in no figure, and all may belong to this period (see Data quality).",
    ),
    (
        "verdict.rejected_some_in",
        "{n} rejected rows are in no figure, {k} of which may belong to this period (see Data quality).",
    ),
    ("count.breach_one", "{n} breach"),
    ("count.breach_many", "{n} breaches"),
    (
        "pack.worst_intro_one",
        "The one breach (answered late, or open past the deadline); it is also on the workbook's Breaches sheet and in cases.csv.",
    ),
    (
        "pack.shows",
        "This board pack shows case ids, dates, products, categories, statuses and reasons only: no free-text or personal column of the export.",
    ),
    ("count.row_one", "{n} row"),
    ("count.row_many", "{n} rows"),
    ("count.case_one", "{n} case"),
    ("count.case_many", "{n} cases"),
    ("count.late", "{n} answered late"),
    (
        "count.late_split",
        "{n} answered late in the period and {after} after it",
    ),
    (
        "pack.worst_intro_all",
        "All {total} breaches (answered late, or open past the deadline), the most working days over their deadline first.",
    ),
    ("regulator.other_products", "Other products ({n})"),
    ("sources.lead_standard", "The 15/35 rule (policy {name})"),
    (
        "sources.lead_own",
        "Policy {name}'s own limits ({first} working days, then {final} {unit} with a timely holding reply) in place of the 15/35 rule",
    ),
    (
        "hint.targets",
        "; {headers}: target dates or durations, not used",
    ),
    ("col.answered_late", "Answered late"),
    ("col.open_overdue", "Open past the deadline"),
    ("summary.col_share", "Share of those resolved in the period"),
    (
        "summary.answered_late",
        "Answered late: resolved in the period after the deadline",
    ),
    (
        "summary.late_after_period",
        "Answered late after the period (received in it), by the as-of date",
    ),
    (
        "summary.overdue_at_start",
        "… already overdue when the period began",
    ),
    (
        "summary.overdue_in_period",
        "… became overdue in the period",
    ),
    (
        "summary.overdue_after_period",
        "… became overdue after the period",
    ),
    (
        "summary.breaches",
        "Breaches: answered late, plus open past the deadline",
    ),
    (
        "md.conflicts_one",
        "{rows} row is a conflicting duplicate ({cases}): it shares a case id with a row of its input that was rejected for another reason. The case is left out of every figure until the export is fixed.",
    ),
    (
        "md.conflicts_many",
        "{rows} rows are conflicting duplicates ({cases}): rows of one input that share a case id with different content. Each such case is left out of every figure until the export is fixed.",
    ),
    (
        "md.rejects_in_period_one_in",
        "The rejected row may belong to this period: what can be read of its dates does not place it outside.",
    ),
    (
        "md.rejects_in_period_one_out",
        "The rejected row's dates place it outside this period.",
    ),
    (
        "md.rejects_in_period_none_in",
        "The dates of the {rejected} rejected rows place each of them outside this period.",
    ),
    (
        "md.rejects_in_period_all_in",
        "All {rejected} rejected rows may belong to this period: what can be read of their dates does not place them outside.",
    ),
    (
        "md.rejects_in_period_some_in",
        "{n} of the {rejected} rejected rows may belong to this period: what can be read of their dates does not place them outside. They are listed first.",
    ),
    ("md.kind.reject_in_period", "reject, may be in period"),
    ("md.col.in_period", "May belong to this period"),
    (
        "summary.rows_rejected_in_period",
        "… of these, rows that may belong to this period (listed first)",
    ),
    ("col.market", "Market"),
    ("col.calendar", "Calendar"),
    ("col.time_zone", "Time zone"),
    ("markets.by_market", "By market"),
    ("markets.regulator", "By market"),
    (
        "markets.regulator_note",
        "Each market counted on its own calendar and limits; the rows add up to the figures above.",
    ),
    ("col.outstanding", "Outstanding at the start"),
    ("col.closed_quick", "Closed within {days} working days"),
    ("col.closed_first", "Closed later, by the first deadline"),
    ("col.closed_final", "Closed later, by the final deadline"),
    ("col.closed_later", "Closed after the final deadline"),
    ("markets.home", "home (no market given)"),
    ("method.markets", "Markets"),
    (
        "markets.method",
        "Each case counts on the market its value in the export's column {column} names; a case whose value is blank counts on the policy's top level, the home market. A value that names no market is rejected (unknown_market). {markets}",
    ),
    (
        "markets.method_one",
        "{market}{values}: calendar {calendar} ({description}; source: {source}), time zone {zone}, first limit {first} working days, final limit {final} {unit}, at risk within {risk} working days{holidays}",
    ),
    ("markets.values", " (values {values})"),
    ("markets.holidays", ", holiday file {file}"),
    (
        "policy.markets",
        "; these for the cases whose market is blank, and for the markets, each with its own calendar and time zone (Method): {markets}",
    ),
    ("pack.calendars", "{calendars}, by market"),
    (
        "markets.closures_home",
        " (the home market's; each market's calendar is listed by complaint-sla calendar --policy POLICY --market NAME --year YYYY)",
    ),
];
