//! What is worked out from each section of the agenda (its row count, its
//! done/total counts, its part of the timer's plan), kept from one frame to the
//! next while the section is the same: a [`Watch`] on it tells, as any change
//! under a section gives it a new place. Checking an item works out its own
//! section again, not the agenda. A section's list of entries is a list of
//! items too: what is kept per entry of a section is kept the same way.

use crate::model::{Item, Shared, Watch};

/// A value worked out from each section, kept while the section and the `K` it
/// was worked out with (what else it depends on) are the same.
#[derive(Debug)]
pub struct PerSection<T, K = ()> {
    kept: Vec<Option<Kept<T, K>>>,
}

/// One section's value, and what it was worked out from.
#[derive(Debug)]
struct Kept<T, K> {
    section: Watch<Item>,
    key: K,
    value: T,
}

impl<T, K> Default for PerSection<T, K> {
    fn default() -> Self {
        PerSection { kept: Vec::new() }
    }
}

impl<T, K: PartialEq> PerSection<T, K> {
    /// Forgets every value (what they depend on besides the sections changed).
    pub fn clear(&mut self) {
        self.kept.clear();
    }

    /// The value of the section at `i` of `agenda` (which must have it), worked
    /// out with `make` unless it is kept for that very section and `key`. Values
    /// of sections past the agenda's end are let go.
    pub fn get(
        &mut self,
        agenda: &[Shared<Item>],
        i: usize,
        key: K,
        make: impl FnOnce(&Shared<Item>) -> T,
    ) -> &T {
        self.get_from(agenda, i, key, |section, _| make(section))
    }

    /// [`PerSection::get`], `make` given the value kept before for the
    /// section at `i` (another section there, or the same changed since),
    /// to work from.
    pub fn get_from(
        &mut self,
        agenda: &[Shared<Item>],
        i: usize,
        key: K,
        make: impl FnOnce(&Shared<Item>, Option<T>) -> T,
    ) -> &T {
        self.kept.resize_with(agenda.len(), || None);
        let section = &agenda[i];
        let slot = &mut self.kept[i];
        if !slot
            .as_ref()
            .is_some_and(|kept| kept.key == key && kept.section.sees(section))
        {
            let before = slot.take().map(|kept| kept.value);
            *slot = Some(Kept {
                section: section.watch(),
                value: make(section, before),
                key,
            });
        }
        &slot.as_ref().expect("kept above").value
    }

    /// Works out each section's value not kept, and lets go of those of
    /// sections past the agenda's end.
    pub fn update(
        &mut self,
        agenda: &[Shared<Item>],
        key: impl FnMut(usize) -> K,
        mut make: impl FnMut(usize, &Shared<Item>) -> T,
    ) {
        self.update_from(agenda, key, |i, section, _| make(i, section));
    }

    /// [`PerSection::update`], `make` given the value kept before for each
    /// section it works out again (see [`PerSection::get_from`]).
    pub fn update_from(
        &mut self,
        agenda: &[Shared<Item>],
        mut key: impl FnMut(usize) -> K,
        mut make: impl FnMut(usize, &Shared<Item>, Option<T>) -> T,
    ) {
        for i in 0..agenda.len() {
            self.get_from(agenda, i, key(i), |section, before| {
                make(i, section, before)
            });
        }
        self.kept.truncate(agenda.len());
    }

    /// The value kept for the section at `i`.
    pub fn value(&self, i: usize) -> Option<&T> {
        self.kept.get(i)?.as_ref().map(|kept| &kept.value)
    }

    /// Each section's value kept, in agenda order (after [`PerSection::update`],
    /// every section's).
    pub fn values(&self) -> impl Iterator<Item = &T> + Clone {
        self.kept.iter().flatten().map(|kept| &kept.value)
    }
}
