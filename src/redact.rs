//! `--redact`: what a report for a regulator leaves out. Columns whose header marks them as
//! personal (names, e-mail, phone, address, national ID, account or card numbers, free-text
//! descriptions) are left out, with any column named by `--personal`; in the free text that
//! remains, digit runs that look like card numbers are masked to their last four digits.

use std::borrow::Cow;

use crate::columns::normalise;

/// Words in a normalised header that mark the column as personal. A header matches when one
/// of its words starts with one of these (so `kundenavn` does not, but `navn` and
/// `e-postadresse` do, through `navn` and `e post`).
const PERSONAL_WORDS: [&str; 30] = [
    "name",
    "navn",
    "kundenavn",
    "email",
    "mail",
    "epost",
    "phone",
    "telefon",
    "tlf",
    "mobil",
    "mobile",
    "address",
    "adresse",
    "postadresse",
    "fødselsnummer",
    "personnummer",
    "fnr",
    "ssn",
    "account",
    "konto",
    "kontonummer",
    "iban",
    "card",
    "kortnummer",
    "pan",
    "description",
    "beskrivelse",
    "fritekst",
    "comment",
    "kommentar",
];

/// Headers (normalised) that are personal as a whole phrase.
const PERSONAL_PHRASES: [&str; 8] = [
    "e post",
    "e mail",
    "national id",
    "free text",
    "card number",
    "saksbehandler",
    "handler",
    "customer",
];

/// Whether a carried column's header marks it as personal.
pub fn is_personal(header: &str) -> bool {
    let key = normalise(header);
    PERSONAL_PHRASES.iter().any(|p| key.contains(p))
        || key.split(' ').any(|word| {
            PERSONAL_WORDS
                .iter()
                .any(|w| word == *w || (w.len() >= 5 && word.ends_with(w)))
        })
}

/// Masks every run of 13 or more digits (spaces or dashes between them allowed) to `*` but
/// its last four digits: `4111 1111 1111 1111` becomes `**** **** **** 1111`.
pub fn mask_card_numbers(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if bytes.iter().filter(|b| b.is_ascii_digit()).count() < 13 {
        return Cow::Borrowed(text);
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    let mut masked = false;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        // The run: digits, and single spaces or dashes followed by a digit.
        let start = i;
        let mut end = i;
        let mut digits = 0;
        while end < bytes.len() {
            if bytes[end].is_ascii_digit() {
                digits += 1;
                end += 1;
            } else if (bytes[end] == b' ' || bytes[end] == b'-')
                && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)
            {
                end += 1;
            } else {
                break;
            }
        }
        if digits >= 13 {
            masked = true;
            let mut seen = 0;
            for &b in &bytes[start..end] {
                if b.is_ascii_digit() {
                    seen += 1;
                    out.push(if digits - seen < 4 { b } else { b'*' });
                } else {
                    out.push(b);
                }
            }
        } else {
            out.extend_from_slice(&bytes[start..end]);
        }
        i = end;
    }
    if masked {
        Cow::Owned(String::from_utf8(out).expect("only ASCII digits were replaced"))
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_headers() {
        for header in [
            "Kundenavn",
            "Customer name",
            "E-post",
            "email",
            "Telefon",
            "Adresse",
            "Fødselsnummer",
            "Kontonummer",
            "Card number",
            "Beskrivelse",
            "Saksbehandler",
            "handler",
            "National ID",
        ] {
            assert!(is_personal(header), "{header}");
        }
        for header in ["Kanal", "product", "Region", "Priority", "Company"] {
            assert!(!is_personal(header), "{header}");
        }
    }

    #[test]
    fn card_numbers_keep_only_their_last_four_digits() {
        assert_eq!(
            mask_card_numbers("kort 4111 1111 1111 1111 ble belastet"),
            "kort **** **** **** 1111 ble belastet"
        );
        assert_eq!(mask_card_numbers("3782-822463-10005"), "****-******-*0005");
        assert_eq!(mask_card_numbers("4111111111111111"), "************1111");
        // Dates, amounts and case numbers are not card numbers.
        assert_eq!(
            mask_card_numbers("2025-12-03 kr 1 250,00 sak 12345"),
            "2025-12-03 kr 1 250,00 sak 12345"
        );
        assert_eq!(
            mask_card_numbers("Åse: 5555 5555 5555 4444"),
            "Åse: **** **** **** 4444"
        );
    }
}
