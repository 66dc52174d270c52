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
        "verdict.caveat_summary",
        "Les den sammen med advarslene i rapportens sammendrag.",
    ),
    (
        "regulator.late_without_reply",
        "… av de for sene avslutningene (de to linjene over), uten foreløpig svar i tide",
    ),
    ("head.case_id", "Sak"),
    ("head.status", "Status"),
    ("head.reason", "Årsak"),
    ("head.days_over_limit", "Virkedager over fristen"),
    ("head.received_date", "Mottatt"),
    ("head.holding_reply_date", "Foreløpig svar"),
    ("head.resolved_date", "Løst"),
    ("head.first_deadline", "Første frist"),
    ("head.final_deadline", "Siste frist"),
    ("head.applicable_deadline", "Gjeldende frist"),
    ("head.working_days_elapsed", "Virkedager brukt"),
    ("head.working_days_left", "Virkedager igjen"),
    ("head.stage", "Nivå"),
    ("head.product", "Produkt"),
    ("head.category", "Kategori"),
    ("head.channel", "Kanal"),
    ("head.kind", "Type"),
    ("head.file", "Fil"),
    ("head.line", "Linje"),
    ("head.reject_reason", "Avvisning eller merknad"),
    ("head.column", "Kolonne"),
    ("head.value", "Verdi slik den ble lest"),
    ("head.code", "Kode"),
    ("label.resolved_on_time", "I tide"),
    ("label.resolved_extended", "Forlenget, i tide"),
    (
        "label.breach_no_holding_reply",
        "For sent, uten foreløpig svar i tide",
    ),
    ("label.breach_final_deadline", "For sent, etter siste frist"),
    ("label.open_overdue", "Åpen, over fristen"),
    ("label.open_at_risk", "Åpen, nær fristen"),
    ("label.open_on_track", "Åpen, i rute"),
    ("closure.public_holiday", "helligdag"),
    ("closure.bank_closure", "bankstengt"),
    ("closure.user_closure", "helligdagsfil"),
    ("body.courts", "Domstolene"),
    (
        "pack.subtitle",
        "{start} til {end} · per {as_of} · regelsett {policy} · kalender {calendar}",
    ),
    ("pack.worst", "De verste sakene med brudd"),
    (
        "pack.worst_intro",
        "De {shown} av de {total} bruddene (besvart for sent, eller åpne over fristen) med flest virkedager over fristen; alle {total} står på arket Brudd i regnearket og i cases.csv.",
    ),
    ("pack.method", "Metode i korte trekk"),
    (
        "pack.breach_defined",
        "Et brudd er en klage som ble besvart etter fristen, eller som fortsatt er åpen etter fristen på rapportdatoen. Fristen er første frist etter mottak; et foreløpig svar sendt innen første frist flytter den til siste frist. Hvert tall kan telles opp igjen fra cases.csv, der kolonnen reason sier hvorfor hver sak er for sen.",
    ),
    ("pack.inputs", "Inndata"),
    (
        "reason.no_reply_column",
        "ingen foreløpig svar registrert (eksporten har ingen kolonne for foreløpig svar)",
    ),
    (
        "verdict.late_after_period_one",
        "{n} til, mottatt i perioden, ble løst for sent etter den, innen rapportdatoen",
    ),
    (
        "verdict.rejected_one_in",
        "{n} avvist rad er ikke med i noe tall, og den kan høre til perioden (se Datakvalitet).",
    ),
    (
        "verdict.rejected_one_out",
        "{n} avvist rad er ikke med i noe tall; datoene plasserer den utenfor perioden (se Datakvalitet).",
    ),
    (
        "verdict.rejected_none_in",
        "{n} avviste rader er ikke med i noe tall; datoene plasserer dem utenfor perioden (se Datakvalitet).",
    ),
    (
        "verdict.rejected_all_in",
        "{n} avviste rader er ikke med i noe tall, og alle kan høre til perioden (se Datakvalitet).",
    ),
    (
        "verdict.rejected_some_in",
        "{n} avviste rader er ikke med i noe tall, {k} av dem kan høre til perioden (se Datakvalitet).",
    ),
    ("count.breach_one", "{n} brudd"),
    ("count.breach_many", "{n} brudd"),
    (
        "pack.worst_intro_one",
        "Det ene bruddet (besvart for sent, eller åpen over fristen); det står også på arket Brudd i regnearket og i cases.csv.",
    ),
    (
        "pack.shows",
        "Denne styrepakken viser bare saksnummer, datoer, produkter, kategorier, statuser og årsaker: ingen fritekst- eller personkolonne fra eksporten.",
    ),
    ("count.row_one", "{n} rad"),
    ("count.row_many", "{n} rader"),
    ("count.case_one", "{n} sak"),
    ("count.case_many", "{n} saker"),
    ("count.late", "{n} besvart for sent"),
    (
        "count.late_split",
        "{n} besvart for sent i perioden og {after} etter den",
    ),
    (
        "pack.worst_intro_all",
        "Alle {total} bruddene (besvart for sent, eller åpne over fristen), de med flest virkedager over fristen først.",
    ),
    ("regulator.other_products", "Andre produkter ({n})"),
    ("sources.lead_standard", "15/35-regelen (regelsett {name})"),
    (
        "sources.lead_own",
        "Regelsett {name} sine egne frister ({first} virkedager, deretter {final} {unit} med foreløpig svar i tide) i stedet for 15/35-regelen",
    ),
    (
        "hint.targets",
        "; {headers}: fristdatoer eller varigheter, ikke brukt",
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
    (
        "md.conflicts_one",
        "{rows} rad er et motstridende duplikat ({cases}): den har samme saksnummer som en rad i samme fil som ble avvist av en annen grunn. Saken er utelatt fra alle tall til eksporten er rettet.",
    ),
    (
        "md.conflicts_many",
        "{rows} rader er motstridende duplikater ({cases}): rader i samme fil med samme saksnummer og ulikt innhold. Hver slik sak er utelatt fra alle tall til eksporten er rettet.",
    ),
    (
        "md.rejects_in_period_one_in",
        "Den avviste raden kan høre til perioden: det som kan leses av datoene, plasserer den ikke utenfor.",
    ),
    (
        "md.rejects_in_period_one_out",
        "Datoene til den avviste raden plasserer den utenfor perioden.",
    ),
    (
        "md.rejects_in_period_none_in",
        "Datoene til de {rejected} avviste radene plasserer hver av dem utenfor perioden.",
    ),
    (
        "md.rejects_in_period_all_in",
        "Alle de {rejected} avviste radene kan høre til perioden: det som kan leses av datoene deres, plasserer dem ikke utenfor.",
    ),
    (
        "md.rejects_in_period_some_in",
        "{n} av de {rejected} avviste radene kan høre til perioden: det som kan leses av datoene deres, plasserer dem ikke utenfor. De står først.",
    ),
    ("md.kind.reject_in_period", "avvist, kan være i perioden"),
    ("md.col.in_period", "Kan høre til perioden"),
    (
        "summary.rows_rejected_in_period",
        "… av disse, rader som kan høre til perioden (står først)",
    ),
    ("col.market", "Marked"),
    ("col.calendar", "Kalender"),
    ("col.time_zone", "Tidssone"),
    ("markets.by_market", "Etter marked"),
    ("markets.regulator", "Etter marked"),
    (
        "markets.regulator_note",
        "Hvert marked telt etter sin egen kalender og sine egne frister; radene summerer seg til tallene over.",
    ),
    ("col.outstanding", "Uavsluttet ved periodens start"),
    ("col.closed_quick", "Avsluttet innen {days} virkedager"),
    ("col.closed_first", "Avsluttet senere, innen første frist"),
    ("col.closed_final", "Avsluttet senere, innen siste frist"),
    ("col.closed_later", "Avsluttet etter siste frist"),
    ("markets.home", "hjemmemarked (uten marked)"),
    ("method.markets", "Markeder"),
    (
        "markets.method",
        "Hver sak telles etter markedet verdien i eksportens kolonne {column} angir; en sak uten verdi telles etter policyens øverste nivå, hjemmemarkedet. En verdi som ikke angir noe marked avvises (unknown_market). {markets}",
    ),
    (
        "markets.method_one",
        "{market}{values}: kalender {calendar} ({description}; kilde: {source}), tidssone {zone}, første frist {first} virkedager, siste frist {final} {unit}, nær fristen innen {risk} virkedager{holidays}",
    ),
    ("markets.values", " (verdiene {values})"),
    ("markets.holidays", ", helligdagsfil {file}"),
    (
        "policy.markets",
        "; dette for sakene uten marked, og for markedene, hvert med egen kalender og tidssone (Metode): {markets}",
    ),
    ("pack.calendars", "{calendars}, etter marked"),
    (
        "markets.closures_home",
        " (hjemmemarkedets; hvert markeds kalender vises med complaint-sla calendar --policy POLICY --market NAVN --year ÅÅÅÅ)",
    ),
];
