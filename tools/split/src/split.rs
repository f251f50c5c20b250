//! The two transformations: instrumenting a module to record which functions run, and
//! splitting it into the first load and the rest.

use std::collections::HashSet;

use crate::data::{self, Piece};
use walrus::ir::{dfs_in_order, UnaryOp, Value, Visitor};
use walrus::{
    ConstExpr, DataKind, ElementItems, ElementKind, ExportItem, FunctionBuilder, FunctionId,
    FunctionKind, ImportKind, ImportedFunction, Module, ModuleConfig, ValType,
};

/// The import module the stubs and the instrumentation call into.
pub const IMPORT_MODULE: &str = "berth_rest";
/// The import module under which the rest finds the first module's exports.
pub const PRIMARY: &str = "primary";
/// The exported global that is 1 once the rest is instantiated.
pub const LOADED: &str = "__berth_rest_loaded";

/// The result of [`split`].
pub struct Parts {
    pub main: Vec<u8>,
    pub rest: Vec<u8>,
    pub kept: usize,
    pub moved: usize,
    pub entries: usize,
    /// Bytes of read-only data moved to the rest.
    pub data_moved: usize,
}

fn parse(wasm: &[u8], names: bool) -> Result<Module, String> {
    let mut config = ModuleConfig::new();
    config.generate_name_section(names);
    config.generate_producers_section(false);
    config
        .parse(wasm)
        .map_err(|e| format!("cannot read the module: {e}"))
}

/// A function's name from the name section, or `#index` when it has none; see [`normalize`].
fn name_of(module: &Module, id: FunctionId) -> String {
    match &module.funcs.get(id).name {
        Some(name) => normalize(name),
        None => format!("#{}", id.index()),
    }
}

/// A symbol name without its hashes (`::h0123456789abcdef` at the end, `[0123456789abcdef]`
/// after a crate's name): they change with the compiler and the folder a crate is built in,
/// so a profile recorded on one machine must not depend on them.
pub fn normalize(name: &str) -> String {
    let hex16 = |s: &str| s.len() == 16 && s.bytes().all(|b| b.is_ascii_hexdigit());
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(i) = rest.find('[') {
        out.push_str(&rest[..i]);
        let closed = rest.get(i + 1..i + 17).filter(|h| hex16(h)).is_some()
            && rest.get(i + 17..i + 18) == Some("]");
        if closed {
            rest = &rest[i + 18..];
        } else {
            out.push('[');
            rest = &rest[i + 1..];
        }
    }
    out.push_str(rest);
    if let Some(i) = out.rfind("::h") {
        if hex16(&out[i + 3..]) {
            out.truncate(i);
        }
    }
    out
}

/// Adds `i32.const i; call berth_rest.mark` at the entry of every local function `i` and
/// returns the module with the list of names by `i`.
pub fn instrument(wasm: &[u8]) -> Result<(Vec<u8>, Vec<String>), String> {
    let mut module = parse(wasm, true)?;
    let ty = module.types.add(&[ValType::I32], &[]);
    let (mark, _) = module.add_import_func(IMPORT_MODULE, "mark", ty);
    let ids: Vec<FunctionId> = module.funcs.iter_local().map(|(id, _)| id).collect();
    let names = ids.iter().map(|&id| name_of(&module, id)).collect();
    for (i, &id) in ids.iter().enumerate() {
        let index = i32::try_from(i).map_err(|_| "too many functions".to_string())?;
        if let FunctionKind::Local(local) = &mut module.funcs.get_mut(id).kind {
            let entry = local.entry_block();
            local
                .builder_mut()
                .instr_seq(entry)
                .instr_at(0, walrus::ir::Call { func: mark })
                .instr_at(
                    0,
                    walrus::ir::Const {
                        value: Value::I32(index),
                    },
                );
        }
    }
    Ok((module.emit_wasm(), names))
}

/// Everything a function body refers to that matters for the split.
#[derive(Default)]
struct Refs {
    funcs: Vec<FunctionId>,
    passive: bool,
    /// Every `i32.const`, both halves of every `i64.const`, and every load/store offset: the
    /// memory addresses the body may name.
    addrs: Vec<u32>,
}

impl<'a> Visitor<'a> for Refs {
    fn visit_function_id(&mut self, function: &FunctionId) {
        self.funcs.push(*function);
    }
    fn visit_data_id(&mut self, _: &walrus::DataId) {
        self.passive = true;
    }
    fn visit_element_id(&mut self, _: &walrus::ElementId) {
        self.passive = true;
    }
    fn visit_const(&mut self, c: &walrus::ir::Const) {
        match c.value {
            Value::I32(v) => self.addrs.push(v as u32),
            // A compiler that stores a pointer and a length side by side writes them as one
            // 64-bit constant (`(len << 32) | ptr`): either half may be an address.
            Value::I64(v) => self.addrs.extend([v as u32, (v >> 32) as u32]),
            _ => {}
        }
    }
    fn visit_load(&mut self, l: &walrus::ir::Load) {
        self.addrs.push(l.arg.offset as u32);
    }
    fn visit_store(&mut self, s: &walrus::ir::Store) {
        self.addrs.push(s.arg.offset as u32);
    }
}

fn refs(module: &Module, id: FunctionId) -> Refs {
    let mut refs = Refs::default();
    if let FunctionKind::Local(local) = &module.funcs.get(id).kind {
        dfs_in_order(&mut refs, local, local.entry_block());
    }
    refs
}

/// Splits `wasm`: local functions whose name is in `keep` (and functions without a name)
/// stay in the first load, the others move to the rest.
pub fn split(
    wasm: &[u8],
    keep: &HashSet<String>,
    rodata: Option<&[Piece]>,
) -> Result<Parts, String> {
    let mut main = parse(wasm, false)?;
    let mut rest = parse(wasm, false)?;

    let locals: Vec<FunctionId> = main.funcs.iter_local().map(|(id, _)| id).collect();
    let moved: HashSet<FunctionId> = locals
        .iter()
        .copied()
        .filter(|&id| {
            main.funcs
                .get(id)
                .name
                .as_ref()
                .is_some_and(|n| !keep.contains(&normalize(n)))
        })
        .collect();

    // Entries: moved functions the first load still reaches, in a fixed order.
    let mut entries: Vec<FunctionId> = Vec::new();
    let mut seen: HashSet<FunctionId> = HashSet::new();
    let mut addrs: Vec<u32> = Vec::new();
    let mut enter = |id: FunctionId, entries: &mut Vec<FunctionId>| {
        if moved.contains(&id) && seen.insert(id) {
            entries.push(id);
        }
    };
    for &id in &locals {
        let r = refs(&main, id);
        if moved.contains(&id) {
            if r.passive {
                return Err(format!(
                    "{} uses a passive segment, which the rest cannot share",
                    name_of(&main, id)
                ));
            }
            continue;
        }
        for f in r.funcs {
            enter(f, &mut entries);
        }
        addrs.extend(r.addrs);
    }
    for export in main.exports.iter() {
        if let ExportItem::Function(f) = export.item {
            enter(f, &mut entries);
        }
    }
    for elem in main.elements.iter() {
        match &elem.items {
            ElementItems::Functions(fs) => fs.iter().for_each(|&f| enter(f, &mut entries)),
            ElementItems::Expressions(_, exprs) => {
                for expr in exprs {
                    if let ConstExpr::RefFunc(f) = expr {
                        enter(*f, &mut entries);
                    }
                }
            }
        }
    }
    for global in main.globals.iter() {
        if let walrus::GlobalKind::Local(ConstExpr::RefFunc(f)) = global.kind {
            enter(f, &mut entries);
        }
    }
    if let Some(f) = main.start {
        enter(f, &mut entries);
    }

    let table = main
        .tables
        .main_function_table()
        .map_err(|e| e.to_string())?
        .ok_or("the module has no function table")?;
    let base = main.tables.get(table).initial;
    let grow = entries.len() as u64;

    // The two parses give equal indices but distinct ids: translate by index.
    let rest_funcs: Vec<FunctionId> = rest.funcs.iter().map(|f| f.id()).collect();
    let in_rest = |id: FunctionId| {
        rest_funcs
            .get(id.index())
            .copied()
            .ok_or("the parses differ")
    };
    let rest_moved = moved
        .iter()
        .map(|&f| in_rest(f))
        .collect::<Result<HashSet<_>, _>>()?;
    let rest_entries = entries
        .iter()
        .map(|&f| in_rest(f))
        .collect::<Result<Vec<_>, _>>()?;
    let rest_table = rest
        .tables
        .iter()
        .nth(table.index())
        .map(|t| t.id())
        .ok_or("the parses differ")?;
    build_rest(&mut rest, &rest_moved, &rest_entries, rest_table, base)?;
    let data_moved = match rodata {
        Some(pieces) => move_rodata(&mut main, &mut rest, pieces, addrs)?,
        None => 0,
    };
    let needed: Vec<String> = rest
        .imports
        .iter()
        .filter(|i| i.module == PRIMARY)
        .map(|i| i.name.clone())
        .collect();
    let funcs: Vec<FunctionId> = main.funcs.iter().map(|f| f.id()).collect();
    let tables: Vec<_> = main.tables.iter().map(|t| t.id()).collect();
    let memories: Vec<_> = main.memories.iter().map(|m| m.id()).collect();
    let globals: Vec<_> = main.globals.iter().map(|g| g.id()).collect();

    // The first load: a bigger table, the loaded flag, a stub per entry, the exports the
    // rest imports; then everything only the moved code used is collected away.
    let t = main.tables.get_mut(table);
    t.initial += grow;
    t.maximum = t.maximum.map(|m| m + grow);
    let loaded = main
        .globals
        .add_local(ValType::I32, true, false, ConstExpr::Value(Value::I32(0)));
    main.exports.add(LOADED, loaded);
    let load_ty = main.types.add(&[], &[]);
    let (load, _) = main.add_import_func(IMPORT_MODULE, "load", load_ty);
    for (i, &f) in entries.iter().enumerate() {
        let ty = main.funcs.get(f).ty();
        let (params, results) = {
            let t = main.types.get(ty);
            (t.params().to_vec(), t.results().to_vec())
        };
        let args: Vec<_> = params.iter().map(|&p| main.locals.add(p)).collect();
        let slot = i32::try_from(base + i as u64).map_err(|_| "the table is too big")?;
        let mut builder = FunctionBuilder::new(&mut main.types, &params, &results);
        let mut body = builder.func_body();
        body.global_get(loaded).unop(UnaryOp::I32Eqz).if_else(
            None,
            |then| {
                then.call(load);
            },
            |_| {},
        );
        for &a in &args {
            body.local_get(a);
        }
        body.i32_const(slot).call_indirect(ty, table);
        main.funcs.get_mut(f).kind = FunctionKind::Local(builder.local_func(args));
    }
    for name in needed {
        let index: Option<usize> = name.get(1..).and_then(|i| i.parse().ok());
        let item: Option<ExportItem> = match (name.chars().next(), index) {
            (Some('f'), Some(i)) => funcs.get(i).map(|&f| f.into()),
            (Some('t'), Some(i)) => tables.get(i).map(|&t| t.into()),
            (Some('m'), Some(i)) => memories.get(i).map(|&m| m.into()),
            (Some('g'), Some(i)) => globals.get(i).map(|&g| g.into()),
            _ => None,
        };
        let item =
            item.ok_or_else(|| format!("the rest imports {name}, which is not in the module"))?;
        main.exports.add(&name, item);
    }
    walrus::passes::gc::run(&mut main);

    Ok(Parts {
        kept: locals.len() - moved.len(),
        moved: moved.len(),
        entries: entries.len(),
        data_moved,
        main: main.emit_wasm(),
        rest: rest.emit_wasm(),
    })
}

/// Moves the read-only data only moved code reads (see [`crate::data`]): the first load's
/// segments get zeros there, the rest gets segments with the bytes. `addrs` are the addresses
/// the staying code names; the globals' initial values are added here.
fn move_rodata(
    main: &mut Module,
    rest: &mut Module,
    pieces: &[Piece],
    mut addrs: Vec<u32>,
) -> Result<usize, String> {
    for global in main.globals.iter() {
        if let walrus::GlobalKind::Local(ConstExpr::Value(Value::I32(v))) = global.kind {
            addrs.push(v as u32);
        }
    }
    let memory = main
        .memories
        .iter()
        .map(|m| m.id())
        .next()
        .ok_or("the module has no memory")?;
    let mut segments: Vec<(u32, Vec<u8>)> = Vec::new();
    for d in main.data.iter() {
        match d.kind {
            DataKind::Active {
                offset: ConstExpr::Value(Value::I32(at)),
                ..
            } => segments.push((at as u32, d.value.clone())),
            DataKind::Passive => {}
            _ => return Err("a data segment at a computed address".into()),
        }
    }
    let view: Vec<(u32, &[u8])> = segments.iter().map(|(o, b)| (*o, b.as_slice())).collect();
    let pieces = data::strings(pieces, &view);
    let moved = data::rest_only(&pieces, &view, &addrs);
    if std::env::var_os("BERTH_SPLIT_REPORT").is_some() {
        report(&pieces, &data::kept(&pieces, &view, &addrs), &view);
    }
    let spans = data::spans(&moved, &pieces);

    // The rest writes each span's bytes; the first load keeps zeros in the moved pieces.
    let rest_memory = rest
        .memories
        .iter()
        .nth(memory.index())
        .map(|m| m.id())
        .ok_or("the parses differ")?;
    for span in &spans {
        let mut bytes = vec![0u8; (span.end - span.start) as usize];
        data::copy_out(&view, span.start, &mut bytes);
        let id = rest.data.add(
            DataKind::Active {
                memory: rest_memory,
                offset: ConstExpr::Value(Value::I32(span.start as i32)),
            },
            bytes,
        );
        rest.memories.get_mut(rest_memory).data_segments.insert(id);
    }
    let ids: Vec<_> = main.data.iter().map(|d| d.id()).collect();
    for id in ids {
        let d = main.data.get_mut(id);
        if let DataKind::Active {
            offset: ConstExpr::Value(Value::I32(at)),
            ..
        } = d.kind
        {
            let at = at as u32;
            for p in &moved {
                let lo = p.start.max(at);
                let hi = p.end.min(at.saturating_add(d.value.len() as u32));
                if lo < hi {
                    d.value[(lo - at) as usize..(hi - at) as usize].fill(0);
                }
            }
        }
    }
    Ok(moved.iter().map(|p| (p.end - p.start) as usize).sum())
}

/// Prints the largest read-only pieces the first load keeps, why, and how they begin: where
/// to look when the first load is too big.
fn report(pieces: &[Piece], kept: &[Option<data::Reason>], view: &[(u32, &[u8])]) {
    let mut big: Vec<(usize, data::Reason)> = kept
        .iter()
        .enumerate()
        .filter_map(|(i, k)| k.map(|k| (i, k)))
        .collect();
    big.sort_by_key(|&(i, _)| std::cmp::Reverse(pieces[i].end - pieces[i].start));
    for (i, why) in big.into_iter().take(80) {
        let p = pieces[i];
        let mut head = vec![0u8; ((p.end - p.start) as usize).min(48)];
        data::copy_out(view, p.start, &mut head);
        eprintln!(
            "{:#x} {:>6} B  {:<16} {}",
            p.start,
            p.end - p.start,
            match why {
                data::Reason::Code(a) => format!("code {a:#x}"),
                data::Reason::Data(a) => format!("data {a:#x}"),
            },
            String::from_utf8_lossy(&head).escape_debug()
        );
    }
}

/// Turns `rest` (a second parse of the same module, so ids match) into the moved functions
/// alone: everything else is imported from the first load, and one active segment writes the
/// entries into the table slots the stubs call.
fn build_rest(
    rest: &mut Module,
    moved: &HashSet<FunctionId>,
    entries: &[FunctionId],
    table: walrus::TableId,
    base: u64,
) -> Result<(), String> {
    let ids: Vec<FunctionId> = rest.funcs.iter().map(|f| f.id()).collect();
    for id in ids {
        if moved.contains(&id) {
            continue;
        }
        let name = format!("f{}", id.index());
        let ty = rest.funcs.get(id).ty();
        match &rest.funcs.get(id).kind {
            FunctionKind::Import(imported) => {
                let import = rest.imports.get_mut(imported.import);
                import.module = PRIMARY.into();
                import.name = name;
            }
            _ => {
                let import = rest.imports.add(PRIMARY, &name, ImportKind::Function(id));
                rest.funcs.get_mut(id).kind = FunctionKind::Import(ImportedFunction { import, ty });
            }
        }
    }
    let memories: Vec<_> = rest.memories.iter().map(|m| m.id()).collect();
    for id in memories {
        let name = format!("m{}", id.index());
        reimport(
            rest,
            rest.memories.get(id).import,
            &name,
            ImportKind::Memory(id),
            |r, i| r.memories.get_mut(id).import = Some(i),
        );
        let m = rest.memories.get_mut(id);
        m.data_segments.clear();
        m.initial = 0;
        m.maximum = None;
    }
    let tables: Vec<_> = rest.tables.iter().map(|t| t.id()).collect();
    for id in tables {
        let name = format!("t{}", id.index());
        reimport(
            rest,
            rest.tables.get(id).import,
            &name,
            ImportKind::Table(id),
            |r, i| r.tables.get_mut(id).import = Some(i),
        );
        // No limits of its own: the first load's table is whatever size it has then.
        let t = rest.tables.get_mut(id);
        t.elem_segments.clear();
        t.init = None;
        t.initial = 0;
        t.maximum = None;
    }
    let globals: Vec<_> = rest.globals.iter().map(|g| g.id()).collect();
    for id in globals {
        let name = format!("g{}", id.index());
        let current = match rest.globals.get(id).kind {
            walrus::GlobalKind::Import(i) => Some(i),
            walrus::GlobalKind::Local(_) => None,
        };
        reimport(rest, current, &name, ImportKind::Global(id), |r, i| {
            r.globals.get_mut(id).kind = walrus::GlobalKind::Import(i)
        });
    }
    let data: Vec<_> = rest.data.iter().map(|d| d.id()).collect();
    data.into_iter().for_each(|d| rest.data.delete(d));
    let elements: Vec<_> = rest.elements.iter().map(|e| e.id()).collect();
    elements.into_iter().for_each(|e| rest.elements.delete(e));
    let exports: Vec<_> = rest.exports.iter().map(|e| e.id()).collect();
    exports.into_iter().for_each(|e| rest.exports.delete(e));
    rest.start = None;
    let customs: Vec<_> = rest.customs.iter().map(|(id, _)| id).collect();
    for id in customs {
        rest.customs.delete(id);
    }

    let offset = i32::try_from(base).map_err(|_| "the table is too big")?;
    let segment = rest.elements.add(
        ElementKind::Active {
            table,
            offset: ConstExpr::Value(Value::I32(offset)),
        },
        ElementItems::Functions(entries.to_vec()),
    );
    rest.tables.get_mut(table).elem_segments.insert(segment);
    walrus::passes::gc::run(rest);
    Ok(())
}

/// Makes an item an import from the first load: renames its import, or adds one.
fn reimport(
    rest: &mut Module,
    current: Option<walrus::ImportId>,
    name: &str,
    kind: ImportKind,
    set: impl FnOnce(&mut Module, walrus::ImportId),
) {
    match current {
        Some(i) => {
            let import = rest.imports.get_mut(i);
            import.module = PRIMARY.into();
            import.name = name.into();
        }
        None => {
            let i = rest.imports.add(PRIMARY, name, kind);
            set(rest, i);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot build its module should stop loudly

    use super::*;
    use walrus::{FunctionBuilder, RefType};

    /// A module like the page's: a memory, a stack-pointer global, a function table, and four
    /// functions: `keep` (exported) calls `moved_a`, which calls `moved_b` and `helper`;
    /// `moved_b` is also in the table.
    fn sample() -> Vec<u8> {
        let mut m = Module::default();
        let memory = m.memories.add_local(false, false, 17, None, None);
        m.exports.add("memory", memory);
        let sp = m.globals.add_local(
            ValType::I32,
            true,
            false,
            ConstExpr::Value(Value::I32(1 << 20)),
        );
        let table = m.tables.add_local(false, 4, Some(4), RefType::FUNCREF);
        let func = |m: &mut Module, name: &str, body: &dyn Fn(&mut walrus::InstrSeqBuilder)| {
            let mut b = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
            let arg = m.locals.add(ValType::I32);
            let mut seq = b.func_body();
            seq.local_get(arg);
            body(&mut seq);
            b.name(name.into());
            b.finish(vec![arg], &mut m.funcs)
        };
        let helper = func(&mut m, "helper", &|s| {
            s.global_get(sp).binop(walrus::ir::BinaryOp::I32Add);
        });
        let moved_b = func(&mut m, "moved_b", &|s| {
            s.i32_const(2).binop(walrus::ir::BinaryOp::I32Mul);
        });
        let moved_a = func(&mut m, "moved_a", &|s| {
            s.call(moved_b).call(helper);
        });
        let keep = func(&mut m, "keep", &|s| {
            s.call(moved_a);
        });
        m.exports.add("keep", keep);
        let seg = m.elements.add(
            ElementKind::Active {
                table,
                offset: ConstExpr::Value(Value::I32(1)),
            },
            ElementItems::Functions(vec![moved_b]),
        );
        m.tables.get_mut(table).elem_segments.insert(seg);
        m.emit_wasm()
    }

    fn validate(wasm: &[u8]) {
        wasmparser::Validator::new()
            .validate_all(wasm)
            .expect("a valid module");
    }

    fn locals(wasm: &[u8]) -> Vec<String> {
        let m = parse(wasm, true).unwrap();
        let mut names: Vec<String> = m
            .funcs
            .iter_local()
            .map(|(id, _)| name_of(&m, id))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn the_first_load_keeps_the_profile_and_stubs_what_it_still_calls() {
        let keep: HashSet<String> = ["keep", "helper"].map(String::from).into();
        let parts = split(&sample(), &keep, None).unwrap();
        validate(&parts.main);
        validate(&parts.rest);
        assert_eq!((parts.kept, parts.moved, parts.entries), (2, 2, 2));

        let main = parse(&parts.main, false).unwrap();
        let rest = parse(&parts.rest, false).unwrap();
        // The rest defines the two moved functions and nothing else.
        assert_eq!(rest.funcs.iter_local().count(), 2);
        // keep, helper and the stubs of moved_a (called by keep) and moved_b (in the table).
        assert_eq!(main.funcs.iter_local().count(), 4);
        assert!(main.imports.find(IMPORT_MODULE, "load").is_some());
        assert!(main.exports.iter().any(|e| e.name == LOADED));
        // Every import of the rest is an export of the first load, of the same kind.
        for import in rest.imports.iter() {
            assert_eq!(import.module, PRIMARY);
            let export = main
                .exports
                .iter()
                .find(|e| e.name == import.name)
                .unwrap_or_else(|| panic!("{} is not exported", import.name));
            let same = matches!(
                (&import.kind, &export.item),
                (ImportKind::Function(_), ExportItem::Function(_))
                    | (ImportKind::Memory(_), ExportItem::Memory(_))
                    | (ImportKind::Table(_), ExportItem::Table(_))
                    | (ImportKind::Global(_), ExportItem::Global(_))
            );
            assert!(same, "{} differs in kind", import.name);
        }
        // The table grew by the two entries, which the rest writes from the old end on.
        let table = main.tables.main_function_table().unwrap().unwrap();
        assert_eq!(main.tables.get(table).initial, 6);
        let segment = rest.elements.iter().next().unwrap();
        match &segment.kind {
            ElementKind::Active { offset, .. } => {
                assert!(matches!(offset, ConstExpr::Value(Value::I32(4))))
            }
            _ => panic!("the rest's segment is not active"),
        }
    }

    #[test]
    fn an_empty_profile_moves_every_named_function() {
        let parts = split(&sample(), &HashSet::new(), None).unwrap();
        validate(&parts.main);
        validate(&parts.rest);
        assert_eq!(locals(&parts.main).len(), parts.entries);
        assert_eq!(parts.moved, 4);
    }

    #[test]
    fn names_lose_their_hashes() {
        let n = |a: &str, b: &str| assert_eq!(normalize(a), b, "{a}");
        n(
            "berth::cli::ps::run::h0123456789abcdef",
            "berth::cli::ps::run",
        );
        n("core[c5930c85a12de822]::num::fmt", "core::num::fmt");
        n(
            "<alloc[0123456789abcdef]::vec::Vec<u8>>::push::hfedcba9876543210",
            "<alloc::vec::Vec<u8>>::push",
        );
        n("a[i]::hxyz", "a[i]::hxyz");
        n("plain", "plain");
    }

    #[test]
    fn instrumenting_marks_every_function_with_its_index() {
        let (wasm, names) = instrument(&sample()).unwrap();
        validate(&wasm);
        assert_eq!(names, ["helper", "moved_b", "moved_a", "keep"]);
        let m = parse(&wasm, true).unwrap();
        assert!(m.imports.find(IMPORT_MODULE, "mark").is_some());
    }
}
