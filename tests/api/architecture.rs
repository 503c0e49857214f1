//! The source tree keeps its shape: small files, all SQL in the store, and no two modules
//! that import each other, directly or through others, at any level of the tree.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

/// Longest source file accepted: past this, a file usually holds two concerns.
const MAX_LINES: usize = 350;

/// A module's path from the crate root (`["server", "store"]`), and its source.
type Modules = BTreeMap<Vec<String>, String>;

fn modules() -> Modules {
    fn walk(dir: &Path, modules: &mut Modules) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, modules);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix("src").unwrap().with_extension("");
            let mut segments: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            match segments.last().map(String::as_str) {
                Some("main") if segments.len() == 1 => continue,
                Some("lib") if segments.len() == 1 => segments.clear(),
                Some("mod") => {
                    segments.pop();
                }
                _ => {}
            }
            modules.insert(segments, fs::read_to_string(&path).unwrap());
        }
    }
    let mut modules = Modules::new();
    walk(Path::new("src"), &mut modules);
    modules
}

/// The code of a file without its unit tests and comments.
fn code(source: &str) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    source
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths of a `use` tree (`a::{b, c::{d}}` gives `a::b` and `a::c::d`).
fn expand(tree: &str) -> Vec<Vec<String>> {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or_default();
        return vec![path.split("::").map(|s| s.trim().to_string()).collect()];
    };
    let prefix: Vec<String> = tree[..open]
        .split("::")
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut parts, mut current, mut depth) = (Vec::new(), String::new(), 0);
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    parts.push(current);
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .flat_map(|p| expand(p))
        .map(|rest| prefix.iter().cloned().chain(rest).collect())
        .collect()
}

/// The module a path names, from the module `from` (the longest prefix that is a module).
fn resolve(from: &[String], path: &[String], modules: &Modules) -> Option<Vec<String>> {
    let (mut module, rest) = match path.first().map(String::as_str) {
        Some("crate") => (Vec::new(), &path[1..]),
        Some("self") => (from.to_vec(), &path[1..]),
        Some("super") => {
            let ups = path.iter().take_while(|s| *s == "super").count();
            (from[..from.len().checked_sub(ups)?].to_vec(), &path[ups..])
        }
        _ => return None,
    };
    for segment in rest {
        module.push(segment.clone());
        if !modules.contains_key(&module) {
            module.pop();
            break;
        }
    }
    Some(module)
}

/// Who imports whom. A module's imports of its own submodules (their declarations and
/// re-exports) are its interface, not a dependency.
fn imports(modules: &Modules) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let mut edges = BTreeMap::new();
    for (module, source) in modules {
        let code = code(source);
        let mut paths = Vec::new();
        for statement in code.split("use ").skip(1) {
            if let Some(tree) = statement.split(';').next() {
                paths.extend(expand(tree));
            }
        }
        // Paths written inline: `crate::server::booking::book::book(…)`.
        for word in code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
            if ["crate::", "super::", "self::"]
                .iter()
                .any(|p| word.starts_with(p))
            {
                paths.push(word.split("::").map(str::to_string).collect());
            }
        }
        let targets: BTreeSet<Vec<String>> = paths
            .iter()
            .filter_map(|path| resolve(module, path, modules))
            .filter(|target| !target.starts_with(module))
            .collect();
        edges.insert(module.clone(), targets);
    }
    edges
}

/// The modules on a cycle of `edges`, if any.
fn cycle(edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<Vec<String>>> {
    fn visit(
        node: &Vec<String>,
        edges: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        path: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<Vec<String>>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            return Some(path[at..].to_vec());
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.clone());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

#[test]
fn no_source_file_is_over_350_lines() {
    let long: Vec<String> = modules()
        .iter()
        .filter(|(_, source)| source.lines().count() > MAX_LINES)
        .map(|(module, source)| format!("{} ({})", module.join("::"), source.lines().count()))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

#[test]
fn every_sql_statement_is_in_the_store() {
    let outside: Vec<String> = modules()
        .iter()
        .filter(|(module, _)| !module.starts_with(&["server".to_string(), "store".to_string()]))
        .filter(|(_, source)| {
            ["sqlx::query", "query_as", "query_scalar", "sqlx::migrate"]
                .iter()
                .any(|call| source.contains(call))
        })
        .map(|(module, _)| module.join("::"))
        .collect();
    assert!(outside.is_empty(), "SQL outside server::store: {outside:?}");
}

#[test]
fn no_two_modules_import_each_other_at_any_level() {
    let modules = modules();
    let edges = imports(&modules);
    let depth = modules.keys().map(Vec::len).max().unwrap_or(0);
    // Files first, then the folders they are grouped in, up to the crate's top level.
    for level in (1..=depth).rev() {
        let mut grouped: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (from, targets) in &edges {
            let group = |m: &Vec<String>| m[..m.len().min(level)].to_vec();
            let entry = grouped.entry(group(from)).or_default();
            for target in targets {
                let to = group(target);
                // A folder may use what it groups; only links between groups count.
                if !to.starts_with(&group(from)) && !group(from).starts_with(&to) {
                    entry.insert(to);
                }
            }
        }
        if let Some(found) = cycle(&grouped) {
            let names: Vec<String> = found.iter().map(|m| m.join("::")).collect();
            panic!("import cycle at depth {level}: {}", names.join(" → "));
        }
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    // The check above must be able to fail: a cycle planted in a small graph is found.
    let node = |s: &str| vec![s.to_string()];
    let edges = BTreeMap::from([
        (node("a"), BTreeSet::from([node("b")])),
        (node("b"), BTreeSet::from([node("c")])),
        (node("c"), BTreeSet::from([node("a")])),
    ]);
    assert_eq!(cycle(&edges).map(|c| c.len()), Some(3));
    let tree = expand("super::{a::b, c::{d, e as f}}");
    assert_eq!(tree.len(), 3);
    assert_eq!(tree[2], ["super", "c", "e"]);
}
