//! [`Shared`]: a value shared between copies of a meeting until one of them
//! changes it (copy on write).
//!
//! A live session keeps several copies of its meeting: the state shown, the
//! state it opened with (undo replays onto it), checkpoints of the undo history,
//! and the copy handed to the minutes writer. The agenda's lists, each item in
//! them, the items' notes and the roster are [`Shared`], so such a copy costs a
//! few reference counts instead of the whole meeting, and a change copies only
//! what is on its way: a typed note copies the notes of one item, that item and
//! the items above it, and the handles of the lists they are in, never the
//! other items of those lists.
//!
//! A `Shared<T>` reads as a `T` (it dereferences to it) and is changed through
//! `&mut` as a `T` (the first change of a shared value copies it). Comparing two
//! copies that still share a value costs nothing.

use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Weak};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value shared between copies until one of them changes it.
#[derive(Default, Eq)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// A value not yet shared.
    pub fn new(value: T) -> Shared<T> {
        Shared(Arc::new(value))
    }

    /// True when `a` and `b` are the same value, not copies of it.
    pub fn same(a: &Shared<T>, b: &Shared<T>) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// A [`Watch`] on this value, which tells later whether it was changed.
    pub fn watch(&self) -> Watch<T> {
        Watch(Arc::downgrade(&self.0))
    }
}

/// Tells whether a [`Shared`] value is still the one it was taken from,
/// unchanged, without keeping it: no copy is made when the value is changed
/// (a screen keeps one to know whether a pane shows the same as it did).
///
/// A change goes through `Arc::make_mut`, which gives the value a place of its
/// own when anything else looks at it, a `Watch` included; and the place a
/// `Watch` looks at is not reused while it looks. So a value seen by
/// [`Watch::sees`] was neither changed nor replaced since the watch was taken.
pub struct Watch<T>(Weak<T>);

impl<T> Watch<T> {
    /// True when `value` is the value watched, unchanged since.
    pub fn sees(&self, value: &Shared<T>) -> bool {
        std::ptr::eq(self.0.as_ptr(), Arc::as_ptr(&value.0))
    }
}

impl<T> Clone for Watch<T> {
    fn clone(&self) -> Self {
        Watch(Weak::clone(&self.0))
    }
}

impl<T> std::fmt::Debug for Watch<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Watch")
    }
}

impl<T> Clone for Shared<T> {
    /// Another handle on the same value: no copy is made.
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// The value to change: copied first when another copy of the meeting still
    /// shares it.
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Shared<T> {
        Shared::new(value)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || *self.0 == *other.0
    }
}

impl<T: PartialEq> PartialEq<T> for Shared<T> {
    fn eq(&self, other: &T) -> bool {
        *self.0 == *other
    }
}

impl<T: PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for Shared<Vec<T>> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.0.as_slice() == other
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> FromIterator<T> for Shared<Vec<T>> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Shared::new(iter.into_iter().collect())
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T: Clone> IntoIterator for &'a mut Shared<Vec<T>> {
    type Item = &'a mut T;
    type IntoIter = std::slice::IterMut<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_until_it_is_changed_and_then_only_it_changes() {
        let a: Shared<Vec<String>> = vec!["one".to_string()].into();
        let mut b = a.clone();
        assert!(Shared::same(&a, &b));
        b.push("two".into());
        assert!(!Shared::same(&a, &b));
        assert_eq!(*a, ["one"]);
        assert_eq!(*b, ["one", "two"]);
        // An unshared value is changed in place.
        let before = b.as_ptr();
        b[0].push('!');
        assert_eq!(b.as_ptr(), before);
        assert_eq!(b[0], "one!");
    }

    #[test]
    fn a_watch_sees_its_value_until_it_is_changed_or_replaced() {
        let mut a: Shared<Vec<String>> = vec!["one".to_string()].into();
        let watch = a.watch();
        assert!(watch.sees(&a));
        // A copy that shares the value is the same value.
        let copy = a.clone();
        assert!(watch.sees(&copy));
        drop(copy);
        // Unshared, changed in place as far as the meeting goes: the watch sees
        // it no longer, and the change copied nothing but the list's handle.
        let words = a[0].as_ptr();
        a[0].push('!');
        assert!(!watch.sees(&a));
        assert_eq!(a[0].as_ptr(), words);
        // A new watch sees the changed value; a replacement is another value,
        // even when equal to it.
        let watch = a.watch();
        assert!(watch.sees(&a));
        let b: Shared<Vec<String>> = vec!["one!".to_string()].into();
        assert_eq!(a, b);
        assert!(!watch.sees(&b));
        a = b;
        assert!(!watch.sees(&a));
        // Shared with another copy and changed: copied, not seen.
        let watch = a.watch();
        let keep = a.clone();
        a.push("two".into());
        assert!(!watch.sees(&a));
        assert!(watch.sees(&keep));
        // Reading through `&mut` without a change still counts as a change:
        // a watch errs on the side of "changed".
        let watch = a.watch();
        let _ = &mut *a;
        assert!(!watch.sees(&a));
    }
}
