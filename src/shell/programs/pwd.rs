//! `pwd [-L|-P]`: the working directory (`$PWD` when it names it, as GNU's `-L` does).

use super::super::program::Proc;

async fn main(p: &mut Proc) -> i32 {
    let physical = p.args.iter().any(|a| a == "-P");
    let dir = if physical {
        p.fs.borrow()
            .realpath(&p.cwd)
            .unwrap_or_else(|_| p.cwd.clone())
    } else {
        p.var("PWD")
            .filter(|v| *v == p.cwd)
            .map_or_else(|| p.cwd.clone(), str::to_owned)
    };
    p.out(format!("{dir}\n")).await;
    0
}

crate::program!(Pwd, main);
