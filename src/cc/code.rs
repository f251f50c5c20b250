//! Compiled code: the register machine's instructions, compiled functions, object files
//! (one per translation unit, symbols unresolved) and linked programs.
//!
//! Registers are 64-bit slots of the current frame. Values are kept canonical: a signed
//! integer narrower than 64 bits is sign-extended, an unsigned one zero-extended, a
//! floating value is the bit pattern of an `f64` (a `float` is rounded to `f32` precision
//! but stored as `f64`). Pointers are 64-bit (see `super::mem` for their encoding).

/// A register index within the current frame.
pub type Reg = u32;

/// One instruction.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// `d = v`.
    Const { d: Reg, v: u64 },
    /// `d = s`.
    Mov { d: Reg, s: Reg },
    /// `d = a + imm` (64-bit).
    AddImm { d: Reg, a: Reg, imm: i32 },
    /// `d = sext32(a + imm)`.
    AddImm32 { d: Reg, a: Reg, imm: i32 },
    /// 64-bit wrapping add.
    Add64 { d: Reg, a: Reg, b: Reg },
    /// 32-bit add, sign-extended result.
    Add32 { d: Reg, a: Reg, b: Reg },
    /// 64-bit wrapping subtract.
    Sub64 { d: Reg, a: Reg, b: Reg },
    /// 32-bit subtract, sign-extended.
    Sub32 { d: Reg, a: Reg, b: Reg },
    /// 64-bit multiply.
    Mul64 { d: Reg, a: Reg, b: Reg },
    /// 32-bit multiply, sign-extended.
    Mul32 { d: Reg, a: Reg, b: Reg },
    /// Signed 32-bit divide (SIGFPE on zero or overflow).
    DivS32 { d: Reg, a: Reg, b: Reg },
    /// Unsigned 32-bit divide.
    DivU32 { d: Reg, a: Reg, b: Reg },
    /// Signed 64-bit divide.
    DivS64 { d: Reg, a: Reg, b: Reg },
    /// Unsigned 64-bit divide.
    DivU64 { d: Reg, a: Reg, b: Reg },
    /// Signed 32-bit remainder.
    RemS32 { d: Reg, a: Reg, b: Reg },
    /// Unsigned 32-bit remainder.
    RemU32 { d: Reg, a: Reg, b: Reg },
    /// Signed 64-bit remainder.
    RemS64 { d: Reg, a: Reg, b: Reg },
    /// Unsigned 64-bit remainder.
    RemU64 { d: Reg, a: Reg, b: Reg },
    /// Bitwise and.
    And { d: Reg, a: Reg, b: Reg },
    /// Bitwise or.
    Or { d: Reg, a: Reg, b: Reg },
    /// Bitwise xor.
    Xor { d: Reg, a: Reg, b: Reg },
    /// 32-bit shift left, sign-extended.
    Shl32 { d: Reg, a: Reg, b: Reg },
    /// 64-bit shift left.
    Shl64 { d: Reg, a: Reg, b: Reg },
    /// Arithmetic 32-bit shift right.
    ShrS32 { d: Reg, a: Reg, b: Reg },
    /// Logical 32-bit shift right.
    ShrU32 { d: Reg, a: Reg, b: Reg },
    /// Arithmetic 64-bit shift right.
    ShrS64 { d: Reg, a: Reg, b: Reg },
    /// Logical 64-bit shift right.
    ShrU64 { d: Reg, a: Reg, b: Reg },
    /// `d = a == b`.
    Eq { d: Reg, a: Reg, b: Reg },
    /// `d = a != b`.
    Ne { d: Reg, a: Reg, b: Reg },
    /// Signed `<` on canonical values.
    LtS { d: Reg, a: Reg, b: Reg },
    /// Signed `<=`.
    LeS { d: Reg, a: Reg, b: Reg },
    /// Unsigned `<`.
    LtU { d: Reg, a: Reg, b: Reg },
    /// Unsigned `<=`.
    LeU { d: Reg, a: Reg, b: Reg },
    /// 64-bit negate.
    Neg64 { d: Reg, a: Reg },
    /// 32-bit negate, sign-extended.
    Neg32 { d: Reg, a: Reg },
    /// Bitwise not.
    BitNot { d: Reg, a: Reg },
    /// `d = a == 0`.
    Not { d: Reg, a: Reg },
    /// Sign-extend the low 8 bits.
    Sext8 { d: Reg, a: Reg },
    /// Sign-extend the low 16 bits.
    Sext16 { d: Reg, a: Reg },
    /// Sign-extend the low 32 bits.
    Sext32 { d: Reg, a: Reg },
    /// Zero-extend the low 8 bits.
    Zext8 { d: Reg, a: Reg },
    /// Zero-extend the low 16 bits.
    Zext16 { d: Reg, a: Reg },
    /// Zero-extend the low 32 bits.
    Zext32 { d: Reg, a: Reg },
    /// `d = a != 0`.
    ToBool { d: Reg, a: Reg },
    /// Float add.
    AddF { d: Reg, a: Reg, b: Reg },
    /// Float subtract.
    SubF { d: Reg, a: Reg, b: Reg },
    /// Float multiply.
    MulF { d: Reg, a: Reg, b: Reg },
    /// Float divide.
    DivF { d: Reg, a: Reg, b: Reg },
    /// Float negate.
    NegF { d: Reg, a: Reg },
    /// Float `==`.
    EqF { d: Reg, a: Reg, b: Reg },
    /// Float `!=`.
    NeF { d: Reg, a: Reg, b: Reg },
    /// Float `<`.
    LtF { d: Reg, a: Reg, b: Reg },
    /// Float `<=`.
    LeF { d: Reg, a: Reg, b: Reg },
    /// Round to `float` precision.
    RoundF32 { d: Reg, a: Reg },
    /// Signed integer to double.
    SToF { d: Reg, a: Reg },
    /// Unsigned integer to double.
    UToF { d: Reg, a: Reg },
    /// Double to signed 64-bit (truncating, saturating).
    FToS { d: Reg, a: Reg },
    /// Double to unsigned 64-bit.
    FToU { d: Reg, a: Reg },
    /// Load signed byte from `a + off`.
    LdI8 { d: Reg, a: Reg, off: i32 },
    /// Load unsigned byte.
    LdU8 { d: Reg, a: Reg, off: i32 },
    /// Load signed 16-bit.
    LdI16 { d: Reg, a: Reg, off: i32 },
    /// Load unsigned 16-bit.
    LdU16 { d: Reg, a: Reg, off: i32 },
    /// Load signed 32-bit.
    LdI32 { d: Reg, a: Reg, off: i32 },
    /// Load unsigned 32-bit.
    LdU32 { d: Reg, a: Reg, off: i32 },
    /// Load 64-bit.
    Ld64 { d: Reg, a: Reg, off: i32 },
    /// Load a `float` (widened to the register's double).
    LdF32 { d: Reg, a: Reg, off: i32 },
    /// Store the low byte of `s` at `a + off`.
    St8 { s: Reg, a: Reg, off: i32 },
    /// Store 16 bits.
    St16 { s: Reg, a: Reg, off: i32 },
    /// Store 32 bits.
    St32 { s: Reg, a: Reg, off: i32 },
    /// Store 64 bits.
    St64 { s: Reg, a: Reg, off: i32 },
    /// Store a `float` (narrowed from the register's double).
    StF32 { s: Reg, a: Reg, off: i32 },
    /// `d = address of this frame's memory + off`.
    FrameAddr { d: Reg, off: u32 },
    /// Copy `n` bytes from address `s` to address `d`.
    Copy { d: Reg, s: Reg, n: u32 },
    /// Zero `n` bytes at address `a`.
    Zero { a: Reg, n: u32 },
    /// Jump.
    Jmp { t: u32 },
    /// Jump if `c == 0`.
    Jz { c: Reg, t: u32 },
    /// Jump if `c != 0`.
    Jnz { c: Reg, t: u32 },
    /// Jump if `a == b`.
    BrEq { a: Reg, b: Reg, t: u32 },
    /// Jump if `a != b`.
    BrNe { a: Reg, b: Reg, t: u32 },
    /// Jump if signed `a < b`.
    BrLtS { a: Reg, b: Reg, t: u32 },
    /// Jump if signed `a <= b`.
    BrLeS { a: Reg, b: Reg, t: u32 },
    /// Jump if unsigned `a < b`.
    BrLtU { a: Reg, b: Reg, t: u32 },
    /// Jump if unsigned `a <= b`.
    BrLeU { a: Reg, b: Reg, t: u32 },
    /// Jump if signed `a == imm`.
    BrEqI { a: Reg, imm: i32, t: u32 },
    /// Jump if signed `a != imm`.
    BrNeI { a: Reg, imm: i32, t: u32 },
    /// Jump if signed `a < imm`.
    BrLtI { a: Reg, imm: i32, t: u32 },
    /// Jump if signed `a <= imm`.
    BrLeI { a: Reg, imm: i32, t: u32 },
    /// Jump if signed `a > imm`.
    BrGtI { a: Reg, imm: i32, t: u32 },
    /// Jump if signed `a >= imm`.
    BrGeI { a: Reg, imm: i32, t: u32 },
    /// Call function number `f` (after linking) with `n` arguments in registers
    /// `args..args+n`; the result goes to `d`.
    Call { f: u32, args: Reg, n: u32, d: Reg },
    /// Call a library function by number.
    CallNative { f: u32, args: Reg, n: u32, d: Reg },
    /// Call through a function pointer in register `p`.
    CallInd { p: Reg, args: Reg, n: u32, d: Reg },
    /// `d` = a new block of `n` (register) bytes on the stack.
    StackAlloc { d: Reg, n: Reg },
    /// `d` = the stack top (before variable-length arrays of a block).
    StackSave { d: Reg },
    /// Gives the stack back down to the top saved in `s`.
    StackRestore { s: Reg },
    /// Return `s`.
    Ret { s: Reg },
    /// Return nothing.
    RetVoid,
    /// `d` = address of the variadic arguments of this frame.
    VaStart { d: Reg },
    /// Before linking: `d` = address of symbol `sym` of the unit.
    SymAddr { d: Reg, sym: u32 },
    /// Before linking: `d` = address of the unit's string literal `s`.
    StrAddr { d: Reg, s: u32 },
    /// Before linking: a direct call of symbol `sym`.
    CallSym { sym: u32, args: Reg, n: u32, d: Reg },
    /// Stop with a signal (e.g. running off the end after a fatal error).
    Trap { sig: u32 },
}

/// A compiled function.
#[derive(Clone, Debug, PartialEq)]
pub struct Func {
    /// Symbol name.
    pub name: String,
    /// Code.
    pub code: Vec<Op>,
    /// Registers the frame needs.
    pub nregs: u32,
    /// Fixed parameters (arriving in registers `0..nparams`).
    pub nparams: u32,
    /// Bytes of stack memory for locals that live in memory.
    pub frame_size: u32,
    /// Takes `...`.
    pub variadic: bool,
    /// Source line of each instruction (for the linker's messages).
    pub lines: Vec<u32>,
}

/// One piece of a global's initial value, with symbols unresolved (object files) or
/// resolved (programs keep none: their data is final bytes).
#[derive(Clone, Debug, PartialEq)]
pub enum DataInit {
    /// `size` bytes of an integer at an offset.
    Int { off: u64, size: u8, v: u64 },
    /// The address of symbol `sym` (+ addend) at an offset.
    Sym { off: u64, sym: u32, add: i64 },
    /// The address of string literal `s` (+ addend) at an offset.
    Str { off: u64, s: u32, add: i64 },
}

/// A global variable in an object file.
#[derive(Clone, Debug, PartialEq)]
pub struct ObjGlobal {
    /// Symbol name.
    pub name: String,
    /// Size in bytes.
    pub size: u64,
    /// Alignment.
    pub align: u64,
    /// Visible only in its unit.
    pub is_static: bool,
    /// A tentative definition (`int x;`): merges with one real definition.
    pub common: bool,
    /// Initial value pieces.
    pub init: Vec<DataInit>,
}

/// A compiled translation unit (`gcc -c`).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Object {
    /// The source file name (for linker messages: `main.c:(.text+0x1e)`).
    pub source: String,
    /// Symbols the code refers to, by name.
    pub syms: Vec<String>,
    /// Functions defined, with whether each is `static`.
    pub funcs: Vec<(Func, bool)>,
    /// Globals defined.
    pub globals: Vec<ObjGlobal>,
    /// String literals.
    pub strings: Vec<Vec<u8>>,
}

/// A linked program, ready to run.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Program {
    /// All functions; calls refer to them by index.
    pub funcs: Vec<Func>,
    /// The index of `main`.
    pub entry: u32,
    /// Initial bytes of the data segment (globals).
    pub data: Vec<u8>,
    /// Bytes of the read-only segment (string literals).
    pub rodata: Vec<u8>,
    /// Offset of `errno` in the data segment.
    pub errno_off: u32,
    /// Offsets in the data segment of `stdin`, `stdout`, `stderr`.
    pub std_off: [u32; 3],
    /// Offsets of `optarg`, `optind`, `h_errno`.
    pub misc_off: [u32; 3],
}
