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

/// The server process (and the file of its logs), killed and reaped when dropped.
pub struct Server(pub Child, pub std::path::PathBuf);

impl Server {
    /// Asks the process to stop (SIGTERM), as a service manager does.
    pub fn terminate(&self) {
        let pid = i32::try_from(self.0.id()).unwrap();
        // SAFETY: kill(2) on our own child's pid, with a valid signal number.
        assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    }

    /// Waits for the process to end by itself; true when it ended successfully.
    pub async fn wait_ended(mut self, within: Duration) -> bool {
        let started = std::time::Instant::now();
        loop {
            if let Some(status) = self.0.try_wait().unwrap() {
                return status.success();
            }
            assert!(started.elapsed() < within, "still running after {within:?}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

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

/// The crate's binary with an environment of its own: only `PATH`, and a shifted clock when
/// the tests run under one (Debian's faketime: `LD_PRELOAD` and `FAKETIME*`), so that every
/// process lives at the same instant as the tests (scripts/test-clock).
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rdv-tunnel"));
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(std::env::vars().filter(|(k, _)| k == "LD_PRELOAD" || k.starts_with("FAKETIME")));
    command
}

pub fn start(place: &Place, port: u16) -> Server {
    start_with(place, port, &[])
}

/// Starts the server binary in `place` with these extra environment variables.
pub fn start_with(place: &Place, port: u16, env: &[(&str, String)]) -> Server {
    start_configured(place, port, "", env)
}

/// Starts the server binary in `place`, with `settings` added to its Leptos.toml and these
/// extra environment variables.
pub fn start_configured(
    place: &Place,
    port: u16,
    settings: &str,
    env: &[(&str, String)],
) -> Server {
    let dir = place.dir.path();
    static STARTED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let config = dir.join(format!("Leptos-{n}.toml"));
    let log = dir.join(format!("server-{n}.log"));
    // The tests reuse one address and read a lot: limits they do not test are lifted.
    let posts = if settings.contains("posts_per_minute") {
        "per_email_per_day = 1000\nper_client_per_day = 10000\n"
    } else {
        "posts_per_minute = 10000\nper_email_per_day = 1000\nper_client_per_day = 10000\n"
    };
    std::fs::write(
        &config,
        format!(
            "[event_types.appel]\ncalcom_id = 2283473\nlabel = \"Appel\"\nduration_minutes = 30\n\n\
             [spam]\nmin_fill_seconds = 0\n{posts}{settings}\n"
        ),
    )
    .unwrap();
    let child = binary()
        .current_dir(dir)
        .env("LEPTOS_OUTPUT_NAME", "rdv-tunnel")
        .env("LEPTOS_SITE_ROOT", dir.join("site"))
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("RDV_CONFIG", &config)
        .env("DATABASE_URL", &place.db_url)
        .env("RUST_LOG", "warn,rdv_tunnel::startup=info")
        .env("NO_COLOR", "1")
        .envs(env.iter().map(|(k, v)| (k, v)))
        // Logs (on stdout) kept beside the database, to read when a test fails.
        .stdout(
            std::fs::File::create(&log)
                .map(Stdio::from)
                .unwrap_or_else(|_| Stdio::null()),
        )
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    Server(child, log)
}

/// Starts the server binary on a port it picks itself (no race with other tests for a free
/// port): the server and its port.
pub async fn start_anywhere(
    place: &Place,
    settings: &str,
    env: &[(&str, String)],
) -> (Server, u16) {
    bound(start_configured(place, 0, settings, env)).await
}

/// A server started on port 0, once it says which port it bound.
pub async fn bound(server: Server) -> (Server, u16) {
    let log = server.1.clone();
    for _ in 0..400 {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(port) = text
            .lines()
            .filter_map(|line| line.split("listening on http://127.0.0.1:").nth(1))
            .filter_map(|rest| rest.split('/').next()?.parse::<u16>().ok())
            .next_back()
        {
            return (server, port);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!(
        "the server did not start: {}",
        std::fs::read_to_string(&log).unwrap_or_default()
    );
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
    token_of(http, port, "/prendre-rendez-vous?proposer=1").await
}

/// The first free (date, hour) of `appel` the process on `port` offers.
pub async fn first_free(http: &reqwest::Client, port: u16) -> (String, String) {
    let days: serde_json::Value = http
        .get(format!(
            "http://127.0.0.1:{port}/api/calcom/slots?type=appel&range=14"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    (
        days[0]["date"].as_str().unwrap().to_string(),
        days[0]["hours"][0].as_str().unwrap().to_string(),
    )
}

/// The contact form of `appel` on `date` at `hour`, from the process on `port`.
pub async fn booking_token(
    http: &reqwest::Client,
    port: u16,
    date: &str,
    hour: &str,
) -> crate::support::Shown {
    let page = format!("/prendre-rendez-vous?type=appel&date={date}&hour={hour}");
    let html = http
        .get(format!("http://127.0.0.1:{port}{page}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    crate::support::Shown::read(&html)
}

async fn token_of(http: &reqwest::Client, port: u16, page: &str) -> String {
    let html = http
        .get(format!("http://127.0.0.1:{port}{page}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    crate::support::html::attr(&html, "input[name='form[issued]']", "value").unwrap()
}

/// A fake Cal.com on 127.0.0.1 for the processes' event type `appel` (2283473), and the
/// environment that points them at it.
pub async fn fake_calcom_for_processes(
) -> (std::sync::Arc<super::FakeState>, (&'static str, String)) {
    let fake = super::FakeState::new(&[2283473]);
    let addr = super::fake_calcom::spawn(fake.clone(), ([127, 0, 0, 1], 0).into())
        .await
        .expect("fake Cal.com");
    (fake, ("CAL_COM_API_URL", format!("http://{addr}")))
}
