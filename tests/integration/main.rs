//! One integration test binary, a module per area. Fixture sites live in
//! tests/fixtures/; each test builds into a temporary folder and asserts on
//! the files, or writes a small site of its own to break on purpose.

mod architecture;
mod archive;
mod check;
mod cli;
mod errors;
mod example;
mod figures;
mod hostile;
mod import;
#[cfg(unix)]
mod interrupted;
mod invalid;
mod languages;
mod messages;
mod new;
mod output;
mod pdf;
mod photos;
mod serve;
mod serve_load;
mod stats;
mod support;
mod themes;
mod two_years;
