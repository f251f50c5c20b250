//! The programs images ship, one file each, behind the [`super::program::Program`] trait.
//! [`register_all`] lists them under their exec names.

use std::rc::Rc;

use super::flavor::Flavor;
use super::program::Registry;

pub mod busybox;
pub mod echo;
pub mod kill;
pub mod printf;
pub mod sh;
pub mod test;

/// Registers every program under its exec name.
pub fn register_all(r: &mut Registry) {
    r.register("bash", Rc::new(sh::Sh(Flavor::Bash)));
    r.register("dash", Rc::new(sh::Sh(Flavor::Dash)));
    r.register("sh", Rc::new(sh::Sh(Flavor::Dash)));
    r.register("ash", Rc::new(sh::Sh(Flavor::Ash)));
    r.register("busybox", Rc::new(busybox::Busybox));
    r.register("echo", Rc::new(echo::Echo));
    r.register("printf", Rc::new(printf::Printf));
    r.register("test", Rc::new(test::Test));
    r.register("[", Rc::new(test::Test));
    r.register("kill", Rc::new(kill::Kill));
}
