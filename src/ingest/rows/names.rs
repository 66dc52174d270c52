//! The names the carried-through columns are written under.

/// The names the carried columns are written under. A carried header that clashes with a
/// computed or typed column (`reserved`), or with another carried one, keeps its data under a
/// prefixed name; compared without case, as an Excel table's column names must differ in more
/// than case (Salesforce's "Status" beside our "status"). A renamed one never takes a name
/// another keeps (`status` beside an export's own `input_status` becomes `input_status_2`).
pub(super) fn carried_output_names(reserved: &[String], names: &[String]) -> Vec<String> {
    let reserved: std::collections::HashSet<String> = reserved
        .iter()
        .map(String::as_str)
        .chain(crate::columns::COMPUTED)
        .chain(crate::columns::INTERNAL)
        .map(str::to_lowercase)
        .collect();
    let keeping: std::collections::HashSet<String> = names
        .iter()
        .map(|n| n.to_lowercase())
        .filter(|n| !reserved.contains(n))
        .collect();
    // The names given so far, without case.
    let mut given = std::collections::HashSet::new();
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let mut unique = name.clone();
        let mut n = 1;
        loop {
            let lower = unique.to_lowercase();
            let clashes = reserved.contains(&lower) || given.contains(&lower);
            if !clashes && (unique == *name || !keeping.contains(&lower)) {
                break;
            }
            unique = if n == 1 {
                format!("input_{name}")
            } else {
                format!("input_{name}_{n}")
            };
            n += 1;
        }
        given.insert(unique.to_lowercase());
        out.push(unique);
    }
    out
}
