//! MySQL's errors: a code, an SQLSTATE and a message, printed by the client as
//! `ERROR 1146 (42S02): Table 'db.t' doesn't exist`.
//!
//! Every error the server or the client library can raise is built here, so the wording lives
//! in one place. The texts are MySQL 5.7's (`share/errmsg-utf8.txt`, `libmysql/errmsg.c`);
//! where 8.0 changed one, the constructor takes the [`Series`].

use std::fmt;

use super::version::Series;

/// One MySQL error, as the client receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlError {
    /// The error number (`1064`).
    pub code: u16,
    /// The five-character SQLSTATE (`42000`).
    pub state: &'static str,
    /// The message, without the `ERROR n (state): ` prefix.
    pub message: String,
}

impl fmt::Display for SqlError {
    /// The line the interactive client prints: `ERROR 1049 (42000): Unknown database 'x'`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ERROR {} ({}): {}", self.code, self.state, self.message)
    }
}

impl std::error::Error for SqlError {}

fn err(code: u16, state: &'static str, message: String) -> SqlError {
    SqlError {
        code,
        state,
        message,
    }
}

/// Quotes a value the way MySQL's `%-.192s` does inside `'…'`: truncated to 192 characters.
fn cut(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

impl SqlError {
    /// The batch-mode form: `ERROR 1146 (42S02) at line 1: Table 't.x' doesn't exist`.
    pub fn batch_line(&self, line: u64) -> String {
        format!(
            "ERROR {} ({}) at line {}: {}",
            self.code, self.state, line, self.message
        )
    }

    /// 1064: the parser stopped at `near` (the rest of the query from the offending token)
    /// on `line`. MySQL shows at most 80 characters of it.
    pub fn syntax(near: &str, line: usize) -> SqlError {
        err(
            1064,
            "42000",
            format!(
                "You have an error in your SQL syntax; check the manual that corresponds to your \
                 MySQL server version for the right syntax to use near '{}' at line {line}",
                cut(near, 80)
            ),
        )
    }

    /// 1065: nothing but comments or whitespace was sent.
    pub fn query_empty() -> SqlError {
        err(1065, "42000", "Query was empty".into())
    }

    /// 1146: `Table 'db.t' doesn't exist`.
    pub fn no_such_table(db: &str, table: &str) -> SqlError {
        err(
            1146,
            "42S02",
            format!("Table '{}.{}' doesn't exist", cut(db, 64), cut(table, 64)),
        )
    }

    /// 1049: `Unknown database 'x'`.
    pub fn unknown_database(db: &str) -> SqlError {
        err(
            1049,
            "42000",
            format!("Unknown database '{}'", cut(db, 192)),
        )
    }

    /// 1046: a table was named without a database and none is selected.
    pub fn no_database_selected() -> SqlError {
        err(1046, "3D000", "No database selected".into())
    }

    /// 1007: `CREATE DATABASE` of an existing one.
    pub fn database_exists(db: &str) -> SqlError {
        err(
            1007,
            "HY000",
            format!("Can't create database '{}'; database exists", cut(db, 192)),
        )
    }

    /// 1008: `DROP DATABASE` of a missing one.
    pub fn drop_missing_database(db: &str) -> SqlError {
        err(
            1008,
            "HY000",
            format!(
                "Can't drop database '{}'; database doesn't exist",
                cut(db, 192)
            ),
        )
    }

    /// 1050: `CREATE TABLE` of an existing one.
    pub fn table_exists(table: &str) -> SqlError {
        err(
            1050,
            "42S01",
            format!("Table '{}' already exists", cut(table, 192)),
        )
    }

    /// 1051: `DROP TABLE` of missing tables, listed as `db.t,db.u`.
    pub fn unknown_table(list: &str) -> SqlError {
        err(1051, "42S02", format!("Unknown table '{}'", cut(list, 192)))
    }

    /// 1054: `Unknown column 'x' in 'field list'` (or `'where clause'`, `'order clause'`…).
    pub fn unknown_column(column: &str, clause: &str) -> SqlError {
        err(
            1054,
            "42S22",
            format!("Unknown column '{}' in '{clause}'", cut(column, 192)),
        )
    }

    /// 1052: a column name that more than one table of the query has.
    pub fn ambiguous_column(column: &str, clause: &str) -> SqlError {
        err(
            1052,
            "23000",
            format!("Column '{}' in {clause} is ambiguous", cut(column, 192)),
        )
    }

    /// 1062: a second row with the same key. 8.0 names the key with its table (`t.PRIMARY`).
    pub fn duplicate_entry(entry: &str, key: &str) -> SqlError {
        err(
            1062,
            "23000",
            format!("Duplicate entry '{}' for key '{key}'", cut(entry, 64)),
        )
    }

    /// 1136: an `INSERT` row with the wrong number of values.
    pub fn column_count(row: usize) -> SqlError {
        err(
            1136,
            "21S01",
            format!("Column count doesn't match value count at row {row}"),
        )
    }

    /// 1048: `NULL` for a `NOT NULL` column.
    pub fn cannot_be_null(column: &str) -> SqlError {
        err(
            1048,
            "23000",
            format!("Column '{}' cannot be null", cut(column, 192)),
        )
    }

    /// 1364: a `NOT NULL` column without a default was left out (strict mode).
    pub fn no_default(column: &str) -> SqlError {
        err(
            1364,
            "HY000",
            format!("Field '{}' doesn't have a default value", cut(column, 192)),
        )
    }

    /// 1406: a string longer than the column (strict mode).
    pub fn data_too_long(column: &str, row: usize) -> SqlError {
        err(
            1406,
            "22001",
            format!(
                "Data too long for column '{}' at row {row}",
                cut(column, 192)
            ),
        )
    }

    /// 1264: a number outside the column's range (strict mode).
    pub fn out_of_range(column: &str, row: usize) -> SqlError {
        err(
            1264,
            "22003",
            format!(
                "Out of range value for column '{}' at row {row}",
                cut(column, 192)
            ),
        )
    }

    /// 1366: `Incorrect integer value: 'abc' for column 'age' at row 1` (strict mode).
    pub fn incorrect_value(kind: &str, value: &str, column: &str, row: usize) -> SqlError {
        err(
            1366,
            "HY000",
            format!(
                "Incorrect {kind} value: '{}' for column '{}' at row {row}",
                cut(value, 192),
                cut(column, 192)
            ),
        )
    }

    /// 1292: `Incorrect date value: 'x' for column 'd' at row 1` (strict mode).
    pub fn incorrect_temporal(kind: &str, value: &str, column: &str, row: usize) -> SqlError {
        err(
            1292,
            "22007",
            format!(
                "Incorrect {kind} value: '{}' for column '{}' at row {row}",
                cut(value, 192),
                cut(column, 192)
            ),
        )
    }

    /// 1265: a value that had to be cut to fit (an `ENUM` member that is not one, `'12abc'`
    /// for an integer).
    pub fn data_truncated(column: &str, row: usize) -> SqlError {
        err(
            1265,
            "01000",
            format!(
                "Data truncated for column '{}' at row {row}",
                cut(column, 192)
            ),
        )
    }

    /// 1060: two columns of one table with the same name.
    pub fn duplicate_column(column: &str) -> SqlError {
        err(
            1060,
            "42S21",
            format!("Duplicate column name '{}'", cut(column, 192)),
        )
    }

    /// 1068: two `PRIMARY KEY`s in one table.
    pub fn multiple_primary_key() -> SqlError {
        err(1068, "42000", "Multiple primary key defined".into())
    }

    /// 1075: `AUTO_INCREMENT` on a column that is not a key, or on two columns.
    pub fn bad_auto_increment() -> SqlError {
        err(
            1075,
            "42000",
            "Incorrect table definition; there can be only one auto column and it must be \
             defined as a key"
                .into(),
        )
    }

    /// 1063: `AUTO_INCREMENT` on a column that cannot count.
    pub fn bad_auto_increment_type(column: &str) -> SqlError {
        err(
            1063,
            "42000",
            format!(
                "Incorrect column specifier for column '{}'",
                cut(column, 192)
            ),
        )
    }

    /// 1067: a `DEFAULT` the column cannot hold.
    pub fn invalid_default(column: &str) -> SqlError {
        err(
            1067,
            "42000",
            format!("Invalid default value for '{}'", cut(column, 192)),
        )
    }

    /// 1074: `VARCHAR(n)` beyond what a row can hold.
    pub fn column_too_long(column: &str, max: u64) -> SqlError {
        err(
            1074,
            "42000",
            format!(
                "Column length too big for column '{}' (max = {max}); use BLOB or TEXT instead",
                cut(column, 192)
            ),
        )
    }

    /// 1072: a key names a column the table does not have.
    pub fn key_column_missing(column: &str) -> SqlError {
        err(
            1072,
            "42000",
            format!("Key column '{}' doesn't exist in table", cut(column, 192)),
        )
    }

    /// 1061: two keys with the same name.
    pub fn duplicate_key_name(name: &str) -> SqlError {
        err(
            1061,
            "42000",
            format!("Duplicate key name '{}'", cut(name, 192)),
        )
    }

    /// 1170: a key on a `TEXT` column without a prefix length.
    pub fn blob_key_without_length(column: &str) -> SqlError {
        err(
            1170,
            "42000",
            format!(
                "BLOB/TEXT column '{}' used in key specification without a key length",
                cut(column, 192)
            ),
        )
    }

    /// 1101: a `DEFAULT` on a `TEXT` column.
    pub fn blob_default(column: &str) -> SqlError {
        err(
            1101,
            "42000",
            format!(
                "BLOB, TEXT, GEOMETRY or JSON column '{}' can't have a default value",
                cut(column, 192)
            ),
        )
    }

    /// 1066: the same table or alias twice in one `FROM`.
    pub fn not_unique_table(alias: &str) -> SqlError {
        err(
            1066,
            "42000",
            format!("Not unique table/alias: '{}'", cut(alias, 192)),
        )
    }

    /// 1096: `SELECT *` without `FROM`.
    pub fn no_tables_used() -> SqlError {
        err(1096, "HY000", "No tables used".into())
    }

    /// 1111: an aggregate where it cannot be (`WHERE COUNT(*) > 1`).
    pub fn invalid_group_function() -> SqlError {
        err(1111, "HY000", "Invalid use of group function".into())
    }

    /// 1140: an aggregate query without `GROUP BY` that also selects a plain column
    /// (`ONLY_FULL_GROUP_BY`, on by default since 5.7).
    pub fn mixed_aggregate(position: usize, column: &str) -> SqlError {
        err(
            1140,
            "42000",
            format!(
                "In aggregated query without GROUP BY, expression #{position} of SELECT list \
                 contains nonaggregated column '{column}'; this is incompatible with \
                 sql_mode=only_full_group_by"
            ),
        )
    }

    /// 1055: a selected column that is neither grouped nor determined by the groups.
    pub fn not_in_group_by(position: usize, column: &str) -> SqlError {
        err(
            1055,
            "42000",
            format!(
                "Expression #{position} of SELECT list is not in GROUP BY clause and contains \
                 nonaggregated column '{column}' which is not functionally dependent on columns \
                 in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by"
            ),
        )
    }

    /// 1305: a function the server does not know, looked up as a stored function.
    pub fn no_such_function(db: &str, name: &str) -> SqlError {
        err(
            1305,
            "42000",
            format!("FUNCTION {db}.{name} does not exist"),
        )
    }

    /// 1582: a native function called with the wrong number of arguments.
    pub fn wrong_argument_count(name: &str) -> SqlError {
        err(
            1582,
            "42000",
            format!("Incorrect parameter count in the call to native function '{name}'"),
        )
    }

    /// 1690: integer arithmetic that overflowed.
    pub fn value_out_of_range(kind: &str, expr: &str) -> SqlError {
        err(
            1690,
            "22003",
            format!("{kind} value is out of range in '{expr}'"),
        )
    }

    /// 1044: a user without rights on a database.
    pub fn db_access_denied(user: &str, host: &str, db: &str) -> SqlError {
        err(
            1044,
            "42000",
            format!(
                "Access denied for user '{user}'@'{host}' to database '{}'",
                cut(db, 192)
            ),
        )
    }

    /// 1142: a user without rights on a table of a system schema.
    pub fn table_access_denied(command: &str, user: &str, host: &str, table: &str) -> SqlError {
        err(
            1142,
            "42000",
            format!(
                "{command} command denied to user '{user}'@'{host}' for table '{}'",
                cut(table, 192)
            ),
        )
    }

    /// 1045: wrong user or password at login. `host` is where the client connects from.
    pub fn access_denied(user: &str, host: &str, using_password: bool) -> SqlError {
        err(
            1045,
            "28000",
            format!(
                "Access denied for user '{user}'@'{host}' (using password: {})",
                if using_password { "YES" } else { "NO" }
            ),
        )
    }

    /// 1193: `SET` of a variable the server does not have.
    pub fn unknown_system_variable(name: &str) -> SqlError {
        err(
            1193,
            "HY000",
            format!("Unknown system variable '{}'", cut(name, 192)),
        )
    }

    /// 1238: `SET` of a read-only variable.
    pub fn read_only_variable(name: &str) -> SqlError {
        err(
            1238,
            "HY000",
            format!("Variable '{name}' is a read only variable"),
        )
    }

    /// 1231: `SET` of a variable to a value it cannot take.
    pub fn wrong_value_for_variable(name: &str, value: &str) -> SqlError {
        err(
            1231,
            "42000",
            format!("Variable '{name}' can't be set to the value of '{value}'"),
        )
    }

    /// 1115: `SET NAMES` of a character set the server does not know.
    pub fn unknown_character_set(name: &str) -> SqlError {
        err(
            1115,
            "42000",
            format!("Unknown character set: '{}'", cut(name, 64)),
        )
    }

    /// 1109: `DELETE t1 FROM …` naming a table that is not in the query.
    pub fn unknown_table_in(table: &str, clause: &str) -> SqlError {
        err(
            1109,
            "42S02",
            format!("Unknown table '{}' in {clause}", cut(table, 192)),
        )
    }

    /// 1091: `ALTER TABLE … DROP` of a column or key that is not there.
    pub fn cant_drop_field(name: &str) -> SqlError {
        err(
            1091,
            "42000",
            format!(
                "Can't DROP '{}'; check that column/key exists",
                cut(name, 192)
            ),
        )
    }

    /// 1090: `ALTER TABLE … DROP` of the last column.
    pub fn cant_drop_last_column() -> SqlError {
        err(
            1090,
            "42000",
            "You can't delete all columns with ALTER TABLE; use DROP TABLE instead".into(),
        )
    }

    /// 1102: a database name MySQL refuses (too long, trailing space).
    pub fn wrong_db_name(name: &str) -> SqlError {
        err(
            1102,
            "42000",
            format!("Incorrect database name '{}'", cut(name, 100)),
        )
    }

    /// 1103: a table name MySQL refuses.
    pub fn wrong_table_name(name: &str) -> SqlError {
        err(
            1103,
            "42000",
            format!("Incorrect table name '{}'", cut(name, 100)),
        )
    }

    /// 1166: a column name MySQL refuses.
    pub fn wrong_column_name(name: &str) -> SqlError {
        err(
            1166,
            "42000",
            format!("Incorrect column name '{}'", cut(name, 100)),
        )
    }

    /// 1059: an identifier longer than 64 characters.
    pub fn identifier_too_long(name: &str) -> SqlError {
        err(
            1059,
            "42000",
            format!("Identifier name '{}' is too long", cut(name, 100)),
        )
    }

    /// 1235: syntax MySQL parses but this server does not run.
    pub fn not_supported(what: &str) -> SqlError {
        err(
            1235,
            "42000",
            format!("This version of MySQL doesn't yet support '{what}'"),
        )
    }

    /// 1227: an administrative statement the user may not run.
    pub fn specific_access_denied(privilege: &str) -> SqlError {
        err(
            1227,
            "42000",
            format!(
                "Access denied; you need (at least one of) the {privilege} privilege(s) for \
                 this operation"
            ),
        )
    }

    /// 1396: `CREATE USER` of an existing account, `DROP USER` of a missing one.
    pub fn user_operation_failed(op: &str, user: &str, host: &str) -> SqlError {
        err(
            1396,
            "HY000",
            format!("Operation {op} failed for '{user}'@'{host}'"),
        )
    }

    /// 1141: `SHOW GRANTS FOR` an account that has none.
    pub fn no_such_grant(user: &str, host: &str) -> SqlError {
        err(
            1141,
            "42000",
            format!("There is no such grant defined for user '{user}' on host '{host}'"),
        )
    }

    /// 2002 (client): nothing listens on the local socket.
    pub fn no_socket(path: &str) -> SqlError {
        err(
            2002,
            "HY000",
            format!("Can't connect to local MySQL server through socket '{path}' (2)"),
        )
    }

    /// 2003 (client): the host answered but refused the TCP connection (errno 111).
    /// 5.7 names the host; 8.0 names `host:port`.
    pub fn connection_refused(series: Series, host: &str, port: u16) -> SqlError {
        can_not_connect(series, host, port, 111)
    }

    /// 2003 (client): no route to the host's address (errno 113, `EHOSTUNREACH`).
    pub fn no_route(series: Series, host: &str, port: u16) -> SqlError {
        can_not_connect(series, host, port, 113)
    }

    /// 2005 (client): the host name does not resolve. 5.7 prints `errno` (0 after a failed
    /// `getaddrinfo`); 8.0 prints the resolver's own code, `EAI_NONAME` (-2).
    pub fn unknown_host(series: Series, host: &str) -> SqlError {
        let code = if series.is_57() { 0 } else { -2 };
        err(
            2005,
            "HY000",
            format!("Unknown MySQL server host '{}' ({code})", cut(host, 100)),
        )
    }

    /// 2013 (client): the server went away in the middle of a query.
    pub fn lost_connection() -> SqlError {
        err(
            2013,
            "HY000",
            "Lost connection to MySQL server during query".into(),
        )
    }

    /// 2006 (client): the server went away between queries.
    pub fn server_gone() -> SqlError {
        err(2006, "HY000", "MySQL server has gone away".into())
    }
}

/// 2003 (client): `connect` failed with `errno`. 5.7 names the host; 8.0 names `host:port`.
fn can_not_connect(series: Series, host: &str, port: u16, errno: i32) -> SqlError {
    let target = if series.is_57() {
        host.to_owned()
    } else {
        format!("{host}:{port}")
    };
    err(
        2003,
        "HY000",
        format!(
            "Can't connect to MySQL server on '{}' ({errno})",
            cut(&target, 100)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(e: SqlError, expected: &str) {
        assert_eq!(e.to_string(), expected);
    }

    #[test]
    #[rustfmt::skip]
    fn texts() {
        check(SqlError::syntax("x", 1), "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'x' at line 1");
        check(SqlError::no_such_table("db", "t"), "ERROR 1146 (42S02): Table 'db.t' doesn't exist");
        check(SqlError::unknown_database("x"), "ERROR 1049 (42000): Unknown database 'x'");
        check(SqlError::no_database_selected(), "ERROR 1046 (3D000): No database selected");
        check(SqlError::database_exists("x"), "ERROR 1007 (HY000): Can't create database 'x'; database exists");
        check(SqlError::table_exists("t"), "ERROR 1050 (42S01): Table 't' already exists");
        check(SqlError::unknown_column("x", "field list"), "ERROR 1054 (42S22): Unknown column 'x' in 'field list'");
        check(SqlError::duplicate_entry("1", "PRIMARY"), "ERROR 1062 (23000): Duplicate entry '1' for key 'PRIMARY'");
        check(SqlError::column_count(1), "ERROR 1136 (21S01): Column count doesn't match value count at row 1");
        check(SqlError::cannot_be_null("x"), "ERROR 1048 (23000): Column 'x' cannot be null");
        check(SqlError::drop_missing_database("x"), "ERROR 1008 (HY000): Can't drop database 'x'; database doesn't exist");
        check(SqlError::unknown_table("db.t"), "ERROR 1051 (42S02): Unknown table 'db.t'");
        check(SqlError::data_too_long("name", 1), "ERROR 1406 (22001): Data too long for column 'name' at row 1");
        check(SqlError::access_denied("root", "172.17.0.3", true), "ERROR 1045 (28000): Access denied for user 'root'@'172.17.0.3' (using password: YES)");
        check(SqlError::unknown_host(Series::V57, "x"), "ERROR 2005 (HY000): Unknown MySQL server host 'x' (0)");
        check(SqlError::unknown_host(Series::V80, "x"), "ERROR 2005 (HY000): Unknown MySQL server host 'x' (-2)");
        check(SqlError::connection_refused(Series::V57, "server", 3306), "ERROR 2003 (HY000): Can't connect to MySQL server on 'server' (111)");
        check(SqlError::connection_refused(Series::V80, "server", 3306), "ERROR 2003 (HY000): Can't connect to MySQL server on 'server:3306' (111)");
        check(SqlError::no_route(Series::V57, "172.18.0.2", 3306), "ERROR 2003 (HY000): Can't connect to MySQL server on '172.18.0.2' (113)");
        check(SqlError::no_socket("/var/run/mysqld/mysqld.sock"), "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)");
    }

    #[test]
    fn near_text_is_cut_at_80_characters() {
        let near = "x".repeat(100);
        let e = SqlError::syntax(&near, 2);
        assert!(e
            .message
            .ends_with(&format!("near '{}' at line 2", "x".repeat(80))));
    }

    #[test]
    fn batch_form_names_the_line() {
        assert_eq!(
            SqlError::no_database_selected().batch_line(3),
            "ERROR 1046 (3D000) at line 3: No database selected"
        );
    }
}
