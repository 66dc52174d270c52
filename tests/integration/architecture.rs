//! The code's shape, checked on every test run so that it holds after the change that made it:
//! no two files under `src/` reach each other (through any chain of `crate::`, `super::` or
//! `self::` paths), no file is over [`MAX_LINES`] lines of code, and no function is over
//! [`MAX_FUNCTION_LINES`] lines. ARCHITECTURE.md describes the layers this keeps apart.
//!
//! Lines of code: lines that are neither blank nor only a comment, above the file's test module
//! (`#[cfg(test)]` followed by `mod`). A path names the file that defines its longest prefix, so
//! `crate::ingest::Reject` is `src/ingest/mod.rs` (its re-export), and a child that reaches its
//! parent's re-export of itself is a circle like any other.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The most lines of code a file under `src/` may have.
const MAX_LINES: usize = 600;
/// The most lines a function may span, signature to closing brace.
const MAX_FUNCTION_LINES: usize = 80;

/// A source file: its path from the crate root (`src/report/mod.rs`), its module path
/// (`report`), and its code above the test module with comments, strings and characters
/// blanked out (line breaks kept, so line numbers hold).
struct Source {
    path: String,
    module: Vec<String>,
    code: String,
    lines_of_code: usize,
}

fn sources() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    walk(&root.join("src"), &mut files);
    files.sort();
    let tests_only = test_modules(&files);
    files
        .into_iter()
        .filter(|file| !tests_only.contains(file))
        .map(|file| {
            let path = file
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(&file).unwrap();
            let text = above_tests(&text);
            let lines_of_code = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with("//"))
                .count();
            let mut module: Vec<String> = path
                .trim_start_matches("src/")
                .trim_end_matches(".rs")
                .split('/')
                .map(String::from)
                .collect();
            if matches!(
                module.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                module.pop();
            }
            Source {
                path,
                module,
                code: blank_literals(&text),
                lines_of_code,
            }
        })
        .collect()
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The files of modules declared under `#[cfg(test)]` (`#[cfg(test)] mod fuzz;`): tests,
/// like a file's test module.
fn test_modules(files: &[PathBuf]) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let folder = match file.file_name().and_then(|n| n.to_str()) {
            Some("mod.rs" | "lib.rs" | "main.rs") => file.parent().unwrap().to_path_buf(),
            _ => file.with_extension(""),
        };
        for pair in lines.windows(2) {
            if pair[0] == "#[cfg(test)]"
                && let Some(name) = pair[1]
                    .strip_prefix("mod ")
                    .and_then(|rest| rest.strip_suffix(';'))
            {
                found.push(folder.join(format!("{name}.rs")));
                found.push(folder.join(name).join("mod.rs"));
            }
        }
    }
    found
}

/// The text above the first `#[cfg(test)]` that is followed by a `mod`.
fn above_tests(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.trim() == "#[cfg(test)]"
            && lines[i + 1..]
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(|l| l.trim_start().starts_with("mod "))
        {
            return lines[..i].join("\n");
        }
    }
    text.to_string()
}

/// Comments, string literals (raw ones too) and character literals replaced by spaces, line
/// breaks kept: a path in a doc comment or an error message is not an import.
fn blank_literals(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let blank = |out: &mut String, c: char| out.push(if c == '\n' { '\n' } else { ' ' });
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                blank(&mut out, chars[i]);
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    out.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    out.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
        } else if (c == 'r' || c == 'b')
            && !chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_alphanumeric() || *p == '_')
            && raw_string_hashes(&chars[i..]).is_some()
        {
            let (prefix, hashes) = raw_string_hashes(&chars[i..]).unwrap();
            let close: Vec<char> = std::iter::once('"')
                .chain(std::iter::repeat_n('#', hashes))
                .collect();
            for _ in 0..prefix {
                out.push(' ');
            }
            i += prefix;
            while i < chars.len() && !chars[i..].starts_with(&close) {
                blank(&mut out, chars[i]);
                i += 1;
            }
            for _ in 0..close.len().min(chars.len() - i) {
                out.push(' ');
            }
            i += close.len();
        } else if c == '"' {
            out.push(' ');
            i += 1;
            while i < chars.len() && chars[i] != '"' {
                if chars[i] == '\\' {
                    out.push(' ');
                    i += 1;
                }
                if i < chars.len() {
                    blank(&mut out, chars[i]);
                    i += 1;
                }
            }
            out.push(' ');
            i += 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{..}'), or a lifetime ('a) left as it is.
            let end = if next == Some('\\') {
                chars[i + 2..]
                    .iter()
                    .position(|&c| c == '\'')
                    .map(|p| i + 2 + p)
            } else if chars.get(i + 2) == Some(&'\'') {
                Some(i + 2)
            } else {
                None
            };
            match end {
                Some(end) => {
                    for _ in i..=end {
                        out.push(' ');
                    }
                    i = end + 1;
                }
                None => {
                    out.push(c);
                    i += 1;
                }
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

/// For `r"`, `r#"`, `br##"`, ...: the length of the opening and the number of hashes.
fn raw_string_hashes(chars: &[char]) -> Option<(usize, usize)> {
    let mut i = 0;
    if chars.first() == Some(&'b') {
        i += 1;
    }
    if chars.get(i) != Some(&'r') {
        return None;
    }
    i += 1;
    let hashes = chars[i..].iter().take_while(|&&c| c == '#').count();
    i += hashes;
    (chars.get(i) == Some(&'"')).then_some((i + 1, hashes))
}

/// Every module path a file's code names through `crate::`, `super::` or `self::`, with the
/// line it is on; `use` groups (`crate::a::{b, c::d}`) expanded.
fn paths(source: &Source) -> Vec<(Vec<String>, usize)> {
    let code = &source.code;
    let bytes = code.as_bytes();
    let mut found = Vec::new();
    for anchor in ["crate::", "super::", "self::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(anchor) {
            let start = from + at;
            from = start + anchor.len();
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            // `super::super::x` is found once, from its first `super`.
            if anchor == "super::" && start >= 2 && &code[start - 2..start] == "::" {
                continue;
            }
            let line = code[..start].matches('\n').count() + 1;
            let base: Vec<String> = match anchor {
                "crate::" => Vec::new(),
                "super::" => source.module[..source.module.len().saturating_sub(1)].to_vec(),
                _ => source.module.clone(),
            };
            let (tail, _) = path_text(&code[from..]);
            let mut base = base;
            let mut tail = tail.as_str();
            while let Some(rest) = tail.strip_prefix("super::") {
                base.pop();
                tail = rest;
            }
            for path in expand(&base, tail) {
                found.push((path, line));
            }
        }
    }
    found
}

/// The path text after an anchor: identifiers, `::` and balanced `{...}` groups, runs of
/// whitespace inside a group one space.
fn path_text(text: &str) -> (String, usize) {
    let mut out = String::new();
    let mut depth = 0usize;
    for (i, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => return (out, i),
            '}' => depth -= 1,
            c if c.is_whitespace() && depth == 0 => return (out, i),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                continue;
            }
            c if c.is_alphanumeric() || c == '_' || c == ':' || c == '*' => {}
            ',' if depth > 0 => {}
            _ if depth > 0 => {}
            _ => return (out, i),
        }
        out.push(c);
    }
    (out, text.len())
}

/// `a::b::{c, d::{e, f}}` under `base`: every full path, `self` in a group naming the group's
/// own path, `as` renames dropped.
fn expand(base: &[String], text: &str) -> Vec<Vec<String>> {
    let text = text.trim();
    let (head, group) = match text.find("::{") {
        Some(at) if text.ends_with('}') => (&text[..at], Some(&text[at + 3..text.len() - 1])),
        _ => (text, None),
    };
    let mut path = base.to_vec();
    path.extend(
        head.split("::")
            .filter(|s| !s.is_empty() && *s != "*")
            .map(|s| s.split(" as ").next().unwrap_or(s).trim().to_string()),
    );
    let Some(group) = group else {
        return vec![path];
    };
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&group[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&group[start..]);
    let mut out = Vec::new();
    for item in items.into_iter().filter(|i| !i.trim().is_empty()) {
        let item = item.trim();
        if item == "self" || item.starts_with("self as ") {
            out.push(path.clone());
        } else {
            out.extend(expand(&path, item));
        }
    }
    out
}

/// The file that defines a module path's longest prefix.
fn file_of(path: &[String], files: &BTreeSet<String>) -> Option<String> {
    for k in (1..=path.len()).rev() {
        let base = format!("src/{}", path[..k].join("/"));
        for candidate in [format!("{base}.rs"), format!("{base}/mod.rs")] {
            if files.contains(&candidate) {
                return Some(candidate);
            }
        }
    }
    Some("src/lib.rs".to_string()).filter(|f| files.contains(f))
}

/// Each file's imports: the files it names, with the first line that names each.
fn imports(sources: &[Source]) -> BTreeMap<String, BTreeMap<String, usize>> {
    let files: BTreeSet<String> = sources.iter().map(|s| s.path.clone()).collect();
    let mut graph = BTreeMap::new();
    for source in sources {
        let mut to: BTreeMap<String, usize> = BTreeMap::new();
        for (path, line) in paths(source) {
            if let Some(file) = file_of(&path, &files)
                && file != source.path
            {
                to.entry(file).or_insert(line);
            }
        }
        graph.insert(source.path.clone(), to);
    }
    graph
}

/// The files that reach each other, as groups (strongly connected components of two or more).
fn circles(graph: &BTreeMap<String, BTreeMap<String, usize>>) -> Vec<Vec<String>> {
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.clone()];
        while let Some(file) = stack.pop() {
            for next in graph[&file].keys() {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reaches: BTreeMap<&String, BTreeSet<String>> =
        graph.keys().map(|f| (f, reach(f))).collect();
    let mut groups: Vec<Vec<String>> = Vec::new();
    for file in graph.keys() {
        if groups.iter().any(|g| g.contains(file)) {
            continue;
        }
        let group: Vec<String> = graph
            .keys()
            .filter(|other| {
                *other == file || (reaches[file].contains(*other) && reaches[*other].contains(file))
            })
            .cloned()
            .collect();
        if group.len() > 1 {
            groups.push(group);
        }
    }
    groups
}

#[test]
fn no_two_files_reach_each_other() {
    let sources = sources();
    let graph = imports(&sources);
    let groups = circles(&graph);
    let mut message = String::new();
    for group in &groups {
        message.push_str(&format!(
            "these files reach each other: {}\n",
            group.join(", ")
        ));
        for from in group {
            for (to, line) in &graph[from] {
                if group.contains(to) {
                    message.push_str(&format!("  {from}:{line} names {to}\n"));
                }
            }
        }
    }
    assert!(groups.is_empty(), "{message}");
    // The check sees imports: the report's renderers read the report, the commands use it.
    assert!(graph["src/report/markdown/mod.rs"].contains_key("src/report/mod.rs"));
    assert!(graph["src/commands/report/mod.rs"].contains_key("src/report/mod.rs"));
}

/// What each part must not import: (files, files they must not name, why). ARCHITECTURE.md
/// gives the layers these keep apart.
const FORBIDDEN: &[(&[&str], &[&str], &str)] = &[
    (
        &[
            "src/calendar/",
            "src/zone/",
            "src/deadline.rs",
            "src/date_input.rs",
            "src/status.rs",
        ],
        &[
            "src/policy.rs",
            "src/market.rs",
            "src/ingest/",
            "src/evaluate.rs",
            "src/report/",
            "src/commands/",
        ],
        "calendars, dates and the rules for one case come first",
    ),
    (
        &[
            "src/policy.rs",
            "src/market.rs",
            "src/columns.rs",
            "src/amount.rs",
            "src/language.rs",
        ],
        &[
            "src/ingest/",
            "src/evaluate.rs",
            "src/report/",
            "src/commands/",
        ],
        "the policy and the columns are below the reading of exports",
    ),
    (
        &[
            "src/ingest/",
            "src/redact.rs",
            "src/evaluate.rs",
            "src/business_days.rs",
        ],
        &["src/report/", "src/commands/", "src/cli.rs"],
        "reading, redacting and evaluating know nothing of reports or flags",
    ),
    (
        &["src/ingest/hash.rs", "src/ingest/record.rs"],
        &[
            "src/ingest/fingerprint.rs",
            "src/ingest/validate.rs",
            "src/ingest/dedupe.rs",
            "src/ingest/rows.rs",
        ],
        "a record's layout comes before its fingerprint, checks and settling",
    ),
    (
        &[
            "src/ingest/fingerprint.rs",
            "src/ingest/validate.rs",
            "src/ingest/dedupe.rs",
        ],
        &["src/ingest/rows.rs"],
        "the fingerprint, the checks and the settling come before the row sink",
    ),
    (
        &["src/report/"],
        &["src/commands/", "src/cli.rs"],
        "a report is built from domain values, not from flags",
    ),
    (
        &["src/report/sections/"],
        &[
            "src/report/markdown/",
            "src/report/xlsx/",
            "src/report/html/",
        ],
        "a section is data: no renderer in it",
    ),
    (
        &["src/report/markdown/"],
        &["src/report/xlsx/", "src/report/html/"],
        "renderers are independent",
    ),
    (
        &["src/report/xlsx/"],
        &["src/report/markdown/", "src/report/html/"],
        "renderers are independent",
    ),
    (
        &["src/report/html/"],
        &["src/report/markdown/", "src/report/xlsx/"],
        "renderers are independent",
    ),
];

#[test]
fn each_layer_imports_only_those_below_it() {
    let graph = imports(&sources());
    let mut wrong = Vec::new();
    for (from, to) in graph
        .iter()
        .flat_map(|(from, to)| to.iter().map(move |(to, line)| (from, (to, line))))
    {
        for (files, forbidden, why) in FORBIDDEN {
            let (to, line) = to;
            if files.iter().any(|f| from.starts_with(f))
                && forbidden.iter().any(|f| to.starts_with(f))
            {
                wrong.push(format!("{from}:{line} names {to} ({why})"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn no_file_is_over_the_limit() {
    let too_long: Vec<String> = sources()
        .iter()
        .filter(|s| s.lines_of_code > MAX_LINES)
        .map(|s| format!("{}: {} lines of code", s.path, s.lines_of_code))
        .collect();
    assert!(
        too_long.is_empty(),
        "over {MAX_LINES} lines of code (split by meaning):\n{}",
        too_long.join("\n")
    );
}

/// Each `fn` in a file's code, with the line it starts on and the lines it spans.
fn functions(source: &Source) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = source.code.lines().collect();
    let mut found = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        let Some(at) = words.iter().position(|w| *w == "fn") else {
            continue;
        };
        // `fn` as a type (`impl Fn`, `fn(u32) -> u32`) has no name after it.
        let Some(name) = words.get(at + 1) else {
            continue;
        };
        if !line.contains(&format!("fn {name}")) {
            continue;
        }
        let mut depth = 0i64;
        let mut opened = false;
        'scan: for (j, body) in lines[i..].iter().enumerate() {
            for c in body.chars() {
                match c {
                    '{' => {
                        depth += 1;
                        opened = true;
                    }
                    '}' => depth -= 1,
                    ';' if !opened => break 'scan,
                    _ => {}
                }
                if opened && depth == 0 {
                    found.push((name.to_string(), i + 1, j + 1));
                    break 'scan;
                }
            }
        }
    }
    found
}

#[test]
fn no_function_is_over_the_limit() {
    let mut too_long = Vec::new();
    for source in sources() {
        for (name, line, span) in functions(&source) {
            if span > MAX_FUNCTION_LINES {
                too_long.push(format!("{}:{line} fn {name}: {span} lines", source.path));
            }
        }
    }
    assert!(
        too_long.is_empty(),
        "functions over {MAX_FUNCTION_LINES} lines (split by meaning):\n{}",
        too_long.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_check() {
    let source = |path: &str, text: &str| Source {
        path: path.into(),
        module: vec!["a".into(), "b".into()],
        code: blank_literals(text),
        lines_of_code: 0,
    };
    let s = source(
        "src/a/b.rs",
        "use crate::x::{y::{self, Z}, w as v};\n// crate::comment::Nope\nfn f() { let s = \"crate::text\"; let c = '\"'; super::sibling::g(); super::super::top::h(); }\n",
    );
    let found: Vec<String> = paths(&s).into_iter().map(|(p, _)| p.join("::")).collect();
    assert_eq!(
        found,
        ["x::y", "x::y::Z", "x::w", "a::sibling::g", "top::h"],
        "{found:?}"
    );
    let f = source(
        "src/a/b.rs",
        "fn short() {\n}\nfn long(x: impl Fn(u32) -> u32) -> u32 {\n    let s = \"}\";\n    x(1)\n}\n",
    );
    assert_eq!(
        functions(&f),
        [("short".to_string(), 1, 2), ("long".to_string(), 3, 4)]
    );
    let graph: BTreeMap<String, BTreeMap<String, usize>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(f, to)| {
        (
            f.to_string(),
            to.into_iter().map(|t| (t.to_string(), 1)).collect(),
        )
    })
    .collect();
    assert_eq!(circles(&graph), [vec!["a", "b", "c"]]);
    assert_eq!(
        above_tests("fn a() {}\n#[cfg(test)]\nfn helper() {}\n#[cfg(test)]\n\nmod tests {}\n"),
        "fn a() {}\n#[cfg(test)]\nfn helper() {}"
    );
}
