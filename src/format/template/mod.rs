//! Go's `text/template`, the subset docker's `--format` flags use, with Go's semantics and
//! Go's error texts: text and `{{ }}` actions with `{{-`/`-}}` trimming and `{{/* */}}`
//! comments; fields, `$`, variables (`:=`, `=`); pipelines; `if`/`else if`/`else`, `range`
//! (slices, maps in sorted key order, `$i, $e :=`, `else`, `break`, `continue`), `with`,
//! `define`/`template`/`block`; literals; Go's builtin functions and docker's own (`json`,
//! `split`, `join`, `title`, `lower`, `upper`, `pad`, `truncate`).
//!
//! Data is a `serde_json::Value` standing for the Go value docker would pass: a struct
//! ([`Options::structure`]), a map decoded from JSON ([`Options::json_map`]) or a
//! `map[string]string` ([`Options::string_map`]). Not supported: complex numbers, `%x` and
//! `%b` of floats, `%#v` of maps and slices, calling function values (`call` reports that
//! nothing is a function). Nested objects are maps to it, even inside a struct: `{{.State}}`
//! prints `map[…]` where Go would print the struct's fields. Nesting is limited to 50 levels
//! and one execution to a million steps and 8 MB of output, where Go would go on.
//!
//! [`Format`] reads a `--format` value as docker does; [`inspect_object`] is `docker inspect
//! -f`'s typed-then-raw-map run; `crate::format::table::render_list` writes listings.
//!
//! ```
//! use berth::format::template::{Options, Template};
//! let t = Template::parse("{{range .Networks}}{{.IPAddress}}{{end}}").unwrap();
//! let data = serde_json::json!({"Networks": {"bridge": {"IPAddress": "172.17.0.2"}}});
//! assert_eq!(t.execute(&data, &Options::json_map()).unwrap(), "172.17.0.2");
//! ```

mod docker;
mod exec;
mod funcs;
pub(crate) mod gofmt;
mod lex;
mod parse;
mod value;

#[cfg(test)]
mod tests;

pub use docker::{inspect_object, Format, JSON_FORMAT, QUIET_FORMAT, TABLE_KEY};

use serde_json::{Map, Value};

/// A template failure: either the text does not parse, or running it failed. The message is
/// Go's (`template: :1: unclosed action`, `template: :1:2: executing "" at <.Foo>: …`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplateError {
    /// The template does not parse. docker exits 64 for these in `inspect` and `events`.
    Parse(String),
    /// Running the template failed.
    Exec(String),
}

impl TemplateError {
    /// Go's error text.
    pub fn message(&self) -> &str {
        match self {
            TemplateError::Parse(m) | TemplateError::Exec(m) => m,
        }
    }

    /// Whether this is a parse error.
    pub fn is_parse(&self) -> bool {
        matches!(self, TemplateError::Parse(_))
    }
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for TemplateError {}

/// A method of the data's struct type taking string arguments, such as docker's
/// `{{.Label "com.example"}}`: it gets the data object and the arguments.
pub type MethodFn = fn(&Map<String, Value>, &[&str]) -> String;

/// A method the data's struct type has.
#[derive(Clone, Debug)]
pub struct Method {
    name: String,
    params: usize,
    call: MethodFn,
}

/// What a command-specific template function returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FuncOutput {
    /// A string.
    Str(String),
    /// A `[]string` (it can be ranged over, joined, printed as `[a b]`).
    Strs(Vec<String>),
}

/// A command-specific template function: it gets its arguments as JSON; `Err` becomes
/// `error calling NAME: …`.
pub type FuncFn = fn(&[Value]) -> Result<FuncOutput, String>;

/// A function a command adds to its templates (docker version's `getDetailsOrder`).
#[derive(Clone, Debug)]
pub struct Function {
    name: String,
    params: usize,
    call: FuncFn,
}

impl Function {
    /// A function of that name taking `params` arguments of any type.
    pub fn new(name: &str, params: usize, call: FuncFn) -> Function {
        Function {
            name: name.to_owned(),
            params,
            call,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Model {
    Struct(String),
    JsonMap,
    StringMap,
}

/// How to run a template: what Go value the data stands for, and Go's template options.
#[derive(Clone, Debug)]
pub struct Options {
    pub(crate) model: Model,
    pub(crate) missing_key_error: bool,
    pub(crate) escape_root_json: bool,
    pub(crate) header_functions: bool,
    pub(crate) methods: Vec<Method>,
}

impl Options {
    /// The data stands for a Go struct of the named type (`*formatter.ContainerContext`):
    /// its keys are the field names; a missing one fails with
    /// `can't evaluate field Foo in type *formatter.ContainerContext`. Numbers keep their
    /// JSON kind (integers print without `.0`), `null` is a nil pointer (prints `<nil>`);
    /// represent a nil slice or map as `[]`/`{}`. Objects inside are maps.
    pub fn structure(type_name: &str) -> Options {
        Options::with_model(Model::Struct(type_name.to_owned()))
    }

    /// The data is a `map[string]interface{}` decoded from JSON with `UseNumber`, as docker
    /// inspect's fallback decodes the daemon's raw JSON: every number is a `json.Number` (it
    /// prints as written, compares as a string — `eq .State.Pid 0` fails with
    /// `incompatible types for comparison` — and is always true), `null` is a nil interface
    /// (prints `<no value>`), maps print and marshal in sorted key order.
    pub fn json_map() -> Options {
        Options::with_model(Model::JsonMap)
    }

    /// The data is a `map[string]string` (docker's table header row).
    pub fn string_map() -> Options {
        Options::with_model(Model::StringMap)
    }

    fn with_model(model: Model) -> Options {
        Options {
            model,
            missing_key_error: false,
            escape_root_json: false,
            header_functions: false,
            methods: Vec::new(),
        }
    }

    /// Go's `Option("missingkey=error")`: a missing map key fails (`map has no entry for key
    /// "Foo"`) instead of printing `<no value>`.
    pub fn missing_key_error(mut self) -> Options {
        self.missing_key_error = true;
        self
    }

    /// `{{json .}}` of the data marshals it as docker's formatter contexts do (their
    /// `MarshalJSON` builds a map): sorted keys, `<`, `>`, `&` escaped.
    pub fn html_escaped_json(mut self) -> Options {
        self.escape_root_json = true;
        self
    }

    /// docker's `HeaderFunctions`: `json`, `split`, `join`, `title`, `lower`, `upper` and
    /// `truncate` return their (string) argument, so a table header keeps the column names.
    pub fn header_functions(mut self) -> Options {
        self.header_functions = true;
        self
    }

    /// Gives the struct a method taking `params` string arguments.
    pub fn method(mut self, name: &str, params: usize, call: MethodFn) -> Options {
        self.methods.push(Method {
            name: name.to_owned(),
            params,
            call,
        });
        self
    }
}

/// A parsed template.
#[derive(Clone, Debug)]
pub struct Template {
    name: String,
    source: String,
    functions: Vec<Function>,
    trees: parse::Trees,
}

impl Template {
    /// Parses a template the way docker's `templates.Parse` does (name `""`, docker's
    /// functions defined).
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        Template::parse_with("", source, Vec::new())
    }

    /// Parses a template with a name (`templates.New("version")`: errors then read
    /// `template: version:1: …`) and functions of the command's own.
    pub fn parse_with(
        name: &str,
        source: &str,
        functions: Vec<Function>,
    ) -> Result<Template, TemplateError> {
        let has_function = |n: &str| funcs::exists(n) || functions.iter().any(|f| f.name == n);
        let trees = parse::parse(name, source, &has_function).map_err(TemplateError::Parse)?;
        Ok(Template {
            name: name.to_owned(),
            source: source.to_owned(),
            functions,
            trees,
        })
    }

    /// The template text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Runs the template over `data`.
    pub fn execute(&self, data: &Value, options: &Options) -> Result<String, TemplateError> {
        let mut out = String::new();
        self.execute_into(&mut out, data, options)?;
        Ok(out)
    }

    /// Runs the template over `data`, appending to `out`; on failure `out` keeps what was
    /// written before the error, as Go's writer would.
    pub fn execute_into(
        &self,
        out: &mut String,
        data: &Value,
        options: &Options,
    ) -> Result<(), TemplateError> {
        exec::execute(
            &self.name,
            &self.functions,
            &self.trees,
            &self.source,
            data,
            options,
            out,
        )
        .map_err(TemplateError::Exec)
    }
}
