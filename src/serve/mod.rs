//! `annals serve`: the site built in memory, served on this computer,
//! rebuilt when a file changes, with open pages reloaded through
//! server-sent events.
//!
//! The server never writes: each build runs the `pipeline` into memory,
//! takes photos from the cache, and is kept, `output::assemble`d, in a map
//! from site path to bytes (or, for photos and static files, the file to
//! read), swapped whole when a build succeeds. A failed build
//! keeps the last good files for assets and puts its errors in front of
//! every page (`http::overlay`). The library does not print: what happens
//! is reported through a callback, and `main` prints it.

mod http;
mod watch;

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use tokio::sync::{broadcast, mpsc};

use crate::config::BuildOptions;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::output::{self, FileContent};
use crate::pipeline;
use crate::tr;

pub use http::{EVENTS_PATH, site_path};

/// What `annals serve` was asked for.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0: any free port.
    pub port: u16,
}

/// What the server tells whoever started it.
#[derive(Debug)]
pub enum ServeEvent {
    /// Listening at `url`; `loopback` is false where other computers can
    /// reach it.
    Listening { url: String, loopback: bool },
    /// A build succeeded; `changed` is empty for the first one.
    Built { build: u64, pages: usize, millis: u128, changed: Vec<PathBuf> },
    /// A build failed; pages show the errors until a build succeeds.
    Failed { build: u64, errors: Diagnostics, changed: Vec<PathBuf> },
    /// Changes will not be seen: the site is served as it is.
    WatchFailed(String),
}

/// Receives the server's events; `main` prints them.
pub type Reporter = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// One file of the site in memory.
#[derive(Debug, Clone)]
pub(crate) enum Served {
    Bytes(Bytes),
    /// A photo or static file, read when asked for.
    File(PathBuf),
}

/// The site as the server answers from it.
#[derive(Debug, Default)]
pub(crate) struct SiteState {
    /// Counts builds, failed ones too; pages carry it to know when to reload.
    pub build: u64,
    /// The last good build.
    pub files: HashMap<String, Served>,
    /// The errors of the last build, where it failed.
    pub errors: Option<Diagnostics>,
}

pub(crate) struct Shared {
    pub site: RwLock<SiteState>,
    /// Announces each new build number to the open pages.
    pub builds: broadcast::Sender<u64>,
    /// Turns true when the server stops, ending the event streams.
    pub stopping: tokio::sync::watch::Receiver<bool>,
    /// The address served, for the `Host` check.
    pub addr: SocketAddr,
}

/// A running server.
pub struct Server {
    addr: SocketAddr,
    stop: tokio::sync::watch::Sender<bool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Binds, builds the site and serves it on a thread of its own.
    pub fn start(options: ServeOptions, report: Reporter) -> Result<Server, crate::Error> {
        let wanted = SocketAddr::new(options.bind, options.port);
        let listener = std::net::TcpListener::bind(wanted)
            .and_then(|l| l.set_nonblocking(true).map(|()| l))
            .map_err(|e| {
                let hint = if e.kind() == std::io::ErrorKind::AddrInUse {
                    tr!(
                        "serve-port-taken-hint",
                        port = options.port,
                        next = options.port.wrapping_add(1)
                    )
                } else {
                    tr!("serve-bind-hint")
                };
                let flag =
                    if e.kind() == std::io::ErrorKind::AddrInUse { "--port" } else { "--bind" };
                Diagnostic::new(
                    flag,
                    tr!("serve-cannot-listen", address = wanted.to_string(), error = e.to_string()),
                )
                .hint(hint)
            })?;
        let addr = listener.local_addr().map_err(|e| {
            Diagnostic::new(
                "--bind",
                tr!("serve-cannot-listen", address = wanted.to_string(), error = e.to_string()),
            )
            .hint(tr!("serve-try-another-address"))
        })?;
        // Every address includes this computer's: show the one a browser
        // here can open.
        let shown = match addr.ip() {
            IpAddr::V4(ip) if ip.is_unspecified() => {
                SocketAddr::from(([127, 0, 0, 1], addr.port()))
            }
            IpAddr::V6(ip) if ip.is_unspecified() => {
                SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
            }
            _ => addr,
        };
        report(ServeEvent::Listening {
            url: format!("http://{shown}/"),
            loopback: addr.ip().is_loopback(),
        });
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let shared = Arc::new(Shared {
            site: RwLock::new(SiteState::default()),
            builds: broadcast::channel(16).0,
            stopping,
            addr,
        });
        rebuild(&shared, &options.build, &report, Vec::new());
        let (changes_tx, changes) = mpsc::unbounded_channel();
        let watcher = match watch::Watcher::start(&options.build.root, changes_tx) {
            Ok(w) => Some(w),
            Err(e) => {
                report(ServeEvent::WatchFailed(e));
                None
            }
        };
        let thread = std::thread::Builder::new()
            .name("annals serve".into())
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a single-threaded runtime starts");
                runtime.block_on(serve(listener, shared, options, report, changes, watcher));
            })
            .map_err(|e| {
                Diagnostic::new("serve", tr!("serve-cannot-start", error = e.to_string()))
                    .hint(tr!("serve-short-of-resources-hint"))
            })?;
        Ok(Server { addr, stop, thread: Some(thread) })
    }

    /// The address it listens on (with the port chosen where 0 was asked).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops serving: open pages' event streams end, requests in flight
    /// finish (for two seconds at most).
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Serves until Ctrl-C.
pub fn run(options: ServeOptions, report: Reporter) -> Result<(), crate::Error> {
    let server = Server::start(options, report)?;
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| {
            Diagnostic::new("serve", tr!("serve-cannot-wait", error = e.to_string()))
                .hint(tr!("serve-short-of-resources-hint"))
        })?;
    let _ = runtime.block_on(tokio::signal::ctrl_c());
    server.stop();
    Ok(())
}

async fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    options: ServeOptions,
    report: Reporter,
    changes: mpsc::UnboundedReceiver<watch::Change>,
    watcher: Option<watch::Watcher>,
) {
    let listener = match tokio::net::TcpListener::from_std(listener) {
        Ok(l) => l,
        Err(e) => {
            report(ServeEvent::WatchFailed(tr!("serve-cannot-serve", error = e.to_string())));
            return;
        }
    };
    let rebuilds = tokio::spawn(rebuild_on_change(
        shared.clone(),
        options.build.clone(),
        report.clone(),
        changes,
        watcher,
    ));
    let app = http::router(shared.clone());
    let mut stopping = shared.stopping.clone();
    let mut stopping_late = shared.stopping.clone();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        let _ = stopping.wait_for(|s| *s).await;
    });
    tokio::select! {
        _ = server => {}
        _ = async move {
            let _ = stopping_late.wait_for(|s| *s).await;
            tokio::time::sleep(Duration::from_secs(2)).await;
        } => {}
    }
    rebuilds.abort();
}

/// Rebuilds after each burst of changes that matter. Bursts are coalesced
/// twice: by the watcher's debounce, and here by taking every change that
/// arrived while the last build ran into the next one.
async fn rebuild_on_change(
    shared: Arc<Shared>,
    options: BuildOptions,
    report: Reporter,
    mut changes: mpsc::UnboundedReceiver<watch::Change>,
    mut watcher: Option<watch::Watcher>,
) {
    let root = options.root.clone();
    let output = options.output_dir();
    while let Some(first) = changes.recv().await {
        let mut batch = vec![first];
        while let Ok(more) = changes.try_recv() {
            batch.push(more);
        }
        let mut paths = Vec::new();
        for change in batch {
            match change {
                watch::Change::Paths(p) => paths.extend(p),
                watch::Change::Error(e) => report(ServeEvent::WatchFailed(e)),
            }
        }
        let changed = watch::relevant(&root, &output, paths);
        if changed.is_empty() {
            continue;
        }
        if let Some(w) = &mut watcher {
            // A folder such as templates/ may have just been made.
            w.watch_new_folders();
        }
        let (shared, options, report) = (shared.clone(), options.clone(), report.clone());
        let _ =
            tokio::task::spawn_blocking(move || rebuild(&shared, &options, &report, changed)).await;
    }
}

/// Builds the site in memory and puts it in place of the last one.
fn rebuild(shared: &Shared, options: &BuildOptions, report: &Reporter, changed: Vec<PathBuf>) {
    let started = Instant::now();
    let result = build_in_memory(options);
    let mut site = shared.site.write().unwrap_or_else(|e| e.into_inner());
    site.build += 1;
    let build = site.build;
    let event = match result {
        Ok(files) => {
            let pages = files.keys().filter(|p| p.ends_with(".html")).count();
            site.files = files;
            site.errors = None;
            ServeEvent::Built { build, pages, millis: started.elapsed().as_millis(), changed }
        }
        Err(errors) => {
            site.errors = Some(errors.clone());
            ServeEvent::Failed { build, errors, changed }
        }
    };
    drop(site);
    let _ = shared.builds.send(build);
    report(event);
}

fn build_in_memory(options: &BuildOptions) -> Result<HashMap<String, Served>, Diagnostics> {
    let mut loaded = pipeline::load(options).map_err(into_diagnostics)?;
    let files = output::Memory::default();
    pipeline::editions(&mut loaded, options, &files).map_err(into_diagnostics)?;
    pipeline::render(&loaded, &files).map_err(into_diagnostics)?;
    let mut files = files.into_files();
    // Photos come from the cache outside the site; nothing is written to
    // the output folder.
    let (photos, _, _) =
        pipeline::photos(&loaded, options, &crate::images::Quiet).map_err(into_diagnostics)?;
    files.extend(photos);
    let files = output::assemble(files).map_err(|e| into_diagnostics(crate::Error::Output(e)))?;
    Ok(files
        .into_iter()
        .map(|f| {
            let served = match f.content {
                FileContent::Bytes(b) => Served::Bytes(Bytes::from(b)),
                FileContent::Copy(p) => Served::File(p),
            };
            (f.path, served)
        })
        .collect())
}

fn into_diagnostics(e: crate::Error) -> Diagnostics {
    match e {
        crate::Error::Content(d) => d,
        crate::Error::Output(o) => Diagnostic::from(o).into(),
    }
}
