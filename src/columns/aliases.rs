//! Other names each column goes by, normalised (lower case, single spaces): Norwegian and
//! English, and what Salesforce, ServiceNow, Zendesk and Dynamics 365 exports call it.

pub(super) const CASE_ID_ALIASES: &[&str] = &[
    "case id",
    "saksnummer",
    "saksnr",
    "case number",
    "case no",
    "case nr",
    // Zendesk, ServiceNow, Dynamics 365 (Salesforce's `Case Number` is above).
    "ticket id",
    "ticket number",
    "incident number",
    "number",
    "id",
];

pub(super) const RECEIVED_AT_ALIASES: &[&str] = &[
    "received at",
    "mottatt",
    "mottatt dato",
    "dato mottatt",
    "received",
    "received date",
    "date received",
    // Salesforce (report and API names), ServiceNow, Zendesk, Dynamics 365.
    "date/time opened",
    "opened date",
    "opened at",
    "opened",
    "created date",
    "created at",
    "created on",
    "date created",
    "sys created on",
];

pub(super) const HOLDING_REPLY_AT_ALIASES: &[&str] = &[
    "holding reply at",
    "foreløpig svar",
    "foreløpig svar dato",
    "holding reply",
    "holding reply date",
    "holding reply sent",
    "holding response",
    "holding response date",
    "holding letter",
    "holding letter date",
    "interim reply",
    "interim response",
    "foreløpig svar sendt",
];

pub(super) const RESOLVED_AT_ALIASES: &[&str] = &[
    "resolved at",
    "løst",
    "løst dato",
    "avgjort",
    "avgjort dato",
    "resolved",
    "resolved date",
    "closed",
    "closed date",
    "final response",
    "final response date",
    // Salesforce, Zendesk, Dynamics 365 custom fields; ServiceNow's resolved_at
    // is the canonical name, so it wins over its closed_at.
    "date/time closed",
    "resolved on",
    "date resolved",
    "resolution date",
    "solved at",
    "closed at",
    "closed on",
    "date closed",
    "avsluttet",
    "avsluttet dato",
];

pub(super) const CHANNEL_ALIASES: &[&str] =
    &["kanal", "case origin", "origin", "contact type", "via"];

pub(super) const PRODUCT_ALIASES: &[&str] = &["produkt"];

pub(super) const CATEGORY_ALIASES: &[&str] = &[
    "kategori",
    "cause",
    "årsak",
    "complaint category",
    "case reason",
    "reason",
];

pub(super) const STAGE_ALIASES: &[&str] = &["nivå", "level", "escalation level", "eskaleringsnivå"];

pub(super) const OUTCOME_ALIASES: &[&str] = &["utfall", "result", "resultat"];

pub(super) const REFERRED_TO_ALIASES: &[&str] =
    &["henvist til", "external body", "referred", "referral"];

pub(super) const REFERRED_AT_ALIASES: &[&str] =
    &["henvist dato", "henvist", "referral date", "referred date"];

pub(super) const REDRESS_AMOUNT_ALIASES: &[&str] = &[
    "redress",
    "redress paid",
    "compensation",
    "compensation amount",
    "compensation paid",
    "kompensasjon",
    "kompensasjon utbetalt",
    "erstatning",
    "erstatning utbetalt",
    "utbetalt",
    "utbetalt beløp",
    "beløp utbetalt",
    "goodwill",
    "goodwill amount",
];

pub(super) const REDRESS_CURRENCY_ALIASES: &[&str] = &[
    "redress currency",
    "redress paid currency",
    "compensation currency",
    "compensation amount currency",
    "compensation paid currency",
    "goodwill currency",
    "goodwill amount currency",
    "currency",
    "currency iso code",
    "currency code",
    "valuta",
    "valutakode",
    "kompensasjon valuta",
    "utbetalt valuta",
];
