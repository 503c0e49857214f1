//! Lists the message catalogues (`locales/<lang>.ftl`) for the server to embed: adding a
//! language is adding a file there.

use std::{env, error::Error, fs, path::Path};

fn main() -> Result<(), Box<dyn Error>> {
    // Read when the script runs, not when it was compiled: a target directory shared by two
    // checkouts (the CI's, a worktree's) reuses the compiled script for either.
    let dir = Path::new(&env::var("CARGO_MANIFEST_DIR")?).join("locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    files.sort();
    let mut code = String::from("&[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let lang = path
            .file_stem()
            .and_then(|s| s.to_str())
            .ok_or_else(|| format!("{} is not named in UTF-8", path.display()))?;
        code.push_str(&format!(
            "    ({lang:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push(']');
    fs::write(Path::new(&env::var("OUT_DIR")?).join("catalogues.rs"), code)?;
    Ok(())
}
