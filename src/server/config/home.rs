//! Where the server's files are: its home. Relative paths (`Leptos.toml`, `.env`, the site
//! folder, a SQLite file such as `data/rdv-tunnel.db`) are read from there, whatever directory
//! the service manager starts it in.
//!
//! The home is `RDV_HOME` when set; otherwise the binary's own directory when it holds a
//! `Leptos.toml` (a release archive, unpacked anywhere); otherwise the working directory (a
//! development checkout, where the binary lives under `target/`).

use std::path::{Path, PathBuf};

/// The settings file a release archive puts beside the binary.
const SETTINGS: &str = "Leptos.toml";
/// The site folder of a release archive (the build's `target/site`).
pub const ARCHIVE_SITE: &str = "site";

/// The server's home directory (see the module's documentation).
pub fn home() -> PathBuf {
    if let Some(home) = std::env::var_os("RDV_HOME").filter(|h| !h.is_empty()) {
        return PathBuf::from(home);
    }
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .filter(|dir| dir.join(SETTINGS).is_file())
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Makes the home the working directory, so that every relative path is read from it.
pub fn enter(home: &Path) -> std::io::Result<()> {
    if home == Path::new(".") {
        return Ok(());
    }
    std::env::set_current_dir(home)
}

/// The site folder: `LEPTOS_SITE_ROOT` when set; else a release archive's `site/` when there is
/// one and `configured` (the build's `target/site`) is not there.
pub fn site_root(configured: &str) -> Option<String> {
    if std::env::var_os("LEPTOS_SITE_ROOT").is_some() || Path::new(configured).is_dir() {
        return None;
    }
    Path::new(ARCHIVE_SITE)
        .is_dir()
        .then(|| ARCHIVE_SITE.to_string())
}
