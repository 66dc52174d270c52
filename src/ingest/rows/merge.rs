//! A row sink for the second half of a file read in two ([`crate::ingest::halves`]), and its
//! rows put back after the first half's: the merged sink holds what one sink reading the
//! whole file would.

use super::RowSink;

impl RowSink {
    /// An empty sink that types rows as this one does, with this one's carried columns, for
    /// the rows of the same file that come after this one's.
    pub(in crate::ingest) fn fork(&self) -> RowSink {
        let mut later = self.forked();
        // Room for about the rows of the second half (the split is at the middle of the
        // file): its columns are not grown, and copied, step by step.
        later.reserve(self.received.capacity().saturating_sub(self.received.len()) / 2 + 1024);
        later
    }

    fn forked(&self) -> RowSink {
        RowSink {
            case_id: self.case_id.empty_like(),
            received: Vec::new(),
            holding_reply: Vec::new(),
            resolved: Vec::new(),
            referred: Vec::new(),
            redress: Vec::new(),
            redress_seen: self.redress_seen,
            market: self.market.as_ref().map(|_| Vec::new()),
            descriptive: self.descriptive.iter().map(|b| b.empty_like()).collect(),
            carried_names: self.carried_names.clone(),
            carried_index: self.carried_index.clone(),
            carried: self.carried.iter().map(|b| b.empty_like()).collect(),
            text_len: 0,
            text_rows: Vec::new(),
            keep_text: self.keep_text,
            file: Vec::new(),
            line: Vec::new(),
            fingerprints: Vec::new(),
            rejects: Vec::new(),
            rejected_keys: Vec::new(),
            warnings: Vec::new(),
            late_receipt_check_from: self.late_receipt_check_from,
            tz: self.tz,
            currency: self.currency.clone(),
            zoned_timestamps: 0,
            newest: vec![None; self.newest.len()],
            today: self.today,
            absent: Vec::new(),
            headers: Vec::new(),
        }
    }

    /// Takes the rows, rejects and remarks of `later` (a [`Self::fork`] of this sink, fed
    /// the rows after this one's) after its own.
    pub(in crate::ingest) fn absorb(&mut self, later: RowSink) {
        let rows = self.received.len();
        let rejects = self.rejects.len();
        let text_rows = self.text_len;
        self.case_id.absorb(later.case_id);
        let later_rows = later.received.len();
        self.received.extend(later.received);
        self.holding_reply.extend(later.holding_reply);
        self.resolved.extend(later.resolved);
        self.referred.extend(later.referred);
        if self.redress_seen || later.redress_seen {
            // Amounts are kept from the first input that has them on.
            self.redress.resize(rows, None);
            let mut more = later.redress;
            more.resize(later_rows, None);
            self.redress.extend(more);
            self.redress_seen = true;
        }
        if let (Some(market), Some(more)) = (&mut self.market, later.market) {
            market.extend(more);
        }
        for (builder, more) in self.descriptive.iter_mut().zip(later.descriptive) {
            builder.absorb(more);
        }
        for (builder, more) in self.carried.iter_mut().zip(later.carried) {
            builder.absorb(more);
        }
        self.text_len += later.text_len;
        self.text_rows.extend(
            later
                .text_rows
                .into_iter()
                .map(|r| r.map(|r| r + text_rows)),
        );
        self.file.extend(later.file);
        self.line.extend(later.line);
        self.fingerprints.extend(later.fingerprints);
        self.rejects.extend(later.rejects);
        self.rejected_keys
            .extend(later.rejected_keys.into_iter().map(|mut key| {
                key.reject += rejects;
                key
            }));
        self.warnings.extend(
            later
                .warnings
                .into_iter()
                .map(|(row, warning)| (row + rows, warning)),
        );
        self.zoned_timestamps += later.zoned_timestamps;
        if self.newest.len() < later.newest.len() {
            self.newest.resize(later.newest.len(), None);
        }
        for (newest, more) in self.newest.iter_mut().zip(later.newest) {
            *newest = (*newest).max(more);
        }
    }
}
