//! Lays out the release binary's code in the order of
//! `tools/code-order/scribe.order`: the functions a live session runs, together.
//!
//! Why: the kernel maps a program's code in runs of 64 KiB around each page it
//! touches. Left in the compiler's order, the few functions a session runs are
//! spread over nearly all of scribe's 3.6 MiB of code, and 3.4 MiB of it is
//! resident after resuming a long session; put together, 2.2 MiB is. The list
//! is made by `tools/code-order/generate` (see its README).
//!
//! The order is given to the linker with `--symbol-ordering-file`, which LLD
//! takes (the linker of Rust's x86-64 Linux target). Another linker may not:
//! a tiny program is linked with it first, and without success the binary is
//! linked as it would be anyway. A name the list has and the binary does not
//! is skipped.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const LIST: &str = "tools/code-order/scribe.order";

fn main() {
    println!("cargo:rerun-if-changed={LIST}");
    println!("cargo:rerun-if-env-changed=SCRIBE_CODE_ORDER");
    let release = env::var("PROFILE").is_ok_and(|p| p == "release");
    let wanted = !env::var("SCRIBE_CODE_ORDER").is_ok_and(|v| v == "0");
    let list = Path::new(&env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default()).join(LIST);
    if !release || !wanted || !list.is_file() {
        return;
    }
    let args = [
        format!("-Wl,--symbol-ordering-file={}", list.display()),
        "-Wl,--no-warn-symbol-ordering".to_string(),
    ];
    if links_with(&args) {
        for arg in args {
            println!("cargo:rustc-link-arg-bin=scribe={arg}");
        }
    }
}

/// True when an empty program links for the target with `args` given to the
/// linker, as the binary's would be.
fn links_with(args: &[String]) -> bool {
    let Some(out) = env::var_os("OUT_DIR").map(PathBuf::from) else {
        return false;
    };
    let source = out.join("probe.rs");
    if std::fs::write(&source, "fn main() {}\n").is_err() {
        return false;
    }
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut probe = Command::new(rustc);
    probe
        .arg(&source)
        .arg("-o")
        .arg(out.join("probe"))
        .args(["--crate-name", "probe"]);
    if let Ok(target) = env::var("TARGET") {
        probe.args(["--target", &target]);
    }
    if let Some(linker) = env::var_os("RUSTC_LINKER") {
        probe.arg("-C").arg({
            let mut arg = std::ffi::OsString::from("linker=");
            arg.push(linker);
            arg
        });
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
}
