//! Client transcripts: what a student types at `mysql>` and what the client prints, checked
//! byte for byte against MySQL 5.7's (and 8.0's) output.

use super::client::args::{parse_client_args, ArgsOutcome, ClientOptions};
use super::client::repl::{run_batch, Repl};
use super::client::{Link, Printed};
use super::exec::Session;
use super::server::{Login, Server};
use super::version::Version;

/// 2026-11-28 09:00:00 UTC, the engine's deterministic start.
const NOW: i64 = 1_795_856_400 * 1_000_000_000;

/// A server with root's password `pw`, and one interactive client on it.
struct Sim {
    server: Server,
    session: Session,
    repl: Repl,
    now: i64,
}

impl Sim {
    fn new(version: Version, args: &str) -> (Sim, String) {
        let mut server = Server::new(
            version.clone(),
            "3f9a1b2c4d5e",
            "4922b755-5308-11f0-bab7-0242ac110002",
        );
        server.restart(NOW - 60 * 1_000_000_000);
        server.set_root_password("%", "pw");
        let argv: Vec<String> = args.split_whitespace().map(str::to_owned).collect();
        let opts = match parse_client_args(&argv, &version) {
            ArgsOutcome::Run(o) => o,
            other => panic!("{other:?}"),
        };
        Sim::with(server, &version, &opts)
    }

    fn with(mut server: Server, client: &Version, opts: &ClientOptions) -> (Sim, String) {
        let password = match &opts.password {
            super::client::args::Password::Given(p) => Some(p.as_str()),
            _ => None,
        };
        let mut session = server
            .connect(&Login {
                user: opts.user_name(),
                password,
                client_host: "172.17.0.3",
                database: opts.database.as_deref(),
                via_socket: false,
            })
            .expect("login");
        let mut link = Link {
            server: &mut server,
            session: &mut session,
            now: NOW,
        };
        let (repl, printed) = Repl::start(client, opts, &mut link);
        let mut head = String::new();
        if opts.password_warning {
            head.push_str(ClientOptions::password_warning_line());
        }
        head.push_str(&printed.text());
        head.push_str(printed.prompt.as_deref().unwrap_or(""));
        (
            Sim {
                server,
                session,
                repl,
                now: NOW,
            },
            head,
        )
    }

    fn line(&mut self, line: &str) -> Printed {
        let mut link = Link {
            server: &mut self.server,
            session: &mut self.session,
            now: self.now,
        };
        self.repl.feed(line, &mut link)
    }

    /// Feeds the lines and returns the screen: each line echoed after its prompt, then the
    /// output.
    fn screen(&mut self, input: &str) -> String {
        let mut out = String::new();
        for l in input.lines() {
            out.push_str(l);
            out.push('\n');
            let p = self.line(l);
            out.push_str(&p.text());
            if let Some(prompt) = &p.prompt {
                out.push_str(prompt);
            }
        }
        out
    }
}

/// Runs a transcript: lines after a prompt (`mysql> `, `    -> `, `    '> `…) are typed;
/// the rest is what must appear. The transcript starts right after the first prompt.
fn transcript(sim: &mut Sim, text: &str) {
    let prompts = [
        "mysql> ", "    -> ", "    '> ", "    \"> ", "    `> ", "   /*> ",
    ];
    let body = text.strip_prefix("mysql> ").unwrap_or(text);
    // Reconstruct the typed lines from the transcript itself: a line is typed when the
    // previous output ended with a prompt.
    let mut typed = Vec::new();
    let mut rest = body;
    let mut first = true;
    loop {
        if !first {
            let Some(pos) = prompts
                .iter()
                .filter_map(|p| rest.find(p).map(|i| (i, p.len())))
                .min()
            else {
                break;
            };
            rest = &rest[pos.0 + pos.1..];
        }
        first = false;
        let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
        typed.push(line.to_owned());
        rest = after;
        if rest.is_empty() {
            break;
        }
    }
    let got = sim.screen(&typed.join("\n"));
    assert_eq!(got, body, "\n--- got ---\n{got}\n--- want ---\n{body}");
}

fn sim57() -> Sim {
    Sim::new(Version::mysql57(), "-hserver -uroot -ppw").0
}

fn sim80() -> Sim {
    Sim::new(Version::mysql80(), "-hserver -uroot -ppw").0
}

/// A 5.7 client in database `shop` with a table `users` (id, name, age).
fn shop57() -> Sim {
    let mut s = sim57();
    s.screen(
        "CREATE DATABASE shop;\nUSE shop;\n\
         CREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20) NOT NULL, age INT, email VARCHAR(50) UNIQUE);\n\
         INSERT INTO users (name, age, email) VALUES ('Alice', 30, 'a@x.org'), ('Bob', 25, NULL), ('Carol', NULL, 'c@x.org');",
    );
    s
}

/// `check(sql, expected)`: one statement typed at `mysql>` in `shop`, and the whole output.
fn check(sql: &str, expected: &str) {
    let mut s = shop57();
    let p = s.line(sql);
    assert_eq!(p.text(), expected, "{sql}");
}

fn check80(sql: &str, expected: &str) {
    let mut s = sim80();
    s.screen(
        "CREATE DATABASE shop;\nUSE shop;\n\
         CREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20) NOT NULL, age INT, email VARCHAR(50) UNIQUE);\n\
         INSERT INTO users (name, age, email) VALUES ('Alice', 30, 'a@x.org'), ('Bob', 25, NULL), ('Carol', NULL, 'c@x.org');",
    );
    let p = s.line(sql);
    assert_eq!(p.text(), expected, "{sql}");
}

#[test]
fn course_session_transcript() {
    let (mut sim, head) = Sim::new(Version::mysql57(), "-hserver -uroot -ppw");
    assert_eq!(
        head,
        "mysql: [Warning] Using a password on the command line interface can be insecure.\n\
Welcome to the MySQL monitor.  Commands end with ; or \\g.\n\
Your MySQL connection id is 2\n\
Server version: 5.7.44 MySQL Community Server (GPL)\n\
\n\
Copyright (c) 2000, 2023, Oracle and/or its affiliates.\n\
\n\
Oracle is a registered trademark of Oracle Corporation and/or its\n\
affiliates. Other names may be trademarks of their respective\n\
owners.\n\
\n\
Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\
\n\
mysql> "
    );
    transcript(
        &mut sim,
        r"mysql> SHOW DATABASES;
+--------------------+
| Database           |
+--------------------+
| information_schema |
| mysql              |
| performance_schema |
| sys                |
+--------------------+
4 rows in set (0.00 sec)

mysql> CREATE DATABASE school;
Query OK, 1 row affected (0.01 sec)

mysql> USE school;
Database changed
mysql> CREATE TABLE students (
    ->   id INT PRIMARY KEY AUTO_INCREMENT,
    ->   name VARCHAR(50) NOT NULL,
    ->   age INT,
    ->   city VARCHAR(30)
    -> );
Query OK, 0 rows affected (0.01 sec)

mysql> INSERT INTO students (name, age, city) VALUES ('Alice', 20, 'Beijing'), ('Bob', 22, 'Shanghai'), ('Carol', 21, 'Beijing');
Query OK, 3 rows affected (0.01 sec)
Records: 3  Duplicates: 0  Warnings: 0

mysql> SELECT * FROM students;
+----+-------+------+----------+
| id | name  | age  | city     |
+----+-------+------+----------+
|  1 | Alice |   20 | Beijing  |
|  2 | Bob   |   22 | Shanghai |
|  3 | Carol |   21 | Beijing  |
+----+-------+------+----------+
3 rows in set (0.00 sec)

mysql> SELECT name, age FROM students WHERE city = 'Beijing' ORDER BY age DESC LIMIT 1;
+-------+------+
| name  | age  |
+-------+------+
| Carol |   21 |
+-------+------+
1 row in set (0.00 sec)

mysql> SELECT COUNT(*) FROM students;
+----------+
| COUNT(*) |
+----------+
|        3 |
+----------+
1 row in set (0.00 sec)

mysql> SELECT city, COUNT(*) AS n FROM students GROUP BY city;
+----------+---+
| city     | n |
+----------+---+
| Beijing  | 2 |
| Shanghai | 1 |
+----------+---+
2 rows in set (0.00 sec)

mysql> UPDATE students SET age = 23 WHERE name = 'Bob';
Query OK, 1 row affected (0.01 sec)
Rows matched: 1  Changed: 1  Warnings: 0

mysql> DELETE FROM students WHERE id = 3;
Query OK, 1 row affected (0.01 sec)

mysql> DESCRIBE students;
+-------+-------------+------+-----+---------+----------------+
| Field | Type        | Null | Key | Default | Extra          |
+-------+-------------+------+-----+---------+----------------+
| id    | int(11)     | NO   | PRI | NULL    | auto_increment |
| name  | varchar(50) | NO   |     | NULL    |                |
| age   | int(11)     | YES  |     | NULL    |                |
| city  | varchar(30) | YES  |     | NULL    |                |
+-------+-------------+------+-----+---------+----------------+
4 rows in set (0.00 sec)

mysql> SELECT * FROM students;
+----+-------+------+----------+
| id | name  | age  | city     |
+----+-------+------+----------+
|  1 | Alice |   20 | Beijing  |
|  2 | Bob   |   23 | Shanghai |
+----+-------+------+----------+
2 rows in set (0.00 sec)

mysql> exit
Bye
",
    );
    assert!(sim.repl.is_finished());
}

#[test]
#[rustfmt::skip]
fn selects() {
    check("SELECT * FROM users;", "\
+----+-------+------+---------+
| id | name  | age  | email   |
+----+-------+------+---------+
|  1 | Alice |   30 | a@x.org |
|  2 | Bob   |   25 | NULL    |
|  3 | Carol | NULL | c@x.org |
+----+-------+------+---------+
3 rows in set (0.00 sec)

");
    check("SELECT 1+1;", "+-----+\n| 1+1 |\n+-----+\n|   2 |\n+-----+\n1 row in set (0.00 sec)\n\n");
    check("SELECT VERSION();", "+-----------+\n| VERSION() |\n+-----------+\n| 5.7.44    |\n+-----------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT NOW();", "+---------------------+\n| NOW()               |\n+---------------------+\n| 2026-11-28 09:00:00 |\n+---------------------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT DATABASE();", "+------------+\n| DATABASE() |\n+------------+\n| shop       |\n+------------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT USER();", "+-----------------+\n| USER()          |\n+-----------------+\n| root@172.17.0.3 |\n+-----------------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT 'hello', NULL, 1/3;", "+-------+------+--------+\n| hello | NULL | 1/3    |\n+-------+------+--------+\n| hello | NULL | 0.3333 |\n+-------+------+--------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT name FROM users WHERE age > 26 OR age IS NULL ORDER BY name DESC;", "+-------+\n| name  |\n+-------+\n| Carol |\n| Alice |\n+-------+\n2 rows in set (0.00 sec)\n\n");
    check("SELECT name FROM users WHERE name LIKE '%o%';", "+-------+\n| name  |\n+-------+\n| Bob   |\n| Carol |\n+-------+\n2 rows in set (0.00 sec)\n\n");
    check("SELECT id FROM users WHERE id IN (1, 3) AND age BETWEEN 20 AND 40;", "+----+\n| id |\n+----+\n|  1 |\n+----+\n1 row in set (0.00 sec)\n\n");
    check("SELECT id FROM users WHERE email IS NOT NULL AND id <> 1;", "+----+\n| id |\n+----+\n|  3 |\n+----+\n1 row in set (0.00 sec)\n\n");
    check("SELECT id, name FROM users ORDER BY id LIMIT 1, 1;", "+----+------+\n| id | name |\n+----+------+\n|  2 | Bob  |\n+----+------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT id FROM users ORDER BY id DESC LIMIT 2 OFFSET 1;", "+----+\n| id |\n+----+\n|  2 |\n|  1 |\n+----+\n2 rows in set (0.00 sec)\n\n");
    check("SELECT COUNT(*), COUNT(age), SUM(age), AVG(age), MIN(name), MAX(age) FROM users;", "\
+----------+------------+----------+----------+-----------+----------+
| COUNT(*) | COUNT(age) | SUM(age) | AVG(age) | MIN(name) | MAX(age) |
+----------+------------+----------+----------+-----------+----------+
|        3 |          2 |       55 |  27.5000 | Alice     |       30 |
+----------+------------+----------+----------+-----------+----------+
1 row in set (0.00 sec)

");
    check("SELECT * FROM users WHERE id > 10;", "Empty set (0.00 sec)\n\n");
    check("SELECT DISTINCT age IS NULL AS missing FROM users;", "+---------+\n| missing |\n+---------+\n|       0 |\n|       1 |\n+---------+\n2 rows in set (0.00 sec)\n\n");
    check("SELECT u.name AS who FROM users AS u WHERE u.id = 2;", "+-----+\n| who |\n+-----+\n| Bob |\n+-----+\n1 row in set (0.00 sec)\n\n");
    check("SELECT CONCAT(name, ' (', IFNULL(age, '?'), ')') AS label FROM users WHERE id = 3;", "+-----------+\n| label     |\n+-----------+\n| Carol (?) |\n+-----------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT * FROM users WHERE id = 2\\G", "\
*************************** 1. row ***************************
   id: 2
 name: Bob
  age: 25
email: NULL
1 row in set (0.00 sec)

");
    check("SELECT UPPER(name), LENGTH(name) FROM users WHERE id = 1;", "+-------------+--------------+\n| UPPER(name) | LENGTH(name) |\n+-------------+--------------+\n| ALICE       |            5 |\n+-------------+--------------+\n1 row in set (0.00 sec)\n\n");
}

#[test]
#[rustfmt::skip]
fn writes() {
    check("INSERT INTO users (name, age) VALUES ('Dan', '42');", "Query OK, 1 row affected (0.01 sec)\n\n");
    check("INSERT INTO users VALUES (NULL, 'Eve', 28, 'e@x.org'), (10, 'Fay', 31, NULL);", "Query OK, 2 rows affected (0.01 sec)\nRecords: 2  Duplicates: 0  Warnings: 0\n\n");
    check("UPDATE users SET age = age + 1;", "Query OK, 2 rows affected (0.01 sec)\nRows matched: 3  Changed: 2  Warnings: 0\n\n");
    check("UPDATE users SET age = 30 WHERE id = 1;", "Query OK, 0 rows affected (0.00 sec)\nRows matched: 1  Changed: 0  Warnings: 0\n\n");
    check("DELETE FROM users WHERE age IS NULL;", "Query OK, 1 row affected (0.01 sec)\n\n");
    check("DELETE FROM users WHERE id > 100;", "Query OK, 0 rows affected (0.00 sec)\n\n");
    check("DELETE FROM users;", "Query OK, 3 rows affected (0.01 sec)\n\n");
    check("CREATE TABLE t2 (a INT);", "Query OK, 0 rows affected (0.01 sec)\n\n");
    check("DROP TABLE users;", "Query OK, 0 rows affected (0.01 sec)\n\n");
    check("DROP DATABASE shop;", "Query OK, 1 row affected (0.01 sec)\n\n");
    check("CREATE DATABASE IF NOT EXISTS shop;", "Query OK, 1 row affected, 1 warning (0.00 sec)\n\n");
    check("DROP DATABASE IF EXISTS nope;", "Query OK, 0 rows affected, 1 warning (0.00 sec)\n\n");
    check("CREATE TABLE IF NOT EXISTS users (a INT);", "Query OK, 0 rows affected, 1 warning (0.00 sec)\n\n");
    check("DROP TABLE IF EXISTS nope;", "Query OK, 0 rows affected, 1 warning (0.00 sec)\n\n");
    check("TRUNCATE TABLE users;", "Query OK, 0 rows affected (0.01 sec)\n\n");
    check("ALTER TABLE users ADD COLUMN city VARCHAR(20);", "Query OK, 0 rows affected (0.01 sec)\nRecords: 0  Duplicates: 0  Warnings: 0\n\n");
    check("USE mysql;", "Reading table information for completion of table and column names\nYou can turn off this feature to get a quicker startup with -A\n\nDatabase changed\n");
    check("use shop", "Database changed\n");
    check("SET NAMES utf8;", "Query OK, 0 rows affected (0.00 sec)\n\n");
}

#[test]
#[rustfmt::skip]
fn errors() {
    check("SELECT * FROM nope;", "ERROR 1146 (42S02): Table 'shop.nope' doesn't exist\n");
    check("USE nope;", "ERROR 1049 (42000): Unknown database 'nope'\n");
    check("CREATE DATABASE shop;", "ERROR 1007 (HY000): Can't create database 'shop'; database exists\n");
    check("CREATE TABLE users (a INT);", "ERROR 1050 (42S01): Table 'users' already exists\n");
    check("SELECT nope FROM users;", "ERROR 1054 (42S22): Unknown column 'nope' in 'field list'\n");
    check("SELECT * FROM users WHERE nope = 1;", "ERROR 1054 (42S22): Unknown column 'nope' in 'where clause'\n");
    check("SELECT * FROM users ORDER BY nope;", "ERROR 1054 (42S22): Unknown column 'nope' in 'order clause'\n");
    check("INSERT INTO users (nope) VALUES (1);", "ERROR 1054 (42S22): Unknown column 'nope' in 'field list'\n");
    check("INSERT INTO users (id, name) VALUES (1, 'X');", "ERROR 1062 (23000): Duplicate entry '1' for key 'PRIMARY'\n");
    check("INSERT INTO users (name, email) VALUES ('X', 'a@x.org');", "ERROR 1062 (23000): Duplicate entry 'a@x.org' for key 'email'\n");
    check("INSERT INTO users (name) VALUES ('X', 1);", "ERROR 1136 (21S01): Column count doesn't match value count at row 1\n");
    check("INSERT INTO users (name) VALUES ('X'), ('Y', 2);", "ERROR 1136 (21S01): Column count doesn't match value count at row 2\n");
    check("INSERT INTO users (name) VALUES (NULL);", "ERROR 1048 (23000): Column 'name' cannot be null\n");
    check("INSERT INTO users (age) VALUES (1);", "ERROR 1364 (HY000): Field 'name' doesn't have a default value\n");
    check("INSERT INTO users (name) VALUES ('abcdefghijklmnopqrstuvwxyz');", "ERROR 1406 (22001): Data too long for column 'name' at row 1\n");
    check("INSERT INTO users (name, age) VALUES ('X', 'abc');", "ERROR 1366 (HY000): Incorrect integer value: 'abc' for column 'age' at row 1\n");
    check("DROP DATABASE nope;", "ERROR 1008 (HY000): Can't drop database 'nope'; database doesn't exist\n");
    check("DROP TABLE nope;", "ERROR 1051 (42S02): Unknown table 'shop.nope'\n");
    check("SELEC 1;", "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'SELEC 1' at line 1\n");
    check("SELECT * FORM users;", "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'FORM users' at line 1\n");
    check("SELECT name, COUNT(*) FROM users;", "ERROR 1140 (42000): In aggregated query without GROUP BY, expression #1 of SELECT list contains nonaggregated column 'shop.users.name'; this is incompatible with sql_mode=only_full_group_by\n");
    check("SELECT name, age FROM users GROUP BY age;", "ERROR 1055 (42000): Expression #1 of SELECT list is not in GROUP BY clause and contains nonaggregated column 'shop.users.name' which is not functionally dependent on columns in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by\n");
    check("SELECT * FROM users WHERE COUNT(*) > 1;", "ERROR 1111 (HY000): Invalid use of group function\n");
    check("SELECT *;", "ERROR 1096 (HY000): No tables used\n");
    check(";", "ERROR: \nNo query specified\n\n");
    check("\\x", "");
    check("\\k", "ERROR: \nUnknown command '\\k'.\n");
    check("use", "ERROR: \nUSE must be followed by a database name\n");
}

#[test]
#[rustfmt::skip]
fn shows() {
    check("SHOW TABLES;", "+----------------+\n| Tables_in_shop |\n+----------------+\n| users          |\n+----------------+\n1 row in set (0.00 sec)\n\n");
    check("SHOW DATABASES LIKE 'sh%';", "+----------------+\n| Database (sh%) |\n+----------------+\n| shop           |\n+----------------+\n1 row in set (0.00 sec)\n\n");
    check("SHOW CREATE TABLE users\\G", "\
*************************** 1. row ***************************
       Table: users
Create Table: CREATE TABLE `users` (
  `id` int(11) NOT NULL AUTO_INCREMENT,
  `name` varchar(20) NOT NULL,
  `age` int(11) DEFAULT NULL,
  `email` varchar(50) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `email` (`email`)
) ENGINE=InnoDB AUTO_INCREMENT=4 DEFAULT CHARSET=latin1
1 row in set (0.00 sec)

");
    check("DESC users;", "\
+-------+-------------+------+-----+---------+----------------+
| Field | Type        | Null | Key | Default | Extra          |
+-------+-------------+------+-----+---------+----------------+
| id    | int(11)     | NO   | PRI | NULL    | auto_increment |
| name  | varchar(20) | NO   |     | NULL    |                |
| age   | int(11)     | YES  |     | NULL    |                |
| email | varchar(50) | YES  | UNI | NULL    |                |
+-------+-------------+------+-----+---------+----------------+
4 rows in set (0.00 sec)

");
    check("SHOW VARIABLES LIKE 'version%';", "\
+-------------------------+------------------------------+
| Variable_name           | Value                        |
+-------------------------+------------------------------+
| version                 | 5.7.44                       |
| version_comment         | MySQL Community Server (GPL) |
| version_compile_machine | x86_64                       |
| version_compile_os      | Linux                        |
+-------------------------+------------------------------+
4 rows in set (0.00 sec)

");
    check("SHOW CREATE DATABASE shop;", "+----------+-----------------------------------------------------------------+\n| Database | Create Database                                                 |\n+----------+-----------------------------------------------------------------+\n| shop     | CREATE DATABASE `shop` /*!40100 DEFAULT CHARACTER SET latin1 */ |\n+----------+-----------------------------------------------------------------+\n1 row in set (0.00 sec)\n\n");
}

#[test]
fn warnings_are_listed() {
    let mut s = shop57();
    s.line("CREATE TABLE IF NOT EXISTS users (a INT);");
    assert_eq!(
        s.line("SHOW WARNINGS;").text(),
        "+-------+------+------------------------------+\n\
         | Level | Code | Message                      |\n\
         +-------+------+------------------------------+\n\
         | Note  | 1050 | Table 'users' already exists |\n\
         +-------+------+------------------------------+\n\
         1 row in set (0.00 sec)\n\n"
    );
}

#[test]
#[rustfmt::skip]
fn no_database_selected() {
    let mut s = sim57();
    for sql in ["SELECT * FROM t;", "SHOW TABLES;", "CREATE TABLE t (a INT);", "INSERT INTO t VALUES (1);", "DESCRIBE t;"] {
        assert_eq!(s.line(sql).text(), "ERROR 1046 (3D000): No database selected\n", "{sql}");
    }
    assert_eq!(s.line("SELECT DATABASE();").text(), "+------------+\n| DATABASE() |\n+------------+\n| NULL       |\n+------------+\n1 row in set (0.00 sec)\n\n");
}

#[test]
#[rustfmt::skip]
fn eighty() {
    check80("DESC users;", "\
+-------+-------------+------+-----+---------+----------------+
| Field | Type        | Null | Key | Default | Extra          |
+-------+-------------+------+-----+---------+----------------+
| id    | int         | NO   | PRI | NULL    | auto_increment |
| name  | varchar(20) | NO   |     | NULL    |                |
| age   | int         | YES  |     | NULL    |                |
| email | varchar(50) | YES  | UNI | NULL    |                |
+-------+-------------+------+-----+---------+----------------+
4 rows in set (0.00 sec)

");
    check80("INSERT INTO users (id, name) VALUES (1, 'X');", "ERROR 1062 (23000): Duplicate entry '1' for key 'users.PRIMARY'\n");
    check80("SHOW DATABASES;", "+--------------------+\n| Database           |\n+--------------------+\n| information_schema |\n| mysql              |\n| performance_schema |\n| shop               |\n| sys                |\n+--------------------+\n5 rows in set (0.00 sec)\n\n");
    check80("SELECT VERSION();", "+-----------+\n| VERSION() |\n+-----------+\n| 8.0.40    |\n+-----------+\n1 row in set (0.00 sec)\n\n");
    let (_, head) = Sim::new(Version::mysql80(), "-hserver -uroot -ppw");
    assert!(head.contains("Server version: 8.0.40 MySQL Community Server - GPL\n\nCopyright (c) 2000, 2024, Oracle and/or its affiliates.\n"), "{head}");
}

#[test]
fn multi_line_and_quotes() {
    let mut s = shop57();
    let out = s.screen("SELECT 'it''s\nok' AS x\n;");
    assert_eq!(
        out,
        "SELECT 'it''s\n    '> ok' AS x\n    -> ;\n\
         +---------+\n| x       |\n+---------+\n| it's\nok |\n+---------+\n1 row in set (0.00 sec)\n\nmysql> "
    );
    let out = s.screen("SELECT 1 /* a\ncomment */ + 1;");
    assert_eq!(
        out,
        "SELECT 1 /* a\n   /*> comment */ + 1;\n+--------+\n| 1  + 1 |\n+--------+\n|      2 |\n+--------+\n1 row in set (0.00 sec)\n\nmysql> "
    );
}

#[test]
fn clear_and_print_and_delimiter() {
    let mut s = shop57();
    assert_eq!(s.screen("SELECT\n\\c"), "SELECT\n    -> \\c\nmysql> ");
    let out = s.screen("DELIMITER //\nSELECT 1; SELECT 2//\nDELIMITER ;");
    assert_eq!(
        out,
        "DELIMITER //\nmysql> SELECT 1; SELECT 2//\n\
         +---+\n| 1 |\n+---+\n| 1 |\n+---+\n1 row in set (0.00 sec)\n\n\
         +---+\n| 2 |\n+---+\n| 2 |\n+---+\n1 row in set (0.00 sec)\n\n\
         mysql> DELIMITER ;\nmysql> "
    );
}

#[test]
fn help_and_quit_and_eof() {
    let mut s = sim57();
    let help = s.line("help").text();
    assert!(help.starts_with(
        "\nFor information about MySQL products and services, visit:\n   http://www.mysql.com/\n"
    ));
    assert!(help.contains("\nList of all MySQL commands:\nNote that all text commands must be first on line and end with ';'\n?         (\\?) Synonym for `help'.\nclear     (\\c) Clear the current input statement.\n"));
    assert!(help.ends_with("nowarning (\\w) Don't show warnings after every statement.\nresetconnection(\\x) Clean session context.\n\nFor server side help, type 'help contents'\n\n"));
    let p = s.line("quit;");
    assert_eq!(p.text(), "Bye\n");
    assert_eq!(p.exit, Some(0));
    let mut s = sim57();
    let p = s.repl.eof();
    assert_eq!(
        (p.text(), p.exit, p.prompt),
        ("Bye\n".to_owned(), Some(0), None)
    );
    let mut s = sim57();
    assert_eq!(s.line("\\q").text(), "Bye\n");
}

#[test]
fn status_over_tcp() {
    let mut s = shop57();
    let text = s.line("\\s").text();
    assert_eq!(
        text,
        "--------------\n\
mysql  Ver 14.14 Distrib 5.7.44, for Linux (x86_64) using  EditLine wrapper\n\
\n\
Connection id:\t\t2\n\
Current database:\tshop\n\
Current user:\t\troot@172.17.0.3\n\
SSL:\t\t\tCipher in use is ECDHE-RSA-AES128-GCM-SHA256\n\
Current pager:\t\tstdout\n\
Using outfile:\t\t''\n\
Using delimiter:\t;\n\
Server version:\t\t5.7.44 MySQL Community Server (GPL)\n\
Protocol version:\t10\n\
Connection:\t\tserver via TCP/IP\n\
Server characterset:\tlatin1\n\
Db     characterset:\tlatin1\n\
Client characterset:\tlatin1\n\
Conn.  characterset:\tlatin1\n\
TCP port:\t\t3306\n\
Uptime:\t\t\t1 min 0 sec\n\
\n\
Threads: 1  Questions: 4  Slow queries: 0  Opens: 105  Flush tables: 1  Open tables: 98  Queries per second avg: 0.067\n\
--------------\n\n"
    );
}

fn batch(args: &str, input: &str, tty: bool) -> Printed {
    let version = Version::mysql57();
    let mut server = Server::new(version.clone(), "h", "u");
    server.set_root_password("%", "pw");
    server.ensure_database("shop");
    let argv: Vec<String> = args.split_whitespace().map(str::to_owned).collect();
    let ArgsOutcome::Run(opts) = parse_client_args(&argv, &version) else {
        panic!("args")
    };
    let mut session = server
        .connect(&Login {
            user: "root",
            password: Some("pw"),
            client_host: "172.17.0.3",
            database: opts.database.as_deref(),
            via_socket: false,
        })
        .expect("login");
    let mut link = Link {
        server: &mut server,
        session: &mut session,
        now: NOW,
    };
    let script = opts.execute.clone().unwrap_or_else(|| input.to_owned());
    run_batch(&version, &opts, &script, tty, tty, &mut link)
}

#[test]
fn batch_mode() {
    let p = batch(
        "-uroot -ppw",
        "SHOW DATABASES;\nSELECT 1 AS a, NULL AS b;\n",
        false,
    );
    assert_eq!(
        p.stdout(),
        "Database\ninformation_schema\nmysql\nperformance_schema\nshop\nsys\na\tb\n1\tNULL\n"
    );
    assert_eq!(p.exit, Some(0));
    let p = batch(
        "-uroot -ppw",
        "SELECT 1;\nSELECT * FROM t;\nSELECT 2;\n",
        false,
    );
    assert_eq!(p.stdout(), "1\n1\n");
    assert_eq!(
        p.stderr(),
        "ERROR 1046 (3D000) at line 2: No database selected\n"
    );
    assert_eq!(p.exit, Some(1));
    let p = batch(
        "-uroot -ppw shop",
        "CREATE TABLE t (a INT);\nINSERT INTO t VALUES (1),(2);\nSELECT * FROM t",
        true,
    );
    assert_eq!(
        p.stdout(),
        "+------+\n| a    |\n+------+\n|    1 |\n|    2 |\n+------+\n"
    );
    let p = batch("-uroot -ppw --force", "SELECT x;\nSELECT 3;", false);
    assert_eq!(
        p.stderr(),
        "ERROR 1054 (42S22) at line 1: Unknown column 'x' in 'field list'\n"
    );
    assert_eq!(p.stdout(), "3\n3\n");
    assert_eq!(p.exit, Some(0));
}

mod props {
    use super::*;
    use crate::sql::persist::DataEntry;
    use proptest::prelude::*;

    /// Words and symbols of the SQL a course types, so random soups reach deep into the
    /// parser and executor.
    const TOKENS: &[&str] = &[
        "SELECT",
        "*",
        "FROM",
        "users",
        "WHERE",
        "id",
        "=",
        "1",
        "'a'",
        "\"b\"",
        "`users`",
        "name",
        "age",
        "ORDER",
        "BY",
        "DESC",
        "LIMIT",
        "2",
        ",",
        "OFFSET",
        "(",
        ")",
        ";",
        "INSERT",
        "INTO",
        "VALUES",
        "NULL",
        "UPDATE",
        "SET",
        "DELETE",
        "CREATE",
        "TABLE",
        "DATABASE",
        "DROP",
        "IF",
        "EXISTS",
        "NOT",
        "INT",
        "VARCHAR(5)",
        "PRIMARY",
        "KEY",
        "AUTO_INCREMENT",
        "UNIQUE",
        "DEFAULT",
        "SHOW",
        "TABLES",
        "DATABASES",
        "DESCRIBE",
        "USE",
        "shop",
        "COUNT(*)",
        "SUM(age)",
        "AVG(",
        "MIN",
        "MAX(id)",
        "GROUP",
        "HAVING",
        "DISTINCT",
        "AS",
        "x",
        "JOIN",
        "LEFT",
        "ON",
        "u.id",
        "IN",
        "BETWEEN",
        "AND",
        "OR",
        "LIKE",
        "'%a_'",
        "IS",
        "+",
        "-",
        "/",
        "%",
        "<>",
        "<=",
        "\\G",
        "\\g",
        "\\c",
        "\\u",
        "exit",
        "help",
        "--",
        "#",
        "/*",
        "*/",
        "'",
        "`",
        "9999999999999999999999",
        "1.5e308",
        "0x41",
        "@v",
        "@@version",
        ":=",
        "CASE",
        "WHEN",
        "THEN",
        "ELSE",
        "END",
        "CAST(",
        "AS",
        "DATE",
        "NOW()",
        "DATE_ADD(",
        "INTERVAL",
        "DAY",
        "REGEXP",
        "'(a*)*b'",
        "UNION",
        "ALL",
        "ALTER",
        "ADD",
        "COLUMN",
        "TRUNCATE",
        "DECIMAL(5,2)",
        "TIMESTAMP",
        "ENUM('a')",
        "TEXT",
        "CONCAT(",
        "张三",
        "SHOW WARNINGS",
        "DELIMITER",
        "//",
        "source",
        "status",
        "\\s",
        "-9223372036854775808",
        "9223372036854775807",
        "ROUND(",
        "LPAD(",
        "REPEAT(",
        "SUBSTRING(",
        "~",
        "YEAR",
        "MONTH",
        "TINYINT",
        "AUTO_INCREMENT=",
        "127",
        "FORMAT(",
        "TRUNCATE(",
        "DIV",
        "MOD",
        "1e308",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

        #[test]
        fn token_soups_never_panic(
            tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..20),
            joiner in prop::sample::select(vec![" ", "", "\n"]),
        ) {
            let sql = tokens.join(joiner);
            let mut s = shop57();
            for line in sql.lines() {
                let _ = s.line(line);
            }
            let _ = s.session.execute(&mut s.server, &sql, NOW);
            let _ = s.session.execute_all(&mut s.server, &sql, NOW);
            let files = s.server.to_files();
            let again = Server::from_files(&files, &Version::mysql57(), "h");
            prop_assert!(again.is_ok());
        }

        #[test]
        fn arbitrary_text_never_panics(text in any::<String>()) {
            let mut s = shop57();
            for line in text.lines() {
                let _ = s.line(line);
            }
            let _ = s.session.execute(&mut s.server, &text, NOW);
            let argv: Vec<String> = text.split(' ').map(str::to_owned).collect();
            let _ = parse_client_args(&argv, &Version::mysql57());
            let _ = parse_client_args(&argv, &Version::mysql80());
            let entries = vec![
                DataEntry::File("ibdata1".into(), format!("berth-mysql-data 1\n{text}").into_bytes()),
                DataEntry::File("x/t.ibd".into(), text.clone().into_bytes()),
                DataEntry::File("x/t.frm".into(), text.clone().into_bytes()),
            ];
            let _ = Server::from_files(&entries, &Version::mysql57(), "h");
        }
    }
}

/// `shop57()` plus an `orders` table.
fn with_orders() -> Sim {
    let mut s = shop57();
    s.screen(
        "CREATE TABLE orders (id INT PRIMARY KEY, user_id INT, amount DECIMAL(8,2));\n\
         INSERT INTO orders VALUES (1, 1, 9.50), (2, 1, 20.00), (3, 2, 5.25);",
    );
    s
}

fn check_orders(sql: &str, expected: &str) {
    let mut s = with_orders();
    assert_eq!(s.line(sql).text(), expected, "{sql}");
}

#[test]
#[rustfmt::skip]
fn joins_and_groups() {
    check_orders("SELECT u.name, o.amount FROM users u JOIN orders o ON u.id = o.user_id ORDER BY o.id;", "\
+-------+--------+
| name  | amount |
+-------+--------+
| Alice |   9.50 |
| Alice |  20.00 |
| Bob   |   5.25 |
+-------+--------+
3 rows in set (0.00 sec)

");
    check_orders("SELECT u.name, COUNT(o.id) AS orders, SUM(o.amount) AS total FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.id;", "\
+-------+--------+-------+
| name  | orders | total |
+-------+--------+-------+
| Alice |      2 | 29.50 |
| Bob   |      1 |  5.25 |
| Carol |      0 |  NULL |
+-------+--------+-------+
3 rows in set (0.00 sec)

");
    check_orders("SELECT user_id, AVG(amount) FROM orders GROUP BY user_id HAVING COUNT(*) > 1;", "\
+---------+-------------+
| user_id | AVG(amount) |
+---------+-------------+
|       1 |   14.750000 |
+---------+-------------+
1 row in set (0.00 sec)

");
    check_orders("SELECT id FROM users JOIN orders ON users.id = orders.user_id;", "ERROR 1052 (23000): Column 'id' in field list is ambiguous\n");
    check_orders("SELECT * FROM users u, orders u;", "ERROR 1066 (42000): Not unique table/alias: 'u'\n");
    check_orders("SELECT name FROM users WHERE id IN (SELECT user_id FROM orders WHERE amount > 6);", "+-------+\n| name  |\n+-------+\n| Alice |\n+-------+\n1 row in set (0.00 sec)\n\n");
    check_orders("SELECT name FROM users WHERE id NOT IN (SELECT user_id FROM orders);", "+-------+\n| name  |\n+-------+\n| Carol |\n+-------+\n1 row in set (0.00 sec)\n\n");
    check_orders("SELECT (SELECT MAX(amount) FROM orders) AS top;", "+-------+\n| top   |\n+-------+\n| 20.00 |\n+-------+\n1 row in set (0.00 sec)\n\n");
    check_orders("SELECT name FROM users UNION SELECT 'Zed' ORDER BY name DESC LIMIT 2;", "+-------+\n| name  |\n+-------+\n| Zed   |\n| Carol |\n+-------+\n2 rows in set (0.00 sec)\n\n");
}

#[test]
#[rustfmt::skip]
fn timestamps_and_defaults_57() {
    let mut s = shop57();
    s.screen("CREATE TABLE logs (id INT, msg VARCHAR(10) DEFAULT 'hi', created TIMESTAMP, seen DATETIME DEFAULT CURRENT_TIMESTAMP);");
    assert_eq!(s.line("DESC logs;").text(), "\
+---------+-------------+------+-----+-------------------+-----------------------------+
| Field   | Type        | Null | Key | Default           | Extra                       |
+---------+-------------+------+-----+-------------------+-----------------------------+
| id      | int(11)     | YES  |     | NULL              |                             |
| msg     | varchar(10) | YES  |     | hi                |                             |
| created | timestamp   | NO   |     | CURRENT_TIMESTAMP | on update CURRENT_TIMESTAMP |
| seen    | datetime    | YES  |     | CURRENT_TIMESTAMP |                             |
+---------+-------------+------+-----+-------------------+-----------------------------+
4 rows in set (0.00 sec)

");
    s.line("INSERT INTO logs (id) VALUES (1);");
    assert_eq!(s.line("SELECT * FROM logs;").text(), "\
+------+------+---------------------+---------------------+
| id   | msg  | created             | seen                |
+------+------+---------------------+---------------------+
|    1 | hi   | 2026-11-28 09:00:00 | 2026-11-28 09:00:00 |
+------+------+---------------------+---------------------+
1 row in set (0.00 sec)

");
    assert_eq!(s.line("CREATE TABLE two (a TIMESTAMP, b TIMESTAMP);").text(), "ERROR 1067 (42000): Invalid default value for 'b'\n");
    assert_eq!(s.line("CREATE TABLE bad (a INT DEFAULT 'x');").text(), "ERROR 1067 (42000): Invalid default value for 'a'\n");
    assert_eq!(s.line("ALTER TABLE logs RENAME COLUMN msg TO note;").text(), "ERROR 1064 (42000): You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near 'COLUMN msg TO note' at line 1\n");
}

#[test]
fn connecting_into_a_database_with_tables_reads_table_information() {
    let version = Version::mysql57();
    let mut server = Server::new(version.clone(), "h", "u");
    server.set_root_password("%", "pw");
    server.ensure_database("shop");
    let mut session = server
        .connect(&Login {
            user: "root",
            password: Some("pw"),
            client_host: "172.17.0.3",
            database: Some("shop"),
            via_socket: false,
        })
        .expect("login");
    session
        .execute(&mut server, "CREATE TABLE t (a INT)", NOW)
        .expect("create");
    let argv: Vec<String> = ["-uroot", "-ppw", "shop"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let ArgsOutcome::Run(opts) = parse_client_args(&argv, &version) else {
        panic!("args")
    };
    let (_, head) = Sim::with(server, &version, &opts);
    assert!(
        head.starts_with(
            "mysql: [Warning] Using a password on the command line interface can be insecure.\n\
         Reading table information for completion of table and column names\n\
         You can turn off this feature to get a quicker startup with -A\n\n\
         Welcome to the MySQL monitor."
        ),
        "{head}"
    );
}

#[test]
#[rustfmt::skip]
fn accounts_and_privileges() {
    let version = Version::mysql57();
    let mut server = Server::new(version.clone(), "h", "u");
    server.set_root_password("%", "pw");
    server.ensure_database("app");
    server.ensure_database("secret");
    server.create_account("bob", "%", "bobpw", Some("app"));
    let login = |user, password| Login { user, password, client_host: "172.17.0.4", database: None, via_socket: false };
    assert_eq!(server.connect(&login("bob", Some("nope"))).err().map(|e| e.to_string()).as_deref(), Some("ERROR 1045 (28000): Access denied for user 'bob'@'172.17.0.4' (using password: YES)"));
    assert_eq!(server.connect(&login("root", None)).err().map(|e| e.to_string()).as_deref(), Some("ERROR 1045 (28000): Access denied for user 'root'@'172.17.0.4' (using password: NO)"));
    assert_eq!(server.connect(&login("eve", Some("x"))).err().map(|e| e.to_string()).as_deref(), Some("ERROR 1045 (28000): Access denied for user 'eve'@'172.17.0.4' (using password: YES)"));
    let mut bob = server.connect(&login("bob", Some("bobpw"))).expect("bob");
    let run = |s: &mut Session, server: &mut Server, sql: &str| match s.execute(server, sql, NOW) {
        Ok(r) => format!("{:?}", r.result_set().map(|rs| rs.rows.clone())),
        Err(e) => e.to_string(),
    };
    assert_eq!(run(&mut bob, &mut server, "SHOW DATABASES"), r#"Some([[Some("information_schema")], [Some("app")]])"#);
    assert_eq!(run(&mut bob, &mut server, "USE secret"), "ERROR 1044 (42000): Access denied for user 'bob'@'%' to database 'secret'");
    assert_eq!(run(&mut bob, &mut server, "CREATE DATABASE x"), "ERROR 1044 (42000): Access denied for user 'bob'@'%' to database 'x'");
    assert_eq!(run(&mut bob, &mut server, "SELECT * FROM mysql.user"), "ERROR 1142 (42000): SELECT command denied to user 'bob'@'172.17.0.4' for table 'user'");
    assert_eq!(run(&mut bob, &mut server, "USE app"), "None");
    assert_eq!(run(&mut bob, &mut server, "SELECT CURRENT_USER(), USER()"), r#"Some([[Some("bob@%"), Some("bob@172.17.0.4")]])"#);
}

#[test]
#[rustfmt::skip]
fn functions() {
    check("SELECT ROUND(2.5), ROUND(1.234, 2), FLOOR(-1.5), ABS(-3), 7 DIV 2, 7 % 3, 10 / 4;", "\
+------------+-----------------+-------------+---------+---------+-------+--------+
| ROUND(2.5) | ROUND(1.234, 2) | FLOOR(-1.5) | ABS(-3) | 7 DIV 2 | 7 % 3 | 10 / 4 |
+------------+-----------------+-------------+---------+---------+-------+--------+
|          3 |            1.23 |          -2 |       3 |       3 |     1 | 2.5000 |
+------------+-----------------+-------------+---------+---------+-------+--------+
1 row in set (0.00 sec)

");
    check("SELECT DATE_FORMAT('2024-03-05', '%d/%m/%Y') AS d, DATEDIFF('2024-03-05', '2024-01-01') AS n;", "+------------+----+\n| d          | n  |\n+------------+----+\n| 05/03/2024 | 64 |\n+------------+----+\n1 row in set (0.00 sec)\n\n");
    check("SELECT nope(1);", "ERROR 1305 (42000): FUNCTION shop.nope does not exist\n");
    check("SELECT COALESCE(NULL, 2), IF(1 > 2, 'a', 'b'), CASE WHEN 1 THEN 'yes' END;", "\
+-------------------+---------------------+----------------------------+
| COALESCE(NULL, 2) | IF(1 > 2, 'a', 'b') | CASE WHEN 1 THEN 'yes' END |
+-------------------+---------------------+----------------------------+
|                 2 | b                   | yes                        |
+-------------------+---------------------+----------------------------+
1 row in set (0.00 sec)

");
}

#[test]
fn chinese_text_is_measured_in_bytes() {
    let mut s = shop57();
    s.line("INSERT INTO users (name) VALUES ('张三');");
    assert_eq!(
        s.line("SELECT name FROM users WHERE id = 4;").text(),
        "+--------+\n| name   |\n+--------+\n| 张三 |\n+--------+\n1 row in set (0.00 sec)\n\n"
    );
    assert_eq!(
        s.line("INSERT INTO users (name) VALUES ('一二三四五六七');")
            .text(),
        "ERROR 1406 (22001): Data too long for column 'name' at row 1\n"
    );
}

/// The course notes' `mysql –hserver -uroot -pexampledb20`: the en dash makes `–hserver` the
/// database name, no host is given, and a client-only container has no server on the socket.
#[test]
fn course_typo_with_an_en_dash() {
    use super::client::args::{Target, DEFAULT_SOCKET};
    use super::error::SqlError;
    let argv: Vec<String> = ["–hserver", "-uroot", "-pexampledb20"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let ArgsOutcome::Run(opts) = parse_client_args(&argv, &Version::mysql57()) else {
        panic!("args")
    };
    assert_eq!(opts.database.as_deref(), Some("–hserver"));
    let Target::Socket(path) = opts.target() else {
        panic!("tcp")
    };
    assert_eq!(path, DEFAULT_SOCKET);
    let screen = format!(
        "{}{}\n",
        ClientOptions::password_warning_line(),
        SqlError::no_socket(&path)
    );
    assert_eq!(
        screen,
        "mysql: [Warning] Using a password on the command line interface can be insecure.\n\
         ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n"
    );
    // In the server's own container the socket answers, and the name is an unknown database.
    let mut server = Server::new(Version::mysql57(), "h", "u");
    let err = server
        .connect(&Login {
            user: "root",
            password: None,
            client_host: "localhost",
            database: opts.database.as_deref(),
            via_socket: true,
        })
        .err()
        .map(|e| e.to_string());
    assert_eq!(
        err.as_deref(),
        Some("ERROR 1049 (42000): Unknown database '–hserver'")
    );
}

#[test]
#[rustfmt::skip]
fn arithmetic_at_the_edges() {
    check("SELECT DATE_ADD('2024-01-01', INTERVAL 9223372036854775807 DAY) AS d;", "+------+\n| d    |\n+------+\n| NULL |\n+------+\n1 row in set (0.00 sec)\n\n");
    check("SELECT 9223372036854775807 + 1;", "ERROR 1690 (22003): BIGINT value is out of range in '(9223372036854775807 + 1)'\n");
    check("SELECT 1 DIV 0, 1 % 0;", "+---------+-------+\n| 1 DIV 0 | 1 % 0 |\n+---------+-------+\n|    NULL |  NULL |\n+---------+-------+\n1 row in set, 2 warnings (0.00 sec)\n\n");
    check("INSERT INTO users (name, age) VALUES ('Z', 1/0);", "ERROR 1365 (22012): Division by 0\n");
    check("UPDATE users SET age = age / 0;", "ERROR 1365 (22012): Division by 0\n");
    check("SELECT 1/0;", "+------+\n| 1/0  |\n+------+\n| NULL |\n+------+\n1 row in set, 1 warning (0.00 sec)\n\n");
    check("SELECT -9223372036854775808 DIV -1;", "ERROR 1690 (22003): BIGINT value is out of range in '(-9223372036854775808 DIV -1)'\n");
    let mut s = shop57();
    s.screen("CREATE TABLE tiny (id TINYINT AUTO_INCREMENT PRIMARY KEY);\nINSERT INTO tiny VALUES (127);");
    assert_eq!(s.line("INSERT INTO tiny VALUES (NULL);").text(), "ERROR 1264 (22003): Out of range value for column 'id' at row 1\n");
    assert!(s.line("SELECT ROUND(-9223372036854775808, -1), REPEAT('x', -1), LPAD('a', 99999999, '');").text().contains("1 row in set"));
}
