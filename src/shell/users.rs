//! Users and groups, read from the machine's own `/etc/passwd` and `/etc/group` (so an
//! image that adds a user has it), for `id`, `whoami`, `ls -l`, `~user` and prompts.

use super::fs::ShellFs;

/// One line of `/etc/passwd`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// Login name.
    pub name: String,
    /// User id.
    pub uid: u32,
    /// Primary group.
    pub gid: u32,
    /// Home directory.
    pub home: String,
    /// Login shell.
    pub shell: String,
}

/// One line of `/etc/group`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// Group name.
    pub name: String,
    /// Group id.
    pub gid: u32,
    /// Member user names.
    pub members: Vec<String>,
}

fn lines(fs: &dyn ShellFs, path: &str) -> Vec<Vec<String>> {
    let data = fs.read(path).unwrap_or_default();
    String::from_utf8_lossy(&data)
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split(':').map(str::to_owned).collect())
        .collect()
}

/// Every user of `/etc/passwd`.
pub fn users(fs: &dyn ShellFs) -> Vec<User> {
    lines(fs, "/etc/passwd")
        .into_iter()
        .filter_map(|f| {
            Some(User {
                name: f.first()?.clone(),
                uid: f.get(2)?.parse().ok()?,
                gid: f.get(3)?.parse().ok()?,
                home: f.get(5).cloned().unwrap_or_default(),
                shell: f.get(6).cloned().unwrap_or_default(),
            })
        })
        .collect()
}

/// Every group of `/etc/group`.
pub fn groups(fs: &dyn ShellFs) -> Vec<Group> {
    lines(fs, "/etc/group")
        .into_iter()
        .filter_map(|f| {
            Some(Group {
                name: f.first()?.clone(),
                gid: f.get(2)?.parse().ok()?,
                members: f
                    .get(3)
                    .map(|m| {
                        m.split(',')
                            .filter(|s| !s.is_empty())
                            .map(str::to_owned)
                            .collect()
                    })
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// The user with that uid.
pub fn by_uid(fs: &dyn ShellFs, uid: u32) -> Option<User> {
    users(fs).into_iter().find(|u| u.uid == uid)
}

/// The user with that name.
pub fn by_name(fs: &dyn ShellFs, name: &str) -> Option<User> {
    users(fs).into_iter().find(|u| u.name == name)
}

/// The name of a uid (root is root even without `/etc/passwd`).
pub fn user_name(fs: &dyn ShellFs, uid: u32) -> Option<String> {
    by_uid(fs, uid)
        .map(|u| u.name)
        .or_else(|| (uid == 0).then(|| "root".to_owned()))
}

/// The name of a gid.
pub fn group_name(fs: &dyn ShellFs, gid: u32) -> Option<String> {
    groups(fs)
        .into_iter()
        .find(|g| g.gid == gid)
        .map(|g| g.name)
        .or_else(|| (gid == 0).then(|| "root".to_owned()))
}
