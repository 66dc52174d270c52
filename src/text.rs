//! Turning the bytes of an input file into text. Back-office exports come as UTF-8 (with or
//! without a byte-order mark), as UTF-16 when Excel saves "Unicode text", or as Windows-1252
//! when an older Norwegian system writes æ, ø and å; all of them are read without flags.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// Decoded text and the name of the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    /// Borrowed from the input when it is UTF-8 already, so a large file is not copied.
    pub text: Cow<'a, str>,
    pub encoding: &'static str,
}

/// Decodes `bytes`: a byte-order mark wins; otherwise valid UTF-8 is UTF-8, and anything else
/// is read as Windows-1252 (a superset of Latin-1 in which every byte is a character, so no
/// byte is ever lost or replaced).
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return Decoded {
            text,
            encoding: encoding.name(),
        };
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Decoded {
            text: Cow::Borrowed(text),
            encoding: UTF_8.name(),
        },
        Err(_) => {
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text,
                encoding: WINDOWS_1252.name(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Skjærtorsdag".as_bytes()).text, "Skjærtorsdag");
        let mut with_bom = vec![0xEF, 0xBB, 0xBF];
        with_bom.extend_from_slice("Grunnlovsdag".as_bytes());
        let decoded = decode(&with_bom);
        assert_eq!(decoded.text, "Grunnlovsdag");
        assert_eq!(decoded.encoding, "UTF-8");
    }

    #[test]
    fn windows_1252_keeps_norwegian_letters() {
        // "Første påskedag" and "Ærlig" as Windows-1252 bytes.
        let bytes = b"F\xf8rste p\xe5skedag, \xc6rlig \x80";
        let decoded = decode(bytes);
        assert_eq!(decoded.text, "Første påskedag, Ærlig €");
        assert_eq!(decoded.encoding, "windows-1252");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "dato,navn".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&bytes).text, "dato,navn");
    }
}
