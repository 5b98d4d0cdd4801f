//! A small seeded generator for the tests that draw their own inputs (the link corpus, the simulator's
//! golden output): xorshift64*, written here so that what they draw never moves with a crate's release.

pub struct Draws(pub u64);

impl Draws {
    /// A number below `below` (0 when `below` is 0).
    pub fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) % below.max(1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next(100) < percent
    }

    /// One of `from`.
    #[allow(dead_code)] // Not every test that draws picks from a list.
    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next(from.len() as u64) as usize]
    }
}
