//! cargo-fuzz target: `scribe::fuzzing::yaml_meeting` on arbitrary bytes (see src/fuzzing.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| scribe::fuzzing::yaml_meeting(data));
