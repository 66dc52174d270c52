//! `complaint-sla check`: validate exports without writing anything. Exit 0 when every row is
//! valid, 1 when any is rejected.

use std::collections::BTreeMap;
use std::io::Write;

use anyhow::Result;

use super::report::InputConfig;
use crate::cli::CheckArgs;
use crate::exit_code::ExitCode;
use crate::ingest::Ingested;

pub fn run(args: CheckArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    let config = InputConfig::resolve(&args.input)?;
    for note in config.calendar.notes() {
        writeln!(err, "note: {note}")?;
    }
    let today = super::run_day(args.today.as_deref(), config.policy.time_zone)?;
    let mut ingested = config.ingest(
        None,
        std::io::IsTerminal::is_terminal(&std::io::stderr()),
        today,
    )?;
    // A receipt after the day of the run is a wrong date, as `report` says too.
    let future =
        crate::report::build::received_after_run_date(&ingested.rows, &ingested.inputs, today)?;
    ingested.warnings.extend(future);
    out.write_all(render(&ingested, args.show).as_bytes())?;
    Ok(if ingested.rejects.is_empty() {
        ExitCode::Success
    } else {
        ExitCode::Failure
    })
}

/// The check's findings, for the terminal.
pub fn render(ingested: &Ingested, show: usize) -> String {
    let mut text = String::new();
    for input in &ingested.inputs {
        text.push_str(&describe_input(input));
    }
    text.push_str(&format!(
        "{} rows read: {} valid, {} rejected, {} warnings.\n",
        ingested.rows_read(),
        ingested.rows.height(),
        ingested.rejects.len(),
        ingested.warnings.len()
    ));
    if ingested.rows_superseded > 0 {
        text.push_str(&format!(
            "{} rows superseded: their case is also in an input given later, whose row counts \
             ({} cases updated).\n",
            ingested.rows_superseded, ingested.cases_updated
        ));
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for r in &ingested.rejects {
        *reasons.entry(r.reason.as_str()).or_default() += 1;
    }
    if !reasons.is_empty() {
        text.push_str("Rejected by reason:\n");
        for (reason, n) in &reasons {
            text.push_str(&format!("  {n:>8}  {reason}\n"));
        }
    }
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    for w in &ingested.warnings {
        *kinds.entry(w.kind.as_str()).or_default() += 1;
    }
    if !kinds.is_empty() {
        text.push_str("Warnings by kind:\n");
        for (kind, n) in &kinds {
            text.push_str(&format!("  {n:>8}  {kind}\n"));
        }
    }
    if !ingested.rejects.is_empty() && show > 0 {
        text.push_str(&format!(
            "First {} rejected rows:\n",
            show.min(ingested.rejects.len())
        ));
        for r in ingested.rejects.iter().take(show) {
            let column = if r.column.is_empty() {
                String::new()
            } else {
                format!(" {} '{}'", r.column, r.value)
            };
            text.push_str(&format!(
                "  {}:{}: {}{}: {}\n",
                r.file, r.line, r.reason, column, r.detail
            ));
        }
    }
    text
}

/// One input: its rows, encoding, separator and hash, the worksheet read, the columns chosen,
/// the order of its slash dates and the columns it lacks.
fn describe_input(input: &crate::ingest::InputSummary) -> String {
    let mut text = String::new();
    text.push_str(&format!(
        "{}: {} rows, {}{}, sha256 {}\n",
        input.name,
        input.rows_read,
        input.encoding,
        input
            .separator
            .map(|s| format!(
                ", separator {}",
                if s == '\t' {
                    "tab".to_string()
                } else {
                    format!("'{s}'")
                }
            ))
            .unwrap_or_default(),
        input.sha256
    ));
    if let Some(sheet) = &input.sheet {
        text.push_str(&format!("  worksheet '{sheet}'\n"));
    }
    for choice in &input.column_choices {
        text.push_str(&format!("  {choice}\n"));
    }
    if let Some(note) = &input.date_order {
        text.push_str(&format!(
            "  slash dates read {}, {}: {}\n",
            note.order.pattern(),
            if note.decided_by == "flag" {
                "as given"
            } else {
                "decided from the data"
            },
            note.reason
        ));
    }
    for absent in &input.absent {
        let effect = match absent.column {
            crate::columns::Canonical::HoldingReplyAt => {
                "no case can be extended to the final limit"
            }
            _ => {
                "every case would count as open: report stops unless --map resolved_at=\"HEADER\" \
                 names the column or --allow-missing resolved_at says the export has none"
            }
        };
        let alikes = absent.look_alike_hint().unwrap_or_default();
        text.push_str(&format!(
            "  warning: no {} column ({}): {effect}{alikes}\n",
            absent.column.words(),
            absent.column
        ));
    }
    text
}
