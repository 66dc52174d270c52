//! English, the calendars: what each counts and where its rules come from, for the Method
//! sheet and section.

/// Key, text.
pub(super) const TABLE: &[(&str, &str)] = &[
    (
        "sources.calendar.no-bank",
        "Norges Bank's settlement days (NBO): Monday to Friday, closed on the public holidays and 24 December (Norges Bank's published lists of closing days; 31 December is a settlement day, a business day in the sense of PSD2 Art. 4(37))",
    ),
    (
        "sources.calendar.no-legal",
        "\"virkedag\" in general Norwegian law: Monday to Saturday, less Sundays and the public holidays",
    ),
    (
        "sources.calendar.weekdays",
        "Monday to Friday, no holidays (not a Norwegian calendar)",
    ),
    (
        "calendar.no-bank",
        "Norwegian bank working days (Norges Bank's settlement days): Monday to Friday, less the 12 public holidays and Christmas Eve; New Year's Eve is a working day",
    ),
    (
        "calendar.no-legal",
        "Norwegian legal working days (virkedager): Monday to Saturday, less Sundays and the 12 public holidays",
    ),
    ("calendar.weekdays", "Monday to Friday, no holidays"),
    (
        "calendar.se-bank",
        "Swedish bank days: Monday to Friday, less the public holidays (National Day 6 June from 2005, Whit Monday until 2004), Midsummer Eve, Christmas Eve and New Year's Eve",
    ),
    (
        "sources.calendar.se-bank",
        "Lag (1989:253) om allmänna helgdagar, and the days the Riksbank's settlement system RIX and the banks are closed (Midsummer Eve, Christmas Eve, New Year's Eve)",
    ),
    (
        "calendar.dk-bank",
        "Danish bank days (Danmarks Nationalbank's settlement days): Monday to Friday, less the public holidays (Great Prayer Day until 2023), the Friday after Ascension, Constitution Day (5 June), 24 and 31 December; 1 May is a working day. When the bank closures on the Friday after Ascension, 5 June, 24 and 31 December began is not known from a source: they are applied to every year",
    ),
    (
        "sources.calendar.dk-bank",
        "Danmarks Nationalbank's closing days, and the act abolishing Great Prayer Day as a public holiday from 2024",
    ),
    (
        "calendar.fi-bank",
        "Finnish bank days: Monday to Friday, less the public holidays (Independence Day 6 December included), Midsummer Eve and Christmas Eve",
    ),
    (
        "sources.calendar.fi-bank",
        "the Finnish public holidays and the Finnish banks' closing days (Midsummer Eve, Christmas Eve)",
    ),
    (
        "calendar.gb-eaw-bank",
        "UK business days in England and Wales: Monday to Friday, less the bank holidays of England and Wales, their substitute days and the days proclaimed",
    ),
    (
        "sources.calendar.gb-eaw-bank",
        "the Banking and Financial Dealings Act 1971, Schedule 1, with the days appointed by proclamation (`complaint-sla calendar --help` lists the one-off days since 1978), and the FCA Handbook's \"business day\", which excludes the bank holidays in that part of the UK",
    ),
    (
        "calendar.gb-sct-bank",
        "UK business days in Scotland: Monday to Friday, less the bank holidays of Scotland (2 January and St Andrew's Day included, Easter Monday not), their substitute days and the days proclaimed",
    ),
    (
        "sources.calendar.gb-sct-bank",
        "the Banking and Financial Dealings Act 1971, Schedule 1, with the days appointed by proclamation (`complaint-sla calendar --help` lists the one-off days since 1978), the St Andrew's Day Bank Holiday (Scotland) Act 2007, and the FCA Handbook's \"business day\", which excludes the bank holidays in that part of the UK",
    ),
    (
        "calendar.gb-nir-bank",
        "UK business days in Northern Ireland: Monday to Friday, less the bank holidays of Northern Ireland (St Patrick's Day and 12 July included), their substitute days and the days proclaimed",
    ),
    (
        "sources.calendar.gb-nir-bank",
        "the Banking and Financial Dealings Act 1971, Schedule 1, with the days appointed by proclamation (`complaint-sla calendar --help` lists the one-off days since 1978), and the FCA Handbook's \"business day\", which excludes the bank holidays in that part of the UK",
    ),
];
