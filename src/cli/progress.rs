//! Progress on stderr, only when it is a terminal and the package is large: a bar while the
//! tarball is unpacked, a spinner with the step name otherwise. (Under Node the work runs
//! on the one thread that would draw the bar: none.)

#[cfg(target_arch = "wasm32")]
pub use none::ProgressLine;

#[cfg(not(target_arch = "wasm32"))]
pub struct ProgressLine(Option<indicatif::ProgressBar>);

/// Below this, reading and scanning take well under a second: no bar.
#[cfg(not(target_arch = "wasm32"))]
const LARGE_INPUT: u64 = 4 << 20;

#[cfg(not(target_arch = "wasm32"))]
impl ProgressLine {
    pub fn new() -> ProgressLine {
        if !super::sys::stderr_is_terminal() {
            return ProgressLine(None);
        }
        let bar = indicatif::ProgressBar::new_spinner();
        bar.enable_steady_tick(std::time::Duration::from_millis(100));
        ProgressLine(Some(bar))
    }

    pub fn step(&self, what: &str) {
        if let Some(bar) = &self.0 {
            bar.set_style(indicatif::ProgressStyle::default_spinner());
            bar.set_message(format!("{}…", leakscope::text::without_controls(what)));
        }
    }

    pub fn unpacking(&self, total: u64) {
        let Some(bar) = &self.0 else { return };
        if total < LARGE_INPUT {
            bar.set_draw_target(indicatif::ProgressDrawTarget::hidden());
            return;
        }
        bar.set_length(total);
        bar.set_position(0);
        let style = indicatif::ProgressStyle::with_template(
            "unpacking {bar:30} {binary_bytes}/{binary_total_bytes} {eta}",
        )
        .expect("a valid template");
        bar.set_style(style);
    }

    /// A download of `total` bytes (0: unknown) starts; [`ProgressLine::at`] moves it.
    pub fn downloading(&self, total: u64) {
        let Some(bar) = &self.0 else { return };
        let template = if total == 0 {
            "{spinner} downloading {binary_bytes}"
        } else {
            "downloading {bar:30} {binary_bytes}/{binary_total_bytes} {eta}"
        };
        bar.set_length(total);
        bar.set_position(0);
        bar.set_style(indicatif::ProgressStyle::with_template(template).expect("a valid template"));
    }

    pub fn at(&self, consumed: u64) {
        if let Some(bar) = &self.0 {
            bar.set_position(consumed);
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

#[cfg(target_arch = "wasm32")]
mod none {
    pub struct ProgressLine;

    impl ProgressLine {
        pub fn new() -> ProgressLine {
            ProgressLine
        }
        pub fn step(&self, _: &str) {}
        pub fn unpacking(&self, _: u64) {}
        pub fn downloading(&self, _: u64) {}
        pub fn at(&self, _: u64) {}
        pub fn finish(&self) {}
    }
}
