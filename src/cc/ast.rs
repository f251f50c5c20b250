//! The typed syntax tree the checker builds and the code generator reads. Every expression
//! carries its type; implicit conversions are explicit `Cast` nodes; arrays and function
//! designators have already decayed where C says they do.

use std::rc::Rc;

use super::diag::Loc;
use super::types::{FnTy, StructDef, Ty};

/// A local variable, by index into [`Function::locals`].
pub type LocalId = u32;

/// A typed expression.
#[derive(Clone, Debug)]
pub struct Expr {
    /// What it is.
    pub k: EK,
    /// Its type.
    pub ty: Ty,
    /// Where gcc would point at it.
    pub loc: Loc,
    /// How long the token there is (for underlines).
    pub len: u32,
    /// It stands for an expression already reported as wrong: further checks on it stay
    /// silent, so one mistake gives one message, as in gcc.
    pub bad: bool,
}

/// Unary operators on values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UOp {
    /// `-x`.
    Neg,
    /// `~x`.
    BitNot,
    /// `!x`.
    Not,
}

/// Binary operators. The operands of arithmetic and comparison operators have already been
/// converted to one type (the left operand's type says which).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BOp {
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `%`.
    Mod,
    /// `<<`.
    Shl,
    /// `>>`.
    Shr,
    /// `&`.
    And,
    /// `|`.
    Or,
    /// `^`.
    Xor,
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// Expression kinds.
#[derive(Clone, Debug)]
pub enum EK {
    /// An integer (or null pointer) constant.
    Int(i64),
    /// A floating constant.
    Float(f64),
    /// A string literal (an array lvalue), by index into [`Unit::strings`].
    Str(u32),
    /// A local variable (lvalue).
    Local(LocalId),
    /// A global variable (lvalue), by symbol name.
    Global(Rc<str>),
    /// A function designator, by symbol name.
    Func(Rc<str>),
    /// `*p` (lvalue).
    Deref(Box<Expr>),
    /// A member at a byte offset of a struct-typed operand (lvalue when it is).
    Member(Box<Expr>, u64),
    /// `&lvalue` (and array/function decay).
    Addr(Box<Expr>),
    /// Conversion of the operand to this expression's type.
    Cast(Box<Expr>),
    /// A unary operator.
    Unary(UOp, Box<Expr>),
    /// A binary operator.
    Binary(BOp, Box<Expr>, Box<Expr>),
    /// `ptr + index * scale` (index is a `long`).
    PtrAdd(Box<Expr>, Box<Expr>, u64),
    /// `(a - b) / scale` of two pointers.
    PtrDiff(Box<Expr>, Box<Expr>, u64),
    /// `lvalue = value` (value already converted).
    Assign(Box<Expr>, Box<Expr>),
    /// `lvalue op= value`: computed in the type of `value`, stored back converted.
    OpAssign(BOp, Box<Expr>, Box<Expr>),
    /// `ptr += n` / `ptr -= n` with the element size.
    PtrOpAssign(bool, Box<Expr>, Box<Expr>, u64),
    /// `++`/`--`, prefix or postfix, by a delta (scaled for pointers).
    IncDec {
        /// The lvalue.
        lv: Box<Expr>,
        /// Prefix (`++x`) rather than postfix.
        pre: bool,
        /// +1/-1, or ± the element size for pointers.
        delta: i64,
    },
    /// `c ? a : b`.
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `a, b`.
    Comma(Box<Expr>, Box<Expr>),
    /// `a && b`.
    LogAnd(Box<Expr>, Box<Expr>),
    /// `a || b`.
    LogOr(Box<Expr>, Box<Expr>),
    /// A call: callee (a function designator or a pointer to function) and arguments
    /// already converted to the parameter types (or promoted, for `...`).
    Call(Box<Expr>, Vec<Expr>),
    /// `va_start(ap, last)`: `ap` is the lvalue.
    VaStart(Box<Expr>),
    /// `va_arg(ap, type)`: `ap` is the lvalue; the type is this node's.
    VaArg(Box<Expr>),
}

impl Expr {
    /// Whether it designates an object (can be assigned to or have its address taken).
    pub fn is_lvalue(&self) -> bool {
        match &self.k {
            EK::Local(_) | EK::Global(_) | EK::Deref(_) | EK::Str(_) => true,
            EK::Member(b, _) => b.is_lvalue(),
            _ => false,
        }
    }
}

/// A statement.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// An expression evaluated for its effects.
    Expr(Expr),
    /// Initializes a local: optionally zero it, then store each (offset, value).
    Init(LocalId, bool, Vec<(u64, Expr)>),
    /// `if`.
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    /// `while`.
    While(Expr, Box<Stmt>),
    /// `do … while`.
    DoWhile(Box<Stmt>, Expr),
    /// `for (init; cond; step) body`.
    For(Option<Box<Stmt>>, Option<Expr>, Option<Expr>, Box<Stmt>),
    /// `switch`: value, body, (case value, label), default label.
    Switch(Expr, Box<Stmt>, Vec<(i64, u32)>, Option<u32>),
    /// A `case`/`default`/user label: the position of label number n.
    Label(u32),
    /// `goto` to label number n.
    Goto(u32),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `return`, with a value converted to the return type.
    Return(Option<Expr>),
    /// `{ … }`.
    Block(Vec<Stmt>),
    /// A variable-length array: the pointer local, the local holding its size in bytes,
    /// the element count and the element size.
    Vla(LocalId, LocalId, Expr, u64),
}

/// A local variable or parameter.
#[derive(Clone, Debug)]
pub struct Local {
    /// Its name (for nothing but debugging).
    pub name: Rc<str>,
    /// Its type.
    pub ty: Ty,
    /// Its address is taken, or it is an aggregate: it lives in memory.
    pub in_memory: bool,
}

/// A function definition.
#[derive(Clone, Debug)]
pub struct Function {
    /// Symbol name.
    pub name: Rc<str>,
    /// Its type.
    pub ty: Rc<FnTy>,
    /// `static`: not visible to other units.
    pub is_static: bool,
    /// Parameters, in order.
    pub params: Vec<LocalId>,
    /// All locals, parameters first.
    pub locals: Vec<Local>,
    /// The body.
    pub body: Stmt,
    /// How many labels the body uses.
    pub labels: u32,
    /// Where it is defined.
    pub loc: Loc,
}

/// One piece of a global's initial value.
#[derive(Clone, Debug, PartialEq)]
pub enum GInit {
    /// An integer of `size` bytes.
    Int(u64, u8, i64),
    /// A float (`size` 4) or double (8).
    Float(u64, u8, f64),
    /// The address of a global or function plus an addend.
    Sym(u64, Rc<str>, i64),
    /// The address of a string literal plus an addend.
    Str(u64, u32, i64),
}

/// A global variable.
#[derive(Clone, Debug)]
pub struct Global {
    /// Symbol name.
    pub name: Rc<str>,
    /// Size in bytes.
    pub size: u64,
    /// Alignment.
    pub align: u64,
    /// `static`: not visible to other units.
    pub is_static: bool,
    /// Initial value pieces (the rest is zero); `None` for a tentative definition.
    pub init: Option<Vec<GInit>>,
    /// Where it is defined.
    pub loc: Loc,
}

/// A checked translation unit.
#[derive(Clone, Debug, Default)]
pub struct Unit {
    /// Function definitions.
    pub funcs: Vec<Function>,
    /// Global variable definitions (not `extern` declarations).
    pub globals: Vec<Global>,
    /// String literal bytes, NUL included.
    pub strings: Vec<Vec<u8>>,
    /// The struct table types refer to.
    pub structs: Vec<StructDef>,
}
