//! Fuzz target: arbitrary bytes through the whole text pipeline.
//!
//! decode → parse → classify every decision → normalize → diff two halves →
//! sanitize. Invariants checked (besides "no panic"):
//!
//! * `decode` output has no `\r`, no NUL, and is not blank;
//! * `normalize(normalize(x)) == normalize(x)` for the whole text, each half,
//!   and every parsed section/decision text;
//! * `classify` agrees with the outcome the parser stored;
//! * `diff_text(a, b)`: Equal+Delete ops rebuild the words of `normalize(a)`
//!   and Equal+Insert ops those of `normalize(b)` (white space compared
//!   loosely);
//! * `for_terminal` output has no C0 control except `\n`/`\t`, no ESC, no DEL,
//!   no C1 control (U+0080–U+009F).
#![no_main]

mod checks;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| checks::run(data));
