//! The shape of `src/` that docs/architecture.md promises: no file over
//! 700 lines, and no import cycle between modules. Two modules of the
//! same parent depend on each other when any file of one names the other
//! (`use crate::…`, `super::…`, or a path in the code); a parent and its
//! own children are one unit, not a cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use super::support::repo_root;

/// Every `.rs` file under src/ (the binary's main.rs aside) by its module
/// path: `render::views` → its text.
fn modules() -> BTreeMap<Vec<String>, String> {
    let src = repo_root().join("src");
    let mut out = BTreeMap::new();
    for entry in walkdir(&src) {
        let rel = entry.strip_prefix(&src).unwrap().with_extension("");
        let mut path: Vec<String> =
            rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if path == ["main"] {
            continue;
        }
        if path.last().is_some_and(|l| l == "mod" || l == "lib") {
            path.pop();
        }
        out.insert(path, fs::read_to_string(&entry).unwrap());
    }
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// The code of a file without comments and string literals, which may
/// mention `crate::x` without depending on it.
fn code(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut previous = ' ';
    let mut before_previous = ' ';
    while let Some(c) = chars.next() {
        // `br"…"`: the `b` of a byte string is no word before its `r`.
        let byte_string = previous == 'b' && !before_previous.is_alphanumeric();
        let after_word = (previous.is_alphanumeric() || previous == '_') && !byte_string;
        before_previous = previous;
        previous = c;
        match c {
            // A raw string: r"…" or r#"…"#.
            'r' if !after_word && matches!(chars.peek(), Some('"' | '#')) => {
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.next() != Some('"') {
                    continue;
                }
                let close = format!("\"{}", "#".repeat(hashes));
                let mut seen = String::new();
                for c in chars.by_ref() {
                    seen.push(c);
                    if seen.ends_with(&close) {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            // A character literal ('"', '\\''), not a lifetime ('a).
            '\'' => {
                let mut ahead = chars.clone();
                match (ahead.next(), ahead.next()) {
                    (Some('\\'), _) => {
                        chars.next();
                        chars.next();
                        for c in chars.by_ref() {
                            if c == '\'' {
                                break;
                            }
                        }
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                    }
                    _ => out.push(c),
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '"' => {
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            chars.next();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push_str("\"\"");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Every path a file names: `use` trees flattened (`use super::{a, b::c}`
/// names `super::a` and `super::b::c`) and paths written in the code.
fn named_paths(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    for (i, _) in code.match_indices("use ") {
        let before = code[..i].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = code[i..].find(';') else { continue };
        flatten("", &code[i + 4..i + end], &mut paths);
    }
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        for (i, _) in code.match_indices(start) {
            if i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_') {
                continue;
            }
            let len = code[i..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(code.len() - i);
            paths.push(code[i..i + len].trim_end_matches(':').to_owned());
        }
    }
    paths
}

/// `prefix` + each path of a use tree such as `a::{b, c::{d, e}}`.
fn flatten(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    match tree.find('{') {
        None => {
            let path = tree.split(" as ").next().unwrap_or("").trim();
            out.push(format!("{prefix}{path}"));
        }
        Some(open) => {
            let head = format!("{prefix}{}", &tree[..open]);
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        flatten(&head, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            if !inner[start..].trim().is_empty() {
                flatten(&head, &inner[start..], out);
            }
        }
    }
}

/// The module a path names, from the file at `from`: the longest known
/// module its segments lead to.
fn target(from: &[String], path: &str, known: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    let mut segments = path.split("::").filter(|s| !s.is_empty());
    let mut at: Vec<String> = match segments.next()? {
        "crate" => Vec::new(),
        "super" => from[..from.len().checked_sub(1)?].to_vec(),
        _ => return None,
    };
    for segment in segments {
        if segment == "super" {
            at.pop();
            continue;
        }
        let mut next = at.clone();
        next.push(segment.to_owned());
        if !known.contains(&next) {
            break;
        }
        at = next;
    }
    Some(at)
}

/// For each parent module, the dependencies between its children.
fn sibling_graphs() -> BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> {
    let modules = modules();
    let known: BTreeSet<Vec<String>> = modules.keys().cloned().collect();
    let mut graphs: BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>> = BTreeMap::new();
    for (from, text) in &modules {
        for path in named_paths(&code(text)) {
            let Some(to) = target(from, &path, &known) else { continue };
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            // A module and its ancestors or descendants are one unit.
            if common == from.len() || common == to.len() {
                continue;
            }
            graphs
                .entry(from[..common].to_vec())
                .or_default()
                .entry(from[common].clone())
                .or_default()
                .insert(to[common].clone());
        }
    }
    add_method_calls(&modules, &mut graphs);
    graphs
}

/// The methods a module defines for its siblings (`pub(super) fn name(&self`
/// or `&mut self`), as the stages of `content` do on the `Loader` they
/// share: a sibling that calls `self.name(` depends on that module.
fn add_method_calls(
    modules: &BTreeMap<Vec<String>, String>,
    graphs: &mut BTreeMap<Vec<String>, BTreeMap<String, BTreeSet<String>>>,
) {
    let codes: BTreeMap<&Vec<String>, String> =
        modules.iter().map(|(path, text)| (path, code(text))).collect();
    let mut defined: BTreeMap<(Vec<String>, String), Vec<String>> = BTreeMap::new();
    for (path, code) in &codes {
        let Some((name, parent)) = path.split_last() else { continue };
        for (i, _) in code.match_indices("pub(super) fn ") {
            let rest = &code[i + "pub(super) fn ".len()..];
            let method: String =
                rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            let after = rest[method.len()..].trim_start();
            let after =
                after.strip_prefix('<').map_or(after, |a| a.split_once('>').map_or("", |x| x.1));
            let params = after.trim_start().strip_prefix('(').unwrap_or("").trim_start();
            if params.starts_with("&self") || params.starts_with("&mut self") {
                defined.entry((parent.to_vec(), method)).or_default().push(name.clone());
            }
        }
    }
    for ((parent, method), owners) in defined {
        let [owner] = owners.as_slice() else { continue };
        let call = format!("self.{method}(");
        for (path, code) in &codes {
            let Some((name, from_parent)) = path.split_last() else { continue };
            if *from_parent == parent && name != owner && code.contains(&call) {
                let graph = graphs.entry(parent.clone()).or_default();
                graph.entry(name.clone()).or_default().insert(owner.clone());
            }
        }
    }
}

/// A cycle in `graph`, as the modules along it.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut found = stack[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, graph, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn src_has_no_import_cycle() {
    let graphs = sibling_graphs();
    // The checker sees the dependencies it must: the stages' order.
    let top = &graphs[&Vec::new()];
    assert!(top["render"].contains("content") && top["images"].contains("content"));
    assert!(graphs[&vec!["render".to_owned()]]["figures"].contains("charts"));
    // Calls of a method another stage defines count too.
    let content = &graphs[&vec!["content".to_owned()]];
    assert!(content["tree"].contains("pages") && content["pages"].contains("photos"));
    let cycles: Vec<String> = graphs
        .iter()
        .filter_map(|(parent, graph)| {
            cycle(graph).map(|c| format!("in `crate::{}`: {}", parent.join("::"), c.join(" → ")))
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_checker_finds_a_cycle_between_siblings() {
    let graph = BTreeMap::from([
        ("a".to_owned(), BTreeSet::from(["b".to_owned()])),
        ("b".to_owned(), BTreeSet::from(["c".to_owned()])),
        ("c".to_owned(), BTreeSet::from(["a".to_owned()])),
    ]);
    assert_eq!(cycle(&graph).unwrap(), ["a", "b", "c", "a"]);
    let mut paths = Vec::new();
    flatten("", "super::{charts::{self, Bar}, urls}", &mut paths);
    assert_eq!(paths, ["super::charts::self", "super::charts::Bar", "super::urls"]);
    let known = BTreeSet::from([vec!["render".to_owned()], vec!["render".into(), "charts".into()]]);
    let from = vec!["render".to_owned(), "views".to_owned()];
    assert_eq!(target(&from, "super::charts::Bar", &known).unwrap(), ["render", "charts"]);
    assert_eq!(target(&from, "crate::render", &known).unwrap(), ["render"]);
    // Comments and literals name no module.
    let hidden = "/* crate::a \" */ let q = '\"'; let b = br\"crate::b\"; // crate::c";
    assert!(!code(hidden).contains("crate::"), "{}", code(hidden));
}

#[test]
fn no_file_in_src_is_over_700_lines() {
    let src = repo_root().join("src");
    let long: Vec<String> = walkdir(&src)
        .into_iter()
        .filter_map(|f| {
            let lines = fs::read_to_string(&f).unwrap().lines().count();
            (lines > 700).then(|| format!("{} ({lines} lines)", f.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these by responsibility: {}", long.join(", "));
}
