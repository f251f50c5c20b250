//! The system schemas as far as a student looks into them: `mysql.user`, and
//! `information_schema`'s `SCHEMATA`, `TABLES` and `COLUMNS`, built from the server's state.
//! Other system tables exist by name (`SHOW TABLES` in `mysql` lists them) and read as empty.

use super::eval::Env;
use super::server::is_system_schema;
use super::value::Value;
use super::version::Series;

/// The tables of the `mysql` schema in 5.7.
const MYSQL_TABLES_57: &[&str] = &[
    "columns_priv",
    "db",
    "engine_cost",
    "event",
    "func",
    "general_log",
    "gtid_executed",
    "help_category",
    "help_keyword",
    "help_relation",
    "help_topic",
    "innodb_index_stats",
    "innodb_table_stats",
    "ndb_binlog_index",
    "plugin",
    "proc",
    "procs_priv",
    "proxies_priv",
    "server_cost",
    "servers",
    "slave_master_info",
    "slave_relay_log_info",
    "slave_worker_info",
    "slow_log",
    "tables_priv",
    "time_zone",
    "time_zone_leap_second",
    "time_zone_name",
    "time_zone_transition",
    "time_zone_transition_type",
    "user",
];

/// The tables of the `mysql` schema in 8.0.
const MYSQL_TABLES_80: &[&str] = &[
    "columns_priv",
    "component",
    "db",
    "default_roles",
    "engine_cost",
    "func",
    "general_log",
    "global_grants",
    "gtid_executed",
    "help_category",
    "help_keyword",
    "help_relation",
    "help_topic",
    "innodb_index_stats",
    "innodb_table_stats",
    "ndb_binlog_index",
    "password_history",
    "plugin",
    "procs_priv",
    "proxies_priv",
    "replication_asynchronous_connection_failover",
    "replication_asynchronous_connection_failover_managed",
    "replication_group_configuration_version",
    "replication_group_member_actions",
    "role_edges",
    "server_cost",
    "servers",
    "slave_master_info",
    "slave_relay_log_info",
    "slave_worker_info",
    "slow_log",
    "tables_priv",
    "time_zone",
    "time_zone_leap_second",
    "time_zone_name",
    "time_zone_transition",
    "time_zone_transition_type",
    "user",
];

/// The table names `SHOW TABLES` lists in a system schema.
pub fn system_table_names(db: &str, series: Series) -> Vec<String> {
    match db {
        "mysql" if series.is_57() => MYSQL_TABLES_57.iter().map(|s| s.to_string()).collect(),
        "mysql" => MYSQL_TABLES_80.iter().map(|s| s.to_string()).collect(),
        "information_schema" => ["COLUMNS", "SCHEMATA", "TABLES"]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        _ => Vec::new(),
    }
}

fn s(v: &str) -> Value {
    Value::text(v)
}

/// Columns and rows of system table `db.name`; `None` if there is no such table.
pub fn system_table(env: &Env<'_>, db: &str, name: &str) -> Option<(Vec<String>, Vec<Vec<Value>>)> {
    let series = env.server.version().series();
    let names = |cols: &[&str]| cols.iter().map(|c| c.to_string()).collect::<Vec<_>>();
    match (db, name.to_ascii_lowercase().as_str()) {
        ("mysql", "user") => {
            let mut accounts: Vec<_> = env.server.accounts().iter().collect();
            super::value::sort_by_dyn(&mut accounts, &|a, b| {
                (&a.host, &a.user).cmp(&(&b.host, &b.user))
            });
            let plugin = if series.is_57() {
                "mysql_native_password"
            } else {
                "caching_sha2_password"
            };
            let rows = accounts
                .iter()
                .map(|a| {
                    vec![
                        s(&a.host),
                        s(&a.user),
                        s(if a.superuser { "Y" } else { "N" }),
                        s(plugin),
                        s(if a.locked && a.auth.is_empty() {
                            "*THISISNOTAVALIDPASSWORDTHATCANBEUSEDHERE"
                        } else {
                            &a.auth
                        }),
                        s(if a.locked { "Y" } else { "N" }),
                    ]
                })
                .collect();
            Some((
                names(&[
                    "Host",
                    "User",
                    "Select_priv",
                    "plugin",
                    "authentication_string",
                    "account_locked",
                ]),
                rows,
            ))
        }
        ("information_schema", "schemata") => {
            let account = env.session.account();
            let (cs, coll) = env.server.version().charset();
            let rows = env
                .server
                .visible_databases(account)
                .into_iter()
                .map(|d| {
                    let (c, l) = if d == "information_schema" {
                        ("utf8", "utf8_general_ci")
                    } else {
                        (cs, coll)
                    };
                    vec![s("def"), s(&d), s(c), s(l), Value::Null]
                })
                .collect();
            Some((
                names(&[
                    "CATALOG_NAME",
                    "SCHEMA_NAME",
                    "DEFAULT_CHARACTER_SET_NAME",
                    "DEFAULT_COLLATION_NAME",
                    "SQL_PATH",
                ]),
                rows,
            ))
        }
        ("information_schema", "tables") => {
            let account = env.session.account();
            let mut rows = Vec::new();
            for d in env.server.visible_databases(account) {
                if is_system_schema(&d) {
                    for t in system_table_names(&d, series) {
                        rows.push(vec![
                            s("def"),
                            s(&d),
                            s(&t),
                            s(if d == "information_schema" {
                                "SYSTEM VIEW"
                            } else {
                                "BASE TABLE"
                            }),
                            s(if d == "information_schema" {
                                "MEMORY"
                            } else {
                                "InnoDB"
                            }),
                            Value::Null,
                            Value::Null,
                        ]);
                    }
                    continue;
                }
                if let Some(db) = env.server.database(&d) {
                    for (tn, t) in &db.tables {
                        rows.push(vec![
                            s("def"),
                            s(&d),
                            s(tn),
                            s("BASE TABLE"),
                            s("InnoDB"),
                            Value::Int(t.rows.len() as i64),
                            if t.auto_column().is_some() {
                                Value::Int(t.auto_increment as i64)
                            } else {
                                Value::Null
                            },
                        ]);
                    }
                }
            }
            Some((
                names(&[
                    "TABLE_CATALOG",
                    "TABLE_SCHEMA",
                    "TABLE_NAME",
                    "TABLE_TYPE",
                    "ENGINE",
                    "TABLE_ROWS",
                    "AUTO_INCREMENT",
                ]),
                rows,
            ))
        }
        ("information_schema", "columns") => {
            let account = env.session.account();
            let mut rows = Vec::new();
            for d in env.server.visible_databases(account) {
                let Some(db) = env.server.database(&d) else {
                    continue;
                };
                for (tn, t) in &db.tables {
                    for (i, c) in t.columns.iter().enumerate() {
                        let full = c.ty.sql_name(series);
                        let data_type = full.split(['(', ' ']).next().unwrap_or(&full).to_owned();
                        rows.push(vec![
                            s("def"),
                            s(&d),
                            s(tn),
                            s(&c.name),
                            Value::Int(i as i64 + 1),
                            super::exec::default_text(c)
                                .map(Value::Str)
                                .unwrap_or(Value::Null),
                            s(if c.nullable { "YES" } else { "NO" }),
                            s(&data_type),
                            s(&full),
                            s(&super::exec::key_flag(t, i)),
                            s(&super::exec::extra_text(c, series)),
                        ]);
                    }
                }
            }
            Some((
                names(&[
                    "TABLE_CATALOG",
                    "TABLE_SCHEMA",
                    "TABLE_NAME",
                    "COLUMN_NAME",
                    "ORDINAL_POSITION",
                    "COLUMN_DEFAULT",
                    "IS_NULLABLE",
                    "DATA_TYPE",
                    "COLUMN_TYPE",
                    "COLUMN_KEY",
                    "EXTRA",
                ]),
                rows,
            ))
        }
        _ => {
            let known = system_table_names(db, series)
                .iter()
                .any(|t| t.eq_ignore_ascii_case(name));
            known.then(|| (Vec::new(), Vec::new()))
        }
    }
}
