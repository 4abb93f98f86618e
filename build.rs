//! How the release binary is linked: less of it resident in memory, nothing in
//! it changed.
//!
//! - **Its code in the order of `tools/code-order/scribe.order`**: the
//!   functions live sessions run, together. The kernel maps a program's code in
//!   runs of 64 KiB around each page it touches; in the compiler's order the
//!   few functions a session runs are spread over nearly all of scribe's
//!   3.6 MiB of code, and 3.4 MiB of it is resident after resuming a long
//!   session. Put together, 2.2 MiB is. The list is made by
//!   `tools/code-order/generate` (see its README) and given to the linker with
//!   `--symbol-ordering-file`; a name the list has and the binary does not is
//!   skipped. `SCRIBE_CODE_ORDER=0` leaves the compiler's order.
//! - **Its relocations packed** (`-z pack-relative-relocs`): the 7,600 places
//!   the loader adjusts to where the program is loaded are listed as a bitmap
//!   instead of 24 bytes each, which takes 180 KiB less of the file into memory
//!   at every start. The loader must know the format (glibc 2.36 and later), so
//!   a binary linked so does not start on an older system: when it is to run
//!   elsewhere, `SCRIBE_PACK_RELOCS=0` links it as usual.
//!
//! LLD (the linker of Rust's x86-64 Linux target) takes both options; another
//! linker may not. Each is tried on an empty program first, linked for the
//! target as the binary is (and, for the relocations, run when the target is
//! this machine's), and left out without success.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const LIST: &str = "tools/code-order/scribe.order";

fn main() {
    println!("cargo:rerun-if-changed={LIST}");
    println!("cargo:rerun-if-env-changed=SCRIBE_CODE_ORDER");
    println!("cargo:rerun-if-env-changed=SCRIBE_PACK_RELOCS");
    if !env::var("PROFILE").is_ok_and(|p| p == "release") {
        return;
    }
    let list = Path::new(&env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join(LIST);
    if wanted("SCRIBE_CODE_ORDER") && list.is_file() {
        link_with(
            "order",
            &[
                format!("-Wl,--symbol-ordering-file={}", list.display()),
                "-Wl,--no-warn-symbol-ordering".to_string(),
            ],
            false,
            "the linker does not take --symbol-ordering-file: the code is in the compiler's order",
        );
    }
    // Only where the binary is built for this machine: the probe must run here.
    if wanted("SCRIBE_PACK_RELOCS") && env::var("TARGET").ok() == env::var("HOST").ok() {
        link_with(
            "relocs",
            &["-Wl,-z,pack-relative-relocs".to_string()],
            true,
            "packed relocations do not link or do not load here: they are left unpacked",
        );
    }
}

/// False when the variable `name` is `0`.
fn wanted(name: &str) -> bool {
    !env::var(name).is_ok_and(|v| v == "0")
}

/// Links the binary with `args` given to the linker when an empty program
/// named `probe` links with them (and runs, when `run`); else says `without`.
fn link_with(probe: &str, args: &[String], run: bool, without: &str) {
    let works = link_probe(probe, args)
        .is_some_and(|program| !run || Command::new(&program).status().is_ok_and(|s| s.success()));
    if !works {
        println!("cargo:warning={without}");
        return;
    }
    for arg in args {
        println!("cargo:rustc-link-arg-bin=scribe={arg}");
    }
}

/// The empty program `name`, linked for the target with `args` given to the
/// linker as the binary's would be; `None` when it does not link.
fn link_probe(name: &str, args: &[String]) -> Option<PathBuf> {
    let out = PathBuf::from(env::var_os("OUT_DIR")?);
    let source = out.join(format!("{name}.rs"));
    std::fs::write(&source, "fn main() {}\n").ok()?;
    let program = out.join(name);
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut probe = Command::new(rustc);
    probe
        .arg(&source)
        .arg("-o")
        .arg(&program)
        .args(["--crate-name", name]);
    if let Ok(target) = env::var("TARGET") {
        probe.args(["--target", &target]);
    }
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        let mut arg = std::ffi::OsString::from("linker=");
        arg.push(linker);
        probe.arg("-C").arg(arg);
    }
    // The flags the binary is built with (a linker chosen there, say).
    if let Ok(flags) = env::var("CARGO_ENCODED_RUSTFLAGS") {
        probe.args(flags.split('\x1f').filter(|f| !f.is_empty()));
    }
    for arg in args {
        probe.arg("-C").arg(format!("link-arg={arg}"));
    }
    probe
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
        .then_some(program)
}
