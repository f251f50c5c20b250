//! The linker: object files (and the library) into one [`Program`], with `ld`'s messages
//! for undefined references and multiple definitions.

use crate::collections::SmallSort;
use std::collections::HashMap;

use super::code::*;
use super::diag::{Diagnostic, Level, Style};
use super::libc;
use super::mem::{self, NATIVE_BASE, SEG_DATA, SEG_RODATA, SEG_TEXT};

/// Library functions written in C, compiled with the program: they call back into it.
pub const PRELUDE: &str = r#"
typedef unsigned long size_t;
void *malloc(size_t n);
void free(void *p);
void *memcpy(void *d, const void *s, size_t n);
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
    char *b = base;
    char *tmp;
    size_t width;
    size_t i;
    if (n < 2 || size == 0)
        return;
    tmp = malloc(n * size);
    if (!tmp)
        return;
    for (width = 1; width < n; width *= 2) {
        for (i = 0; i < n; i += 2 * width) {
            size_t lo = i, mid = i + width, hi = i + 2 * width, a, c, k;
            if (mid > n) mid = n;
            if (hi > n) hi = n;
            a = lo; c = mid; k = lo;
            while (a < mid && c < hi) {
                if (cmp(b + a * size, b + c * size) <= 0) { memcpy(tmp + k * size, b + a * size, size); a++; }
                else { memcpy(tmp + k * size, b + c * size, size); c++; }
                k++;
            }
            while (a < mid) { memcpy(tmp + k * size, b + a * size, size); a++; k++; }
            while (c < hi) { memcpy(tmp + k * size, b + c * size, size); c++; k++; }
        }
        memcpy(b, tmp, n * size);
    }
    free(tmp);
}
void *bsearch(const void *key, const void *base, size_t n, size_t size, int (*cmp)(const void *, const void *)) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *p = (const char *)base + mid * size;
        int c = cmp(key, p);
        if (c == 0) return (void *)p;
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return 0;
}
"#;

#[derive(Clone, Copy, Debug)]
enum Def {
    Func(u32),
    Data(u64),
    Native(u32),
}

/// Names of the library's own variables, laid out first in the data segment.
const LIB_DATA: [(&str, u64); 7] = [
    ("errno", 4),
    ("stdin", 8),
    ("stdout", 8),
    ("stderr", 8),
    ("optarg", 8),
    ("optind", 4),
    ("h_errno", 4),
];

/// Links objects, each with the name `ld` prints for it (`/tmp/ccX.o`, `main.o`).
pub fn link(objects: &[(String, Object)], style: Style) -> Result<Program, Vec<Diagnostic>> {
    let mut objs: Vec<(String, &Object)> = objects.iter().map(|(n, o)| (n.clone(), o)).collect();
    let prelude = super::compile_unit(
        &super::SourceFile {
            name: "libc.c".into(),
            text: PRELUDE.into(),
        },
        &super::NoHeaders,
        &super::Options::default(),
    )
    .ok()
    .map(|(o, _)| o);
    if let Some(p) = &prelude {
        objs.push(("libc.so.6".into(), p));
    }
    let mut errors: Vec<String> = Vec::new();
    let ld = if style == Style::Gcc5 {
        String::new()
    } else {
        "/usr/bin/ld: ".to_owned()
    };
    let in_fn = |obj: &str, f: &str| {
        if style == Style::Gcc5 {
            format!("{obj}: In function `{f}':")
        } else {
            format!("{ld}{obj}: in function `{f}':")
        }
    };

    // Functions get numbers in order; each object's statics shadow globals.
    let mut funcs: Vec<Func> = Vec::new();
    let mut global: HashMap<String, (Def, usize)> = HashMap::new();
    let mut local: Vec<HashMap<String, Def>> = vec![HashMap::new(); objs.len()];
    let mut data: Vec<u8> = Vec::new();
    let mut lib_off = [0u64; 7];
    for (i, (_, size)) in LIB_DATA.iter().enumerate() {
        let off = data.len() as u64;
        data.resize(data.len() + *size as usize, 0);
        while data.len() % 8 != 0 {
            data.push(0);
        }
        lib_off[i] = off;
        global.insert(LIB_DATA[i].0.to_owned(), (Def::Data(off), usize::MAX));
    }
    for (oi, (oname, o)) in objs.iter().enumerate() {
        let mut text_off = 0usize;
        for (f, is_static) in &o.funcs {
            let idx = funcs.len() as u32;
            if *is_static {
                local[oi].insert(f.name.clone(), Def::Func(idx));
            } else if let Some((_, prev)) = global.get(&f.name).copied() {
                let prev_name = objs.get(prev).map_or("", |p| p.0.as_str());
                let prev_src = objs.get(prev).map_or("", |p| p.1.source.as_str());
                errors.push(in_fn(oname, &f.name));
                if style == Style::Gcc5 {
                    errors.push(format!(
                        "{}:(.text+0x{:x}): multiple definition of `{}'",
                        o.source, text_off, f.name
                    ));
                    errors.push(format!(
                        "{prev_name}:{prev_src}:(.text+0x0): first defined here"
                    ));
                } else {
                    errors.push(format!("{}:(.text+0x{:x}): multiple definition of `{}'; {prev_name}:{prev_src}:(.text+0x0): first defined here", o.source, text_off, f.name));
                }
            } else {
                global.insert(f.name.clone(), (Def::Func(idx), oi));
            }
            text_off += f.code.len() * 4 + 16;
            funcs.push(f.clone());
        }
    }
    // Data: real definitions first, then tentative ones merge into one.
    let mut commons: HashMap<String, (u64, u64)> = HashMap::new();
    for (oi, (oname, o)) in objs.iter().enumerate() {
        for g in &o.globals {
            if g.common && !g.is_static {
                let e = commons.entry(g.name.clone()).or_insert((0, 1));
                e.0 = e.0.max(g.size);
                e.1 = e.1.max(g.align);
                continue;
            }
            let align = g.align.max(1) as usize;
            while data.len() % align != 0 {
                data.push(0);
            }
            let off = data.len() as u64;
            data.resize(data.len() + g.size as usize, 0);
            if g.is_static {
                local[oi].insert(g.name.clone(), Def::Data(off));
            } else if let Some((_, prev)) = global.get(&g.name).copied() {
                let prev_name = if prev == usize::MAX {
                    "libc.so.6".to_owned()
                } else {
                    objs.get(prev).map_or(String::new(), |p| p.0.clone())
                };
                if style == Style::Gcc5 {
                    errors.push(format!(
                        "{oname}:(.data+0x0): multiple definition of `{}'",
                        g.name
                    ));
                    errors.push(format!("{prev_name}:(.data+0x0): first defined here"));
                } else {
                    errors.push(format!("{ld}{oname}:(.data+0x0): multiple definition of `{}'; {prev_name}:(.data+0x0): first defined here", g.name));
                }
            } else {
                global.insert(g.name.clone(), (Def::Data(off), oi));
            }
        }
    }
    let mut common_names: Vec<_> = commons.into_iter().collect();
    common_names.small_sort_by(|a, b| a.0.cmp(&b.0));
    for (name, (size, align)) in common_names {
        if global.contains_key(&name) {
            continue;
        }
        while data.len() % align.max(1) as usize != 0 {
            data.push(0);
        }
        let off = data.len() as u64;
        data.resize(data.len() + size as usize, 0);
        global.insert(name, (Def::Data(off), usize::MAX));
    }
    // String literals.
    let mut rodata: Vec<u8> = Vec::new();
    let mut str_off: Vec<Vec<u64>> = Vec::new();
    for (_, o) in &objs {
        let mut offs = Vec::new();
        for s in &o.strings {
            offs.push(rodata.len() as u64);
            rodata.extend_from_slice(s);
        }
        str_off.push(offs);
    }
    let lookup = |oi: usize, name: &str| -> Option<Def> {
        if let Some(d) = local[oi].get(name) {
            return Some(*d);
        }
        if let Some((d, _)) = global.get(name) {
            return Some(*d);
        }
        libc::native_id(name).map(Def::Native)
    };
    let addr_of = |d: Def| -> u64 {
        match d {
            Def::Func(i) => mem::ptr(SEG_TEXT, i),
            Def::Native(i) => mem::ptr(SEG_TEXT, NATIVE_BASE + i),
            Def::Data(off) => mem::ptr(SEG_DATA, off as u32),
        }
    };
    // Resolve code.
    let mut fi = 0usize;
    for (oi, (oname, o)) in objs.iter().enumerate() {
        let mut text_off = 0usize;
        for (f, _) in &o.funcs {
            let mut reported = false;
            let code = &mut funcs[fi].code;
            for (pc, op) in code.iter_mut().enumerate() {
                let sym = match *op {
                    Op::SymAddr { sym, .. } | Op::CallSym { sym, .. } => sym,
                    Op::StrAddr { d, s } => {
                        let off = str_off[oi].get(s as usize).copied().unwrap_or(0);
                        *op = Op::Const {
                            d,
                            v: mem::ptr(SEG_RODATA, off as u32),
                        };
                        continue;
                    }
                    _ => continue,
                };
                let name = o.syms.get(sym as usize).map(|s| s.as_str()).unwrap_or("");
                match (lookup(oi, name), *op) {
                    (Some(Def::Func(i)), Op::CallSym { args, n, d, .. }) => {
                        *op = Op::Call { f: i, args, n, d }
                    }
                    (Some(Def::Native(i)), Op::CallSym { args, n, d, .. }) => {
                        *op = Op::CallNative { f: i, args, n, d }
                    }
                    // A variable called as a function (declared differently elsewhere).
                    (Some(Def::Data(_)), Op::CallSym { .. }) => *op = Op::Trap { sig: 11 },
                    (Some(def), Op::SymAddr { d, .. }) => *op = Op::Const { d, v: addr_of(def) },
                    (None, _) => {
                        if !reported {
                            errors.push(in_fn(oname, &f.name));
                            reported = true;
                        }
                        errors.push(format!(
                            "{}:(.text+0x{:x}): undefined reference to `{}'",
                            o.source,
                            text_off + pc * 4 + 9,
                            name
                        ));
                        *op = Op::Trap { sig: 11 };
                    }
                    _ => {}
                }
            }
            text_off += f.code.len() * 4 + 16;
            fi += 1;
        }
    }
    // Initial data.
    for (oi, (_, o)) in objs.iter().enumerate() {
        for g in &o.globals {
            let Some(Def::Data(base)) = lookup(oi, &g.name) else {
                continue;
            };
            for it in &g.init {
                let (off, bytes): (u64, Vec<u8>) = match it {
                    DataInit::Int { off, size, v } => {
                        (*off, v.to_le_bytes()[..(*size as usize).min(8)].to_vec())
                    }
                    DataInit::Sym { off, sym, add } => {
                        let name = o.syms.get(*sym as usize).map(|s| s.as_str()).unwrap_or("");
                        match lookup(oi, name) {
                            Some(d) => (
                                *off,
                                addr_of(d).wrapping_add(*add as u64).to_le_bytes().to_vec(),
                            ),
                            None => {
                                errors.push(format!(
                                    "{ld}{}:(.data+0x{:x}): undefined reference to `{}'",
                                    o.source, off, name
                                ));
                                continue;
                            }
                        }
                    }
                    DataInit::Str { off, s, add } => {
                        let so = str_off[oi].get(*s as usize).copied().unwrap_or(0);
                        (
                            *off,
                            mem::ptr(SEG_RODATA, so as u32)
                                .wrapping_add(*add as u64)
                                .to_le_bytes()
                                .to_vec(),
                        )
                    }
                };
                let at = (base + off) as usize;
                if let Some(slot) = data.get_mut(at..at + bytes.len()) {
                    slot.copy_from_slice(&bytes);
                }
            }
        }
    }
    for (i, fd) in [1usize, 2, 3].iter().enumerate() {
        let at = lib_off[*fd] as usize;
        let p = mem::ptr(mem::SEG_FILES, (i * 16) as u32);
        data[at..at + 8].copy_from_slice(&p.to_le_bytes());
    }
    let entry = match global.get("main") {
        Some((Def::Func(i), _)) => *i,
        _ => {
            if style == Style::Gcc5 {
                errors.push("/usr/lib/x86_64-linux-gnu/crt1.o: In function `_start':".into());
                errors.push("(.text+0x20): undefined reference to `main'".into());
            } else {
                errors.push(format!("{ld}/usr/lib/gcc/x86_64-linux-gnu/12/../../../x86_64-linux-gnu/Scrt1.o: in function `_start':"));
                errors.push("(.text+0x17): undefined reference to `main'".into());
            }
            0
        }
    };
    if !errors.is_empty() {
        errors.push("collect2: error: ld returned 1 exit status".into());
        return Err(errors
            .into_iter()
            .map(|e| Diagnostic::plain(Level::Error, e))
            .collect());
    }
    Ok(Program {
        funcs,
        entry,
        data,
        rodata,
        errno_off: lib_off[0] as u32,
        std_off: [lib_off[1] as u32, lib_off[2] as u32, lib_off[3] as u32],
        misc_off: [lib_off[4] as u32, lib_off[5] as u32, lib_off[6] as u32],
    })
}
