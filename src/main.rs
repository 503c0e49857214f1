//! Server entry point: process-wide settings, the async runtime, then [`startup::run`].
//!
//! [`startup::run`]: rdv_tunnel::startup::run

/// glibc raises its mmap threshold each time a large block is freed; past that, large
/// buffers (a brotli encoder's window: megabytes per compressed response) come from the heap
/// and stay there after use. Measured here: RSS grew from 20 to 38 MB over a few browser
/// loads. A fixed threshold gives such buffers back to the system when they are freed.
#[cfg(all(feature = "ssr", target_os = "linux", target_env = "gnu"))]
fn return_large_buffers_to_the_system() {
    // SAFETY: mallopt only sets an allocator parameter; it runs once, before any other
    // thread exists.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
    }
}

#[cfg(feature = "ssr")]
fn main() -> std::process::ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    return_large_buffers_to_the_system();
    // A few blocking threads are plenty for static files and SQLite; tokio's default (512)
    // lets a burst of asset requests start threads that each keep memory afterwards.
    match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(4)
        .build()
    {
        Ok(runtime) => runtime.block_on(rdv_tunnel::startup::run()),
        Err(error) => {
            eprintln!("rdv-tunnel: cannot start the runtime: {error}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[cfg(not(feature = "ssr"))]
pub fn main() {
    // The browser entry point is `hydrate` in lib.rs.
}
