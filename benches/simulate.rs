//! How the simulator scales: 1k to 1M tasks for every mode (target: 1M tasks in at most 1 s natively).
//! Run with `cargo bench --bench simulate`; results are kept in BENCHMARKS.md.

// criterion measures native code only; on wasm32 (the lint gate checks every target) this is empty.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use async_playground::domain::basics::named_choice::NamedChoice;
    use async_playground::domain::model::language::Language;
    use async_playground::domain::model::mode::Mode;
    use async_playground::domain::model::presets::simulator_benchmark;
    use async_playground::domain::simulator::simulate;
    use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};

    fn bench_simulate(c: &mut Criterion) {
        for &mode in Mode::ALL {
            let mut group = c.benchmark_group(format!("simulate/{}", mode.url_name()));
            group.sample_size(10);
            for tasks in [1_000, 10_000, 100_000, 1_000_000] {
                let scenario = simulator_benchmark(tasks, mode);
                group.throughput(Throughput::Elements(tasks as u64));
                // JavaScript: its join_all keeps abandoned tasks running, the most work of any language.
                group.bench_with_input(BenchmarkId::from_parameter(tasks), &scenario, |b, s| {
                    b.iter(|| simulate(black_box(s), Language::JavaScript))
                });
            }
            group.finish();
        }
    }

    /// The baseline measured in the same run: sorting as many (due, sequence, task) timer tuples as the
    /// simulator schedules. Any event loop over a priority queue of timers costs at least about this much.
    fn bench_sort_baseline(c: &mut Criterion) {
        let mut group = c.benchmark_group("baseline/sort_timers");
        group.sample_size(10);
        for tasks in [1_000u64, 10_000, 100_000, 1_000_000] {
            let timers: Vec<(u64, u64, u32)> = (0..tasks)
                .map(|i| ((i * 2_654_435_761) % 1_900 + 100, i, i as u32))
                .collect();
            group.throughput(Throughput::Elements(tasks));
            group.bench_with_input(BenchmarkId::from_parameter(tasks), &timers, |b, timers| {
                b.iter(|| {
                    let mut sorted = timers.clone();
                    sorted.sort_unstable();
                    black_box(sorted)
                })
            });
        }
        group.finish();
    }

    criterion_group!(benches, bench_simulate, bench_sort_baseline);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
