//! Which MySQL a server or client is: the version number and the texts that change with it.
//!
//! The course uses `mysql:5.7` (5.7.44, the last 5.7); `mysql:8.0`, `mysql:8.4` and
//! `mysql:9` differ in the banner, error details, type display (`int` instead of `int(11)`),
//! default character set, and the server log format.

use std::fmt;

/// The release series: what decides behaviour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Series {
    /// 5.7: latin1, `int(11)`, `(GPL)`, the old log format.
    V57,
    /// 8.0 and 8.4: utf8mb4, `int`, `- GPL`, `[MY-010931]` log lines.
    V80,
    /// 9.x (innovation releases): as 8.0 for everything the simulator shows.
    V9,
}

impl Series {
    /// Whether this is the 5.7 series.
    pub fn is_57(self) -> bool {
        self == Series::V57
    }
}

/// A MySQL version such as `5.7.44`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    number: String,
    series: Series,
    major: u32,
    minor: u32,
    patch: u32,
}

impl Version {
    /// 5.7.44, what `mysql:5.7` runs.
    pub fn mysql57() -> Version {
        Version::parse("5.7.44").unwrap_or_else(Version::fallback)
    }

    /// 8.0.40.
    pub fn mysql80() -> Version {
        Version::parse("8.0.40").unwrap_or_else(Version::fallback)
    }

    fn fallback() -> Version {
        Version {
            number: "5.7.44".into(),
            series: Series::V57,
            major: 5,
            minor: 7,
            patch: 44,
        }
    }

    /// Parses `major.minor.patch`; `None` for anything that is not a MySQL 5.7 or later.
    pub fn parse(s: &str) -> Option<Version> {
        let mut parts = s.split('.');
        let major: u32 = parts.next()?.parse().ok()?;
        let minor: u32 = parts.next()?.parse().ok()?;
        let patch: u32 = parts.next()?.parse().ok()?;
        if parts.next().is_some() {
            return None;
        }
        let series = match (major, minor) {
            (5, 7) => Series::V57,
            (8, _) => Series::V80,
            (m, _) if m >= 9 => Series::V9,
            _ => return None,
        };
        Some(Version {
            number: s.to_owned(),
            series,
            major,
            minor,
            patch,
        })
    }

    /// `5.7.44`.
    pub fn number(&self) -> &str {
        &self.number
    }

    /// The series that decides behaviour.
    pub fn series(&self) -> Series {
        self.series
    }

    /// `@@version_comment`: `MySQL Community Server (GPL)` on 5.7, `… - GPL` later.
    pub fn comment(&self) -> &'static str {
        if self.series.is_57() {
            "MySQL Community Server (GPL)"
        } else {
            "MySQL Community Server - GPL"
        }
    }

    /// The year in the binaries' copyright line (`Copyright (c) 2000, 2023, Oracle…`).
    pub fn copyright_year(&self) -> u32 {
        match (self.major, self.minor, self.patch) {
            (5, 7, p) if p >= 41 => 2023,
            (5, 7, 40) => 2022,
            (5, 7, _) => 2021,
            (8, 0, p) if p >= 41 => 2025,
            (8, 0, p) if p >= 36 => 2024,
            (8, 0, p) if p >= 32 => 2023,
            (8, 0, _) => 2022,
            (8, _, p) if p >= 4 => 2025,
            (8, _, _) => 2024,
            (9, m, _) if m <= 1 => 2024,
            _ => 2025,
        }
    }

    /// The image's package release (`5.7.44-1.el7`), as the entrypoint names it.
    pub fn package(&self) -> String {
        let dist = match self.series {
            Series::V57 => "el7",
            Series::V80 if self.minor == 0 && self.patch < 34 => "el8",
            _ => "el9",
        };
        format!("{}-1.{dist}", self.number)
    }

    /// `mysql --version`: the client's own version line.
    pub fn client_version_line(&self) -> String {
        if self.series.is_57() {
            format!(
                "mysql  Ver 14.14 Distrib {}, for Linux (x86_64) using  EditLine wrapper",
                self.number
            )
        } else {
            format!(
                "mysql  Ver {} for Linux on x86_64 ({})",
                self.number,
                self.comment()
            )
        }
    }

    /// The connection id the first client gets after start-up (5.7 uses one for itself,
    /// 8.0's background threads take the first seven).
    pub fn first_connection_id(&self) -> u64 {
        if self.series.is_57() {
            2
        } else {
            8
        }
    }

    /// The server's default character set and collation.
    pub fn charset(&self) -> (&'static str, &'static str) {
        if self.series.is_57() {
            ("latin1", "latin1_swedish_ci")
        } else {
            ("utf8mb4", "utf8mb4_0900_ai_ci")
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(v: &str, expected: &str) {
        let got = match Version::parse(v) {
            Some(v) => format!(
                "{:?} {} {} | {}",
                v.series(),
                v.package(),
                v.copyright_year(),
                v.client_version_line()
            ),
            None => "none".into(),
        };
        assert_eq!(got, expected, "{v}");
    }

    #[test]
    #[rustfmt::skip]
    fn versions() {
        check("5.7.44", "V57 5.7.44-1.el7 2023 | mysql  Ver 14.14 Distrib 5.7.44, for Linux (x86_64) using  EditLine wrapper");
        check("8.0.40", "V80 8.0.40-1.el9 2024 | mysql  Ver 8.0.40 for Linux on x86_64 (MySQL Community Server - GPL)");
        check("8.0.31", "V80 8.0.31-1.el8 2022 | mysql  Ver 8.0.31 for Linux on x86_64 (MySQL Community Server - GPL)");
        check("9.1.0", "V9 9.1.0-1.el9 2024 | mysql  Ver 9.1.0 for Linux on x86_64 (MySQL Community Server - GPL)");
        check("5.6.51", "none");
        check("latest", "none");
        check("8.0", "none");
    }
}
