//! How a spreadsheet shows a number, so that a cell reads as the text a CSV export of it would
//! hold: digits without float noise, a whole number in its format (`00000123`, `"KL-"00000`),
//! a percentage, an amount with the currency its format names.

/// A number as its digits when whole, never in exponent notation.
pub(super) fn number_text(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        significant_15(value)
    }
}

/// A number with at most 15 significant digits, as a spreadsheet shows a cell in General
/// format: `0.1 + 0.2` is `0.3`, not `0.30000000000000004`.
pub(super) fn significant_15(value: f64) -> String {
    if !value.is_finite() || value == 0.0 {
        return format!("{value}");
    }
    let exponent = value.abs().log10().floor() as i32;
    if !(-15..15).contains(&exponent) {
        return format!("{value}");
    }
    let decimals = (14 - exponent).max(0) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// The currency a number format shows (its first section), as an ISO code or `kr`: a
/// `[$€-414]` or `[$kr-41D]` tag (its locale tells which krone or dollar), a quoted or escaped
/// literal (`"kr"`, `\\€`), or a bare symbol (`€`, `£`, `$`, `¥`). A tag naming a currency
/// this tool does not know gives its symbol with a `?` (`zł?`): such an amount is refused as
/// unreadable, never summed as the policy's.
pub(super) fn format_currency(code: &str) -> Option<String> {
    let section = first_section(code);
    let mut pieces: Vec<String> = Vec::new();
    let mut chars = section.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let literal: String = chars.by_ref().take_while(|&c| c != '"').collect();
                pieces.extend(literal.split_whitespace().map(str::to_string));
            }
            '\\' => {
                if let Some(next) = chars.next() {
                    pieces.push(next.to_string());
                }
            }
            '[' => {
                let tag: String = chars.by_ref().take_while(|&c| c != ']').collect();
                if let Some(currency) = tag.strip_prefix('$') {
                    let (symbol, locale) = match currency.rsplit_once('-') {
                        Some((symbol, locale)) => (symbol, Some(locale)),
                        None => (currency, None),
                    };
                    if !symbol.trim().is_empty() {
                        return Some(
                            crate::amount::format_currency_code(symbol, locale)
                                .unwrap_or_else(|| format!("{}?", symbol.trim())),
                        );
                    }
                }
            }
            c if !c.is_ascii() && !c.is_alphanumeric() || c == '$' => pieces.push(c.to_string()),
            _ => {}
        }
    }
    // Escaped letters spell a word (`\\k\\r`): join adjacent single letters.
    let joined: String = pieces
        .iter()
        .filter(|p| p.chars().count() == 1 && p.chars().all(char::is_alphabetic))
        .map(String::as_str)
        .collect();
    pieces
        .iter()
        .map(String::as_str)
        .chain(std::iter::once(joined.as_str()))
        .find_map(|piece| crate::amount::format_currency_code(piece, None))
}

/// Whether a number format shows a percentage (a `%` outside quotes and escapes).
pub(super) fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in first_section(code).chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A number format's first section (for positive numbers), quotes respected.
fn first_section(code: &str) -> &str {
    let mut quoted = false;
    let mut escaped = false;
    for (i, c) in code.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => return &code[..i],
            _ => {}
        }
    }
    code
}

/// A whole number as Excel shows it under the number format `code` (its first section):
/// digit placeholders `0` (a digit, zero when there is none) and `#` (a digit when there is
/// one), quoted literals (`"KL-"`), escaped ones (`\K`) and the characters Excel shows as
/// they are (`-`, `/`, a space, ...). `None` for `General`, for a value that is not a whole
/// number, and for whatever else a format may hold (decimals, grouping, percent, exponent,
/// colours and conditions, dates): such a cell reads as its digits.
pub(super) fn displayed_whole_number(value: f64, code: &str) -> Option<String> {
    if value.fract() != 0.0 || value.abs() >= 1e15 {
        return None;
    }
    let tokens = format_tokens(code)?;
    let places = tokens.iter().filter(|t| t.is_ok()).count();
    if places == 0 {
        return None;
    }
    if code.contains(';') && value < 0.0 {
        // A negative number under a sectioned format is shown by its second section.
        return None;
    }
    let digits = format!("{}", value.abs() as i64);
    let real = if value == 0.0 { 0 } else { digits.len() };
    let padded = format!("{digits:0>places$}");
    // Placeholders take the digits from the right; the first takes every digit left over.
    let extra = padded.len() - places;
    let mut out = String::new();
    if value < 0.0 {
        out.push('-');
    }
    let mut seen = 0;
    for token in tokens {
        match token {
            Err(literal) => out.push_str(&literal),
            Ok(kind) => {
                let (from, to) = if seen == 0 {
                    (0, extra + 1)
                } else {
                    (extra + seen, extra + seen + 1)
                };
                seen += 1;
                for (i, d) in padded[from..to].chars().enumerate() {
                    // A `#` shows no padding zero.
                    let position_from_right = padded.len() - (from + i);
                    if kind == '#' && position_from_right > real {
                        continue;
                    }
                    out.push(d);
                }
            }
        }
    }
    Some(out)
}

/// The first section of a number format (for positive numbers, and for all when there is
/// one) as tokens: a digit placeholder (`0` or `#`) or literal text. None for a format with
/// anything else in it (a decimal point, a thousands comma, a date code).
fn format_tokens(code: &str) -> Option<Vec<Result<char, String>>> {
    let mut section = String::new();
    let mut quoted = false;
    let mut escaped = false;
    let mut tokens: Vec<Result<char, String>> = Vec::new(); // Ok(placeholder), Err(literal)
    for c in code.chars() {
        if escaped {
            tokens.push(Err(c.to_string()));
            escaped = false;
            continue;
        }
        if quoted {
            if c == '"' {
                quoted = false;
            } else {
                section.push(c);
            }
            continue;
        }
        if !section.is_empty() {
            tokens.push(Err(std::mem::take(&mut section)));
        }
        match c {
            '"' => quoted = true,
            '\\' => escaped = true,
            ';' => break,
            '0' | '#' => tokens.push(Ok(c)),
            ' ' | '-' | '+' | '/' | '(' | ')' | ':' | '!' | '^' | '&' | '\'' | '~' | '{' | '}'
            | '<' | '>' | '=' | '$' => tokens.push(Err(c.to_string())),
            _ => return None,
        }
    }
    if quoted || escaped {
        return None;
    }
    if !section.is_empty() {
        tokens.push(Err(section));
    }
    Some(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_as_excel_shows_them() {
        for (value, code, shown) in [
            (12345.0, "00000000", Some("00012345")),
            (123.0, "\"KL-\"00000", Some("KL-00123")),
            (123.0, "\\K\\L\\-00000", Some("KL-00123")),
            (2025000123.0, "\"KL-\"0000-000000", Some("KL-2025-000123")),
            (12345.0, "0", Some("12345")),
            (12345.0, "#", Some("12345")),
            (12345.0, "000", Some("12345")),
            (5.0, "#00", Some("05")),
            (12345.0, "00000000;-00000000", Some("00012345")),
            (12345.0, "\"Sak \"0", Some("Sak 12345")),
            (12345.0, "General", None),
            (12345.0, "#,##0", None),
            (12345.0, "0.00", None),
            (12345.0, "0%", None),
            (12345.0, "[Red]0", None),
            (12345.0, "0E+00", None),
            (12345.5, "00000000", None),
            (45000.0, "yyyy-mm-dd", None),
            (-42.0, "00000", Some("-00042")),
        ] {
            assert_eq!(
                displayed_whole_number(value, code).as_deref(),
                shown,
                "{value} as {code}"
            );
        }
    }

    #[test]
    fn currency_formats_name_their_currency() {
        for (code, currency) in [
            ("#,##0.00\\ [$€-1]", Some("EUR")),
            ("[$€-414] #,##0.00", Some("EUR")),
            ("\"kr\" #,##0.00", Some("kr")),
            ("#,##0.00 \"kr\";-#,##0.00 \"kr\"", Some("kr")),
            ("[$SEK] #,##0.00", Some("SEK")),
            ("#,##0.00 [$kr-414]", Some("NOK")),
            ("#,##0.00 [$kr-41D]", Some("SEK")),
            ("#,##0.00 [$kr.-406]", Some("DKK")),
            ("#,##0.00 [$kr-40F]", Some("ISK")),
            ("[$$-1009] #,##0.00", Some("CAD")),
            ("[$$-C09] #,##0.00", Some("AUD")),
            ("[$$-409] #,##0.00", Some("USD")),
            ("[$$-1C09] #,##0.00", Some("$?")),
            ("#,##0.00 [$zł-415]", Some("PLN")),
            ("[$R$-416] #,##0.00", Some("BRL")),
            ("#,##0.00 [$Kč-405]", Some("CZK")),
            ("#,##0.00 [$₹-4009]", Some("INR")),
            ("#,##0.00 [$лв.-402]", Some("BGN")),
            ("#,##0.00 [$XX-999]", Some("XX?")),
            ("\"zł\" #,##0.00", Some("PLN")),
            ("\\k\\r #,##0", Some("kr")),
            ("£#,##0.00", Some("GBP")),
            ("$#,##0.00", Some("USD")),
            ("₺#,##0.00", Some("TRY")),
            ("#,##0.00\\ \"EUR\"", Some("EUR")),
            ("#,##0.00", None),
            ("[$-414]dd.mm.yyyy", None),
            ("\"Sak \"0", None),
            ("0%", None),
        ] {
            assert_eq!(format_currency(code).as_deref(), currency, "{code}");
        }
        assert!(is_percent_format("0%") && is_percent_format("0.00%"));
        assert!(!is_percent_format("\"%\"0") && !is_percent_format("#,##0"));
        assert_eq!(calamine::CellErrorType::NA.to_string(), "#N/A");
    }
}
