//! `yes [STRING]...`: the line, forever, until the reader goes away (or the budget stops it).

use super::super::program::Proc;

async fn main(p: &mut Proc) -> i32 {
    let mut line = if p.args.len() > 1 {
        p.args[1..].join(" ")
    } else {
        "y".to_owned()
    };
    line.push('\n');
    // Batch lines so a pipe fills in few steps, as the real `yes` writes 8 KB at a time.
    let batch = line.repeat((4096 / line.len()).max(1));
    loop {
        let chunk = if p.stdout.is_tty() { &line } else { &batch };
        if !p.out(chunk.as_bytes()).await {
            return 141;
        }
    }
}

crate::program!(Yes, main);
