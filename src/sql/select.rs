//! Running a `SELECT`: naming tables and columns (with MySQL's 1054/1052/1146 errors),
//! joins, `WHERE`, grouping and aggregates (with `ONLY_FULL_GROUP_BY`'s checks), `HAVING`,
//! `DISTINCT`, `ORDER BY`, `LIMIT`, and `UNION`.

use super::ast::{Expr, FromItem, JoinKind, OrderItem, Select, SelectItem, TableName};
use super::error::SqlError;
use super::eval::{eval, function_arity, is_aggregate, Env};
use super::result::{ResultColumn, ResultSet};
use super::server::is_system_schema;
use super::types::ColumnType;
use super::value::{Decimal, Value, DIV_PRECISION};

/// A column visible to expressions.
#[derive(Clone, Debug)]
pub struct ScopeColumn {
    /// Which table of the scope it belongs to.
    pub table: usize,
    /// Its name.
    pub name: String,
    /// Its type, when it comes from a table.
    pub ty: Option<ColumnType>,
    /// Whether it can be NULL (including the NULLs an outer join adds).
    pub nullable: bool,
}

/// A table visible to expressions.
#[derive(Clone, Debug)]
pub struct ScopeTable {
    /// The name it is referred to by (its alias, or its name).
    pub alias: String,
    /// Its database.
    pub db: String,
    /// Its real name.
    pub name: String,
    /// The positions (in the table) of its primary key, for `GROUP BY` dependency.
    pub primary: Vec<usize>,
    /// Where its columns start in a joined row.
    pub offset: usize,
}

/// The tables and columns a statement's expressions may name.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    /// The tables.
    pub tables: Vec<ScopeTable>,
    /// All their columns, in joined-row order.
    pub columns: Vec<ScopeColumn>,
}

impl Scope {
    /// Finds column `name` (of table `table`, when qualified). 1054 when nothing matches,
    /// 1052 when two unqualified matches exist.
    pub fn resolve(
        &self,
        table: Option<&str>,
        name: &str,
        clause: &str,
    ) -> Result<usize, SqlError> {
        let mut found = None;
        for (i, c) in self.columns.iter().enumerate() {
            if !c.name.eq_ignore_ascii_case(name) {
                continue;
            }
            if let Some(t) = table {
                if self.tables[c.table].alias != t {
                    continue;
                }
            }
            if found.is_some() {
                return Err(SqlError::ambiguous_column(name, clause_phrase(clause)));
            }
            found = Some(i);
        }
        found.ok_or_else(|| {
            let full = match table {
                Some(t) => format!("{t}.{name}"),
                None => name.to_owned(),
            };
            SqlError::unknown_column(&full, clause)
        })
    }

    /// `db.table.column` for messages.
    pub fn qualified(&self, slot: usize) -> String {
        let c = &self.columns[slot];
        let t = &self.tables[c.table];
        format!("{}.{}.{}", t.db, t.name, c.name)
    }
}

/// 1052 says `in field list`, `in where clause`: the clause without quotes.
fn clause_phrase(clause: &str) -> &str {
    clause
}

/// One aggregate of a grouped query.
#[derive(Clone, Debug)]
pub struct AggCall {
    name: String,
    arg: Option<Expr>,
    distinct: bool,
    separator: String,
}

/// How names are bound.
pub struct Binder<'e, 'a> {
    /// The evaluation environment (for subqueries).
    pub env: &'e Env<'a>,
    /// Where aggregates go, when they are allowed here.
    pub aggs: Option<&'e mut Vec<AggCall>>,
    /// Select-list aliases and their bound expressions (for `HAVING` and `ORDER BY`).
    pub aliases: &'e [(String, Expr)],
}

impl Binder<'_, '_> {
    /// Replaces column names by slots, aggregates by aggregate slots, and runs
    /// uncorrelated subqueries; checks function names and argument counts.
    pub fn bind(&mut self, e: &Expr, scope: &Scope, clause: &str) -> Result<Expr, SqlError> {
        Ok(match e {
            Expr::Column { table, name } => {
                if table.is_none() {
                    if let Some((_, ex)) = self
                        .aliases
                        .iter()
                        .find(|(a, _)| a.eq_ignore_ascii_case(name))
                    {
                        if scope.resolve(None, name, clause).is_err() || clause == "order clause" {
                            return Ok(ex.clone());
                        }
                    }
                }
                Expr::Slot(scope.resolve(table.as_deref(), name, clause)?)
            }
            Expr::Function {
                name,
                args,
                distinct,
                star,
            } if is_aggregate(name) => {
                let Some(aggs) = self.aggs.as_deref_mut() else {
                    return Err(SqlError::invalid_group_function());
                };
                let _ = aggs;
                let mut inner = Binder {
                    env: self.env,
                    aggs: None,
                    aliases: &[],
                };
                let mut bound_args = Vec::new();
                for a in args {
                    bound_args.push(inner.bind(a, scope, clause)?);
                }
                let (arg, separator) = if name == "GROUP_CONCAT_SEP" {
                    let sep = match bound_args.pop() {
                        Some(Expr::Literal(v)) => v.display(),
                        _ => ",".into(),
                    };
                    (concat_args(bound_args), sep)
                } else if name == "GROUP_CONCAT" {
                    (concat_args(bound_args), ",".into())
                } else {
                    if !*star && bound_args.len() != 1 {
                        return Err(self.env.syntax_error_near_function(name));
                    }
                    (bound_args.into_iter().next(), String::new())
                };
                let aggs = self
                    .aggs
                    .as_deref_mut()
                    .ok_or_else(SqlError::invalid_group_function)?;
                aggs.push(AggCall {
                    name: name.clone(),
                    arg: if *star { None } else { arg },
                    distinct: *distinct,
                    separator,
                });
                Expr::AggSlot(aggs.len() - 1)
            }
            Expr::Function {
                name,
                args,
                distinct,
                star,
            } => {
                let Some((lo, hi)) = function_arity(name) else {
                    return Err(match self.env.session.database() {
                        None => SqlError::no_database_selected(),
                        Some(db) => SqlError::no_such_function(db, &name.to_ascii_lowercase()),
                    });
                };
                if args.len() < lo || args.len() > hi {
                    return Err(SqlError::wrong_argument_count(&name.to_ascii_lowercase()));
                }
                let mut out = Vec::new();
                for (i, a) in args.iter().enumerate() {
                    // TIMESTAMPDIFF's first argument is a unit word, not a column.
                    if name == "TIMESTAMPDIFF" && i == 0 {
                        out.push(a.clone());
                        continue;
                    }
                    out.push(self.bind(a, scope, clause)?);
                }
                Expr::Function {
                    name: name.clone(),
                    args: out,
                    distinct: *distinct,
                    star: *star,
                }
            }
            Expr::Neg(x) => Expr::Neg(Box::new(self.bind(x, scope, clause)?)),
            Expr::Not(x) => Expr::Not(Box::new(self.bind(x, scope, clause)?)),
            Expr::Binary(op, a, b) => Expr::Binary(
                *op,
                Box::new(self.bind(a, scope, clause)?),
                Box::new(self.bind(b, scope, clause)?),
            ),
            Expr::Is {
                expr,
                negated,
                truth,
            } => Expr::Is {
                expr: Box::new(self.bind(expr, scope, clause)?),
                negated: *negated,
                truth: *truth,
            },
            Expr::In {
                expr,
                list,
                negated,
            } => Expr::In {
                expr: Box::new(self.bind(expr, scope, clause)?),
                list: list
                    .iter()
                    .map(|x| self.bind(x, scope, clause))
                    .collect::<Result<_, _>>()?,
                negated: *negated,
            },
            Expr::InSelect {
                expr,
                select,
                negated,
            } => {
                let set = run_select(self.env, select)?;
                if set.columns.len() != 1 {
                    return Err(operand_columns());
                }
                let list = set
                    .rows
                    .into_iter()
                    .map(|r| Expr::Literal(text_value(r.into_iter().next().flatten())))
                    .collect();
                Expr::In {
                    expr: Box::new(self.bind(expr, scope, clause)?),
                    list,
                    negated: *negated,
                }
            }
            Expr::Subquery(select) => {
                let set = run_select(self.env, select)?;
                if set.columns.len() != 1 {
                    return Err(operand_columns());
                }
                if set.rows.len() > 1 {
                    return Err(SqlError {
                        code: 1242,
                        state: "21000",
                        message: "Subquery returns more than 1 row".into(),
                    });
                }
                let v = set
                    .rows
                    .into_iter()
                    .next()
                    .and_then(|r| r.into_iter().next().flatten());
                Expr::Literal(text_value(v))
            }
            Expr::Exists(select) => {
                let set = run_select(self.env, select)?;
                Expr::Literal(Value::from_bool(!set.rows.is_empty()))
            }
            Expr::Between {
                expr,
                low,
                high,
                negated,
            } => Expr::Between {
                expr: Box::new(self.bind(expr, scope, clause)?),
                low: Box::new(self.bind(low, scope, clause)?),
                high: Box::new(self.bind(high, scope, clause)?),
                negated: *negated,
            },
            Expr::Like {
                expr,
                pattern,
                negated,
            } => Expr::Like {
                expr: Box::new(self.bind(expr, scope, clause)?),
                pattern: Box::new(self.bind(pattern, scope, clause)?),
                negated: *negated,
            },
            Expr::Regexp {
                expr,
                pattern,
                negated,
            } => Expr::Regexp {
                expr: Box::new(self.bind(expr, scope, clause)?),
                pattern: Box::new(self.bind(pattern, scope, clause)?),
                negated: *negated,
            },
            Expr::Case {
                operand,
                whens,
                otherwise,
            } => Expr::Case {
                operand: match operand {
                    Some(o) => Some(Box::new(self.bind(o, scope, clause)?)),
                    None => None,
                },
                whens: whens
                    .iter()
                    .map(|(w, t)| Ok((self.bind(w, scope, clause)?, self.bind(t, scope, clause)?)))
                    .collect::<Result<_, SqlError>>()?,
                otherwise: match otherwise {
                    Some(o) => Some(Box::new(self.bind(o, scope, clause)?)),
                    None => None,
                },
            },
            Expr::Cast(x, t) => Expr::Cast(Box::new(self.bind(x, scope, clause)?), *t),
            Expr::Interval(x, u) => {
                Expr::Interval(Box::new(self.bind(x, scope, clause)?), u.clone())
            }
            other => other.clone(),
        })
    }
}

impl Env<'_> {
    fn syntax_error_near_function(&self, name: &str) -> SqlError {
        SqlError::syntax(&format!("{name})"), 1)
    }
}

fn concat_args(args: Vec<Expr>) -> Option<Expr> {
    if args.len() == 1 {
        args.into_iter().next()
    } else {
        Some(Expr::Function {
            name: "CONCAT".into(),
            args,
            distinct: false,
            star: false,
        })
    }
}

fn operand_columns() -> SqlError {
    SqlError {
        code: 1241,
        state: "21000",
        message: "Operand should contain 1 column(s)".into(),
    }
}

/// A result-set cell read back as a value (numbers become numbers again).
fn text_value(v: Option<String>) -> Value {
    match v {
        None => Value::Null,
        Some(s) => {
            if let Ok(i) = s.parse::<i64>() {
                Value::Int(i)
            } else if let Some(d) = Decimal::parse(&s).filter(|_| s.contains('.')) {
                Value::Decimal(d)
            } else {
                Value::Str(s)
            }
        }
    }
}

/// Whether an expression contains a column reference, an aggregate, or neither.
fn contains_aggregate(e: &Expr) -> bool {
    match e {
        Expr::Function { name, args, .. } => {
            is_aggregate(name) || args.iter().any(contains_aggregate)
        }
        Expr::Neg(x) | Expr::Not(x) | Expr::Cast(x, _) | Expr::Interval(x, _) => {
            contains_aggregate(x)
        }
        Expr::Binary(_, a, b) => contains_aggregate(a) || contains_aggregate(b),
        Expr::Is { expr, .. } => contains_aggregate(expr),
        Expr::In { expr, list, .. } => {
            contains_aggregate(expr) || list.iter().any(contains_aggregate)
        }
        Expr::Between {
            expr, low, high, ..
        } => contains_aggregate(expr) || contains_aggregate(low) || contains_aggregate(high),
        Expr::Like { expr, pattern, .. } | Expr::Regexp { expr, pattern, .. } => {
            contains_aggregate(expr) || contains_aggregate(pattern)
        }
        Expr::Case {
            operand,
            whens,
            otherwise,
        } => {
            operand.as_deref().is_some_and(contains_aggregate)
                || whens
                    .iter()
                    .any(|(w, t)| contains_aggregate(w) || contains_aggregate(t))
                || otherwise.as_deref().is_some_and(contains_aggregate)
        }
        _ => false,
    }
}

/// The slots an expression reads outside of aggregates.
fn bare_slots(e: &Expr, out: &mut Vec<usize>) {
    match e {
        Expr::Slot(i) => out.push(*i),
        Expr::Function { args, .. } => args.iter().for_each(|a| bare_slots(a, out)),
        Expr::Neg(x) | Expr::Not(x) | Expr::Cast(x, _) | Expr::Interval(x, _) => bare_slots(x, out),
        Expr::Binary(_, a, b) => {
            bare_slots(a, out);
            bare_slots(b, out);
        }
        Expr::Is { expr, .. } => bare_slots(expr, out),
        Expr::In { expr, list, .. } => {
            bare_slots(expr, out);
            list.iter().for_each(|a| bare_slots(a, out));
        }
        Expr::Between {
            expr, low, high, ..
        } => {
            bare_slots(expr, out);
            bare_slots(low, out);
            bare_slots(high, out);
        }
        Expr::Like { expr, pattern, .. } | Expr::Regexp { expr, pattern, .. } => {
            bare_slots(expr, out);
            bare_slots(pattern, out);
        }
        Expr::Case {
            operand,
            whens,
            otherwise,
        } => {
            if let Some(o) = operand {
                bare_slots(o, out);
            }
            for (w, t) in whens {
                bare_slots(w, out);
                bare_slots(t, out);
            }
            if let Some(o) = otherwise {
                bare_slots(o, out);
            }
        }
        _ => {}
    }
}

/// Whether the client right-aligns the column, and whether it can be NULL.
fn infer(e: &Expr, scope: &Scope, aggs: &[AggCall]) -> (bool, bool) {
    match e {
        Expr::Literal(v) => (v.is_number() || v.is_null(), !v.is_null()),
        Expr::Slot(i) => match scope.columns.get(*i) {
            Some(c) => (
                c.ty.as_ref().map(ColumnType::is_numeric).unwrap_or(false),
                !c.nullable,
            ),
            None => (false, false),
        },
        Expr::AggSlot(i) => match aggs.get(*i) {
            Some(a) => match a.name.as_str() {
                "COUNT" => (true, true),
                "GROUP_CONCAT" | "GROUP_CONCAT_SEP" => (false, false),
                "MIN" | "MAX" => (
                    a.arg
                        .as_ref()
                        .map(|x| infer(x, scope, aggs).0)
                        .unwrap_or(true),
                    false,
                ),
                _ => (true, false),
            },
            None => (false, false),
        },
        Expr::Neg(x) => (true, infer(x, scope, aggs).1),
        Expr::Not(x) => (true, infer(x, scope, aggs).1),
        Expr::Binary(op, a, b) => {
            let (_, na) = infer(a, scope, aggs);
            let (_, nb) = infer(b, scope, aggs);
            use super::ast::BinOp::*;
            let not_null = na && nb && !matches!(op, Div | IntDiv | Mod);
            (true, not_null)
        }
        Expr::Is { .. } => (true, true),
        Expr::In { expr, .. } | Expr::Between { expr, .. } | Expr::Like { expr, .. } => {
            (true, infer(expr, scope, aggs).1)
        }
        Expr::Function { name, args, .. } => {
            let all_not_null = args.iter().all(|a| infer(a, scope, aggs).1);
            match name.as_str() {
                "NOW" | "SYSDATE" | "CURRENT_TIMESTAMP" | "LOCALTIME" | "LOCALTIMESTAMP"
                | "CURDATE" | "CURRENT_DATE" | "CURTIME" | "CURRENT_TIME" | "UTC_DATE"
                | "UTC_TIME" | "UTC_TIMESTAMP" | "VERSION" | "USER" | "SESSION_USER"
                | "SYSTEM_USER" | "CURRENT_USER" | "UUID" => (false, true),
                "DATABASE" | "SCHEMA" => (false, false),
                "CONNECTION_ID" | "LAST_INSERT_ID" | "ROW_COUNT" | "FOUND_ROWS" | "PI" | "RAND" => {
                    (true, true)
                }
                "CONCAT" | "CONCAT_WS" | "UPPER" | "UCASE" | "LOWER" | "LCASE" | "LTRIM"
                | "RTRIM" | "TRIM" | "REVERSE" | "SUBSTRING" | "SUBSTR" | "MID" | "LEFT"
                | "RIGHT" | "LPAD" | "RPAD" | "REPLACE" | "REPEAT" | "SPACE" | "HEX" | "FORMAT"
                | "SHA1" | "SHA" | "PASSWORD" | "DATE_FORMAT" => {
                    (false, all_not_null && name != "DATE_FORMAT")
                }
                "DATE" | "TIME" | "DAYNAME" | "MONTHNAME" | "LAST_DAY" | "DATE_ADD"
                | "DATE_SUB" | "ADDDATE" | "SUBDATE" | "FROM_UNIXTIME" => (false, false),
                "IFNULL" | "COALESCE" => {
                    let numeric = args.iter().all(|a| infer(a, scope, aggs).0);
                    (numeric, args.iter().any(|a| infer(a, scope, aggs).1))
                }
                "IF" => {
                    let numeric = args.iter().skip(1).all(|a| infer(a, scope, aggs).0);
                    (
                        numeric,
                        args.iter().skip(1).all(|a| infer(a, scope, aggs).1),
                    )
                }
                "NULLIF" => (args.first().is_some_and(|a| infer(a, scope, aggs).0), false),
                "GREATEST" | "LEAST" => {
                    (args.iter().all(|a| infer(a, scope, aggs).0), all_not_null)
                }
                "ROUND" | "TRUNCATE" | "ABS" | "FLOOR" | "CEIL" | "CEILING" | "SIGN" => {
                    (true, all_not_null)
                }
                _ => (true, all_not_null && name != "SQRT" && name != "LOG"),
            }
        }
        Expr::Case { .. } => (false, false),
        Expr::Cast(x, t) => {
            use super::ast::CastType::*;
            let (_, nn) = infer(x, scope, aggs);
            match t {
                Signed | Unsigned | Decimal(..) | Double => (true, nn),
                Char => (false, nn),
                Date | DateTime => (false, false),
            }
        }
        Expr::SysVar(_) | Expr::UserVar(_) => (false, false),
        _ => (false, false),
    }
}

/// A table opened for reading.
pub struct Source {
    /// How it enters the scope.
    pub table: ScopeTable,
    /// Its columns (name, type, nullable).
    pub columns: Vec<(String, Option<ColumnType>, bool)>,
    /// Its rows.
    pub rows: Vec<Vec<Value>>,
}

/// Opens `name` for reading: a user table, or one of the system tables the simulator fills
/// (`mysql.user`, `information_schema.SCHEMATA`/`TABLES`/`COLUMNS`).
pub fn open_table(
    env: &Env<'_>,
    name: &TableName,
    alias: Option<&str>,
) -> Result<Source, SqlError> {
    let db = match &name.db {
        Some(d) => d.clone(),
        None => env
            .session
            .database()
            .map(str::to_owned)
            .ok_or_else(SqlError::no_database_selected)?,
    };
    let alias = alias.unwrap_or(&name.name).to_owned();
    let scope_table = |primary: Vec<usize>| ScopeTable {
        alias: alias.clone(),
        db: db.clone(),
        name: name.name.clone(),
        primary,
        offset: 0,
    };
    if is_system_schema(&db) {
        let account = env.session.account();
        if !account.can_use(&db) {
            return Err(SqlError::table_access_denied(
                "SELECT",
                &account.user,
                env.session.client_host(),
                &name.name,
            ));
        }
        let (columns, rows) = super::catalog::system_table(env, &db, &name.name)
            .ok_or_else(|| SqlError::no_such_table(&db, &name.name))?;
        return Ok(Source {
            table: scope_table(Vec::new()),
            columns: columns
                .into_iter()
                .map(|c| (c, Some(ColumnType::Varchar(64)), true))
                .collect(),
            rows,
        });
    }
    if !env.session.account().can_use(&db) {
        return Err(SqlError::db_access_denied(
            &env.session.account().user,
            &env.session.account().host,
            &db,
        ));
    }
    let table = env
        .server
        .database(&db)
        .ok_or_else(|| SqlError::unknown_database(&db))?
        .tables
        .get(&name.name)
        .ok_or_else(|| SqlError::no_such_table(&db, &name.name))?;
    Ok(Source {
        table: scope_table(
            table
                .primary_key()
                .map(|k| k.columns.clone())
                .unwrap_or_default(),
        ),
        columns: table
            .columns
            .iter()
            .map(|c| (c.name.clone(), Some(c.ty.clone()), c.nullable))
            .collect(),
        rows: table.rows.clone(),
    })
}

/// Adds a source to a scope; returns its table index.
pub fn add_to_scope(scope: &mut Scope, source: &Source, nullable: bool) -> Result<usize, SqlError> {
    if scope.tables.iter().any(|t| t.alias == source.table.alias) {
        return Err(SqlError::not_unique_table(&source.table.alias));
    }
    let index = scope.tables.len();
    let mut t = source.table.clone();
    t.offset = scope.columns.len();
    scope.tables.push(t);
    for (name, ty, null) in &source.columns {
        scope.columns.push(ScopeColumn {
            table: index,
            name: name.clone(),
            ty: ty.clone(),
            nullable: *null || nullable,
        });
    }
    Ok(index)
}

fn join(env: &Env<'_>, from: &[FromItem], scope: &mut Scope) -> Result<Vec<Vec<Value>>, SqlError> {
    let mut rows: Vec<Vec<Value>> = vec![Vec::new()];
    for (i, item) in from.iter().enumerate() {
        let source = open_table(env, &item.table, item.alias.as_deref())?;
        let width_before = scope.columns.len();
        let kind = if i == 0 { JoinKind::Cross } else { item.join };
        if kind == JoinKind::Right {
            for c in scope.columns.iter_mut() {
                c.nullable = true;
            }
        }
        add_to_scope(scope, &source, kind == JoinKind::Left)?;
        let mut condition = match &item.on {
            Some(on) => Some(
                Binder {
                    env,
                    aggs: None,
                    aliases: &[],
                }
                .bind(on, scope, "on clause")?,
            ),
            None => None,
        };
        if !item.using.is_empty() {
            let mut cond: Option<Expr> = None;
            for col in &item.using {
                let left = scope.columns[..width_before]
                    .iter()
                    .position(|c| c.name.eq_ignore_ascii_case(col))
                    .ok_or_else(|| SqlError::unknown_column(col, "from clause"))?;
                let right = scope.columns[width_before..]
                    .iter()
                    .position(|c| c.name.eq_ignore_ascii_case(col))
                    .map(|p| p + width_before)
                    .ok_or_else(|| SqlError::unknown_column(col, "from clause"))?;
                let eq = Expr::Binary(
                    super::ast::BinOp::Eq,
                    Box::new(Expr::Slot(left)),
                    Box::new(Expr::Slot(right)),
                );
                cond = Some(match cond {
                    None => eq,
                    Some(c) => Expr::Binary(super::ast::BinOp::And, Box::new(c), Box::new(eq)),
                });
            }
            condition = cond;
        }
        let right_width = source.columns.len();
        let matches = |joined: &[Value]| -> Result<bool, SqlError> {
            Ok(match &condition {
                None => true,
                Some(c) => eval(c, env, joined, &[])?.truth() == Some(true),
            })
        };
        let mut next = Vec::new();
        match kind {
            JoinKind::Right => {
                for r in &source.rows {
                    let mut any = false;
                    for l in &rows {
                        let mut joined = l.clone();
                        joined.extend(r.iter().cloned());
                        if matches(&joined)? {
                            any = true;
                            next.push(joined);
                        }
                    }
                    if !any {
                        let mut joined = vec![Value::Null; width_before];
                        joined.extend(r.iter().cloned());
                        next.push(joined);
                    }
                }
            }
            _ => {
                for l in &rows {
                    let mut any = false;
                    for r in &source.rows {
                        let mut joined = l.clone();
                        joined.extend(r.iter().cloned());
                        if matches(&joined)? {
                            any = true;
                            next.push(joined);
                        }
                    }
                    if !any && kind == JoinKind::Left {
                        let mut joined = l.clone();
                        joined.extend(std::iter::repeat_n(Value::Null, right_width));
                        next.push(joined);
                    }
                }
            }
        }
        rows = next;
    }
    Ok(rows)
}

struct Item {
    expr: Expr,
    name: String,
}

/// Runs a `SELECT` (with its `UNION`s) and returns the rows as the client receives them.
pub fn run_select(env: &Env<'_>, select: &Select) -> Result<ResultSet, SqlError> {
    if select.unions.is_empty() {
        return run_single(env, select, true);
    }
    let mut first = select.clone();
    first.unions.clear();
    first.order_by.clear();
    first.limit = None;
    first.offset = None;
    let mut set = run_single(env, &first, true)?;
    let mut all = true;
    for (is_all, part) in &select.unions {
        let other = run_single(env, part, true)?;
        if other.columns.len() != set.columns.len() {
            return Err(SqlError {
                code: 1222,
                state: "21000",
                message: "The used SELECT statements have a different number of columns".into(),
            });
        }
        for (c, o) in set.columns.iter_mut().zip(&other.columns) {
            c.numeric &= o.numeric;
            c.not_null &= o.not_null;
        }
        set.rows.extend(other.rows);
        all &= *is_all;
        if !*is_all {
            dedupe_text(&mut set.rows);
        }
    }
    let _ = all;
    // ORDER BY / LIMIT over the union: by output column names or positions.
    if !select.order_by.is_empty() {
        let mut keys = Vec::new();
        for o in &select.order_by {
            let idx = match &o.expr {
                Expr::Literal(Value::Int(n)) if *n >= 1 && (*n as usize) <= set.columns.len() => {
                    *n as usize - 1
                }
                Expr::Column { name, .. } => set
                    .columns
                    .iter()
                    .position(|c| c.name.eq_ignore_ascii_case(name))
                    .ok_or_else(|| SqlError::unknown_column(name, "order clause"))?,
                _ => return Err(SqlError::unknown_column("?", "order clause")),
            };
            keys.push((idx, o.desc));
        }
        super::value::sort_by_dyn(&mut set.rows, &|a, b| {
            for (idx, desc) in &keys {
                let (x, y) = (text_value(a[*idx].clone()), text_value(b[*idx].clone()));
                let o = order_values(&x, &y);
                let o = if *desc { o.reverse() } else { o };
                if o.is_ne() {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    apply_limit(env, &mut set.rows, select)?;
    Ok(set)
}

fn dedupe_text(rows: &mut Vec<Vec<Option<String>>>) {
    let mut seen = super::value::KeySet::default();
    rows.retain(|r| {
        let key: Vec<String> = r
            .iter()
            .map(|c| text_value(c.clone()).group_key())
            .collect();
        seen.insert(key)
    });
}

fn limit_number(env: &Env<'_>, e: &Expr) -> Result<usize, SqlError> {
    let v = eval(e, env, &[], &[])?;
    Ok(v.to_i64().max(0) as usize)
}

fn apply_limit<T>(env: &Env<'_>, rows: &mut Vec<T>, select: &Select) -> Result<(), SqlError> {
    let offset = match &select.offset {
        Some(e) => limit_number(env, e)?,
        None => 0,
    };
    if offset > 0 {
        let n = offset.min(rows.len());
        rows.drain(..n);
    }
    if let Some(l) = &select.limit {
        let n = limit_number(env, l)?;
        rows.truncate(n);
    }
    Ok(())
}

/// ORDER BY's comparison: NULL first, then MySQL's value order.
pub fn order_values(a: &Value, b: &Value) -> std::cmp::Ordering {
    match (a.is_null(), b.is_null()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Less,
        (false, true) => std::cmp::Ordering::Greater,
        _ => a.compare(b).unwrap_or(std::cmp::Ordering::Equal),
    }
}

fn run_single(env: &Env<'_>, select: &Select, _top: bool) -> Result<ResultSet, SqlError> {
    let mut scope = Scope::default();
    let rows = if select.from.is_empty() {
        vec![Vec::new()]
    } else {
        join(env, &select.from, &mut scope)?
    };

    // The select list.
    let mut aggs: Vec<AggCall> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for item in &select.items {
        match item {
            SelectItem::Star | SelectItem::TableStar(_) => {
                if select.from.is_empty() {
                    return Err(SqlError::no_tables_used());
                }
                let only = match item {
                    SelectItem::TableStar(t) => {
                        let i = scope
                            .tables
                            .iter()
                            .position(|st| &st.alias == t)
                            .ok_or_else(|| SqlError::unknown_table(t))?;
                        Some(i)
                    }
                    _ => None,
                };
                for (i, c) in scope.columns.iter().enumerate() {
                    if only.is_none_or(|t| c.table == t) {
                        items.push(Item {
                            expr: Expr::Slot(i),
                            name: c.name.clone(),
                        });
                    }
                }
            }
            SelectItem::Expr { expr, alias, text } => {
                let bound = Binder {
                    env,
                    aggs: Some(&mut aggs),
                    aliases: &[],
                }
                .bind(expr, &scope, "field list")?;
                items.push(Item {
                    expr: bound,
                    name: alias.clone().unwrap_or_else(|| text.clone()),
                });
            }
        }
    }
    let aliases: Vec<(String, Expr)> = select
        .items
        .iter()
        .zip(&items)
        .filter_map(|(si, it)| match si {
            SelectItem::Expr { alias: Some(a), .. } => Some((a.clone(), it.expr.clone())),
            _ => None,
        })
        .collect();

    let filter = match &select.filter {
        Some(f) => Some(
            Binder {
                env,
                aggs: None,
                aliases: &[],
            }
            .bind(f, &scope, "where clause")?,
        ),
        None => None,
    };
    let mut group_by = Vec::new();
    for g in &select.group_by {
        let bound = match g {
            Expr::Literal(Value::Int(n)) if *n >= 1 && (*n as usize) <= items.len() => {
                items[*n as usize - 1].expr.clone()
            }
            Expr::Literal(Value::Int(n)) => {
                return Err(SqlError::unknown_column(&n.to_string(), "group statement"))
            }
            other => {
                if contains_aggregate(other) {
                    return Err(SqlError {
                        code: 1056,
                        state: "42000",
                        message: format!("Can't group on '{}'", group_text(other)),
                    });
                }
                Binder {
                    env,
                    aggs: None,
                    aliases: &aliases,
                }
                .bind(other, &scope, "group statement")?
            }
        };
        group_by.push(bound);
    }
    let having = match &select.having {
        Some(h) => Some(
            Binder {
                env,
                aggs: Some(&mut aggs),
                aliases: &aliases,
            }
            .bind(h, &scope, "having clause")?,
        ),
        None => None,
    };
    let mut order: Vec<(Expr, bool)> = Vec::new();
    for OrderItem { expr, desc } in &select.order_by {
        let bound = match expr {
            Expr::Literal(Value::Int(n)) => {
                if *n < 1 || *n as usize > items.len() {
                    return Err(SqlError::unknown_column(&n.to_string(), "order clause"));
                }
                items[*n as usize - 1].expr.clone()
            }
            other => Binder {
                env,
                aggs: Some(&mut aggs),
                aliases: &aliases,
            }
            .bind(other, &scope, "order clause")?,
        };
        order.push((bound, *desc));
    }

    // WHERE.
    let mut kept = Vec::new();
    for r in rows {
        if let Some(f) = &filter {
            if eval(f, env, &r, &[])?.truth() != Some(true) {
                continue;
            }
        }
        kept.push(r);
    }

    let grouped = !aggs.is_empty() || !group_by.is_empty();
    if grouped {
        check_full_group_by(&items, &group_by, &scope, select.group_by.is_empty())?;
    }

    // Each output row: its values and its sort keys.
    let mut out: Vec<(Vec<Value>, Vec<Value>)> = Vec::new();
    if grouped {
        // Groups in the order they are first met.
        let mut groups: Vec<Vec<Vec<Value>>> = Vec::new();
        let mut index = super::value::KeySet::default();
        let mut numbers = Vec::new();
        for r in kept {
            let mut key = Vec::new();
            for g in &group_by {
                key.push(eval(g, env, &r, &[])?.group_key());
            }
            let n = index.position_or_insert(key, &mut numbers, groups.len());
            if n == groups.len() {
                groups.push(Vec::new());
            }
            groups[n].push(r);
        }
        if group_by.is_empty() && groups.is_empty() {
            groups.push(Vec::new());
        }
        // MySQL 5.7 sorts by the GROUP BY keys (it groups by sorting); 8.0 does not promise
        // an order, and in practice returns the groups as it met them.
        if env.server.version().series().is_57() && !group_by.is_empty() {
            let mut reps: Vec<(Vec<Vec<Value>>, Vec<Value>)> = Vec::new();
            for rows in groups {
                let mut vals = Vec::new();
                if let Some(rep) = rows.first() {
                    for g in &group_by {
                        vals.push(eval(g, env, rep, &[])?);
                    }
                }
                reps.push((rows, vals));
            }
            super::value::sort_by_dyn(&mut reps, &|a, b| {
                for (x, y) in a.1.iter().zip(&b.1) {
                    let o = order_values(x, y);
                    if o.is_ne() {
                        return o;
                    }
                }
                std::cmp::Ordering::Equal
            });
            groups = reps.into_iter().map(|(rows, _)| rows).collect();
        }
        for rows in groups {
            let agg_values = aggs
                .iter()
                .map(|a| compute_aggregate(a, env, &rows))
                .collect::<Result<Vec<_>, _>>()?;
            let rep = rows
                .first()
                .cloned()
                .unwrap_or_else(|| vec![Value::Null; scope.columns.len()]);
            if let Some(h) = &having {
                if eval(h, env, &rep, &agg_values)?.truth() != Some(true) {
                    continue;
                }
            }
            let vals = items
                .iter()
                .map(|it| eval(&it.expr, env, &rep, &agg_values))
                .collect::<Result<Vec<_>, _>>()?;
            let keys = order
                .iter()
                .map(|(e, _)| eval(e, env, &rep, &agg_values))
                .collect::<Result<Vec<_>, _>>()?;
            out.push((vals, keys));
        }
    } else {
        if let Some(h) = &having {
            // HAVING without grouping filters like WHERE, after the select list.
            let _ = h;
        }
        for r in &kept {
            if let Some(h) = &having {
                if eval(h, env, r, &[])?.truth() != Some(true) {
                    continue;
                }
            }
            let vals = items
                .iter()
                .map(|it| eval(&it.expr, env, r, &[]))
                .collect::<Result<Vec<_>, _>>()?;
            let keys = order
                .iter()
                .map(|(e, _)| eval(e, env, r, &[]))
                .collect::<Result<Vec<_>, _>>()?;
            out.push((vals, keys));
        }
    }

    if select.distinct {
        let mut seen = super::value::KeySet::default();
        out.retain(|(vals, _)| seen.insert(vals.iter().map(Value::group_key).collect::<Vec<_>>()));
    }
    if !order.is_empty() {
        super::value::sort_by_dyn(&mut out, &|(_, a), (_, b)| {
            for ((x, y), (_, desc)) in a.iter().zip(b).zip(&order) {
                let o = order_values(x, y);
                let o = if *desc { o.reverse() } else { o };
                if o.is_ne() {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    apply_limit(env, &mut out, select)?;

    let columns = items
        .iter()
        .map(|it| {
            let (numeric, not_null) = infer(&it.expr, &scope, &aggs);
            ResultColumn {
                name: it.name.clone(),
                numeric,
                not_null,
            }
        })
        .collect();
    Ok(ResultSet {
        columns,
        rows: out
            .into_iter()
            .map(|(vals, _)| vals.iter().map(Value::to_text).collect())
            .collect(),
    })
}

fn group_text(e: &Expr) -> String {
    match e {
        Expr::Function { name, .. } => format!("{}(...)", name.to_ascii_lowercase()),
        _ => "?".into(),
    }
}

/// `ONLY_FULL_GROUP_BY`: every selected column outside an aggregate must be grouped, or be
/// determined by a grouped primary key.
fn check_full_group_by(
    items: &[Item],
    group_by: &[Expr],
    scope: &Scope,
    no_group_by: bool,
) -> Result<(), SqlError> {
    let grouped: Vec<usize> = group_by
        .iter()
        .filter_map(|g| match g {
            Expr::Slot(i) => Some(*i),
            _ => None,
        })
        .collect();
    for (pos, item) in items.iter().enumerate() {
        if group_by.contains(&item.expr) {
            continue;
        }
        let mut slots = Vec::new();
        bare_slots(&item.expr, &mut slots);
        for s in slots {
            if grouped.contains(&s) {
                continue;
            }
            let table = scope.columns[s].table;
            let t = &scope.tables[table];
            let pk_grouped = !t.primary.is_empty()
                && t.primary.iter().all(|p| grouped.contains(&(t.offset + p)));
            if pk_grouped {
                continue;
            }
            let name = scope.qualified(s);
            return Err(if no_group_by {
                SqlError::mixed_aggregate(pos + 1, &name)
            } else {
                SqlError::not_in_group_by(pos + 1, &name)
            });
        }
    }
    Ok(())
}

fn compute_aggregate(a: &AggCall, env: &Env<'_>, rows: &[Vec<Value>]) -> Result<Value, SqlError> {
    if a.name == "COUNT" && a.arg.is_none() {
        return Ok(Value::Int(rows.len() as i64));
    }
    let mut values = Vec::new();
    let mut seen = super::value::KeySet::default();
    for r in rows {
        let v = match &a.arg {
            Some(e) => eval(e, env, r, &[])?,
            None => Value::Int(1),
        };
        if v.is_null() {
            continue;
        }
        if a.distinct && !seen.insert(vec![v.group_key()]) {
            continue;
        }
        values.push(v);
    }
    Ok(match a.name.as_str() {
        "COUNT" => Value::Int(values.len() as i64),
        "SUM" | "AVG" => {
            if values.is_empty() {
                return Ok(Value::Null);
            }
            let exact = values.iter().all(|v| v.as_decimal().is_some());
            if exact {
                let mut sum = Decimal::from_i64(0);
                for v in &values {
                    let d = v.as_decimal().unwrap_or(Decimal::from_i64(0));
                    sum = sum.checked_add(d).ok_or_else(|| {
                        SqlError::value_out_of_range("DECIMAL", &format!("sum({})", a.name))
                    })?;
                }
                if a.name == "SUM" {
                    Value::Decimal(sum)
                } else {
                    let n = Decimal::from_i64(values.len() as i64);
                    let scale = sum.scale() + DIV_PRECISION;
                    match sum.checked_div(n) {
                        Some(q) => Value::Decimal(q.rescale(scale)),
                        None => Value::Null,
                    }
                }
            } else {
                let sum: f64 = values.iter().map(Value::to_f64).sum();
                if a.name == "SUM" {
                    Value::Double(sum)
                } else {
                    Value::Double(sum / values.len() as f64)
                }
            }
        }
        "MIN" | "MAX" => {
            let mut best: Option<Value> = None;
            for v in values {
                best = Some(match best {
                    None => v,
                    Some(b) => {
                        let o = v.compare(&b).unwrap_or(std::cmp::Ordering::Equal);
                        let take = if a.name == "MIN" {
                            o.is_lt()
                        } else {
                            o.is_gt()
                        };
                        if take {
                            v
                        } else {
                            b
                        }
                    }
                });
            }
            best.unwrap_or(Value::Null)
        }
        "GROUP_CONCAT" | "GROUP_CONCAT_SEP" => {
            if values.is_empty() {
                Value::Null
            } else {
                let parts: Vec<String> = values.iter().map(Value::display).collect();
                Value::Str(parts.join(&a.separator))
            }
        }
        "STD" | "STDDEV" | "STDDEV_POP" | "VARIANCE" | "VAR_POP" => {
            if values.is_empty() {
                return Ok(Value::Null);
            }
            let n = values.len() as f64;
            let mean = values.iter().map(Value::to_f64).sum::<f64>() / n;
            let var = values
                .iter()
                .map(|v| (v.to_f64() - mean).powi(2))
                .sum::<f64>()
                / n;
            Value::Double(if a.name.starts_with("VAR") {
                var
            } else {
                var.sqrt()
            })
        }
        "BIT_AND" => Value::Int(values.iter().fold(-1i64, |acc, v| acc & v.to_i64())),
        "BIT_OR" => Value::Int(values.iter().fold(0i64, |acc, v| acc | v.to_i64())),
        _ => Value::Null,
    })
}
