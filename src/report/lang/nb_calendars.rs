//! Norwegian bokmål, the calendars: what each counts and where its rules come from, for the Method
//! sheet and section.

/// Key, text.
pub(super) const TABLE: &[(&str, &str)] = &[
    (
        "sources.calendar.no-bank",
        "Norges Banks oppgjørsdager (NBO): mandag til fredag, stengt på de offentlige høytidsdagene og 24. desember (Norges Banks publiserte lister over stengte dager; 31. desember er oppgjørsdag, en virkedag etter PSD2 art. 4 nr. 37)",
    ),
    (
        "sources.calendar.no-legal",
        "«virkedag» i alminnelig norsk rett: mandag til lørdag, unntatt søndager og offentlige høytidsdager",
    ),
    (
        "sources.calendar.weekdays",
        "mandag til fredag, uten helligdager (ikke en norsk kalender)",
    ),
    (
        "calendar.no-bank",
        "Norske bankdager (Norges Banks oppgjørsdager): mandag til fredag, unntatt de 12 offentlige høytidsdagene og julaften; nyttårsaften er virkedag",
    ),
    (
        "calendar.no-legal",
        "Virkedager etter norsk rett: mandag til lørdag, unntatt søndager og de 12 offentlige høytidsdagene",
    ),
    ("calendar.weekdays", "mandag til fredag, uten helligdager"),
    (
        "calendar.se-bank",
        "Svenske bankdager: mandag til fredag, unntatt de offentlige helligdagene (nasjonaldagen 6. juni fra 2005, andre pinsedag til og med 2004), midtsommeraften, julaften og nyttårsaften",
    ),
    (
        "sources.calendar.se-bank",
        "Lag (1989:253) om allmänna helgdagar, og dagene Riksbankens oppgjørssystem RIX og bankene holder stengt (midtsommeraften, julaften, nyttårsaften)",
    ),
    (
        "calendar.dk-bank",
        "Danske bankdager (Danmarks Nationalbanks oppgjørsdager): mandag til fredag, unntatt helligdagene (store bededag til og med 2023), fredagen etter Kristi himmelfartsdag, grunnlovsdagen (5. juni), 24. og 31. desember; 1. mai er virkedag. Fra hvilket år bankene har holdt stengt fredagen etter Kristi himmelfartsdag, 5. juni, 24. og 31. desember er ikke kjent fra en kilde: de brukes for alle år",
    ),
    (
        "sources.calendar.dk-bank",
        "Danmarks Nationalbanks stengte dager, og loven som opphevet store bededag som helligdag fra 2024",
    ),
    (
        "calendar.fi-bank",
        "Finske bankdager: mandag til fredag, unntatt de offentlige helligdagene (selvstendighetsdagen 6. desember medregnet), midtsommeraften og julaften",
    ),
    (
        "sources.calendar.fi-bank",
        "de finske offentlige helligdagene og de finske bankenes stengte dager (midtsommeraften, julaften)",
    ),
    (
        "calendar.gb-eaw-bank",
        "Britiske virkedager i England og Wales: mandag til fredag, unntatt bank holidays i England og Wales, erstatningsdagene deres og dagene som er proklamert",
    ),
    (
        "sources.calendar.gb-eaw-bank",
        "Banking and Financial Dealings Act 1971, vedlegg 1, med dagene fastsatt ved proklamasjon (`complaint-sla calendar --help` viser enkeltdagene siden 1978), og FCA Handbooks «business day», som unntar bank holidays i den delen av Storbritannia",
    ),
    (
        "calendar.gb-sct-bank",
        "Britiske virkedager i Skottland: mandag til fredag, unntatt bank holidays i Skottland (2. januar og St Andrew's Day medregnet, ikke andre påskedag), erstatningsdagene deres og dagene som er proklamert",
    ),
    (
        "sources.calendar.gb-sct-bank",
        "Banking and Financial Dealings Act 1971, vedlegg 1, med dagene fastsatt ved proklamasjon (`complaint-sla calendar --help` viser enkeltdagene siden 1978), St Andrew's Day Bank Holiday (Scotland) Act 2007, og FCA Handbooks «business day», som unntar bank holidays i den delen av Storbritannia",
    ),
    (
        "calendar.gb-nir-bank",
        "Britiske virkedager i Nord-Irland: mandag til fredag, unntatt bank holidays i Nord-Irland (St Patrick's Day og 12. juli medregnet), erstatningsdagene deres og dagene som er proklamert",
    ),
    (
        "sources.calendar.gb-nir-bank",
        "Banking and Financial Dealings Act 1971, vedlegg 1, med dagene fastsatt ved proklamasjon (`complaint-sla calendar --help` viser enkeltdagene siden 1978), og FCA Handbooks «business day», som unntar bank holidays i den delen av Storbritannia",
    ),
];
