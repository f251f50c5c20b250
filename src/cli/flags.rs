//! Flags as pflag (the library docker's CLI uses) declares, parses and prints them.
//!
//! A command declares its flags once, as a table of [`Flag`]s; the same table drives parsing
//! ([`parse`]) and the `Options:` block of `--help` ([`usages`]). Parsing follows pflag:
//! `--name=x` and `--name x`, `-it` and `-dit` combined shorthands, `-p8080:80` and `-e=A=1`
//! attached values, `--` ends flags, and the exact pflag error texts.

use crate::collections::SmallSort;

/// The `--format` help of list commands (docker's `flagsHelper.FormatHelp`).
pub const FORMAT_HELP: &str = "Format output using a custom template:
'table':            Print output in table format with column headers (default)
'table TEMPLATE':   Print output in table format using the given Go template
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/// The `--format` help of inspect-like commands (`flagsHelper.InspectFormatHelp`).
pub const INSPECT_FORMAT_HELP: &str = "Format output using a custom template:
'json':             Print in JSON format
'TEMPLATE':         Print output using the given Go template.
Refer to https://docs.docker.com/go/formatting/ for more information about formatting output with templates";

/// How a flag's value is checked when it is set. The error texts are pflag's and docker's.
#[derive(Clone, Copy, Debug)]
pub enum Check {
    /// Any string.
    Any,
    /// A signed integer (`strconv.ParseInt`).
    Int,
    /// An unsigned integer (`strconv.ParseUint`), 64 bits.
    Uint,
    /// An unsigned 16-bit integer.
    Uint16,
    /// A decimal such as `--cpus 1.5`.
    Decimal,
    /// A byte size such as `512m` (`units.RAMInBytes`).
    Bytes,
    /// A Go duration such as `10s`.
    Duration,
    /// A check of the command's own; the error is the text after `flag: `.
    Custom(fn(&str) -> Result<(), String>),
}

/// What kind of flag this is.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// A switch: `--rm`, `--rm=false`. Takes no separate argument.
    Bool,
    /// A flag that takes a value. `type_name` is what `--help` shows after the name
    /// (`string`, `list`, `int`, `bytes` …); repeated uses all count (lists) and the last
    /// one wins for single values.
    Value {
        /// The word `--help` prints after the flag name.
        type_name: &'static str,
        /// How a value is checked when set.
        check: Check,
    },
}

/// One flag of a command.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    /// Long name, without dashes.
    pub long: &'static str,
    /// One-letter shorthand, if any.
    pub short: Option<char>,
    /// Switch or value.
    pub kind: Kind,
    /// The help line (may contain `\n`).
    pub usage: &'static str,
    /// The default as `--help` shows it after `(default `, already quoted where pflag quotes
    /// it; empty when pflag prints no default.
    pub default: &'static str,
    /// Hidden flags parse but are not listed in `--help`.
    pub hidden: bool,
}

impl Flag {
    /// A boolean switch.
    pub const fn bool(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag {
            long,
            short,
            kind: Kind::Bool,
            usage,
            default: "",
            hidden: false,
        }
    }

    /// A flag with a value of type `type_name`, checked by `check`.
    pub const fn value(
        long: &'static str,
        short: Option<char>,
        type_name: &'static str,
        check: Check,
        usage: &'static str,
    ) -> Flag {
        Flag {
            long,
            short,
            kind: Kind::Value { type_name, check },
            usage,
            default: "",
            hidden: false,
        }
    }

    /// A string flag.
    pub const fn string(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "string", Check::Any, usage)
    }

    /// A repeatable list flag.
    pub const fn list(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "list", Check::Any, usage)
    }

    /// An `int` flag (pflag's Int and Int64 alike).
    pub const fn int(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "int", Check::Int, usage)
    }

    /// A `bytes` flag: a size such as `512m`.
    pub const fn bytes(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "bytes", Check::Bytes, usage)
    }

    /// A `duration` flag such as `10s`.
    pub const fn duration(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "duration", Check::Duration, usage)
    }

    /// A `filter` flag (`key=value`, repeatable).
    pub const fn filter(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "filter", Check::Custom(check_filter), usage)
    }

    /// A `map` flag (`key=value`, repeatable).
    pub const fn map(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "map", Check::Any, usage).default("map[]")
    }

    /// A `strings` flag (pflag's StringSlice: repeatable, comma-separated).
    pub const fn strings(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
        Flag::value(long, short, "strings", Check::Any, usage)
    }

    /// The same flag, with `default` shown in `--help`.
    pub const fn default(mut self, default: &'static str) -> Flag {
        self.default = default;
        self
    }

    /// The same flag, hidden from `--help`.
    pub const fn hidden(mut self) -> Flag {
        self.hidden = true;
        self
    }

    /// The same flag, with its value checked by `check`.
    pub const fn check(mut self, check: Check) -> Flag {
        if let Kind::Value { type_name, .. } = self.kind {
            self.kind = Kind::Value { type_name, check };
        }
        self
    }

    fn is_bool(&self) -> bool {
        matches!(self.kind, Kind::Bool)
    }

    /// How pflag names the flag in value errors: `"-n, --last"` or `"--rm"`.
    fn display_name(&self) -> String {
        match self.short {
            Some(s) => format!("-{s}, --{}", self.long),
            None => format!("--{}", self.long),
        }
    }
}

/// `a` followed by `b`, as one table: for commands that share most of their flags (run and
/// create share docker's container options). `N` must be `a.len() + b.len()`.
pub const fn join<const N: usize>(a: &[Flag], b: &[Flag]) -> [Flag; N] {
    assert!(a.len() + b.len() == N, "flag table length");
    let mut out = [Flag::bool("", None, ""); N];
    let mut i = 0;
    while i < a.len() {
        out[i] = a[i];
        i += 1;
    }
    let mut j = 0;
    while j < b.len() {
        out[i + j] = b[j];
        j += 1;
    }
    out
}

/// The outcome of parsing a command's arguments.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    /// Flag values in the order given: (long name, value). Switches store `true`/`false`.
    values: Vec<(&'static str, String)>,
    /// Positional arguments.
    pub args: Vec<String>,
    /// `--help` (or a deprecated `-h`) was given.
    pub help: bool,
    /// `-h` was used for help, which docker reports as deprecated.
    pub deprecated_h: bool,
}

impl Parsed {
    /// Arguments taken as they are, no flag parsed (for commands that parse nothing).
    pub fn from_args(args: Vec<String>) -> Parsed {
        Parsed {
            args,
            ..Parsed::default()
        }
    }

    /// Whether the flag was given at all.
    pub fn changed(&self, long: &str) -> bool {
        self.values.iter().any(|(n, _)| *n == long)
    }

    /// The last value of a switch, false when absent.
    pub fn bool(&self, long: &str) -> bool {
        self.last(long).is_some_and(|v| parse_bool(v) == Some(true))
    }

    /// The last value given for a flag.
    pub fn last(&self, long: &str) -> Option<&str> {
        self.values
            .iter()
            .rev()
            .find(|(n, _)| *n == long)
            .map(|(_, v)| v.as_str())
    }

    /// Every value given for a repeatable flag, in order.
    pub fn all(&self, long: &str) -> Vec<&str> {
        self.values
            .iter()
            .filter(|(n, _)| *n == long)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The last value of an integer flag (already checked at parse time), or `default`.
    pub fn int(&self, long: &str, default: i64) -> i64 {
        self.last(long)
            .and_then(|v| parse_go_int(v).ok())
            .unwrap_or(default)
    }
}

/// A flag parsing failure, with pflag's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FlagError(pub String);

/// Parses `args` against `flags`. With `interspersed` false, the first positional argument
/// ends flag parsing (docker run, create, exec: flags after the image belong to the command).
pub fn parse(flags: &[Flag], args: &[String], interspersed: bool) -> Result<Parsed, FlagError> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let s = &args[i];
        i += 1;
        if s.len() < 2 || !s.starts_with('-') {
            p.args.push(s.clone());
            if !interspersed {
                p.args.extend(args[i..].iter().cloned());
                break;
            }
            continue;
        }
        if let Some(long) = s.strip_prefix("--") {
            if long.is_empty() {
                p.args.extend(args[i..].iter().cloned());
                break;
            }
            parse_long(flags, s, long, args, &mut i, &mut p)?;
        } else {
            parse_shorts(flags, &s[1..], args, &mut i, &mut p)?;
        }
    }
    Ok(p)
}

fn parse_long(
    flags: &[Flag],
    whole: &str,
    long: &str,
    args: &[String],
    i: &mut usize,
    p: &mut Parsed,
) -> Result<(), FlagError> {
    if long.starts_with('-') || long.starts_with('=') {
        return Err(FlagError(format!("bad flag syntax: {whole}")));
    }
    let (name, inline) = match long.split_once('=') {
        Some((n, v)) => (n, Some(v.to_owned())),
        None => (long, None),
    };
    let Some(flag) = flags.iter().find(|f| f.long == name) else {
        if name == "help" {
            p.help = true;
            return Ok(());
        }
        return Err(FlagError(format!("unknown flag: --{name}")));
    };
    let value = match inline {
        Some(v) => v,
        None if flag.is_bool() => "true".to_owned(),
        None if *i < args.len() => {
            *i += 1;
            args[*i - 1].clone()
        }
        None => return Err(FlagError(format!("flag needs an argument: {whole}"))),
    };
    set(flag, value, p)
}

fn parse_shorts(
    flags: &[Flag],
    shorthands: &str,
    args: &[String],
    i: &mut usize,
    p: &mut Parsed,
) -> Result<(), FlagError> {
    let mut rest = shorthands;
    while let Some(c) = rest.chars().next() {
        let after = &rest[c.len_utf8()..];
        let Some(flag) = flags.iter().find(|f| f.short == Some(c)) else {
            if c == 'h' {
                p.help = true;
                p.deprecated_h = true;
                rest = after;
                continue;
            }
            return Err(FlagError(format!(
                "unknown shorthand flag: '{c}' in -{rest}"
            )));
        };
        let value;
        if let Some(v) = after.strip_prefix('=').filter(|_| after.len() > 1) {
            value = v.to_owned();
            rest = "";
        } else if flag.is_bool() {
            value = "true".to_owned();
            rest = after;
        } else if !after.is_empty() {
            value = after.to_owned();
            rest = "";
        } else if *i < args.len() {
            value = args[*i].clone();
            *i += 1;
            rest = "";
        } else {
            return Err(FlagError(format!(
                "flag needs an argument: '{c}' in -{rest}"
            )));
        }
        set(flag, value, p)?;
    }
    Ok(())
}

fn set(flag: &Flag, value: String, p: &mut Parsed) -> Result<(), FlagError> {
    let problem = match flag.kind {
        Kind::Bool => match parse_bool(&value) {
            Some(b) => {
                // run and create declare `--help` themselves, their `-h` being --hostname.
                if flag.long == "help" && b {
                    p.help = true;
                }
                p.values.push((flag.long, b.to_string()));
                return Ok(());
            }
            None => Some(format!(
                "strconv.ParseBool: parsing {}: invalid syntax",
                go_quote(&value)
            )),
        },
        Kind::Value { check, .. } => check_value(check, &value).err(),
    };
    if let Some(why) = problem {
        return Err(FlagError(format!(
            "invalid argument {} for {} flag: {why}",
            go_quote(&value),
            go_quote(&flag.display_name())
        )));
    }
    p.values.push((flag.long, value));
    Ok(())
}

fn check_value(check: Check, v: &str) -> Result<(), String> {
    let syntax = |f: &str| format!("strconv.{f}: parsing {}: invalid syntax", go_quote(v));
    let range = |f: &str| format!("strconv.{f}: parsing {}: value out of range", go_quote(v));
    match check {
        Check::Any => Ok(()),
        Check::Int => parse_go_int(v).map(|_| ()).map_err(|e| match e {
            IntError::Syntax => syntax("ParseInt"),
            IntError::Range => range("ParseInt"),
        }),
        Check::Uint | Check::Uint16 => {
            let max = if matches!(check, Check::Uint16) {
                u64::from(u16::MAX)
            } else {
                u64::MAX
            };
            if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                return Err(syntax("ParseUint"));
            }
            match v.parse::<u64>() {
                Ok(n) if n <= max => Ok(()),
                _ => Err(range("ParseUint")),
            }
        }
        Check::Decimal => {
            if v.parse::<f64>().map(f64::is_finite).unwrap_or(false) {
                Ok(())
            } else {
                Err(format!("failed to parse {v} as a rational number"))
            }
        }
        Check::Bytes => crate::format::units::ram_in_bytes(v).map(|_| ()),
        Check::Duration => crate::format::units::parse_go_duration(v).map(|_| ()),
        Check::Custom(f) => f(v),
    }
}

/// The long names of every flag given, in order, without repeats.
pub fn changed_names(p: &Parsed) -> Vec<&'static str> {
    let mut names: Vec<&'static str> = Vec::new();
    for (n, _) in &p.values {
        if !names.contains(n) {
            names.push(n);
        }
    }
    names
}

/// docker's `opts.FilterOpt`: each value must be `name=value`.
fn check_filter(v: &str) -> Result<(), String> {
    match v.split_once('=') {
        Some((k, _)) if !k.trim().is_empty() => Ok(()),
        _ => Err("bad format of filter (expected name=value)".to_owned()),
    }
}

/// Why a Go integer did not parse.
#[derive(Debug, PartialEq, Eq)]
pub enum IntError {
    /// Not a number at all.
    Syntax,
    /// A number, too large for 64 bits.
    Range,
}

/// `strconv.ParseInt(v, 0, 64)` as pflag uses it: decimal, `0x`, `0o`, `0b`, leading `0` octal.
pub fn parse_go_int(v: &str) -> Result<i64, IntError> {
    let (neg, digits) = match v.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, v.strip_prefix('+').unwrap_or(v)),
    };
    let digits = digits.replace('_', "");
    let (radix, body) = if let Some(b) = digits.strip_prefix("0x").or(digits.strip_prefix("0X")) {
        (16, b.to_owned())
    } else if let Some(b) = digits.strip_prefix("0b").or(digits.strip_prefix("0B")) {
        (2, b.to_owned())
    } else if let Some(b) = digits.strip_prefix("0o").or(digits.strip_prefix("0O")) {
        (8, b.to_owned())
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, digits[1..].to_owned())
    } else {
        (10, digits.clone())
    };
    if body.is_empty() || !body.chars().all(|c| c.is_digit(radix)) {
        return Err(IntError::Syntax);
    }
    let magnitude = i128::from_str_radix(&body, radix).map_err(|_| IntError::Range)?;
    let n = if neg { -magnitude } else { magnitude };
    i64::try_from(n).map_err(|_| IntError::Range)
}

/// `strconv.ParseBool`.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Go's `%q` for plain strings: double quotes, with `"` and `\` escaped.
pub fn go_quote(s: &str) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\t' => q.push_str("\\t"),
            '\r' => q.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                q.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

/// The `Options:` block, as pflag's `FlagUsagesWrapped(cols)` prints it.
pub fn usages(flags: &[Flag], cols: usize) -> String {
    let mut lines: Vec<(String, String)> = Vec::new();
    let mut maxlen = 0;
    let mut sorted: Vec<&Flag> = flags.iter().filter(|f| !f.hidden).collect();
    sorted.small_sort_by_key(|f| f.long);
    for f in sorted {
        let mut left = match f.short {
            Some(s) => format!("  -{s}, --{}", f.long),
            None => format!("      --{}", f.long),
        };
        if let Kind::Value { type_name, .. } = f.kind {
            left.push(' ');
            left.push_str(type_name);
        }
        // pflag measures the line with its \x00 separator, hence the + 1.
        maxlen = maxlen.max(left.len() + 1);
        let mut usage = f.usage.to_owned();
        if !f.default.is_empty() {
            usage.push_str(&format!(" (default {})", f.default));
        }
        lines.push((left, usage));
    }
    let mut out = String::new();
    for (left, usage) in lines {
        let spacing = " ".repeat(maxlen - left.len());
        // pflag: Fprintln(left, spacing, wrapped) joins the three with single spaces.
        out.push_str(&format!(
            "{left} {spacing} {}\n",
            wrap(maxlen + 2, cols, &usage)
        ));
    }
    out
}

/// pflag's `wrap(i, w, s)`: wraps `s` to width `w`, continuation lines indented by `i`.
fn wrap(i: usize, w: usize, s: &str) -> String {
    let mut indent = i;
    let mut r = String::new();
    let mut width = w.saturating_sub(indent);
    if width < 24 {
        indent = 16;
        width = w.saturating_sub(indent);
        r.push('\n');
        r.push_str(&" ".repeat(indent));
    }
    let pad = " ".repeat(indent);
    if width < 24 {
        let replaced = s.replace('\n', &r);
        return r + &replaced;
    }
    let slop = 5;
    let width = width - slop;
    let (first, mut rest) = wrap_n(width, slop, s);
    r.push_str(&first.replace('\n', &format!("\n{pad}")));
    while !rest.is_empty() {
        let (t, remainder) = wrap_n(width, slop, rest);
        r.push('\n');
        r.push_str(&pad);
        r.push_str(&t.replace('\n', &format!("\n{pad}")));
        rest = remainder;
    }
    r
}

/// pflag's `wrapN`: splits `s` at the last whitespace before `i` (bytes), unless the whole
/// fits within `i + slop`.
fn wrap_n(i: usize, slop: usize, s: &str) -> (&str, &str) {
    if i + slop > s.len() {
        return (s, "");
    }
    let head = &s[..floor_char_boundary(s, i)];
    let w = head.rfind([' ', '\t', '\n']);
    let Some(w) = w.filter(|&w| w > 0) else {
        return (s, "");
    };
    if let Some(nl) = head.rfind('\n').filter(|&nl| nl > 0 && nl < w) {
        return (&s[..nl], &s[nl + 1..]);
    }
    (&s[..w], &s[w + 1..])
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    const FLAGS: &[Flag] = &[
        Flag::bool(
            "detach",
            Some('d'),
            "Run container in background and print container ID",
        ),
        Flag::bool(
            "interactive",
            Some('i'),
            "Keep STDIN open even if not attached",
        ),
        Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
        Flag::list("env", Some('e'), "Set environment variables"),
        Flag::string("name", None, "Assign a name to the container"),
        Flag::list(
            "publish",
            Some('p'),
            "Publish a container's port(s) to the host",
        ),
        Flag::value(
            "last",
            Some('n'),
            "int",
            Check::Int,
            "Show n last created containers (includes all states)",
        )
        .default("-1"),
        Flag::bool("rm", None, "Automatically remove the container"),
    ];

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    fn ok(s: &str, interspersed: bool) -> Parsed {
        parse(FLAGS, &args(s), interspersed).unwrap()
    }

    fn err(s: &str) -> String {
        parse(FLAGS, &args(s), true).unwrap_err().0
    }

    #[test]
    fn combined_and_attached_shorthands() {
        let p = ok("-dit -p8080:80 -eA=1 -e=B=2 --name=x --name y img", false);
        assert!(p.bool("detach") && p.bool("interactive") && p.bool("tty"));
        assert_eq!(p.all("publish"), ["8080:80"]);
        assert_eq!(p.all("env"), ["A=1", "B=2"]);
        assert_eq!(p.last("name"), Some("y"));
        assert_eq!(p.args, ["img"]);
    }

    #[test]
    fn flags_after_the_first_argument_belong_to_it_when_not_interspersed() {
        let p = ok("-d alpine -it sh", false);
        assert!(p.bool("detach") && !p.bool("tty"));
        assert_eq!(p.args, ["alpine", "-it", "sh"]);
        let p = ok("x -d y", true);
        assert!(p.bool("detach"));
        assert_eq!(p.args, ["x", "y"]);
        let p = ok("-- -d", true);
        assert_eq!(p.args, ["-d"]);
    }

    #[test]
    fn bools_take_explicit_values_only_after_equals() {
        let p = ok("--rm=false --tty", true);
        assert!(!p.bool("rm") && p.changed("rm") && p.bool("tty"));
        let p = ok("--rm false", true);
        assert!(p.bool("rm"));
        assert_eq!(p.args, ["false"]);
    }

    #[test]
    fn pflag_error_texts() {
        assert_eq!(err("--foo"), "unknown flag: --foo");
        assert_eq!(err("-x"), "unknown shorthand flag: 'x' in -x");
        assert_eq!(err("-dx"), "unknown shorthand flag: 'x' in -x");
        assert_eq!(err("--name"), "flag needs an argument: --name");
        assert_eq!(err("-e"), "flag needs an argument: 'e' in -e");
        assert_eq!(
            err("-n abc"),
            "invalid argument \"abc\" for \"-n, --last\" flag: strconv.ParseInt: parsing \"abc\": invalid syntax"
        );
        assert_eq!(
            err("--rm=maybe"),
            "invalid argument \"maybe\" for \"--rm\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax"
        );
        assert_eq!(err("---x"), "bad flag syntax: ---x");
    }

    #[test]
    fn help_flags() {
        let p = ok("--help", true);
        assert!(p.help && !p.deprecated_h);
        let p = ok("-h", true);
        assert!(p.help && p.deprecated_h);
    }

    #[test]
    fn a_declared_help_flag_asks_for_help() {
        let flags = [
            Flag::string("hostname", Some('h'), "Container host name"),
            Flag::bool("help", None, "Print usage"),
        ];
        let p = parse(&flags, &args("--help"), false).unwrap();
        assert!(p.help && !p.deprecated_h);
        let p = parse(&flags, &args("-h box"), false).unwrap();
        assert!(!p.help);
        assert_eq!(p.last("hostname"), Some("box"));
    }

    #[test]
    fn joined_tables_keep_both_halves_in_order() {
        const A: &[Flag] = &[Flag::bool("a", None, "")];
        const B: &[Flag] = &[Flag::bool("b", None, ""), Flag::bool("c", None, "")];
        const J: [Flag; 3] = join(A, B);
        let names: Vec<&str> = J.iter().map(|f| f.long).collect();
        assert_eq!(names, ["a", "b", "c"]);
    }

    #[test]
    fn go_ints() {
        assert_eq!(parse_go_int("-1"), Ok(-1));
        assert_eq!(parse_go_int("0x10"), Ok(16));
        assert_eq!(parse_go_int("010"), Ok(8));
        assert_eq!(parse_go_int("1_000"), Ok(1000));
        assert_eq!(parse_go_int("9223372036854775808"), Err(IntError::Range));
        assert_eq!(parse_go_int(""), Err(IntError::Syntax));
        assert_eq!(parse_go_int("08"), Err(IntError::Syntax));
    }

    #[test]
    fn usage_block_matches_pflag() {
        let flags = [
            Flag::bool(
                "all",
                Some('a'),
                "Show all containers (default shows just running)",
            ),
            Flag::value(
                "last",
                Some('n'),
                "int",
                Check::Int,
                "Show n last created containers (includes all states)",
            )
            .default("-1"),
            Flag::bool("no-trunc", None, "Don't truncate output"),
        ];
        let expected = "  -a, --all        Show all containers (default shows just running)
  -n, --last int   Show n last created containers (includes all states)
                   (default -1)
      --no-trunc   Don't truncate output
";
        assert_eq!(usages(&flags, 79), expected);
    }
}
