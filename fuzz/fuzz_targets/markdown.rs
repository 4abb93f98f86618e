//! cargo-fuzz target: `scribe::fuzzing::markdown` on arbitrary bytes (see src/fuzzing.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scribe::fuzzing::markdown(data));
