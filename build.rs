//! Lists the message catalogues (`locales/<lang>.ftl`) for the server to embed: adding a
//! language is adding a file there.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("locales/ is readable")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    files.sort();
    let mut code = String::from("&[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let lang = path.file_stem().and_then(|s| s.to_str()).expect("a UTF-8 file name");
        code.push_str(&format!("    ({lang:?}, include_str!({:?})),\n", path.display().to_string()));
    }
    code.push(']');
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogues.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
