//! Real server processes (the crate's binary), for what only processes show: kills,
//! restarts, several instances on one database.

use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

/// Where servers run: a folder for their files, and one database they share (a SQLite file
/// in the folder, or a new PostgreSQL database when the tests run on PostgreSQL).
pub struct Place {
    pub dir: tempfile::TempDir,
    pub db_url: String,
}

/// A new place, with a new empty database.
pub async fn place() -> Place {
    let dir = tempfile::tempdir().unwrap();
    let db_url = super::new_database_url(dir.path()).await;
    Place { dir, db_url }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The server process, killed and reaped when dropped.
pub struct Server(pub Child);

impl Server {
    pub fn kill(&mut self) {
        // SIGKILL: no graceful shutdown, no flush.
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub fn start(place: &Place, port: u16) -> Server {
    start_with(place, port, &[])
}

/// Starts the server binary in `place` with these extra environment variables.
pub fn start_with(place: &Place, port: u16, env: &[(&str, String)]) -> Server {
    let dir = place.dir.path();
    let config = dir.join("Leptos.toml");
    std::fs::write(
        &config,
        "[event_types.appel]\ncalcom_id = 2283473\nlabel = \"Appel\"\nduration_minutes = 30\n\n\
         [spam]\nmin_fill_seconds = 0\nposts_per_minute = 10000\n",
    )
    .unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_rdv-tunnel"))
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("LEPTOS_OUTPUT_NAME", "rdv-tunnel")
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RDV_CONFIG", &config)
        .env("DATABASE_URL", &place.db_url)
        .env("RUST_LOG", "warn")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    Server(child)
}

pub async fn wait_healthy(http: &reqwest::Client, port: u16) {
    for _ in 0..200 {
        if let Ok(r) = http
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
        {
            if r.status() == 200 {
                return;
            }
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not become healthy");
}

pub async fn token(http: &reqwest::Client, port: u16) -> String {
    let html = http
        .get(format!(
            "http://127.0.0.1:{port}/prendre-rendez-vous?proposer=1"
        ))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    crate::support::html::attr(&html, "input[name='form[issued]']", "value").unwrap()
}
