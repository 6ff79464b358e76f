//! What every page handler shares: the directory and the navigators' sessions.

use std::sync::Arc;

use signpost_app::Directory;

use crate::session::Sessions;

/// The pages' state; cheap to clone.
#[derive(Clone)]
pub struct WebState {
    pub(crate) directory: Arc<Directory>,
    pub(crate) sessions: Arc<Sessions>,
}

impl WebState {
    pub fn new(directory: Arc<Directory>) -> WebState {
        WebState {
            directory,
            sessions: Arc::new(Sessions::default()),
        }
    }
}
