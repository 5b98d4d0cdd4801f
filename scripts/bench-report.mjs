// Turns criterion's saved estimates into the Markdown tables of BENCHMARKS.md.
import { readFileSync, existsSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { execSync } from "node:child_process";

const CRITERION = "target/criterion";
const SIZES = [1000, 10000, 100000, 1000000];
const MODES = ["sequential", "join_all", "try_join_all", "select", "select_ok", "buffered"];

/** Median time in ms of one benchmark, or null if it did not run. */
function medianMs(group, size) {
  const file = `${CRITERION}/${group}/${size}/new/estimates.json`;
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")).median.point_estimate / 1e6;
}

const format = (ms) => (ms === null ? "n/a" : ms < 1 ? ms.toFixed(3) : ms < 100 ? ms.toFixed(2) : ms.toFixed(0));
const rustc = execSync("rustc --version").toString().trim();
const lines = [];
lines.push("# Benchmarks");
lines.push("");
lines.push("Written by `scripts/bench` (about 5 minutes); do not edit by hand. Figures are medians of criterion's samples.");
lines.push(`Machine: ${cpus().length} × ${cpus()[0].model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${rustc}, ${new Date().toISOString().slice(0, 10)}.`);
lines.push("Shared and noisy: read the ratio to the baseline measured in the same run, not the absolute times.");
lines.push("");
lines.push("## Simulator, natively");
lines.push("");
lines.push("Scenario: delays drawn from 100 to 2000 ms, 5% failures, every tenth task CPU-bound, K = 64, JavaScript semantics.");
lines.push("Baseline: sorting as many (due, sequence, task) timer tuples, the O(n log n) floor of any timer queue.");
lines.push("Target: 1M tasks in at most 1 s natively.");
lines.push("");
lines.push(`| mode | ${SIZES.map((n) => `${n.toLocaleString("en")} tasks (ms)`).join(" | ")} | 1M vs baseline | 1M ≤ 1 s |`);
lines.push(`|---|${SIZES.map(() => "---:").join("|")}|---:|---|`);
const baseline = Object.fromEntries(SIZES.map((n) => [n, medianMs("baseline_sort_timers", n)]));
for (const mode of MODES) {
  const times = SIZES.map((n) => medianMs(`simulate_${mode}`, n));
  const million = times[SIZES.length - 1];
  const ratio = million !== null && baseline[1000000] ? `${(million / baseline[1000000]).toFixed(1)}×` : "n/a";
  const verdict = million === null ? "n/a" : million <= 1000 ? "yes" : "**no**";
  lines.push(`| \`${mode}\` | ${times.map(format).join(" | ")} | ${ratio} | ${verdict} |`);
}
lines.push(`| baseline: sort timers | ${SIZES.map((n) => format(baseline[n])).join(" | ")} | 1.0× | |`);
lines.push("");
lines.push("`sequential` and `try_join_all` end at the first failure (with 5% failures, around the twentieth task), so they do far less work than the others.");
lines.push("");
console.log(lines.join("\n"));
