//! Shell variables: values, the export and read-only flags, and the order they were made in
//! (which is the order `env` prints the environment in).

use crate::collections::SmallSort;

/// The error of changing a read-only variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOnly;

/// One variable.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Var {
    /// Its value; `None` for a name declared (`export X`, `local x`) but not set.
    pub value: Option<String>,
    /// Passed to programs' environments.
    pub exported: bool,
    /// `readonly`.
    pub readonly: bool,
}

/// The variables of one shell.
#[derive(Clone, Debug, Default)]
pub struct Vars {
    vars: Vec<(String, Var)>,
}

impl Vars {
    /// A variable.
    pub fn get(&self, name: &str) -> Option<&Var> {
        self.vars.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A variable's value when it is set.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|v| v.value.as_deref())
    }

    fn entry(&mut self, name: &str) -> &mut Var {
        let i = match self.vars.iter().position(|(k, _)| k == name) {
            Some(i) => i,
            None => {
                self.vars.push((name.to_owned(), Var::default()));
                self.vars.len() - 1
            }
        };
        &mut self.vars[i].1
    }

    /// Sets a value; `Err` when the variable is read-only.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), ReadOnly> {
        let v = self.entry(name);
        if v.readonly {
            return Err(ReadOnly);
        }
        v.value = Some(value.to_owned());
        Ok(())
    }

    /// Marks a variable exported (creating it unset when missing).
    pub fn export(&mut self, name: &str) {
        self.entry(name).exported = true;
    }

    /// Marks a variable read-only.
    pub fn set_readonly(&mut self, name: &str) {
        self.entry(name).readonly = true;
    }

    /// Removes a variable; `Err` when it is read-only.
    pub fn unset(&mut self, name: &str) -> Result<(), ReadOnly> {
        if self.get(name).is_some_and(|v| v.readonly) {
            return Err(ReadOnly);
        }
        self.vars.retain(|(k, _)| k != name);
        Ok(())
    }

    /// Replaces a variable wholesale (restoring a `local`).
    pub fn restore(&mut self, name: &str, var: Option<Var>) {
        match var {
            Some(v) => *self.entry(name) = v,
            None => self.vars.retain(|(k, _)| k != name),
        }
    }

    /// The exported variables with values, in order: the environment of a program.
    pub fn environ(&self) -> Vec<(String, String)> {
        self.vars
            .iter()
            .filter(|(_, v)| v.exported)
            .filter_map(|(k, v)| v.value.clone().map(|val| (k.clone(), val)))
            .collect()
    }

    /// Every variable, sorted by name (`set`, `export -p`).
    pub fn sorted(&self) -> Vec<(String, Var)> {
        let mut v = self.vars.clone();
        v.small_sort_by(|a, b| a.0.cmp(&b.0));
        v
    }
}
