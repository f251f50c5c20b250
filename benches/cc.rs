//! Speed of the C machine: a 10-million-iteration loop, recursion, and memory traffic.
//! Prints instructions executed, wall time and instructions per second. Run with
//! `cargo bench --bench cc`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a benchmark with bad input should stop loudly
#![allow(clippy::disallowed_methods)] // reason: a benchmark measures wall time; it is not the engine

use std::time::Instant;

use berth::cc::{compile, Machine, MemOs, NoHeaders, Options, RunState, SourceFile};

const CASES: &[(&str, &str)] = &[
    ("loop 10M", "#include <stdio.h>\nint main(void) { long sum = 0; for (int i = 0; i < 10000000; i++) sum += i; printf(\"%ld\\n\", sum); return 0; }\n"),
    ("fib(27)", "#include <stdio.h>\nint fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }\nint main(void) { printf(\"%d\\n\", fib(27)); return 0; }\n"),
    ("array 1M x4", "#include <stdio.h>\nint a[1000000];\nint main(void) { long s = 0; for (int r = 0; r < 4; r++) for (int i = 0; i < 1000000; i++) { a[i] = a[i] + i; s += a[i]; } printf(\"%ld\\n\", s); return 0; }\n"),
    ("strings 100k", "#include <stdio.h>\n#include <string.h>\nint main(void) { char b[64]; long n = 0; for (int i = 0; i < 100000; i++) { sprintf(b, \"item %d\", i); n += strlen(b); } printf(\"%ld\\n\", n); return 0; }\n"),
];

fn main() {
    for (name, src) in CASES {
        let (p, _) = compile(
            &[SourceFile::new("bench.c", src)],
            &NoHeaders,
            &Options::default(),
        )
        .unwrap();
        let mut m = Machine::new(p, &["./bench".into()], &[]);
        let mut os = MemOs::with_stdin(b"");
        let start = Instant::now();
        let mut state = RunState::Yielded;
        while state == RunState::Yielded {
            state = m.run(1_000_000, &mut os);
        }
        let secs = start.elapsed().as_secs_f64();
        assert_eq!(state, RunState::Exited(0), "{name}");
        println!(
            "{name:<14} {:>12} instructions {:>8.3} s {:>8.1} M instructions/s   output {}",
            m.steps,
            secs,
            m.steps as f64 / secs / 1e6,
            String::from_utf8_lossy(&os.stdout).trim()
        );
    }
}
