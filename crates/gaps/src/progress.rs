//! How far a long report has got, told to whoever shows it: the library draws nothing itself
//! (the `signpost` binary draws a bar on a terminal).

/// Told how a report advances: how many steps lie ahead, which one is running, when it ends.
pub trait Progress {
    /// The work ahead has `steps` steps.
    fn start(&self, steps: u64);
    /// A step begins; `what` says which (`language:ben: services in reach`).
    fn doing(&self, what: &str);
    /// The step that began last has ended.
    fn done(&self);
}

/// Progress nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unwatched;

impl Progress for Unwatched {
    fn start(&self, _steps: u64) {}
    fn doing(&self, _what: &str) {}
    fn done(&self) {}
}

/// Runs one step of work between `doing(what)` and `done()`.
pub(crate) fn step<T>(progress: &dyn Progress, what: &str, work: impl FnOnce() -> T) -> T {
    progress.doing(what);
    let result = work();
    progress.done();
    result
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::RefCell;

    use super::*;

    /// Every call, in order: `start N`, `doing WHAT`, `done`.
    #[derive(Debug, Default)]
    pub(crate) struct Recorder(pub RefCell<Vec<String>>);

    impl Progress for Recorder {
        fn start(&self, steps: u64) {
            self.0.borrow_mut().push(format!("start {steps}"));
        }
        fn doing(&self, what: &str) {
            self.0.borrow_mut().push(format!("doing {what}"));
        }
        fn done(&self) {
            self.0.borrow_mut().push("done".into());
        }
    }

    #[test]
    fn a_step_is_announced_then_ended_around_its_work() {
        let recorder = Recorder::default();
        let value = step(&recorder, "adding", || {
            recorder.0.borrow_mut().push("working".into());
            2 + 2
        });
        assert_eq!(value, 4);
        assert_eq!(*recorder.0.borrow(), ["doing adding", "working", "done"]);
    }
}
