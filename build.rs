//! Links the `newsdex` binary as a fixed-position (non-PIE) executable on Linux.
//!
//! A position-independent executable has its ~46,000 pointer-holding statics (stemmer,
//! HTML-name and language tables of our dependencies) relocated by the dynamic loader at
//! every start, touching some 900 KiB of pages: roughly half of the 2–2.8 ms of CPU a bare
//! `newsdex --version` took here, a large share of a whole-process search. Linking at a
//! fixed address does that work once, at link time. The cost is that the program's own code
//! is not address-randomised; libraries and the heap still are. Only our binaries are
//! affected, not the library crate.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
