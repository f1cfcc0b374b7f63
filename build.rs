//! Build steps that save work at every start of the program:
//!
//! - The embedded schema (`index-schema/schema.toml`) is converted to JSON once here, so
//!   that `NewsSchema::default()` does not parse TOML at every start (see
//!   `src/index/schema.rs`); the TOML file stays the one source.
//! - The `newsdex` binary is linked as a fixed-position (non-PIE) executable on Linux. A
//!   position-independent executable has its ~46,000 pointer-holding statics (stemmer,
//!   HTML-name and language tables of our dependencies) relocated by the dynamic loader at
//!   every start, touching some 900 KiB of pages: roughly half of the 2–2.8 ms of CPU a bare
//!   `newsdex --version` took here, a large share of a whole-process search. Linking at a
//!   fixed address does that work once, at link time. The cost is that the program's own
//!   code is not address-randomised; libraries and the heap still are. Only our binaries
//!   are affected, not the library crate.

use std::path::PathBuf;

const SCHEMA: &str = "index-schema/schema.toml";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={SCHEMA}");
    schema_as_json();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// Writes `$OUT_DIR/schema.json`: the embedded schema's TOML as a JSON value. Whether it is
/// a valid schema is checked by the library's tests, not here.
fn schema_as_json() {
    let text = std::fs::read_to_string(SCHEMA).unwrap_or_else(|e| panic!("{SCHEMA}: {e}"));
    let value: toml::Value = toml::from_str(&text).unwrap_or_else(|e| panic!("{SCHEMA}: {e}"));
    let json = serde_json::to_string(&value).expect("a TOML value converts to JSON");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("schema.json"), json).expect("OUT_DIR is writable");
}
