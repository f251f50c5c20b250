//! Running a parsed template over data: Go's `text/template/exec.go`, step for step, so that
//! output, variable scoping and error texts (`template: :1:2: executing "" at <.Foo>: …`)
//! are Go's.

use super::funcs::{self, CallCtx, Func, Sig, P};
use super::gofmt;
use super::parse::{Arg, Branch, Command, List, Node, Number, Pipe, Trees, Variable};
use super::value::{Val, K};
use super::{FuncOutput, Function, Model, Options};
use crate::format::text::quote;
use serde_json::Value;
use std::borrow::Cow;

/// How deeply `{{template}}` calls may nest.
const MAX_EXEC_DEPTH: usize = 50;
/// How many nodes one execution may walk, and how much it may write: a template of nested
/// ranges or recursive calls can ask for more work than a page can do.
const MAX_STEPS: usize = 1_000_000;
const MAX_OUTPUT: usize = 8 << 20;

type R<T> = Result<T, String>;

/// What a walk tells its caller: go on, or leave the enclosing `range`.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Flow {
    Normal,
    Break,
    Continue,
}

/// The node being evaluated, for error messages.
#[derive(Clone, Copy)]
enum At<'a> {
    None,
    Node(&'a Node),
    Pipe(&'a Pipe),
    Cmd(&'a Command),
    Arg(&'a Arg),
}

impl At<'_> {
    fn pos_and_text(&self) -> Option<(usize, String)> {
        match self {
            At::None => None,
            At::Node(n) => {
                let pos = match n {
                    Node::Action { pos, .. }
                    | Node::Break { pos }
                    | Node::Continue { pos }
                    | Node::Template { pos, .. }
                    | Node::Else { pos } => *pos,
                    Node::If(b) | Node::Range(b) | Node::With(b) => b.pos,
                    Node::Text { .. } | Node::End => 0,
                };
                Some((pos, n.to_string()))
            }
            At::Pipe(p) => Some((p.pos, p.to_string())),
            At::Cmd(c) => Some((c.pos, c.to_string())),
            At::Arg(a) => Some((a.pos(), a.to_string())),
        }
    }
}

/// Evaluation state: Go's `state`.
pub(crate) struct Exec<'a, 'o> {
    trees: &'a Trees,
    text: &'a str,
    opts: &'a Options,
    data: &'a Value,
    out: &'o mut String,
    vars: Vec<(&'a str, Val<'a>)>,
    node: At<'a>,
    name: &'a str,
    parse_name: &'a str,
    functions: &'a [Function],
    depth: usize,
    nest: usize,
    steps: usize,
    out_start: usize,
}

/// Runs the template named `name` over `data`, appending to `out`.
pub(crate) fn execute<'a>(
    name: &'a str,
    functions: &'a [Function],
    trees: &'a Trees,
    text: &'a str,
    data: &'a Value,
    opts: &'a Options,
    out: &mut String,
) -> R<()> {
    let root = match (&opts.model, data) {
        (_, Value::Null) => Val::invalid(),
        (Model::Struct(name), Value::Object(m)) => Val::new(K::Struct(m, name)),
        (Model::Struct(_), v) | (Model::StringMap, v) => Val::from_data(v, false),
        (Model::JsonMap, v) => Val {
            iface: false,
            ..Val::from_data(v, true)
        },
    };
    let mut s = Exec {
        trees,
        text,
        opts,
        data,
        out,
        vars: vec![("$", root.clone())],
        node: At::None,
        name,
        parse_name: name,
        functions,
        depth: 0,
        nest: 0,
        steps: 0,
        out_start: 0,
    };
    s.out_start = s.out.len();
    let Some(list) = trees.get(name) else {
        return s.errorf(format!(
            "{} is an incomplete or empty template",
            quote(name)
        ));
    };
    s.walk_list(&root, list)?;
    Ok(())
}

impl<'a> Exec<'a, '_> {
    fn at(&mut self, node: At<'a>) {
        self.node = node;
    }

    fn errorf<T>(&self, msg: impl std::fmt::Display) -> R<T> {
        let name = quote(self.name);
        match self.node.pos_and_text() {
            None => Err(format!("template: {}: {msg}", self.name)),
            Some((pos, context)) => {
                let before = self.text.get(..pos).unwrap_or(self.text);
                let (line, col) = match before.rfind('\n') {
                    None => (1, pos),
                    Some(nl) => (1 + before.matches('\n').count(), pos - (nl + 1)),
                };
                Err(format!(
                    "template: {}:{line}:{col}: executing {name} at <{context}>: {msg}",
                    self.parse_name
                ))
            }
        }
    }

    fn walk_list(&mut self, dot: &Val<'a>, list: &'a List) -> R<Flow> {
        for node in &list.nodes {
            let flow = self.walk(dot, node)?;
            if flow != Flow::Normal {
                return Ok(flow);
            }
        }
        Ok(Flow::Normal)
    }

    fn walk(&mut self, dot: &Val<'a>, node: &'a Node) -> R<Flow> {
        self.at(At::Node(node));
        self.steps += 1;
        if self.steps > MAX_STEPS || self.out.len() - self.out_start > MAX_OUTPUT {
            return self.errorf("execution stopped: the template does too much work");
        }
        match node {
            Node::Action { pipe, .. } => {
                // Variables declared by an action persist until the enclosing end.
                let val = self.eval_pipeline(dot, pipe)?;
                if pipe.decl.is_empty() {
                    self.at(At::Node(node));
                    match &val.k {
                        K::Str(s) | K::Num(s) => self.out.push_str(s),
                        _ => self.out.push_str(&gofmt::print_value(&val)),
                    }
                }
            }
            Node::Text { text } => self.out.push_str(text),
            Node::If(b) | Node::With(b) | Node::Range(b) => {
                self.nest += 1;
                let flow = match node {
                    Node::Range(_) => self.walk_range(dot, node, b),
                    Node::With(_) => self.walk_if_or_with(true, dot, b),
                    _ => self.walk_if_or_with(false, dot, b),
                };
                self.nest -= 1;
                return flow;
            }
            Node::Break { .. } => return Ok(Flow::Break),
            Node::Continue { .. } => return Ok(Flow::Continue),
            Node::Template { name, pipe, .. } => {
                self.walk_template(dot, node, name, pipe.as_ref())?
            }
            Node::End | Node::Else { .. } => {}
        }
        Ok(Flow::Normal)
    }

    fn walk_if_or_with(&mut self, with: bool, dot: &Val<'a>, b: &'a Branch) -> R<Flow> {
        let mark = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let flow = if val.truth() {
            if with {
                self.walk_list(&val, &b.list)
            } else {
                self.walk_list(dot, &b.list)
            }
        } else if let Some(e) = &b.else_list {
            self.walk_list(dot, e)
        } else {
            Ok(Flow::Normal)
        };
        self.vars.truncate(mark);
        flow
    }

    fn walk_range(&mut self, dot: &Val<'a>, node: &'a Node, b: &'a Branch) -> R<Flow> {
        self.at(At::Node(node));
        let mark0 = self.vars.len();
        let val = self.eval_pipeline(dot, &b.pipe)?;
        let mark = self.vars.len();
        let items: Vec<(Val<'a>, Val<'a>)> = match &val.k {
            K::Strs(_) | K::Arr(..) => val
                .elements()
                .unwrap_or_default()
                .into_iter()
                .enumerate()
                .map(|(i, e)| (Val::new(K::Int(i as i64)), e))
                .collect(),
            K::Obj(..) => val
                .sorted_entries()
                .unwrap_or_default()
                .into_iter()
                .map(|(k, e)| (Val::str(k), e))
                .collect(),
            K::Invalid | K::Nil => Vec::new(),
            _ => {
                return self.errorf(format!(
                    "range can't iterate over {}",
                    gofmt::sprintf("%v", std::slice::from_ref(&val))
                ))
            }
        };
        if items.is_empty() {
            let flow = match &b.else_list {
                Some(e) => self.walk_list(dot, e)?,
                None => Flow::Normal,
            };
            self.vars.truncate(mark0);
            return Ok(flow);
        }
        let decl = &b.pipe.decl;
        for (index, elem) in items {
            if let Some(first) = decl.first() {
                if b.pipe.is_assign {
                    let v = if decl.len() > 1 {
                        index.clone()
                    } else {
                        elem.clone()
                    };
                    self.set_var(&first.idents[0], v)?;
                } else {
                    self.set_top_var(1, elem.clone());
                }
            }
            if let Some(second) = decl.get(1) {
                if b.pipe.is_assign {
                    self.set_var(&second.idents[0], elem.clone())?;
                } else {
                    self.set_top_var(2, index);
                }
            }
            let flow = self.walk_list(&elem, &b.list);
            self.vars.truncate(mark);
            if flow? == Flow::Break {
                break;
            }
        }
        self.vars.truncate(mark0);
        Ok(Flow::Normal)
    }

    fn walk_template(
        &mut self,
        dot: &Val<'a>,
        node: &'a Node,
        name: &'a str,
        pipe: Option<&'a Pipe>,
    ) -> R<()> {
        self.at(At::Node(node));
        let Some(list) = self.trees.get(name) else {
            return self.errorf(format!("template {} not defined", quote(name)));
        };
        if self.depth >= MAX_EXEC_DEPTH || self.nest >= 2 * MAX_EXEC_DEPTH {
            return self.errorf(format!(
                "exceeded maximum template depth ({MAX_EXEC_DEPTH})"
            ));
        }
        let dot = match pipe {
            Some(p) => self.eval_pipeline(dot, p)?,
            None => Val::invalid(),
        };
        let saved_vars = std::mem::replace(&mut self.vars, vec![("$", dot.clone())]);
        let saved_name = std::mem::replace(&mut self.name, name);
        self.depth += 1;
        self.nest += 1;
        let r = self.walk_list(&dot, list);
        self.nest -= 1;
        self.depth -= 1;
        self.name = saved_name;
        self.vars = saved_vars;
        r.map(|_| ())
    }

    fn set_var(&mut self, name: &str, value: Val<'a>) -> R<()> {
        match self.vars.iter_mut().rev().find(|(n, _)| *n == name) {
            Some(slot) => {
                slot.1 = value;
                Ok(())
            }
            None => self.errorf(format!("undefined variable: {name}")),
        }
    }

    fn set_top_var(&mut self, n: usize, value: Val<'a>) {
        let len = self.vars.len();
        if let Some(slot) = len.checked_sub(n).and_then(|i| self.vars.get_mut(i)) {
            slot.1 = value;
        }
    }

    fn var_value(&self, name: &str) -> R<Val<'a>> {
        match self.vars.iter().rev().find(|(n, _)| *n == name) {
            Some((_, v)) => Ok(v.clone()),
            None => self.errorf(format!("undefined variable: {name}")),
        }
    }

    fn eval_pipeline(&mut self, dot: &Val<'a>, pipe: &'a Pipe) -> R<Val<'a>> {
        self.at(At::Pipe(pipe));
        let mut value: Option<Val<'a>> = None;
        for cmd in &pipe.cmds {
            let v = self.eval_command(dot, cmd, value.take())?;
            value = Some(v.concrete());
        }
        let value = value.unwrap_or_else(Val::invalid);
        for var in &pipe.decl {
            if pipe.is_assign {
                self.set_var(&var.idents[0], value.clone())?;
            } else {
                self.vars.push((&var.idents[0], value.clone()));
            }
        }
        Ok(value)
    }

    fn not_a_function(&self, args: &[Arg], fin: &Option<Val<'a>>) -> R<()> {
        if args.len() > 1 || fin.is_some() {
            let first = args.first().map(ToString::to_string).unwrap_or_default();
            return self.errorf(format!("can't give argument to non-function {first}"));
        }
        Ok(())
    }

    fn eval_command(
        &mut self,
        dot: &Val<'a>,
        cmd: &'a Command,
        fin: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        let Some(first) = cmd.args.first() else {
            return self.errorf("empty command");
        };
        match first {
            Arg::Field { idents, .. } => {
                return self.eval_field_node(dot, first, idents, &cmd.args, fin)
            }
            Arg::Chain { node, fields, .. } => {
                return self.eval_chain_node(dot, first, node, fields, &cmd.args, fin)
            }
            Arg::Identifier { name, .. } => {
                return self.eval_function(dot, first, name, At::Cmd(cmd), &cmd.args, fin)
            }
            Arg::Pipe(p) => {
                self.not_a_function(&cmd.args, &fin)?;
                return self.eval_pipeline(dot, p);
            }
            Arg::Variable(v) => return self.eval_variable_node(dot, first, v, &cmd.args, fin),
            _ => {}
        }
        self.at(At::Arg(first));
        self.not_a_function(&cmd.args, &fin)?;
        match first {
            Arg::Bool { val, .. } => Ok(Val::new(K::Bool(*val))),
            Arg::Dot { .. } => Ok(dot.clone()),
            Arg::Nil { .. } => self.errorf("nil is not a command"),
            Arg::Number(n) => self.ideal_constant(first, n),
            Arg::String { text, .. } => Ok(Val::str(Cow::Borrowed(text.as_str()))),
            _ => self.errorf(format!(
                "can't evaluate command {}",
                quote(&first.to_string())
            )),
        }
    }

    fn ideal_constant(&mut self, node: &'a Arg, n: &Number) -> R<Val<'a>> {
        self.at(At::Arg(node));
        let t = n.text.as_str();
        let is_hex_int = t.len() > 2
            && t.starts_with('0')
            && matches!(t.as_bytes()[1], b'x' | b'X')
            && !t.contains(['p', 'P']);
        let is_rune = t.starts_with('\'');
        if n.is_float && !is_hex_int && !is_rune && t.contains(['.', 'e', 'E', 'p', 'P']) {
            return Ok(Val::new(K::Float(n.float64)));
        }
        if n.is_int {
            return Ok(Val::new(K::Int(n.int64)));
        }
        if n.is_uint {
            return self.errorf(format!("{t} overflows int"));
        }
        Ok(Val::invalid())
    }

    fn eval_field_node(
        &mut self,
        dot: &Val<'a>,
        node: &'a Arg,
        idents: &'a [String],
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        self.at(At::Arg(node));
        self.eval_field_chain(dot, dot.clone(), node, idents, args, fin)
    }

    fn eval_chain_node(
        &mut self,
        dot: &Val<'a>,
        node: &'a Arg,
        base: &'a Arg,
        fields: &'a [String],
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        self.at(At::Arg(node));
        if fields.is_empty() {
            return self.errorf("internal error: no fields in evalChainNode");
        }
        if let Arg::Nil { .. } = base {
            return self.errorf(format!("indirection through explicit nil in {node}"));
        }
        let pipe = self.eval_arg(dot, None, base)?;
        self.eval_field_chain(dot, pipe, node, fields, args, fin)
    }

    fn eval_variable_node(
        &mut self,
        dot: &Val<'a>,
        node: &'a Arg,
        v: &'a Variable,
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        self.at(At::Arg(node));
        let value = self.var_value(&v.idents[0])?;
        if v.idents.len() == 1 {
            self.not_a_function(args, &fin)?;
            return Ok(value);
        }
        self.eval_field_chain(dot, value, node, &v.idents[1..], args, fin)
    }

    fn eval_field_chain(
        &mut self,
        dot: &Val<'a>,
        receiver: Val<'a>,
        node: &'a Arg,
        idents: &'a [String],
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        let Some((last, init)) = idents.split_last() else {
            return Ok(receiver);
        };
        let mut receiver = receiver;
        for ident in init {
            receiver = self.eval_field(dot, ident, node, &[], None, receiver)?;
        }
        self.eval_field(dot, last, node, args, fin, receiver)
    }

    fn eval_field(
        &mut self,
        dot: &Val<'a>,
        name: &'a str,
        node: &'a Arg,
        args: &'a [Arg],
        fin: Option<Val<'a>>,
        receiver: Val<'a>,
    ) -> R<Val<'a>> {
        if receiver.is_invalid() {
            if self.opts.missing_key_error {
                return self.errorf(format!("nil data; no entry for key {}", quote(name)));
            }
            return Ok(Val::invalid());
        }
        if let K::Nil = receiver.k {
            let typ = receiver.static_type_name();
            return self.errorf(format!("nil pointer evaluating {typ}.{name}"));
        }
        if let K::Struct(..) = receiver.k {
            if let Some(m) = self.opts.methods.iter().find(|m| m.name == name) {
                let sig = Sig {
                    fixed: &STR_PARAMS[..m.params.min(STR_PARAMS.len())],
                    variadic: None,
                };
                return self.eval_call(
                    dot,
                    Callee::Method(m.call, receiver.clone()),
                    sig,
                    At::Arg(node),
                    name,
                    args,
                    fin,
                );
            }
        }
        let has_args = args.len() > 1 || fin.is_some();
        match &receiver.k {
            K::Struct(m, _) => {
                if let Some(v) = m.get(name) {
                    if has_args {
                        return self.errorf(format!(
                            "{name} has arguments but cannot be invoked as function"
                        ));
                    }
                    return Ok(Val::from_data(v, false));
                }
            }
            K::Obj(m, iface) => {
                if has_args {
                    return self.errorf(format!("{name} is not a method but has arguments"));
                }
                return match m.get(name) {
                    Some(v) => Ok(Val::from_data(v, *iface)),
                    None if self.opts.missing_key_error => {
                        self.errorf(format!("map has no entry for key {}", quote(name)))
                    }
                    None => Ok(Val::invalid()),
                };
            }
            _ => {}
        }
        let typ = receiver.static_type_name();
        self.errorf(format!("can't evaluate field {name} in type {typ}"))
    }

    fn eval_function(
        &mut self,
        dot: &Val<'a>,
        node: &'a Arg,
        name: &'a str,
        call_node: At<'a>,
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        self.at(At::Arg(node));
        if let Some(custom) = self.functions.iter().find(|f| f.name == name) {
            let sig = Sig {
                fixed: &ANY_PARAMS[..custom.params.min(ANY_PARAMS.len())],
                variadic: None,
            };
            return self.eval_call(
                dot,
                Callee::Custom(custom.call),
                sig,
                call_node,
                name,
                args,
                fin,
            );
        }
        let Some((f, sig)) = funcs::lookup(name, self.opts.header_functions) else {
            return self.errorf(format!("{} is not a defined function", quote(name)));
        };
        self.eval_call(dot, Callee::Func(f), sig, call_node, name, args, fin)
    }

    #[allow(clippy::too_many_arguments)] // mirrors Go's evalCall
    fn eval_call(
        &mut self,
        dot: &Val<'a>,
        callee: Callee<'a>,
        sig: Sig,
        node: At<'a>,
        name: &'a str,
        args: &'a [Arg],
        fin: Option<Val<'a>>,
    ) -> R<Val<'a>> {
        let args = args.get(1..).unwrap_or(&[]);
        let num_in = args.len() + usize::from(fin.is_some());
        let num_fixed = if sig.variadic.is_some() {
            let fixed = sig.fixed.len();
            if num_in < fixed {
                return self.errorf(format!(
                    "wrong number of args for {name}: want at least {fixed} got {}",
                    args.len()
                ));
            }
            fixed
        } else {
            if num_in != sig.fixed.len() {
                return self.errorf(format!(
                    "wrong number of args for {name}: want {} got {num_in}",
                    sig.fixed.len()
                ));
            }
            args.len()
        };
        // Special case for builtin and/or, which short-circuit.
        if let Callee::Func(f @ (Func::And | Func::Or)) = callee {
            let mut v = Val::invalid();
            for arg in args {
                v = self.eval_arg(dot, Some(P::Value), arg)?;
                if v.truth() == (f == Func::Or) {
                    return Ok(v);
                }
            }
            if let Some(fin) = fin {
                v = fin;
            }
            return Ok(v);
        }
        let mut argv = Vec::with_capacity(num_in);
        let mut i = 0;
        while i < num_fixed && i < args.len() {
            argv.push(self.eval_arg(dot, Some(sig.fixed[i]), &args[i])?);
            i += 1;
        }
        if let Some(var_type) = sig.variadic {
            while i < args.len() {
                argv.push(self.eval_arg(dot, Some(var_type), &args[i])?);
                i += 1;
            }
        }
        if let Some(fin) = fin {
            let t = match sig.variadic {
                Some(var_type) if num_in > num_fixed => var_type,
                _ => sig.fixed.get(num_in - 1).copied().unwrap_or(P::Any),
            };
            argv.push(self.validate_type(fin, Some(t))?);
        }
        let result = match callee {
            Callee::Func(f) => {
                let ctx = CallCtx {
                    escaped_root: if self.opts.escape_root_json {
                        Some(self.data)
                    } else {
                        None
                    },
                    first_arg: if f == Func::Call {
                        args.first().map(ToString::to_string).unwrap_or_default()
                    } else {
                        String::new()
                    },
                };
                funcs::call(f, argv, &ctx)
            }
            Callee::Custom(call) => {
                let values: Vec<Value> = argv.iter().map(Val::to_json_value).collect();
                call(&values).map(|out| match out {
                    FuncOutput::Str(s) => Val::str(s),
                    FuncOutput::Strs(v) => Val::new(K::Strs(v)),
                })
            }
            Callee::Method(call, receiver) => {
                let strs: Vec<&str> = argv
                    .iter()
                    .map(|v| v.as_str().unwrap_or_default())
                    .collect();
                match receiver.k {
                    K::Struct(m, _) => Ok(Val::str(call(m, &strs))),
                    _ => Ok(Val::invalid()),
                }
            }
        };
        match result {
            Ok(v) => Ok(v),
            Err(e) => {
                self.at(node);
                self.errorf(format!("error calling {name}: {e}"))
            }
        }
    }

    fn validate_type(&self, value: Val<'a>, typ: Option<P>) -> R<Val<'a>> {
        let Some(typ) = typ else {
            return Ok(value);
        };
        let wrong = |v: &Val<'_>| {
            self.errorf(format!(
                "wrong type for value; expected {}; got {}",
                typ.name(),
                v.static_type_name_if_nil()
            ))
        };
        match typ {
            P::Any => Ok(if value.is_invalid() {
                Val::nil()
            } else {
                value
            }),
            P::Value => Ok(value),
            P::Str => match &value.k {
                K::Invalid => self.errorf("invalid value; expected string"),
                K::Str(_) => Ok(value),
                _ => wrong(&value),
            },
            P::Int => match &value.k {
                K::Invalid => self.errorf("invalid value; expected int"),
                K::Int(_) => Ok(value),
                _ => wrong(&value),
            },
            P::StrSlice => match &value.k {
                K::Invalid => Ok(Val::new(K::Strs(Vec::new()))),
                K::Nil if !value.iface => Ok(Val::new(K::Strs(Vec::new()))),
                K::Strs(_) => Ok(value),
                K::Arr(a, false) if a.iter().all(Value::is_string) => Ok(value),
                _ => wrong(&value),
            },
        }
    }

    fn eval_arg(&mut self, dot: &Val<'a>, typ: Option<P>, n: &'a Arg) -> R<Val<'a>> {
        self.at(At::Arg(n));
        match n {
            Arg::Dot { .. } => return self.validate_type(dot.clone(), typ),
            Arg::Nil { .. } => {
                return match typ {
                    Some(P::Any) => Ok(Val::nil()),
                    Some(P::Value) | None => Ok(Val::invalid()),
                    Some(P::StrSlice) => Ok(Val::new(K::Strs(Vec::new()))),
                    Some(t) => self.errorf(format!("cannot assign nil to {}", t.name())),
                }
            }
            Arg::Field { idents, .. } => {
                let v = self.eval_field_node(dot, n, idents, std::slice::from_ref(n), None)?;
                return self.validate_type(v, typ);
            }
            Arg::Variable(var) => {
                let v = self.eval_variable_node(dot, n, var, &[], None)?;
                return self.validate_type(v, typ);
            }
            Arg::Pipe(p) => {
                let v = self.eval_pipeline(dot, p)?;
                return self.validate_type(v, typ);
            }
            Arg::Identifier { name, .. } => {
                let v = self.eval_function(dot, n, name, At::Arg(n), &[], None)?;
                return self.validate_type(v, typ);
            }
            Arg::Chain { node, fields, .. } => {
                let v = self.eval_chain_node(dot, n, node, fields, &[], None)?;
                return self.validate_type(v, typ);
            }
            _ => {}
        }
        match typ {
            Some(P::Int) => match n {
                Arg::Number(num) if num.is_int => Ok(Val::new(K::Int(num.int64))),
                _ => self.errorf(format!("expected integer; found {n}")),
            },
            Some(P::Str) => match n {
                Arg::String { text, .. } => Ok(Val::str(Cow::Borrowed(text.as_str()))),
                _ => self.errorf(format!("expected string; found {n}")),
            },
            Some(P::Any | P::Value) | None => match n {
                Arg::Bool { val, .. } => Ok(Val::new(K::Bool(*val))),
                Arg::Number(num) => self.ideal_constant(n, num),
                Arg::String { text, .. } => Ok(Val::str(Cow::Borrowed(text.as_str()))),
                _ => self.errorf(format!(
                    "can't handle assignment of {n} to empty interface argument"
                )),
            },
            Some(t @ P::StrSlice) => {
                self.errorf(format!("can't handle {n} for arg of type {}", t.name()))
            }
        }
    }
}

const STR_PARAMS: [P; 8] = [P::Str; 8];
const ANY_PARAMS: [P; 8] = [P::Any; 8];

/// What is being called: a template function or a method of the data's struct type.
#[derive(Clone)]
enum Callee<'a> {
    Func(Func),
    Method(super::MethodFn, Val<'a>),
    Custom(super::FuncFn),
}

impl Val<'_> {
    /// The type Go names when a value does not fit a parameter.
    fn static_type_name_if_nil(&self) -> String {
        match self.k {
            K::Nil => "interface {}".into(),
            _ => self.type_name(),
        }
    }
}
