//! The demo register written through the application (`avtal demo` and the welcome screen).

pub(crate) mod plans;
