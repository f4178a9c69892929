//! Two pieces of work at once where threads exist (the CLI), one after the other where they
//! do not (the page, until it runs in a worker). Callers stay the same either way.

pub fn join<A, B, RA, RB>(a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA + Send,
    B: FnOnce() -> RB + Send,
    RA: Send,
    RB: Send,
{
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::thread::scope(|s| {
            let other = s.spawn(b);
            let ra = a();
            (
                ra,
                other
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            )
        })
    }
    #[cfg(target_arch = "wasm32")]
    {
        (a(), b())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn both_results_come_back_in_order() {
        let data = [1, 2, 3, 4];
        let (a, b) = super::join(
            || data[..2].iter().sum::<i32>(),
            || data[2..].iter().sum::<i32>(),
        );
        assert_eq!((a, b), (3, 7));
    }
}
