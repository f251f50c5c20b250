//! C types of the x86-64 Linux target: sizes, alignment, struct layout, the usual
//! arithmetic conversions, and the way gcc spells a type in a diagnostic.

use std::rc::Rc;

/// The shape of a type.
#[derive(Clone, Debug, PartialEq)]
pub enum TyK {
    /// `void`.
    Void,
    /// `_Bool`.
    Bool,
    /// `char` (signed on this target).
    Char,
    /// `signed char`.
    SChar,
    /// `unsigned char`.
    UChar,
    /// `short`.
    Short,
    /// `unsigned short`.
    UShort,
    /// `int`.
    Int,
    /// `unsigned int`.
    UInt,
    /// `long`.
    Long,
    /// `unsigned long`.
    ULong,
    /// `long long`.
    LLong,
    /// `unsigned long long`.
    ULLong,
    /// `float`.
    Float,
    /// `double` (and `long double`, kept as double).
    Double,
    /// A pointer.
    Ptr(Rc<Ty>),
    /// An array, with its length when known.
    Array(Rc<Ty>, Option<u64>),
    /// A function type.
    Func(Rc<FnTy>),
    /// A struct or union, by index into the unit's struct table.
    Struct(u32),
    /// An enumeration (an `int`), by tag.
    Enum(Rc<str>),
}

/// A function's type.
#[derive(Clone, Debug, PartialEq)]
pub struct FnTy {
    /// Return type.
    pub ret: Ty,
    /// Parameter types.
    pub params: Vec<Ty>,
    /// Ends in `...`.
    pub variadic: bool,
    /// Declared `f()`: parameters unknown.
    pub unprototyped: bool,
}

/// A type with its qualifier.
#[derive(Clone, Debug, PartialEq)]
pub struct Ty {
    /// The shape.
    pub k: TyK,
    /// Declared `const`.
    pub konst: bool,
}

/// A struct or union member.
#[derive(Clone, Debug)]
pub struct Field {
    /// Its name.
    pub name: Rc<str>,
    /// Its type.
    pub ty: Ty,
    /// Byte offset in the struct.
    pub offset: u64,
}

/// A struct or union definition.
#[derive(Clone, Debug, Default)]
pub struct StructDef {
    /// The tag, if any.
    pub tag: Option<Rc<str>>,
    /// A union rather than a struct.
    pub is_union: bool,
    /// Members in order.
    pub fields: Vec<Field>,
    /// Size in bytes.
    pub size: u64,
    /// Alignment in bytes.
    pub align: u64,
    /// The body has been seen.
    pub complete: bool,
}

impl Ty {
    /// An unqualified type.
    pub const fn new(k: TyK) -> Ty {
        Ty { k, konst: false }
    }
    /// `int`.
    pub const INT: Ty = Ty::new(TyK::Int);
    /// `void`.
    pub const VOID: Ty = Ty::new(TyK::Void);
    /// `char`.
    pub const CHAR: Ty = Ty::new(TyK::Char);
    /// `long`.
    pub const LONG: Ty = Ty::new(TyK::Long);
    /// `unsigned long`.
    pub const ULONG: Ty = Ty::new(TyK::ULong);
    /// `double`.
    pub const DOUBLE: Ty = Ty::new(TyK::Double);

    /// A pointer to `self`.
    pub fn ptr(self) -> Ty {
        Ty::new(TyK::Ptr(Rc::new(self)))
    }

    /// The same type without `const`.
    pub fn unqual(&self) -> Ty {
        Ty {
            k: self.k.clone(),
            konst: false,
        }
    }

    /// Whether it is an integer type (enums and `_Bool` included).
    pub fn is_integer(&self) -> bool {
        use TyK::*;
        matches!(
            self.k,
            Bool | Char
                | SChar
                | UChar
                | Short
                | UShort
                | Int
                | UInt
                | Long
                | ULong
                | LLong
                | ULLong
                | Enum(_)
        )
    }
    /// `float` or `double`.
    pub fn is_float(&self) -> bool {
        matches!(self.k, TyK::Float | TyK::Double)
    }
    /// Integer or floating.
    pub fn is_arith(&self) -> bool {
        self.is_integer() || self.is_float()
    }
    /// A pointer.
    pub fn is_ptr(&self) -> bool {
        matches!(self.k, TyK::Ptr(_))
    }
    /// Arithmetic or pointer.
    pub fn is_scalar(&self) -> bool {
        self.is_arith() || self.is_ptr()
    }
    /// `void`.
    pub fn is_void(&self) -> bool {
        self.k == TyK::Void
    }
    /// An array.
    pub fn is_array(&self) -> bool {
        matches!(self.k, TyK::Array(..))
    }
    /// A function.
    pub fn is_func(&self) -> bool {
        matches!(self.k, TyK::Func(_))
    }
    /// A struct or union.
    pub fn is_struct(&self) -> bool {
        matches!(self.k, TyK::Struct(_))
    }
    /// Unsigned integer (pointers count as unsigned for comparisons).
    pub fn is_unsigned(&self) -> bool {
        use TyK::*;
        matches!(
            self.k,
            Bool | UChar | UShort | UInt | ULong | ULLong | Ptr(_)
        )
    }
    /// What a pointer or array points to.
    pub fn pointee(&self) -> Option<&Ty> {
        match &self.k {
            TyK::Ptr(t) | TyK::Array(t, _) => Some(t),
            _ => None,
        }
    }
    /// The function type of a function or a pointer to one.
    pub fn func(&self) -> Option<&Rc<FnTy>> {
        match &self.k {
            TyK::Func(f) => Some(f),
            TyK::Ptr(t) => match &t.k {
                TyK::Func(f) => Some(f),
                _ => None,
            },
            _ => None,
        }
    }

    /// Integer conversion rank, for the usual arithmetic conversions.
    fn rank(&self) -> u8 {
        use TyK::*;
        match self.k {
            Bool => 1,
            Char | SChar | UChar => 2,
            Short | UShort => 3,
            Int | UInt | Enum(_) => 4,
            Long | ULong => 5,
            LLong | ULLong => 6,
            _ => 0,
        }
    }
}

/// Sizes and names that need the unit's struct table.
pub struct Layout<'a> {
    /// The unit's structs.
    pub structs: &'a [StructDef],
}

impl Layout<'_> {
    /// `sizeof`; incomplete types have size 0 (callers report them).
    pub fn size(&self, t: &Ty) -> u64 {
        use TyK::*;
        match &t.k {
            Void => 1,
            Bool | Char | SChar | UChar => 1,
            Short | UShort => 2,
            Int | UInt | Enum(_) | Float => 4,
            Long | ULong | LLong | ULLong | Double | Ptr(_) => 8,
            Array(e, n) => self.size(e).saturating_mul(n.unwrap_or(0)),
            Func(_) => 1,
            Struct(id) => self.structs.get(*id as usize).map_or(0, |s| s.size),
        }
    }

    /// `_Alignof`.
    pub fn align(&self, t: &Ty) -> u64 {
        match &t.k {
            TyK::Array(e, _) => self.align(e),
            TyK::Struct(id) => self.structs.get(*id as usize).map_or(1, |s| s.align.max(1)),
            TyK::Void | TyK::Func(_) => 1,
            _ => self.size(t).max(1),
        }
    }

    /// Whether the size is known.
    pub fn is_complete(&self, t: &Ty) -> bool {
        match &t.k {
            TyK::Void => false,
            TyK::Array(e, n) => n.is_some() && self.is_complete(e),
            TyK::Struct(id) => self.structs.get(*id as usize).is_some_and(|s| s.complete),
            _ => true,
        }
    }

    /// gcc's spelling of a type in diagnostics (`int`, `char *`, `struct p`, `int[3]`).
    pub fn name(&self, t: &Ty) -> String {
        let (base, decl) = self.split_name(t, String::new());
        if decl.is_empty() {
            base
        } else if decl.starts_with('[') {
            format!("{base}{decl}")
        } else {
            format!("{base} {decl}")
        }
    }

    fn base_name(&self, t: &Ty) -> String {
        use TyK::*;
        let s = match &t.k {
            Void => "void".to_owned(),
            Bool => "_Bool".to_owned(),
            Char => "char".to_owned(),
            SChar => "signed char".to_owned(),
            UChar => "unsigned char".to_owned(),
            Short => "short int".to_owned(),
            UShort => "short unsigned int".to_owned(),
            Int => "int".to_owned(),
            UInt => "unsigned int".to_owned(),
            Long => "long int".to_owned(),
            ULong => "long unsigned int".to_owned(),
            LLong => "long long int".to_owned(),
            ULLong => "long long unsigned int".to_owned(),
            Float => "float".to_owned(),
            Double => "double".to_owned(),
            Enum(tag) => format!("enum {tag}"),
            Struct(id) => match self.structs.get(*id as usize) {
                Some(s) => format!(
                    "{} {}",
                    if s.is_union { "union" } else { "struct" },
                    s.tag.as_deref().unwrap_or("<anonymous>")
                ),
                None => "struct <anonymous>".to_owned(),
            },
            Ptr(_) | Array(..) | Func(_) => String::new(),
        };
        if t.konst {
            format!("const {s}")
        } else {
            s
        }
    }

    /// Splits a type into its base and the declarator around `inner`.
    fn split_name(&self, t: &Ty, inner: String) -> (String, String) {
        match &t.k {
            TyK::Ptr(p) => {
                let star = if t.konst {
                    "* const".to_owned()
                } else {
                    "*".to_owned()
                };
                let inner = format!("{star}{inner}");
                match &p.k {
                    TyK::Array(..) | TyK::Func(_) => self.split_name(p, format!("({inner})")),
                    _ => self.split_name(p, inner),
                }
            }
            TyK::Array(e, n) => {
                let dim = n.map(|n| n.to_string()).unwrap_or_default();
                self.split_name(e, format!("{inner}[{dim}]"))
            }
            TyK::Func(f) => {
                let mut ps: Vec<String> = f.params.iter().map(|p| self.name(p)).collect();
                if f.variadic {
                    ps.push("...".into());
                }
                if ps.is_empty() && !f.unprototyped {
                    ps.push("void".into());
                }
                self.split_name(&f.ret, format!("{}({})", inner, ps.join(", ")))
            }
            _ => (self.base_name(t), inner),
        }
    }
}

/// The type both operands of an arithmetic operator convert to.
pub fn usual_arith(a: &Ty, b: &Ty) -> Ty {
    if a.k == TyK::Double || b.k == TyK::Double {
        return Ty::DOUBLE;
    }
    if a.k == TyK::Float || b.k == TyK::Float {
        return Ty::new(TyK::Float);
    }
    let a = promote(a);
    let b = promote(b);
    if a.k == b.k {
        return a;
    }
    let (hi, lo) = if a.rank() >= b.rank() { (a, b) } else { (b, a) };
    if hi.rank() == lo.rank() {
        // Same rank, one unsigned: the unsigned one wins.
        return if hi.is_unsigned() { hi } else { lo };
    }
    if hi.is_unsigned() || !lo.is_unsigned() {
        return hi;
    }
    // Signed of higher rank vs unsigned of lower rank: the signed one holds it on LP64.
    hi
}

/// Integer promotion: small types become `int`.
pub fn promote(t: &Ty) -> Ty {
    use TyK::*;
    match t.k {
        Bool | Char | SChar | UChar | Short | UShort | Enum(_) => Ty::INT,
        _ => t.unqual(),
    }
}

/// Rounds `n` up to a multiple of `a`.
pub fn align_to(n: u64, a: u64) -> u64 {
    if a <= 1 {
        n
    } else {
        n.div_ceil(a).saturating_mul(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(t: Ty, expected: &str) {
        let l = Layout { structs: &[] };
        assert_eq!(l.name(&t), expected);
    }

    #[test]
    fn names() {
        check(Ty::INT, "int");
        check(Ty::CHAR.ptr(), "char *");
        check(
            Ty {
                k: TyK::Char,
                konst: true,
            }
            .ptr(),
            "const char *",
        );
        check(Ty::new(TyK::Array(Rc::new(Ty::INT), Some(3))), "int[3]");
        check(
            Ty::new(TyK::Array(Rc::new(Ty::INT), Some(3))).ptr(),
            "int (*)[3]",
        );
        let f = Ty::new(TyK::Func(Rc::new(FnTy {
            ret: Ty::INT,
            params: vec![Ty::INT],
            variadic: false,
            unprototyped: false,
        })));
        check(f.clone().ptr(), "int (*)(int)");
        check(f, "int (int)");
        check(Ty::CHAR.ptr().ptr(), "char **");
        check(Ty::ULONG, "long unsigned int");
    }

    #[test]
    fn conversions() {
        assert_eq!(usual_arith(&Ty::INT, &Ty::new(TyK::UInt)).k, TyK::UInt);
        assert_eq!(usual_arith(&Ty::LONG, &Ty::new(TyK::UInt)).k, TyK::Long);
        assert_eq!(usual_arith(&Ty::CHAR, &Ty::CHAR).k, TyK::Int);
        assert_eq!(usual_arith(&Ty::INT, &Ty::DOUBLE).k, TyK::Double);
        assert_eq!(usual_arith(&Ty::ULONG, &Ty::LONG).k, TyK::ULong);
    }
}
