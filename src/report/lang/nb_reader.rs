//! Norwegian bokmål, the words written for the reader: the verdict, the column headers of the
//! sheets and tables people read, the statuses' short names, and the board pack.

/// Key, text.
pub(super) const TABLE: &[(&str, &str)] = &[
    ("verdict.title", "Konklusjon"),
    ("verdict.met", "Oppfylt: {resolved}, og {open}."),
    ("verdict.not_met", "Ikke oppfylt: {parts}."),
    (
        "verdict.no_cases",
        "Ingenting å vurdere: ingen klage ble mottatt, løst eller var åpen i perioden.",
    ),
    ("verdict.none_resolved", "ingen klage ble løst i perioden"),
    (
        "verdict.all_in_time",
        "alle klager som ble løst i perioden, ble besvart i tide",
    ),
    (
        "verdict.late_one",
        "{n} klage som ble løst i perioden, ble besvart for sent ({no_reply} etter første frist uten foreløpig svar i tide, {final} etter siste frist)",
    ),
    (
        "verdict.late_many",
        "{n} klager som ble løst i perioden, ble besvart for sent ({no_reply} etter første frist uten foreløpig svar i tide, {final} etter siste frist)",
    ),
    ("verdict.none_overdue", "ingen åpen klage er over fristen"),
    (
        "verdict.overdue_one",
        "{n} åpen klage er over fristen ({split})",
    ),
    (
        "verdict.overdue_many",
        "{n} åpne klager er over fristen ({split})",
    ),
    (
        "verdict.overdue_split",
        "{in_period} kom over fristen i perioden, {at_start} var allerede over fristen ved periodens start",
    ),
    ("verdict.overdue_after", ", {n} etter perioden"),
    (
        "verdict.late_after_period",
        "{n} til, mottatt i perioden, ble løst for sent etter den, innen rapportdatoen",
    ),
    ("verdict.caveat", "Les den sammen med advarslene nedenfor."),
    (
        "regulator.late_without_reply",
        "… av de for sene avslutningene (de to linjene over), uten foreløpig svar i tide",
    ),
    ("col.answered_late", "Besvart for sent"),
    ("col.open_overdue", "Åpne over fristen"),
    ("summary.col_share", "Andel av dem som ble løst i perioden"),
    (
        "summary.answered_late",
        "Besvart for sent: løst i perioden etter fristen",
    ),
    (
        "summary.late_after_period",
        "Besvart for sent etter perioden (mottatt i den), innen rapportdatoen",
    ),
    (
        "summary.overdue_at_start",
        "… allerede over fristen da perioden begynte",
    ),
    ("summary.overdue_in_period", "… kom over fristen i perioden"),
    (
        "summary.overdue_after_period",
        "… kom over fristen etter perioden",
    ),
    (
        "summary.breaches",
        "Brudd: besvart for sent, pluss åpne over fristen",
    ),
];
