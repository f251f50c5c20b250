//! Redirections: `<`, `>`, `>>`, `2>`, `2>&1`, `>&2`, `&>`, here-documents and here-strings,
//! to files through [`super::fs::ShellFs`] and to `/dev/null`.
//!
//! Output to a file is gathered while the command runs and appended to the file (which
//! the redirection created or truncated at once) when the command ends, or, for `exec >f`,
//! after each command.

use std::cell::RefCell;
use std::rc::Rc;

use super::ast::{Redir, RedirOp};
use super::flavor::OpenFor;
use super::fs::{Errno, FileKind};
use super::interp::{Fds, Shell};
use super::io::Stdin;
use crate::kernel::Sink;

/// Output captured for a file.
#[derive(Clone, Debug)]
pub struct Capture {
    path: String,
    buf: Rc<RefCell<Vec<u8>>>,
}

impl Capture {
    /// Appends what was written since the last flush to the file; the error of a write
    /// that failed (a full tmpfs: `ENOSPC`). A buffer that filled up
    /// ([`crate::kernel::FILE_BUFFER_LIMIT`]) stopped its writer: the file keeps what was
    /// written and the write fails with `ENOSPC`, as on a full disk.
    pub fn flush(&self, sh: &Shell) -> Option<Errno> {
        let data = std::mem::take(&mut *self.buf.borrow_mut());
        if data.is_empty() {
            return None;
        }
        let full = data.len() >= crate::kernel::FILE_BUFFER_LIMIT;
        let mode = 0o666 & !sh.umask;
        let result = sh.env.fs.borrow_mut().append(&self.path, &data, mode);
        match result {
            Err(e) => Some(e),
            Ok(()) if full => Some(Errno::ENOSPC),
            Ok(()) => None,
        }
    }
}

/// What to undo after the command.
#[derive(Debug)]
pub struct Saved {
    fds: Fds,
    captures: Vec<Capture>,
}

impl Shell {
    /// Applies redirections to the shell's descriptors. `None` after an error (reported).
    pub async fn apply_redirs(&mut self, redirs: &[Redir]) -> Option<Saved> {
        let mut saved = Saved {
            fds: self.fds.clone(),
            captures: Vec::new(),
        };
        for r in redirs {
            if let Err(msg) = self.apply_one(r, &mut saved.captures).await {
                if let Some(m) = msg {
                    self.error(&m).await;
                }
                self.restore_redirs(saved);
                return None;
            }
        }
        Some(saved)
    }

    /// Undoes redirections, writing captured output to its files; the first write error.
    pub fn restore_redirs(&mut self, saved: Saved) -> Option<Errno> {
        let mut failed = None;
        for c in &saved.captures {
            failed = failed.or(c.flush(self));
        }
        self.fds = saved.fds;
        failed
    }

    /// Undoes the redirections of command `name` that ended with `status`: a write that
    /// failed is reported as the program reports it (`seq: write error: No space left on
    /// device`) and makes the status 1.
    pub async fn finish_redirs(&mut self, saved: Saved, name: &str, status: i32) -> i32 {
        match self.restore_redirs(saved) {
            Some(e) => {
                self.err(&format!("{name}: write error: {}\n", e.text()))
                    .await;
                1
            }
            None => status,
        }
    }

    /// Applies redirections for good (`exec >file`); their captures flush after each
    /// command.
    pub async fn apply_permanent(&mut self, redirs: &[Redir]) -> bool {
        match self.apply_redirs(redirs).await {
            Some(saved) => {
                self.held.extend(saved.captures);
                true
            }
            None => false,
        }
    }

    /// Writes output held by `exec >file` redirections to their files.
    pub fn flush_held(&self) {
        for c in &self.held {
            let _ = c.flush(self);
        }
    }

    fn set_out(&mut self, fd: u32, sink: Sink) {
        match fd {
            1 => self.fds.stdout = sink,
            2 => self.fds.stderr = sink,
            _ => {}
        }
    }

    fn open_out(&mut self, path: &str, append: bool) -> Result<(Sink, Option<Capture>), Errno> {
        match path {
            "/dev/null" => return Ok((Sink::Null, None)),
            "/dev/stdout" => return Ok((self.fds.stdout.clone(), None)),
            "/dev/stderr" => return Ok((self.fds.stderr.clone(), None)),
            _ => {}
        }
        let abs = super::fs::resolve(&self.cwd, path);
        let mode = 0o666 & !self.umask;
        let mut fs = self.env.fs.borrow_mut();
        match fs.stat(&abs) {
            Ok(st) if st.kind == FileKind::Dir => return Err(Errno::EISDIR),
            Ok(st) if st.kind == FileKind::CharDevice => return Ok((Sink::Null, None)),
            Ok(st) => {
                let c = &self.env.cred;
                if !st.allows(c.uid, &c.all_groups(), 2) {
                    return Err(Errno::EACCES);
                }
            }
            Err(_) => {
                let parent = super::fs::dirname(&abs);
                if let Ok(pst) = fs.stat(&parent) {
                    let c = &self.env.cred;
                    if pst.is_dir() && !pst.allows(c.uid, &c.all_groups(), 3) {
                        return Err(Errno::EACCES);
                    }
                }
            }
        }
        if append {
            fs.append(&abs, b"", mode)?;
        } else {
            fs.write(&abs, b"", mode)?;
        }
        drop(fs);
        let buf = Rc::new(RefCell::new(Vec::new()));
        let cap = Capture {
            path: abs,
            buf: Rc::clone(&buf),
        };
        Ok((Sink::File(buf), Some(cap)))
    }

    fn open_in(&self, path: &str) -> Result<Stdin, Errno> {
        match path {
            "/dev/null" => return Ok(Stdin::null()),
            "/dev/stdin" => return Ok(self.fds.stdin.clone()),
            _ => {}
        }
        let abs = super::fs::resolve(&self.cwd, path);
        let fs = self.env.fs.borrow();
        let st = fs.stat(&abs)?;
        if st.kind == FileKind::CharDevice {
            return Ok(Stdin::null());
        }
        let c = &self.env.cred;
        if !st.allows(c.uid, &c.all_groups(), 4) {
            return Err(Errno::EACCES);
        }
        Ok(Stdin::bytes(&fs.read(&abs)?))
    }

    /// Applies one redirection; `Err(Some(msg))` to report, `Err(None)` when already
    /// reported (an expansion error).
    async fn apply_one(
        &mut self,
        r: &Redir,
        caps: &mut Vec<Capture>,
    ) -> Result<(), Option<String>> {
        let target = match r.op {
            RedirOp::HereDoc(_) | RedirOp::HereString => None,
            _ => Some(self.expand_one(&r.target).await.ok_or(None)?),
        };
        let t = target.clone().unwrap_or_default();
        let fail = |sh: &Shell, e: Errno, how: OpenFor| Some(sh.flavor.redirect_error(&t, e, how));
        match r.op {
            RedirOp::In | RedirOp::ReadWrite => {
                let s = self.open_in(&t).map_err(|e| fail(self, e, OpenFor::Read))?;
                if r.fd.unwrap_or(0) == 0 {
                    self.fds.stdin = s;
                }
            }
            RedirOp::Out | RedirOp::Append => {
                let (sink, cap) = self
                    .open_out(&t, r.op == RedirOp::Append)
                    .map_err(|e| fail(self, e, OpenFor::Write))?;
                caps.extend(cap);
                self.set_out(r.fd.unwrap_or(1), sink);
            }
            RedirOp::OutErr | RedirOp::AppendErr => {
                let (sink, cap) = self
                    .open_out(&t, r.op == RedirOp::AppendErr)
                    .map_err(|e| fail(self, e, OpenFor::Write))?;
                caps.extend(cap);
                self.set_out(1, sink.clone());
                self.set_out(2, sink);
            }
            RedirOp::DupOut => {
                let fd = r.fd.unwrap_or(1);
                match t.as_str() {
                    "1" => {
                        let s = self.fds.stdout.clone();
                        self.set_out(fd, s);
                    }
                    "2" => {
                        let s = self.fds.stderr.clone();
                        self.set_out(fd, s);
                    }
                    "-" => self.set_out(fd, Sink::Null),
                    n if n.chars().all(|c| c.is_ascii_digit()) => {
                        return Err(Some(format!("{n}: Bad file descriptor")));
                    }
                    _ if r.fd.is_none() && self.flavor.is_bashlike() => {
                        let (sink, cap) = self
                            .open_out(&t, false)
                            .map_err(|e| fail(self, e, OpenFor::Write))?;
                        caps.extend(cap);
                        self.set_out(1, sink.clone());
                        self.set_out(2, sink);
                    }
                    _ => return Err(Some(format!("{t}: Bad file descriptor"))),
                }
            }
            RedirOp::DupIn => match t.as_str() {
                "0" => {}
                "-" => self.fds.stdin = Stdin::null(),
                n => return Err(Some(format!("{n}: Bad file descriptor"))),
            },
            RedirOp::HereDoc(_) => {
                let body = self.expand_one(&r.target).await.ok_or(None)?;
                if r.fd.unwrap_or(0) == 0 {
                    self.fds.stdin = Stdin::bytes(body.as_bytes());
                }
            }
            RedirOp::HereString => {
                let mut body = self.expand_one(&r.target).await.ok_or(None)?;
                body.push('\n');
                if r.fd.unwrap_or(0) == 0 {
                    self.fds.stdin = Stdin::bytes(body.as_bytes());
                }
            }
        }
        Ok(())
    }
}
