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

/// The paths a file names (its `use` trees, paths in code and in macro bodies), each as
/// written from the file's module: Rust as the compiler reads it, so strings and comments say
/// anything, and unit tests (`#[cfg(test)]`) may use what they like.
fn paths_of(source: &str) -> Vec<Vec<String>> {
    use syn::visit::Visit;

    struct Paths {
        found: Vec<Vec<String>>,
        /// How deep inside inline modules (`mod x { … }`) the visit is.
        inline: usize,
    }

    impl Paths {
        /// Keeps `path` if it starts at the crate or climbs out of the file's module.
        fn keep(&mut self, path: Vec<String>) {
            let ups = path.iter().take_while(|s| *s == "super").count();
            match path.first().map(String::as_str) {
                Some("crate") => self.found.push(path),
                Some("super") if ups > self.inline => {
                    self.found.push(path[self.inline..].to_vec());
                }
                _ => {}
            }
        }
    }

    fn expand(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                expand(&p.tree, prefix, out);
                prefix.pop();
            }
            syn::UseTree::Name(n) => out.push(with(prefix, &n.ident.to_string())),
            syn::UseTree::Rename(r) => out.push(with(prefix, &r.ident.to_string())),
            syn::UseTree::Glob(_) => out.push(prefix.clone()),
            syn::UseTree::Group(g) => g.items.iter().for_each(|t| expand(t, prefix, out)),
        }
    }

    fn with(prefix: &[String], last: &str) -> Vec<String> {
        prefix.iter().cloned().chain([last.to_string()]).collect()
    }

    /// `crate::a::b` or `super::a` written inside a macro's tokens (`view! {…}`, `format!`).
    fn in_tokens(tokens: proc_macro2::TokenStream, out: &mut Vec<Vec<String>>) {
        use proc_macro2::TokenTree;
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut at = 0;
        while at < tokens.len() {
            if let TokenTree::Group(group) = &tokens[at] {
                in_tokens(group.stream(), out);
            }
            let starts = matches!(&tokens[at], TokenTree::Ident(i) if i == "crate" || i == "super");
            if !starts {
                at += 1;
                continue;
            }
            let mut path = vec![tokens[at].to_string()];
            at += 1;
            while let (
                Some(TokenTree::Punct(a)),
                Some(TokenTree::Punct(b)),
                Some(TokenTree::Ident(next)),
            ) = (tokens.get(at), tokens.get(at + 1), tokens.get(at + 2))
            {
                if a.as_char() != ':' || b.as_char() != ':' {
                    break;
                }
                path.push(next.to_string());
                at += 3;
            }
            out.push(path);
        }
    }

    fn is_test(attrs: &[syn::Attribute]) -> bool {
        attrs.iter().any(|a| {
            a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
        })
    }

    impl<'ast> Visit<'ast> for Paths {
        fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
            let mut out = Vec::new();
            expand(&item.tree, &mut Vec::new(), &mut out);
            out.into_iter().for_each(|p| self.keep(p));
        }

        fn visit_path(&mut self, path: &'ast syn::Path) {
            self.keep(path.segments.iter().map(|s| s.ident.to_string()).collect());
            syn::visit::visit_path(self, path);
        }

        fn visit_macro(&mut self, mac: &'ast syn::Macro) {
            let mut out = Vec::new();
            in_tokens(mac.tokens.clone(), &mut out);
            out.into_iter().for_each(|p| self.keep(p));
            syn::visit::visit_macro(self, mac);
        }

        fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
            if is_test(&item.attrs) || item.content.is_none() {
                return;
            }
            self.inline += 1;
            syn::visit::visit_item_mod(self, item);
            self.inline -= 1;
        }

        fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
            if !is_test(&item.attrs) {
                syn::visit::visit_item_fn(self, item);
            }
        }
    }

    let file = syn::parse_file(source).expect("every source file parses as Rust");
    let mut paths = Paths {
        found: Vec::new(),
        inline: 0,
    };
    paths.visit_file(&file);
    paths.found
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
        let targets: BTreeSet<Vec<String>> = paths_of(source)
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
    let tree = paths_of("use super::{a::b, c::{d, e as f}};");
    assert_eq!(tree.len(), 3);
    assert_eq!(tree[2], ["super", "c", "e"]);
}

#[test]
fn imports_are_read_as_rust_not_as_text() {
    let source = r#"
        //! use crate::server::in_a_comment;
        use crate::server::{a::b, c};
        const SAID: &str = "use crate::server::in_a_string; super::nothing";
        fn f() {
            crate::server::d::call();
            tracing::info!("{}", crate::server::e::value());
        }
        mod inline {
            use super::super::g;
            use super::h;
        }
        #[cfg(test)]
        mod tests {
            use crate::server::only_in_tests;
        }
    "#;
    let found: Vec<String> = paths_of(source).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "crate::server::a::b",
            "crate::server::c",
            "crate::server::d::call",
            "crate::server::e::value",
            "super::g",
        ]
    );
}
