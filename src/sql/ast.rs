//! The statements and expressions the parser produces.

use super::types::ColumnType;
use super::value::Value;

/// A table named in a statement, maybe with its database (`db.t`).
#[derive(Clone, Debug, PartialEq)]
pub struct TableName {
    /// The database, when written.
    pub db: Option<String>,
    /// The table.
    pub name: String,
}

/// One SQL statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    /// `CREATE DATABASE [IF NOT EXISTS] x`.
    CreateDatabase { name: String, if_not_exists: bool },
    /// `DROP DATABASE [IF EXISTS] x`.
    DropDatabase { name: String, if_exists: bool },
    /// `USE x`.
    Use(String),
    /// `SHOW DATABASES [LIKE 'p']`.
    ShowDatabases { like: Option<String> },
    /// `SHOW [FULL] TABLES [FROM db] [LIKE 'p']`.
    ShowTables {
        db: Option<String>,
        like: Option<String>,
        full: bool,
    },
    /// `SHOW COLUMNS FROM t`, `DESCRIBE t`, `DESC t`.
    ShowColumns {
        table: TableName,
        like: Option<String>,
    },
    /// `SHOW CREATE TABLE t`.
    ShowCreateTable(TableName),
    /// `SHOW CREATE DATABASE x`.
    ShowCreateDatabase { name: String, if_not_exists: bool },
    /// `SHOW [GLOBAL|SESSION] VARIABLES [LIKE 'p']`.
    ShowVariables { like: Option<String> },
    /// `SHOW [GLOBAL|SESSION] STATUS [LIKE 'p']`.
    ShowStatus { like: Option<String> },
    /// `SHOW WARNINGS` / `SHOW ERRORS`.
    ShowWarnings { errors: bool },
    /// `SHOW ENGINES`.
    ShowEngines,
    /// `SHOW [FULL] PROCESSLIST`.
    ShowProcesslist,
    /// `SHOW GRANTS [FOR user]`.
    ShowGrants { user: Option<(String, String)> },
    /// `SHOW INDEX FROM t`.
    ShowIndex(TableName),
    /// `SHOW TABLE STATUS [FROM db] [LIKE 'p']`.
    ShowTableStatus {
        db: Option<String>,
        like: Option<String>,
    },
    /// `CREATE TABLE`.
    CreateTable(CreateTable),
    /// `DROP TABLE [IF EXISTS] a, b`.
    DropTable {
        tables: Vec<TableName>,
        if_exists: bool,
    },
    /// `TRUNCATE [TABLE] t`.
    Truncate(TableName),
    /// `ALTER TABLE t …`.
    AlterTable {
        table: TableName,
        actions: Vec<AlterAction>,
    },
    /// `RENAME TABLE a TO b`.
    RenameTable { from: TableName, to: TableName },
    /// `INSERT [IGNORE] INTO t [(cols)] VALUES …` (or `REPLACE`).
    Insert(Insert),
    /// `SELECT …`.
    Select(Box<Select>),
    /// `UPDATE t SET … [WHERE …] [ORDER BY …] [LIMIT n]`.
    Update(Update),
    /// `DELETE FROM t [WHERE …] [ORDER BY …] [LIMIT n]`.
    Delete(Delete),
    /// `SET NAMES x`, `SET @v = 1`, `SET [SESSION|GLOBAL] var = value`.
    Set(Vec<SetItem>),
    /// `BEGIN`, `START TRANSACTION`.
    Begin,
    /// `COMMIT`.
    Commit,
    /// `ROLLBACK`.
    Rollback,
    /// `CREATE USER 'u'@'h' IDENTIFIED BY 'p'`.
    CreateUser {
        user: String,
        host: String,
        password: Option<String>,
        if_not_exists: bool,
    },
    /// `DROP USER 'u'@'h'`.
    DropUser {
        user: String,
        host: String,
        if_exists: bool,
    },
    /// `GRANT … ON db.* TO 'u'@'h'`.
    Grant {
        db: Option<String>,
        user: String,
        host: String,
        password: Option<String>,
    },
    /// `FLUSH PRIVILEGES` and friends: accepted, nothing to do.
    Flush,
    /// `ALTER USER 'u'@'h' IDENTIFIED BY 'p'` / `SET PASSWORD`.
    SetPassword {
        user: Option<(String, String)>,
        password: String,
    },
}

/// One assignment of `SET`.
#[derive(Clone, Debug, PartialEq)]
pub enum SetItem {
    /// `SET NAMES x [COLLATE y]` / `SET CHARACTER SET x`.
    Names(String),
    /// `SET @v = expr`.
    User(String, Expr),
    /// `SET [GLOBAL] name = expr`.
    System {
        name: String,
        global: bool,
        value: Expr,
    },
}

/// `CREATE TABLE`.
#[derive(Clone, Debug, PartialEq)]
pub struct CreateTable {
    /// The new table.
    pub table: TableName,
    /// `IF NOT EXISTS`.
    pub if_not_exists: bool,
    /// The columns, in order.
    pub columns: Vec<ColumnDef>,
    /// Table-level keys.
    pub keys: Vec<KeyDef>,
    /// `AUTO_INCREMENT=n`.
    pub auto_increment: Option<u64>,
    /// `DEFAULT CHARSET=x`.
    pub charset: Option<String>,
    /// `COMMENT='…'`.
    pub comment: Option<String>,
    /// `CREATE TABLE t LIKE u`.
    pub like: Option<TableName>,
}

/// A column definition.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnDef {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: ColumnType,
    /// `NULL` (Some(true)), `NOT NULL` (Some(false)) or neither.
    pub nullable: Option<bool>,
    /// `DEFAULT …`.
    pub default: Option<DefaultValue>,
    /// `AUTO_INCREMENT`.
    pub auto_increment: bool,
    /// `PRIMARY KEY` on the column.
    pub primary: bool,
    /// `UNIQUE [KEY]` on the column.
    pub unique: bool,
    /// `ON UPDATE CURRENT_TIMESTAMP`.
    pub on_update_now: bool,
    /// `COMMENT '…'`.
    pub comment: Option<String>,
}

/// A column's default.
#[derive(Clone, Debug, PartialEq)]
pub enum DefaultValue {
    /// A constant.
    Value(Value),
    /// `CURRENT_TIMESTAMP` / `NOW()`.
    Now,
}

/// A table-level key.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyDef {
    /// What kind.
    pub kind: KeyKind,
    /// Its name, when given.
    pub name: Option<String>,
    /// The columns, in order.
    pub columns: Vec<String>,
}

/// The kinds of keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyKind {
    /// `PRIMARY KEY`.
    Primary,
    /// `UNIQUE [KEY|INDEX]`.
    Unique,
    /// `KEY` / `INDEX`.
    Index,
    /// `FOREIGN KEY … REFERENCES …`: kept as a plain index.
    Foreign,
}

/// One change of `ALTER TABLE`.
#[derive(Clone, Debug, PartialEq)]
pub enum AlterAction {
    /// `ADD [COLUMN] def [FIRST | AFTER c]`.
    AddColumn {
        def: ColumnDef,
        position: ColumnPosition,
    },
    /// `DROP [COLUMN] c`.
    DropColumn(String),
    /// `MODIFY [COLUMN] def` / `CHANGE [COLUMN] old def`.
    ChangeColumn {
        old: String,
        def: ColumnDef,
        position: ColumnPosition,
    },
    /// `RENAME COLUMN a TO b`.
    RenameColumn { old: String, new: String },
    /// `ADD [UNIQUE|PRIMARY] KEY …`.
    AddKey(KeyDef),
    /// `DROP PRIMARY KEY` / `DROP INDEX x`.
    DropKey(Option<String>),
    /// `RENAME [TO|AS] t`.
    Rename(TableName),
}

/// Where `ADD COLUMN` puts the column.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnPosition {
    /// At the end.
    Last,
    /// `FIRST`.
    First,
    /// `AFTER c`.
    After(String),
}

/// `INSERT` / `REPLACE`.
#[derive(Clone, Debug, PartialEq)]
pub struct Insert {
    /// The table.
    pub table: TableName,
    /// The listed columns, when given.
    pub columns: Option<Vec<String>>,
    /// The rows of values (`DEFAULT` is `Expr::Default`).
    pub rows: Vec<Vec<Expr>>,
    /// `INSERT … SELECT`.
    pub select: Option<Box<Select>>,
    /// `IGNORE`.
    pub ignore: bool,
    /// `REPLACE` instead of `INSERT`.
    pub replace: bool,
    /// `ON DUPLICATE KEY UPDATE …`.
    pub on_duplicate: Vec<(String, Expr)>,
}

/// `UPDATE`.
#[derive(Clone, Debug, PartialEq)]
pub struct Update {
    /// The table.
    pub table: TableName,
    /// Its alias.
    pub alias: Option<String>,
    /// `col = expr` pairs (a column may be qualified; the qualifier is dropped).
    pub sets: Vec<(String, Expr)>,
    /// `WHERE`.
    pub filter: Option<Expr>,
    /// `ORDER BY`.
    pub order_by: Vec<OrderItem>,
    /// `LIMIT n`.
    pub limit: Option<Expr>,
}

/// `DELETE`.
#[derive(Clone, Debug, PartialEq)]
pub struct Delete {
    /// The table.
    pub table: TableName,
    /// Its alias.
    pub alias: Option<String>,
    /// `WHERE`.
    pub filter: Option<Expr>,
    /// `ORDER BY`.
    pub order_by: Vec<OrderItem>,
    /// `LIMIT n`.
    pub limit: Option<Expr>,
}

/// A `SELECT`.
#[derive(Clone, Debug, PartialEq)]
pub struct Select {
    /// `DISTINCT`.
    pub distinct: bool,
    /// The select list.
    pub items: Vec<SelectItem>,
    /// `FROM` (empty without one); the first has no join condition.
    pub from: Vec<FromItem>,
    /// `WHERE`.
    pub filter: Option<Expr>,
    /// `GROUP BY`.
    pub group_by: Vec<Expr>,
    /// `HAVING`.
    pub having: Option<Expr>,
    /// `ORDER BY`.
    pub order_by: Vec<OrderItem>,
    /// `LIMIT count`.
    pub limit: Option<Expr>,
    /// `OFFSET n` / `LIMIT n, count`.
    pub offset: Option<Expr>,
    /// `UNION [ALL] SELECT …` that follow.
    pub unions: Vec<(bool, Select)>,
}

/// One entry of the select list.
#[derive(Clone, Debug, PartialEq)]
pub enum SelectItem {
    /// `*`.
    Star,
    /// `t.*`.
    TableStar(String),
    /// An expression, its alias, and the text it was written as (MySQL's column name).
    Expr {
        expr: Expr,
        alias: Option<String>,
        text: String,
    },
}

/// How a table joins the ones before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JoinKind {
    /// The first table, or `,` / `CROSS JOIN` / `JOIN` without `ON`.
    Cross,
    /// `[INNER] JOIN … ON`.
    Inner,
    /// `LEFT [OUTER] JOIN … ON`.
    Left,
    /// `RIGHT [OUTER] JOIN … ON`.
    Right,
}

/// A table in `FROM`.
#[derive(Clone, Debug, PartialEq)]
pub struct FromItem {
    /// The table.
    pub table: TableName,
    /// `AS alias`.
    pub alias: Option<String>,
    /// How it joins.
    pub join: JoinKind,
    /// `ON …`.
    pub on: Option<Expr>,
    /// `USING (a, b)`.
    pub using: Vec<String>,
}

/// One `ORDER BY` key.
#[derive(Clone, Debug, PartialEq)]
pub struct OrderItem {
    /// The expression (a bare integer is a select-list position).
    pub expr: Expr,
    /// `DESC`.
    pub desc: bool,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `DIV`
    IntDiv,
    /// `%`, `MOD`
    Mod,
    /// `=`
    Eq,
    /// `<=>`
    NullSafeEq,
    /// `<>`, `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `AND`, `&&`
    And,
    /// `OR`, `||`
    Or,
    /// `XOR`
    Xor,
}

/// An expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// A constant.
    Literal(Value),
    /// A column, maybe qualified (`t.c`, `db.t.c`).
    Column { table: Option<String>, name: String },
    /// A column resolved to its place in the current row.
    Slot(usize),
    /// An aggregate resolved to its place among the group's aggregates.
    AggSlot(usize),
    /// `-x`.
    Neg(Box<Expr>),
    /// `NOT x`, `!x`.
    Not(Box<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `x IS [NOT] NULL` (and `IS TRUE`/`IS FALSE` as `truth`).
    Is {
        expr: Box<Expr>,
        negated: bool,
        truth: Option<bool>,
    },
    /// `x [NOT] IN (…)`.
    In {
        expr: Box<Expr>,
        list: Vec<Expr>,
        negated: bool,
    },
    /// `x [NOT] IN (SELECT …)`.
    InSelect {
        expr: Box<Expr>,
        select: Box<Select>,
        negated: bool,
    },
    /// `(SELECT …)` as a value.
    Subquery(Box<Select>),
    /// `[NOT] EXISTS (SELECT …)`.
    Exists(Box<Select>),
    /// `x [NOT] BETWEEN a AND b`.
    Between {
        expr: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
        negated: bool,
    },
    /// `x [NOT] LIKE p`.
    Like {
        expr: Box<Expr>,
        pattern: Box<Expr>,
        negated: bool,
    },
    /// `x [NOT] REGEXP p`.
    Regexp {
        expr: Box<Expr>,
        pattern: Box<Expr>,
        negated: bool,
    },
    /// A function call (`COUNT(*)` has `star`).
    Function {
        name: String,
        args: Vec<Expr>,
        distinct: bool,
        star: bool,
    },
    /// `CASE [x] WHEN … THEN … [ELSE …] END`.
    Case {
        operand: Option<Box<Expr>>,
        whens: Vec<(Expr, Expr)>,
        otherwise: Option<Box<Expr>>,
    },
    /// `CAST(x AS type)` / `CONVERT(x, type)`.
    Cast(Box<Expr>, CastType),
    /// `@v`.
    UserVar(String),
    /// `@@v`.
    SysVar(String),
    /// `DEFAULT` in `INSERT … VALUES`.
    Default,
    /// `INTERVAL n unit` (only inside date arithmetic).
    Interval(Box<Expr>, String),
}

/// Target types of `CAST`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CastType {
    /// `SIGNED [INTEGER]`.
    Signed,
    /// `UNSIGNED [INTEGER]`.
    Unsigned,
    /// `CHAR`.
    Char,
    /// `DECIMAL(p, s)`.
    Decimal(u8, u8),
    /// `DATE`.
    Date,
    /// `DATETIME`.
    DateTime,
    /// `DOUBLE`.
    Double,
}
