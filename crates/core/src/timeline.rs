//! The items a timeline shows: stories, quotes and posts, by index into
//! their dataset's lists.

/// One entry of the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Item {
    /// `dataset.stories[i]`.
    Story(usize),
    /// `dataset.quotes[i]`.
    Quote(usize),
    /// `dataset.posts[i]`.
    Post(usize),
}
