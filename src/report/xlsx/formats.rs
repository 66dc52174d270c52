//! Every format the workbook uses, declared once, and how a row is marked.

use anyhow::Result;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook};

use crate::status::Status;

/// Every format the workbook uses, declared once.
pub(super) struct Formats {
    /// What a figure that has no value shows ("n/a").
    pub(super) na: &'static str,
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) header: Format,
    pub(super) label: Format,
    pub(super) date: Format,
    pub(super) integer: Format,
    pub(super) decimal: Format,
    pub(super) percent: Format,
    pub(super) text: Format,
    pub(super) wrap: Format,
    /// A warning above the figures (a stale export, a missing column): bold, on red.
    pub(super) warning: Format,
    /// The verdict on top of the Summary: bold and large, on red when not met, on green when
    /// met.
    pub(super) verdict_not_met: Format,
    pub(super) verdict_met: Format,
    pub(super) verdict_caution: Format,
    /// An amount in the policy's currency: `#,##0.00 "NOK"`.
    pub(super) money: Format,
    /// A heading too long for one line.
    pub(super) subtitle_wrap: Format,
    /// A count in a label/value block of text values, aligned with them.
    pub(super) integer_left: Format,
    pub(super) breach: Format,
    pub(super) breach_date: Format,
    pub(super) breach_integer: Format,
    pub(super) at_risk: Format,
    pub(super) at_risk_date: Format,
    pub(super) at_risk_integer: Format,
    /// Wrapped text marked as a breach or at risk (a long reason).
    pub(super) breach_wrap: Format,
    pub(super) at_risk_wrap: Format,
}

impl Formats {
    pub(super) fn new(currency: &str, na: &'static str) -> Self {
        let red = |f: Format| {
            f.set_background_color(Color::RGB(0xFFC7CE))
                .set_font_color(Color::RGB(0x9C0006))
        };
        let amber = |f: Format| {
            f.set_background_color(Color::RGB(0xFFEB9C))
                .set_font_color(Color::RGB(0x9C5700))
        };
        // Top-aligned: a label or value beside text that wraps over several lines stays level
        // with its first line.
        let top = || Format::new().set_align(FormatAlign::Top);
        let date = || top().set_num_format("yyyy-mm-dd");
        let integer = || top().set_num_format("0");
        Formats {
            na,
            title: Format::new().set_bold().set_font_size(16),
            subtitle: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            label: top().set_bold(),
            date: date(),
            integer: integer(),
            decimal: top().set_num_format("0.0"),
            percent: top().set_num_format("0.0%"),
            text: top(),
            wrap: top().set_text_wrap(),
            warning: red(top()).set_bold().set_text_wrap(),
            verdict_not_met: red(top()).set_bold().set_font_size(12).set_text_wrap(),
            verdict_caution: amber(top()).set_bold().set_font_size(12).set_text_wrap(),
            verdict_met: top()
                .set_background_color(Color::RGB(0xC6EFCE))
                .set_font_color(Color::RGB(0x006100))
                .set_bold()
                .set_font_size(12)
                .set_text_wrap(),
            money: top().set_num_format(format!("#,##0.00 \"{currency}\"")),
            subtitle_wrap: top().set_bold().set_font_size(12).set_text_wrap(),
            integer_left: integer().set_align(FormatAlign::Left),
            breach: red(top()),
            breach_date: red(date()),
            breach_integer: red(integer()),
            at_risk: amber(top()),
            at_risk_date: amber(date()),
            at_risk_integer: amber(integer()),
            breach_wrap: red(top()).set_text_wrap(),
            at_risk_wrap: amber(top()).set_text_wrap(),
        }
    }

    /// The format of wrapped text marked as a breach, at risk, or neither.
    pub(super) fn wrapped(&self, mark: Mark) -> &Format {
        match mark {
            Mark::Breach => &self.breach_wrap,
            Mark::AtRisk => &self.at_risk_wrap,
            Mark::None => &self.wrap,
        }
    }

    /// The formats of a row marked as a breach, at risk, or neither.
    pub(super) fn marked(&self, mark: Mark) -> (&Format, &Format, &Format) {
        match mark {
            Mark::Breach => (&self.breach, &self.breach_date, &self.breach_integer),
            Mark::AtRisk => (&self.at_risk, &self.at_risk_date, &self.at_risk_integer),
            Mark::None => (&self.text, &self.date, &self.integer),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Breach,
    AtRisk,
    None,
}

pub(super) fn mark_of(status: Option<&str>) -> Mark {
    match status.and_then(Status::parse) {
        Some(s) if s.is_breach() => Mark::Breach,
        Some(Status::OpenAtRisk) => Mark::AtRisk,
        _ => Mark::None,
    }
}

/// Gives every format the case and data quality sheets use its workbook-wide index now, in
/// a fixed order. The sheets are filled on two threads, and a format first used there would
/// get its index in whichever order the threads reach it: the same report would not give
/// the same bytes. The formats are used once in a scratch sheet, which is then removed.
pub(super) fn register_formats(workbook: &mut Workbook, f: &Formats) -> Result<()> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    for (col, format) in [
        &f.header,
        &f.date,
        &f.money,
        &f.text,
        &f.integer,
        &f.breach,
        &f.breach_date,
        &f.breach_integer,
        &f.at_risk,
        &f.at_risk_date,
        &f.at_risk_integer,
        &f.wrap,
        &f.breach_wrap,
        &f.at_risk_wrap,
    ]
    .into_iter()
    .enumerate()
    {
        sheet.write_number_with_format(0, col as u16, 0.0, format)?;
    }
    workbook.worksheets_mut().pop();
    Ok(())
}
