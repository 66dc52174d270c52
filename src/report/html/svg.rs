//! A section's chart as inline SVG: columns grouped by category (the months of the trend), or
//! horizontal bars (the cases by status). Drawn from the table the chart names, with its
//! values written on the axis and in a legend, so that it prints the same everywhere.

use std::fmt::Write;

use super::escape;
use crate::report::lang::Texts;
use crate::report::sections::{Cell, Chart, ChartKind, Table};

/// Each series' colour, in order: received, resolved, answered late.
const COLOURS: [&str; 4] = ["#4472c4", "#a5a5a5", "#c00000", "#ffc000"];
/// The width of a chart's drawing, in its own units: a chart half a page wide.
const WIDTH: f64 = 400.0;

pub(super) fn chart(chart: &Chart, table: &Table, t: &Texts) -> String {
    let categories: Vec<String> = table
        .rows
        .iter()
        .map(|r| label(r.cells.get(chart.categories), t))
        .collect();
    let series: Vec<(&str, Vec<u64>)> = chart
        .series
        .iter()
        .map(|(name, c)| {
            let values = table
                .rows
                .iter()
                .map(|r| match r.cells.get(*c) {
                    Some(Cell::Count(n)) => *n,
                    _ => 0,
                })
                .collect();
            (name.as_str(), values)
        })
        .collect();
    match chart.kind {
        ChartKind::Columns => columns(&chart.title.workbook, &chart.axis, &categories, &series),
        ChartKind::Bars => bars(&chart.title.workbook, &categories, &series[0].1),
    }
}

fn label(cell: Option<&Cell>, t: &Texts) -> String {
    match cell {
        Some(Cell::Words(words)) => words.markdown.clone(),
        Some(Cell::Data(text) | Cell::Code(text) | Cell::Note(text)) => text.clone(),
        Some(Cell::Status(status)) => crate::report::people::status(t, *status).to_string(),
        Some(Cell::Count(n)) => n.to_string(),
        _ => String::new(),
    }
}

/// A round top for the axis, at least `most`, that four gridlines divide evenly: 4, 6, 8, 10
/// or 12 times a power of ten, or 1 to 3.
fn axis_top(most: u64) -> u64 {
    if most <= 4 {
        return 4;
    }
    let mut step = 1;
    loop {
        for m in [4, 6, 8, 10, 12, 16, 20] {
            if m * step >= most {
                return m * step;
            }
        }
        step *= 10;
    }
}

/// Grouped columns: one group per category, one column per series, a legend above.
fn columns(title: &str, axis: &str, categories: &[String], series: &[(&str, Vec<u64>)]) -> String {
    let (left, top, plot_h) = (40.0, 44.0, 130.0);
    let height = top + plot_h + 46.0;
    let most = series
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0);
    let top_value = axis_top(most) as f64;
    let group = (WIDTH - left - 8.0) / categories.len().max(1) as f64;
    let bar = (group * 0.8) / series.len().max(1) as f64;
    let mut svg = open(height, title);
    legend(&mut svg, series.iter().map(|(n, _)| *n), left);
    for i in 0..=4 {
        let value = top_value * f64::from(i) / 4.0;
        let y = top + plot_h - plot_h * f64::from(i) / 4.0;
        let _ = write!(
            svg,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{value}</text>",
            WIDTH - 8.0,
            left - 4.0,
            y + 3.0
        );
    }
    let _ = write!(
        svg,
        "<text x=\"10\" y=\"{:.1}\" transform=\"rotate(-90 10 {:.1})\" text-anchor=\"middle\">{}</text>",
        top + plot_h / 2.0,
        top + plot_h / 2.0,
        escape(axis)
    );
    for (g, category) in categories.iter().enumerate() {
        let x0 = left + g as f64 * group + group * 0.1;
        for (s, (_, values)) in series.iter().enumerate() {
            let v = values.get(g).copied().unwrap_or(0) as f64;
            let h = plot_h * v / top_value;
            let _ = write!(
                svg,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\" fill=\"{}\"/>",
                x0 + s as f64 * bar,
                top + plot_h - h,
                bar.max(1.0),
                COLOURS[s % COLOURS.len()]
            );
        }
        // The category's label slanted under its group, so that twelve months fit.
        let (x, y) = (x0 + group * 0.4, top + plot_h + 10.0);
        let _ = write!(
            svg,
            "<text x=\"{x:.1}\" y=\"{y:.1}\" text-anchor=\"end\" \
             transform=\"rotate(-40 {x:.1} {y:.1})\">{}</text>",
            escape(category)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// Horizontal bars, one per category, each with its value.
fn bars(title: &str, categories: &[String], values: &[u64]) -> String {
    let (left, top, row) = (150.0, 24.0, 18.0);
    let height = top + row * categories.len() as f64 + 8.0;
    let most = axis_top(values.iter().copied().max().unwrap_or(0)) as f64;
    let mut svg = open(height, title);
    for (i, (category, value)) in categories.iter().zip(values).enumerate() {
        let y = top + i as f64 * row;
        let w = (WIDTH - left - 40.0) * *value as f64 / most;
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\
             <rect x=\"{left}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\">{value}</text>",
            left - 6.0,
            y + 12.0,
            escape(category),
            y + 3.0,
            row - 6.0,
            COLOURS[0],
            left + w + 4.0,
            y + 12.0
        );
    }
    svg.push_str("</svg>");
    svg
}

fn open(height: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {WIDTH} {height:.0}\" \
         role=\"img\" aria-label=\"{0}\" font-size=\"11\">\
         <text x=\"{1}\" y=\"14\" text-anchor=\"middle\" font-weight=\"bold\" font-size=\"13\">{0}</text>",
        escape(title),
        WIDTH / 2.0
    )
}

fn legend<'a>(svg: &mut String, names: impl Iterator<Item = &'a str>, left: f64) {
    let mut x = left;
    for (s, name) in names.enumerate() {
        let _ = write!(
            svg,
            "<rect x=\"{x:.1}\" y=\"22\" width=\"10\" height=\"10\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"31\">{}</text>",
            COLOURS[s % COLOURS.len()],
            x + 14.0,
            escape(name)
        );
        x += 22.0 + name.chars().count() as f64 * 6.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_tops_are_round() {
        assert_eq!(axis_top(0), 4);
        assert_eq!(axis_top(7), 8);
        assert_eq!(axis_top(11), 12);
        assert_eq!(axis_top(257), 400);
        assert_eq!(axis_top(240), 400);
        assert_eq!(axis_top(1000), 1000);
    }
}
