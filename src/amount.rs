//! Money amounts as exports write them (`1234.50`, `1 234,50`, `kr 1.234,50`, `NOK 500,-`,
//! `-0,00`), read exactly into minor units (øre, cents): a sum of amounts is never off by a
//! rounding of binary fractions. A value that reads more than one way (`1,234`, `1.234`) or
//! that is not an amount is refused with the reason, never guessed.

/// Why a value is not summed as an amount.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    /// Not an amount, or one that reads two ways: the reason.
    Unreadable(String),
    /// An amount marked with a currency other than the policy's (`1000 EUR` under NOK, `kr`
    /// under EUR): the currency as written. It is never summed with the policy's amounts.
    OtherCurrency(String),
}

impl std::fmt::Display for AmountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AmountError::Unreadable(why) => f.write_str(why),
            AmountError::OtherCurrency(code) => write!(f, "is in {code}"),
        }
    }
}

/// The krone of Norway, Sweden and Denmark: `kr` means the policy's currency only when that
/// is one of them.
const KRONER: [&str; 3] = ["NOK", "SEK", "DKK"];

/// The active ISO 4217 currency codes: a three-letter word beside a number is a currency only
/// when it is one of these (`ref 01019012345` is no amount in "REF").
pub const ISO_4217: [&str; 156] = [
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
    "CDF", "CHF", "CLP", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD",
    "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ",
    "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD",
    "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR",
    "LRD", "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN",
    "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR",
    "SDG", "SEK", "SGD", "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB",
    "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU", "UZS",
    "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG",
];

/// Whether `code` is an active ISO 4217 code (upper case).
pub fn is_iso_4217(code: &str) -> bool {
    ISO_4217.contains(&code)
}

/// The currency a marker names: an ISO 4217 code in any case (`nok`, `EUR`), `kr`/`kr.`
/// (`KR`, some krone), the Nordic abbreviations `nkr`, `skr`, `dkr`, or a symbol; `None` when
/// the text is no currency marker.
fn currency_of(marker: &str) -> Option<String> {
    let m = marker.trim_end_matches('.');
    let symbol = match m {
        "kr" => Some("KR"),
        "nkr" => Some("NOK"),
        "skr" => Some("SEK"),
        "dkr" => Some("DKK"),
        "€" => Some("EUR"),
        "£" => Some("GBP"),
        "$" | "us$" => Some("USD"),
        "c$" | "ca$" | "can$" => Some("CAD"),
        "a$" | "au$" => Some("AUD"),
        "nz$" => Some("NZD"),
        "hk$" => Some("HKD"),
        "s$" => Some("SGD"),
        "r$" => Some("BRL"),
        "¥" | "円" => Some("JPY"),
        "元" | "cn¥" | "rmb" => Some("CNY"),
        "fr" | "sfr" => Some("CHF"),
        "zł" => Some("PLN"),
        "kč" => Some("CZK"),
        "ft" => Some("HUF"),
        "₹" => Some("INR"),
        "₽" | "руб" => Some("RUB"),
        "₺" => Some("TRY"),
        "₪" => Some("ILS"),
        "₩" => Some("KRW"),
        "₴" => Some("UAH"),
        "лв" => Some("BGN"),
        "lei" => Some("RON"),
        "din" => Some("RSD"),
        "₫" => Some("VND"),
        "฿" => Some("THB"),
        "₱" => Some("PHP"),
        _ => None,
    };
    if let Some(code) = symbol {
        return Some(code.into());
    }
    let code = m.to_ascii_uppercase();
    (m == marker && is_iso_4217(&code)).then_some(code)
}

/// Whether a marked currency is the policy's `currency`.
fn is_policy_currency(marked: &str, currency: &str) -> bool {
    marked == currency || marked == "KR" && KRONER.contains(&currency)
}

/// Splits a leading or trailing currency marker off `text` (lowercase, trimmed): the
/// marker's letters and symbols, and a `.` after `kr`.
fn split_marker(text: &str, leading: bool) -> (Option<&str>, &str) {
    let is_marker = |c: char| c.is_alphabetic() || is_currency_symbol(c);
    if leading {
        let end = text
            .char_indices()
            .find(|&(_, c)| !is_marker(c))
            .map_or(text.len(), |(i, _)| i);
        let mut end = end;
        // An abbreviation's dot (`kr.`, `лв.`).
        if end > 0
            && text[end..].starts_with('.')
            && !text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
        {
            end += 1;
        }
        if end == 0 {
            return (None, text);
        }
        (Some(&text[..end]), text[end..].trim_start())
    } else {
        let start = text
            .char_indices()
            .rev()
            .find(|&(i, c)| {
                !(is_marker(c)
                    || c == '.'
                        && text[..i]
                            .chars()
                            .next_back()
                            .is_some_and(char::is_alphabetic))
            })
            .map_or(0, |(i, c)| i + c.len_utf8());
        if start == text.len() {
            return (None, text);
        }
        (Some(&text[start..]), text[..start].trim_end())
    }
}

/// The currency signs a number may stand beside (`€`, `$`, `₹`, ...).
fn is_currency_symbol(c: char) -> bool {
    matches!(
        c,
        '€' | '£'
            | '$'
            | '¥'
            | '₹'
            | '₽'
            | '₺'
            | '₪'
            | '₩'
            | '₴'
            | '₫'
            | '฿'
            | '₱'
            | '¢'
            | '₦'
            | '₵'
    ) || ('\u{20a0}'..='\u{20cf}').contains(&c)
}

/// The ISO code of a currency a spreadsheet's format names by a symbol and, in a `[$kr-41D]`
/// tag, a Windows locale id: `kr` is NOK, SEK, DKK or ISK by the locale, `$` USD, CAD, AUD,
/// NZD by it. `None` when the symbol is no currency this tool knows.
pub fn format_currency_code(symbol: &str, locale: Option<&str>) -> Option<String> {
    let symbol = symbol.trim().to_lowercase();
    let locale = locale.map(|l| l.trim_start_matches('0').to_ascii_uppercase());
    let by_locale = match (symbol.trim_end_matches('.'), locale.as_deref()) {
        ("kr", Some("414" | "814" | "83B" | "43B")) => Some("NOK"),
        ("kr", Some("41D" | "81D")) => Some("SEK"),
        ("kr", Some("406" | "438")) => Some("DKK"),
        ("kr", Some("40F")) => Some("ISK"),
        ("$", Some("409")) => Some("USD"),
        ("$", Some("1009" | "C0C")) => Some("CAD"),
        ("$", Some("C09")) => Some("AUD"),
        ("$", Some("1409")) => Some("NZD"),
        ("$", Some("80A" | "C0A")) => Some("MXN"),
        ("$", Some(_)) => Some("$?"),
        _ => None,
    };
    match by_locale {
        // A dollar of a locale this tool does not know: no code to guess.
        Some("$?") => None,
        Some(code) => Some(code.to_string()),
        None => currency_of(&symbol).map(|c| if c == "KR" { "kr".to_string() } else { c }),
    }
}

/// A sign at the start: (negative, the rest).
fn split_sign(text: &str) -> (Option<bool>, &str) {
    match text.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (Some(true), rest.trim_start()),
        None => match text.strip_prefix('+') {
            Some(rest) => (Some(false), rest.trim_start()),
            None => (None, text),
        },
    }
}

/// The characters that group thousands (a space, a no-break space, a thin space, an
/// apostrophe).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{2009}' | '\u{202f}' | '\'')
}

/// Checks that spaces in `body` group thousands: the first group of 1 to 3 digits, every
/// later one of exactly 3 before the decimals (`1 234 567,50`), so that a phone number or a
/// card number (`22 33 44 55`, `4111 1111 1111 1111`) is never read as an amount.
fn spaces_group_thousands(body: &str) -> bool {
    let parts: Vec<&str> = body.split(is_group_space).collect();
    if parts.len() == 1 {
        return true;
    }
    let (first, rest) = parts.split_first().expect("two parts or more");
    let (last, middle) = rest.split_last().expect("two parts or more");
    let digits = |p: &str| p.chars().all(|c| c.is_ascii_digit());
    (1..=3).contains(&first.len())
        && digits(first)
        && middle.iter().all(|p| p.len() == 3 && digits(p))
        && last.len() >= 3
        && digits(&last[..3])
        && last[3..]
            .chars()
            .next()
            .is_none_or(|c| c == '.' || c == ',')
}

/// Reads `raw` into minor units (hundredths) of the policy's `currency` (an ISO 4217 code):
/// `Ok(None)` for a blank value. An amount marked with another currency is
/// [`AmountError::OtherCurrency`], never converted or summed.
pub fn parse(raw: &str, currency: &str) -> Result<Option<i64>, AmountError> {
    let amount = parse_number(raw, currency)?;
    // Ten digits before the decimals at most: an eleven-digit national id or a card number
    // is never read as money.
    if amount.is_some_and(|minor| minor.unsigned_abs() >= 1_000_000_000_000) {
        return Err(AmountError::Unreadable(
            "is too large for a redress amount (ten digits before the decimals at most)".into(),
        ));
    }
    Ok(amount)
}

fn parse_number(raw: &str, currency: &str) -> Result<Option<i64>, AmountError> {
    let text = raw.trim().to_lowercase();
    if text.is_empty() {
        return Ok(None);
    }
    // A sign may stand before the currency ("-kr 500,00", as Norwegian Excel writes it) or
    // after it ("kr -500").
    let (sign_before, text) = split_sign(&text);
    let rest = without_currency(text, currency)?;
    let (sign_after, rest) = split_sign(rest);
    let negative = match (sign_before, sign_after) {
        (Some(_), Some(_)) => return Err(unreadable("has two signs")),
        (Some(n), None) | (None, Some(n)) => n,
        (None, None) => false,
    };
    let (body, dash_mark) = digits_of(rest)?;
    let minor = match dash_mark {
        Some(mark) => whole_amount(&body, mark)?,
        None => decimal_amount(&body)?,
    };
    // -0,00 is nothing paid, not a negative amount.
    Ok(Some(if negative { -minor } else { minor }))
}

fn unreadable(why: &str) -> AmountError {
    AmountError::Unreadable(why.to_string())
}

fn not_an_amount() -> AmountError {
    unreadable("is not an amount: expected digits, as in 1234.50 or 1 234,50")
}

/// The text without the currency written before or after the number ("kr 500,-", "1000 EUR",
/// "€12"), which must be the policy's (or `kr` for a krone): an amount in another currency is
/// not summed.
fn without_currency<'t>(text: &'t str, currency: &str) -> Result<&'t str, AmountError> {
    let (before, rest) = split_marker(text, true);
    let (after, rest) = split_marker(rest, false);
    if !rest.chars().any(|c| c.is_ascii_digit()) {
        return Err(not_an_amount());
    }
    let markers: Vec<&str> = [before, after].into_iter().flatten().collect();
    // A code names the currency a symbol beside it only hints at (`$100 CAD` is in CAD).
    let is_code = |m: &&str| m.len() == 3 && m.chars().all(|c| c.is_ascii_alphabetic());
    let judged: Vec<&str> = if markers.len() > 1 && markers.iter().any(is_code) {
        markers.iter().copied().filter(is_code).collect()
    } else {
        markers
    };
    for marker in judged {
        match currency_of(marker) {
            Some(code) if is_policy_currency(&code, currency) => {}
            Some(code) if code == "KR" => return Err(AmountError::OtherCurrency("kr".into())),
            Some(code) => return Err(AmountError::OtherCurrency(code)),
            None => return Err(not_an_amount()),
        }
    }
    Ok(rest)
}

/// The number's characters without the spaces that group its thousands, and the decimal mark
/// a trailing dash names ("1.000,-"), checked: digits and marks only, spaces in thousands, no
/// leading zero (an id or account number).
fn digits_of(rest: &str) -> Result<(String, Option<char>), AmountError> {
    let mut text = rest.to_string();
    // The dash's mark is the decimal mark: the other one can only group thousands.
    let mut dash_mark = None;
    for dash in [",-", ".-", ",–", ".–"] {
        if let Some(rest) = text.strip_suffix(dash) {
            text = rest.to_string();
            dash_mark = dash.chars().next();
            break;
        }
    }
    if !text
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c))
    {
        return Err(not_an_amount());
    }
    // Spaces group thousands, evenly.
    if !spaces_group_thousands(&text) {
        return Err(unreadable(
            "groups its digits with spaces, but not in thousands (a phone, card or id number?)",
        ));
    }
    let body: String = text.chars().filter(|c| !is_group_space(*c)).collect();
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(not_an_amount());
    }
    // A number with a leading zero is an id or an account number, never money.
    let first_run = body.split(['.', ',']).next().unwrap_or("");
    if first_run.len() > 1 && first_run.starts_with('0') {
        return Err(unreadable(
            "begins with a zero: an id or account number, not an amount",
        ));
    }
    Ok((body, dash_mark))
}

/// "1.000,-": whole units in minor units; the dash's mark is the decimal mark, the other can
/// only group thousands.
fn whole_amount(body: &str, mark: char) -> Result<i64, AmountError> {
    if body.contains(mark) {
        return Err(unreadable("has its decimal mark more than once"));
    }
    let group = if mark == ',' { '.' } else { ',' };
    let whole = if body.contains(group) {
        grouped(body, group)?
    } else {
        body.to_string()
    };
    let units: i64 = whole
        .parse()
        .map_err(|_| unreadable("is too large an amount"))?;
    let minor = units
        .checked_mul(100)
        .ok_or_else(|| unreadable("is too large an amount"))?;
    Ok(minor)
}

/// "1 234,50", "1,234.50", "12.5": the amount in minor units, the later of two marks the
/// decimal mark; a single mark followed by three digits is ambiguous and refused.
fn decimal_amount(body: &str) -> Result<i64, AmountError> {
    let last_dot = body.rfind('.');
    let last_comma = body.rfind(',');
    let (whole, fraction) = match (last_dot, last_comma) {
        (None, None) => (body.to_string(), String::new()),
        (Some(d), Some(c)) => {
            // Both: the later one is the decimal mark, the other groups thousands.
            let (mark, group) = if d > c { (d, ',') } else { (c, '.') };
            let whole = &body[..mark];
            if whole.contains(body.as_bytes()[mark] as char) {
                return Err(unreadable("has its decimal mark more than once"));
            }
            (grouped(whole, group)?, body[mark + 1..].to_string())
        }
        (Some(at), None) | (None, Some(at)) => {
            let mark = body.as_bytes()[at] as char;
            let after = &body[at + 1..];
            if body.matches(mark).count() > 1 {
                // 1.234.567: only thousands.
                (grouped(body, mark)?, String::new())
            } else if after.len() == 3 && !body[..at].is_empty() && &body[..at] != "0" {
                return Err(unreadable(&format!(
                    "could be {} or {}{after}: write the decimals with two digits or none",
                    body.replace(mark, "."),
                    &body[..at]
                )));
            } else {
                (body[..at].to_string(), after.to_string())
            }
        }
    };
    if fraction.len() > 2 {
        return Err(unreadable("has more than two decimals"));
    }
    if whole.is_empty() && fraction.is_empty() {
        return Err(unreadable("is not an amount"));
    }
    let units: i64 = if whole.is_empty() {
        0
    } else {
        whole
            .parse()
            .map_err(|_| unreadable("is too large an amount"))?
    };
    let hundredths: i64 = format!("{fraction:0<2}").parse().unwrap_or(0);
    let minor = units
        .checked_mul(100)
        .and_then(|u| u.checked_add(hundredths))
        .ok_or_else(|| unreadable("is too large an amount"))?;
    Ok(minor)
}

/// `digits` with thousands grouped by `group`: every group after the first has three digits.
fn grouped(digits: &str, group: char) -> Result<String, AmountError> {
    let mut parts = digits.split(group);
    let first = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    if first.is_empty() || first.len() > 3 && !rest.is_empty() || rest.iter().any(|p| p.len() != 3)
    {
        return Err(AmountError::Unreadable(format!(
            "groups its thousands unevenly (with '{group}')"
        )));
    }
    Ok(std::iter::once(first).chain(rest).collect())
}

/// Minor units as a plain decimal with two places: `-1234.50`.
pub fn format_minor(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Minor units with thousands grouped by `group` and the decimal `mark`: `1,234.50`.
pub fn format_grouped(minor: i64, group: &str, mark: &str) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let units = (abs / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in units.chars().enumerate() {
        if i > 0 && (units.len() - i).is_multiple_of(3) {
            grouped.push_str(group);
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{mark}{:02}", abs % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_as_exports_write_them() {
        for (raw, minor) in [
            ("1234.50", 123_450),
            ("1234,50", 123_450),
            ("1 234,50", 123_450),
            ("1\u{a0}234,50", 123_450),
            ("1\u{202f}234,50", 123_450),
            ("kr 1.234,50", 123_450),
            ("Kr. 1.234,50", 123_450),
            ("NOK 1,234.50", 123_450),
            ("1 234,50 kr", 123_450),
            ("kr 500,-", 50_000),
            ("500,-", 50_000),
            ("kr 1.000,-", 100_000),
            ("1,000.-", 100_000),
            ("1.234.567", 123_456_700),
            ("1,234,567.8", 123_456_780),
            ("0,5", 50),
            (",75", 75),
            ("750", 75_000),
            ("-250,00", -25_000),
            ("\u{2212}250", -25_000),
            ("-0,00", 0),
            ("+10", 1_000),
        ] {
            assert_eq!(parse(raw, "NOK"), Ok(Some(minor)), "{raw}");
        }
        assert_eq!(parse("", "NOK"), Ok(None));
        assert_eq!(parse("   ", "NOK"), Ok(None));
        assert_eq!(
            format_minor(parse("-0,00", "NOK").unwrap().unwrap()),
            "0.00"
        );
    }

    #[test]
    fn what_is_not_an_amount_or_reads_two_ways_is_refused() {
        for (raw, why) in [
            ("1,234", "could be 1.234 or 1234"),
            ("1.234", "could be 1.234 or 1234"),
            ("12,345", "could be 12.345 or 12345"),
            ("1.2345", "more than two decimals"),
            ("12,5,0", "unevenly"),
            ("1.23.45", "unevenly"),
            ("1,234.5.6", "decimal mark more than once"),
            ("ca. 500", "not an amount"),
            ("500 kroner", "not an amount"),
            ("ca 500", "not an amount"),
            ("-", "not an amount"),
            ("n/a", "not an amount"),
            ("99999999999999999999", "too large"),
        ] {
            let err = parse(raw, "NOK").expect_err(raw).to_string();
            assert!(err.contains(why), "{raw}: {err}");
        }
    }

    #[test]
    fn an_amount_in_another_currency_is_never_read_as_the_policys() {
        let other = |code: &str| Err(AmountError::OtherCurrency(code.to_string()));
        for (raw, currency, expected) in [
            ("1000 EUR", "NOK", other("EUR")),
            ("SEK 1000", "NOK", other("SEK")),
            ("1000 DKK", "NOK", other("DKK")),
            ("1000 usd", "NOK", other("USD")),
            ("€1000", "NOK", other("EUR")),
            ("1000 €", "NOK", other("EUR")),
            ("£12.50", "NOK", other("GBP")),
            ("$12.50", "NOK", other("USD")),
            ("EUR1000", "NOK", other("EUR")),
            ("kr 1 000", "EUR", other("kr")),
            ("1 000,- kr.", "EUR", other("kr")),
            ("NOK 1000", "EUR", other("NOK")),
            ("1000 EUR", "EUR", Ok(Some(100_000))),
            ("€ 1.000,50", "EUR", Ok(Some(100_050))),
            ("kr 1 000", "SEK", Ok(Some(100_000))),
            ("kr 1 000", "DKK", Ok(Some(100_000))),
            ("1000 SEK", "SEK", Ok(Some(100_000))),
            ("kr. 1.000,-", "NOK", Ok(Some(100_000))),
            ("nok1,234.50", "NOK", Ok(Some(123_450))),
            ("1000", "EUR", Ok(Some(100_000))),
            ("-250,00 kr", "NOK", Ok(Some(-25_000))),
        ] {
            assert_eq!(parse(raw, currency), expected, "{raw} under {currency}");
        }
        assert_eq!(
            parse("1000 EUR", "NOK").unwrap_err().to_string(),
            "is in EUR"
        );
    }

    #[test]
    fn digits_grouped_otherwise_than_in_thousands_are_no_amount() {
        for (raw, why) in [
            ("22 33 44 55", "not in thousands"),
            ("4111 1111 1111 1111", "not in thousands"),
            ("+47 22334455", "not in thousands"),
            ("1 23,50", "not in thousands"),
            ("01019012345", "begins with a zero"),
            ("010190 12345", "not in thousands"),
            ("12345678901", "too large for a redress amount"),
            ("4111111111111111", "too large"),
            ("ref 01019012345", "not an amount"),
            ("SEK", "not an amount"),
            ("kr", "not an amount"),
            ("-kr -500", "two signs"),
        ] {
            let err = parse(raw, "NOK").expect_err(raw).to_string();
            assert!(err.contains(why), "{raw}: {err}");
        }
        for (raw, minor) in [
            ("1 234 567,50", 123_456_750),
            ("1'234.50", 123_450),
            ("-kr 500,00", -50_000),
            ("kr -500,00", -50_000),
            ("500 NKR", 50_000),
            ("nkr 500", 50_000),
            ("9 999 999 999,99", 999_999_999_999),
            ("0,50", 50),
        ] {
            assert_eq!(parse(raw, "NOK"), Ok(Some(minor)), "{raw}");
        }
        assert_eq!(
            parse("500 SKR", "NOK"),
            Err(AmountError::OtherCurrency("SEK".into()))
        );
        assert!(is_iso_4217("NOK") && is_iso_4217("EUR") && !is_iso_4217("XYZ"));
        for (raw, code) in [
            ("$100 CAD", "CAD"),
            ("1000 zł", "PLN"),
            ("R$ 1.000,00", "BRL"),
            ("₹ 500", "INR"),
            ("1 000 лв.", "BGN"),
            ("1000 PLN", "PLN"),
            ("1000 SEK", "SEK"),
        ] {
            assert_eq!(
                parse(raw, "NOK"),
                Err(AmountError::OtherCurrency(code.into())),
                "{raw}"
            );
        }
        assert!(
            parse("1000 $?", "NOK")
                .unwrap_err()
                .to_string()
                .contains("not an amount")
        );
    }

    #[test]
    fn minor_units_print_back() {
        assert_eq!(format_minor(123_450), "1234.50");
        assert_eq!(format_minor(-5), "-0.05");
        assert_eq!(format_grouped(123_456_789, ",", "."), "1,234,567.89");
        assert_eq!(format_grouped(99, " ", ","), "0,99");
        assert_eq!(format_grouped(-100_000, "\u{a0}", ","), "-1\u{a0}000,00");
    }
}
