//! The host's files as a page's files panel sees them: list a folder, read a file, write
//! one. Paths are written as at the host prompt (`C:\Users\student\server.c`, `~/site`).

use crate::collections::SmallSort;
use crate::fs::Fs;
use crate::Engine;

/// One entry of a host folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostEntry {
    /// Its name.
    pub name: String,
    /// A folder (else a file).
    pub dir: bool,
    /// Bytes (0 for a folder).
    pub size: u64,
}

impl Engine {
    /// The home folder as the host writes it (`C:\Users\student`, `/home/student`).
    pub fn host_home(&self) -> String {
        let w = self.world.borrow();
        w.host.display_path(w.host.home_disk())
    }

    /// The entries of the host folder `typed`: folders first, then files, each by name.
    /// `None` when it is no folder.
    pub fn host_dir(&self, typed: &str) -> Option<Vec<HostEntry>> {
        let w = self.world.borrow();
        let path = w.host.resolve(typed);
        let disk = w.host.disk().borrow();
        let names = disk.read_dir(&path).ok()?;
        let mut entries: Vec<HostEntry> = names
            .into_iter()
            .map(|name| {
                let st = disk.stat(&format!("{}/{name}", path.trim_end_matches('/')));
                let dir = st.as_ref().is_ok_and(|s| s.is_dir());
                let size = st.map_or(0, |s| if dir { 0 } else { s.size });
                HostEntry { name, dir, size }
            })
            .collect();
        entries.small_sort_by(|a, b| b.dir.cmp(&a.dir).then(a.name.cmp(&b.name)));
        Some(entries)
    }

    /// Creates or replaces the host file `typed` with `bytes`; the host's error text when it
    /// cannot (a missing folder, a folder in the way).
    pub fn write_host_file(&self, typed: &str, bytes: Vec<u8>) -> Result<(), String> {
        let w = self.world.borrow();
        let now = w.now();
        w.host
            .write_file(typed, bytes.into(), now)
            .map_err(|e| e.to_string())
    }

    /// Creates the host folder `typed` and any missing folder above it (`mkdir -p`).
    pub fn make_host_dir(&self, typed: &str) -> Result<(), String> {
        let w = self.world.borrow();
        let path = w.host.resolve(typed);
        let caller = w.host.caller(w.now());
        let mut disk = w.host.disk().borrow_mut();
        disk.mkdir_all(&caller, &path, 0o755)
            .map_err(|e| format!("{typed}: {}", e.text(crate::fs::Libc::Glibc)))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Engine, HostKind, ManualClock};

    fn engine(host: HostKind) -> Engine {
        Engine::builder()
            .host(host)
            .seed(1)
            .clock(Box::new(ManualClock::default()))
            .build()
    }

    fn listing(e: &Engine, typed: &str) -> Option<Vec<String>> {
        e.host_dir(typed).map(|entries| {
            entries
                .iter()
                .map(|x| format!("{}{} {}", x.name, if x.dir { "/" } else { "" }, x.size))
                .collect()
        })
    }

    #[test]
    fn list_read_and_write_host_files() {
        let win = engine(HostKind::Windows);
        assert_eq!(win.host_home(), "C:\\Users\\student");
        let before = listing(&win, "C:\\Users\\student").unwrap_or_default();
        assert_eq!(
            win.write_host_file("C:\\Users\\student\\server.c", b"int main;\n".to_vec()),
            Ok(())
        );
        assert_eq!(
            win.host_file("C:\\Users\\student\\server.c"),
            Some(b"int main;\n".to_vec())
        );
        let after = listing(&win, "C:\\Users\\student").unwrap_or_default();
        assert!(after.contains(&"server.c 10".to_owned()), "{after:?}");
        assert_eq!(after.len(), before.len() + 1);
        assert_eq!(listing(&win, "C:\\Users\\student\\server.c"), None);
        assert_eq!(
            win.write_host_file("C:\\nowhere\\x.txt", Vec::new()),
            Err("open C:\\nowhere\\x.txt: The system cannot find the path specified.".into())
        );
        let linux = engine(HostKind::Linux);
        assert_eq!(linux.host_home(), "/home/student");
        assert!(linux
            .write_host_file("site/index.html", b"hi".to_vec())
            .is_err());
        let mut session = linux.session();
        session.run_line("mkdir site");
        assert_eq!(
            linux.write_host_file("site/index.html", b"hi".to_vec()),
            Ok(())
        );
        let home = listing(&linux, "/home/student").unwrap_or_default();
        assert!(home.contains(&"site/ 0".to_owned()), "{home:?}");
        assert!(
            home.iter().all(|e| e.contains("/ ")),
            "folders first: {home:?}"
        );
        assert_eq!(
            listing(&linux, "/home/student/site"),
            Some(vec!["index.html 2".to_owned()])
        );
    }
}
