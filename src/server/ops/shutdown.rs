//! Stopping well (SIGTERM from a service manager or an orchestrator, or Ctrl-C): stop
//! accepting connections, let requests in flight finish, let the notification worker finish
//! the delivery it is making and give back what else it claimed, close the database; all
//! within a deadline (`RDV_SHUTDOWN_SECONDS`) after which the process ends anyway.

use std::{
    sync::{Arc, Mutex, OnceLock},
    time::Duration,
};

use tokio::{sync::watch, task::JoinHandle, time::Instant};

/// The process's stop: asked once, seen by everything that must finish well.
#[derive(Clone)]
pub struct Shutdown {
    asked: Arc<watch::Sender<bool>>,
    /// When it was asked.
    since: Arc<OnceLock<Instant>>,
    /// Background tasks that must end before the process does.
    tasks: Arc<Mutex<Vec<JoinHandle<()>>>>,
}

impl Default for Shutdown {
    fn default() -> Self {
        Self {
            asked: Arc::new(watch::channel(false).0),
            since: Arc::new(OnceLock::new()),
            tasks: Arc::default(),
        }
    }
}

impl Shutdown {
    /// Asks everything to stop.
    pub fn begin(&self) {
        self.since.get_or_init(Instant::now);
        self.asked.send_replace(true);
    }

    /// True once the stop was asked.
    pub fn is_asked(&self) -> bool {
        *self.asked.borrow()
    }

    /// Resolves once the stop is asked (at once if it already was).
    pub async fn asked(&self) {
        let mut seen = self.asked.subscribe();
        // Only fails when the sender is gone, and `self` holds it.
        let _ = seen.wait_for(|asked| *asked).await;
    }

    /// Resolves `grace` after the stop was asked.
    pub async fn deadline(&self, grace: Duration) {
        self.asked().await;
        let since = *self.since.get_or_init(Instant::now);
        tokio::time::sleep_until(since + grace).await;
    }

    /// Keeps `task` to be waited for at the end.
    pub fn track(&self, task: JoinHandle<()>) {
        if let Ok(mut tasks) = self.tasks.lock() {
            tasks.push(task);
        }
    }

    /// Waits for the tracked tasks, until `grace` after the stop was asked; false when some
    /// had to be left unfinished.
    pub async fn finish_tasks(&self, grace: Duration) -> bool {
        let tasks = self
            .tasks
            .lock()
            .map(|mut tasks| std::mem::take(&mut *tasks))
            .unwrap_or_default();
        let all = async {
            for task in tasks {
                let _ = task.await;
            }
        };
        tokio::select! {
            () = all => true,
            () = self.deadline(grace) => false,
        }
    }
}

/// Resolves when the process is asked to stop (Ctrl-C or SIGTERM).
pub async fn signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tasks_are_waited_for_until_the_deadline_only() {
        let shutdown = Shutdown::default();
        assert!(!shutdown.is_asked());
        let quick = shutdown.clone();
        shutdown.track(tokio::spawn(async move { quick.asked().await }));
        shutdown.begin();
        assert!(shutdown.is_asked());
        assert!(shutdown.finish_tasks(Duration::from_secs(5)).await);

        shutdown.track(tokio::spawn(std::future::pending()));
        let started = Instant::now();
        assert!(!shutdown.finish_tasks(Duration::from_millis(300)).await);
        assert!(
            started.elapsed() < Duration::from_millis(400),
            "the deadline counts from the stop"
        );
    }
}
