//! What the pages share through yew contexts: the loaded dataset and its
//! explorer ([`Shared`]) and, for a split dataset, the chunks fetched so far
//! ([`crate::chunks::Chunks`]). Context values are compared on every
//! render, so large values are held by [`ByPtr`], equal when they are the
//! same value: comparing a 100,000-story dataset field by field would cost
//! more than the render. The hooks that read these contexts are in
//! [`crate::hooks`].

use std::fmt;
use std::ops::Deref;
use std::rc::Rc;

use storyscope_core::explore::Explorer;
use storyscope_core::Dataset;

/// A shared value compared by identity: two handles are equal when they
/// hold the same allocation.
pub struct ByPtr<T>(pub Rc<T>);

impl<T> ByPtr<T> {
    /// Holds `value`.
    pub fn new(value: T) -> ByPtr<T> {
        ByPtr(Rc::new(value))
    }
}

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> ByPtr<T> {
        ByPtr(Rc::clone(&self.0))
    }
}

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &ByPtr<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for ByPtr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for ByPtr<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The value itself may be a whole dataset: not shown.
        f.write_str("ByPtr(..)")
    }
}

/// The loaded dataset and its preparation: the pages' context.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    /// The dataset (for a split dataset, its outline).
    pub dataset: ByPtr<Dataset>,
    /// The dataset prepared for filtering.
    pub explorer: ByPtr<Explorer>,
}
