//! Standard output that ends quietly when the reader goes away (`signpost search | head`).

use std::fmt;
use std::io::{ErrorKind, Write};

/// Writes one line to stdout. A closed pipe ends the process with success, as Unix tools do;
/// any other write failure is reported on stderr.
pub fn line(args: fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(error) = writeln!(out, "{args}") {
        if error.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("error: cannot write to standard output: {error}");
        std::process::exit(1);
    }
}

/// `println!` for command output.
macro_rules! outln {
    () => { $crate::output::line(format_args!("")) };
    ($($arg:tt)*) => { $crate::output::line(format_args!($($arg)*)) };
}
pub(crate) use outln;
