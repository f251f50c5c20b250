//! `--env-file`: a host file of `KEY=value` lines, read as docker's `opts.ParseEnvFile`
//! reads it.

use crate::host::{Host, HostKind};

/// The variables of the host file `typed`, or docker's error (without `docker: `).
pub fn read(host: &Host, typed: &str) -> Result<Vec<String>, String> {
    let content = host.read_file(typed).map_err(|e| e.to_string())?;
    parse(host, &content.to_vec())
}

/// Parses an env file's bytes; `KEY` alone takes the client's value, or is left out.
fn parse(host: &Host, bytes: &[u8]) -> Result<Vec<String>, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut vars = Vec::new();
    for (n, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        let Ok(line) = std::str::from_utf8(raw) else {
            return Err(format!(
                "invalid utf8 bytes at line {}: {:?}",
                n + 1,
                String::from_utf8_lossy(raw)
            ));
        };
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = match line.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (line, None),
        };
        if key.is_empty() {
            return Err(format!(
                "poorly formatted environment: no variable name on line '{line}'"
            ));
        }
        if key.contains(char::is_whitespace) {
            return Err(format!(
                "poorly formatted environment: variable '{key}' contains whitespaces"
            ));
        }
        match value {
            Some(v) => vars.push(format!("{key}={v}")),
            None => {
                let from_client = match host.kind {
                    HostKind::Windows => host.var(&format!("env:{key}")),
                    HostKind::Linux => host.var(key),
                };
                if let Some(v) = from_client {
                    vars.push(format!("{key}={v}"));
                }
            }
        }
    }
    Ok(vars)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let host = Host::new(HostKind::Linux);
        let got = match parse(&host, text.as_bytes()) {
            Ok(v) => v.join("|"),
            Err(e) => e,
        };
        assert_eq!(got, expected, "{text:?}");
    }

    #[test]
    fn env_files() {
        check("A=1\r\n  # c\n\nB= x \n", "A=1|B= x ");
        check("\u{feff}A=1", "A=1");
        check("USER\nNOPE_UNSET\n", "USER=student");
        check(
            "=x",
            "poorly formatted environment: no variable name on line '=x'",
        );
        check(
            "A B=1",
            "poorly formatted environment: variable 'A B' contains whitespaces",
        );
        check("A=\"q\"", "A=\"q\"");
    }
}
