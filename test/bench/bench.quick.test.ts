// Keeps `npm run bench` working: its --quick mode, run as a script, prints every figure as JSON (on the JSON
// store, and with --engine=postgres on the run's PostgreSQL). No timing is asserted (the machine running the
// tests may be busy); only that the figures are there and sane, and that every change was stored exactly once.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { postgresForTests } from '../support/postgres.ts';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function runQuickBench(extraArgs: string[] = [], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/bench.ts', '--quick', '--json', ...extraArgs], {
      cwd: REPO_ROOT,
      env: { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('Microsoft'))), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const percentilesOf = (p: { count: number; p50: number; p95: number; p99: number }) => {
  expect(p.count).toBeGreaterThan(0);
  expect(p.p50).toBeGreaterThan(0);
  expect(p.p50).toBeLessThanOrEqual(p.p95);
  expect(p.p95).toBeLessThanOrEqual(p.p99);
};

it('npm run bench -- --quick --json measures the echo baseline and both practices, with every figure', async () => {
  const { code, stdout, stderr } = await runQuickBench();
  expect(code, stderr).toBe(0);
  const report = JSON.parse(stdout);
  expect(report.mode).toBe('quick');
  expect(report.machine).toMatchObject({ cpus: expect.any(Number), node: process.version, serverOptions: expect.stringContaining('--import tsx') });

  for (const run of [report.echo, report.small, report.large]) {
    expect(run.failures).toEqual([]);
    expect(run.exitCode).toBe(0);
    expect(run.turnsPerSecond).toBeGreaterThan(0);
    expect(run.cpuMsPerTurn).toBeGreaterThan(0);
    percentilesOf(run.latencyMs.navigation);
    expect(run.server.maxStallMs).toBeGreaterThanOrEqual(0);
    expect(run.server.peakRssMb).toBeGreaterThan(0);
    expect(run.server.gc).toMatchObject({ scavenges: expect.any(Number), scavengeMs: expect.any(Number), fullCollections: expect.any(Number), fullMs: expect.any(Number) });
    if (process.platform === 'linux') expect(run.server.eventLoopCpuMs).toBeLessThanOrEqual(run.server.cpuMs + 20);
  }
  for (const run of [report.small, report.large]) {
    percentilesOf(run.latencyMs.confirming);
    expect(run.navigationTurnsPerSecond).toBeGreaterThan(0);
    expect(run.flowsDone).toBe(report.conversations * report.flows);
    expect(run.storeBytes.atStart).toBeGreaterThan(0);
    expect(run.storeBytes.afterRun).toBeGreaterThan(run.storeBytes.atStart);
    expect(run.light.turnsPerSecond).toBeGreaterThan(0);
    percentilesOf(run.light.latencyMs.navigation);
    percentilesOf(run.light.latencyMs.confirming);
    // The same flows in process, each to "done" (measureTurnWork throws otherwise): ten turns or so a flow.
    expect(run.ownWork.turns).toBeGreaterThanOrEqual((report.conversations * report.flows - 2) * 8);
    expect(run.ownWork.cpuMsPerTurn).toBeGreaterThan(run.ownWork.systemMsPerTurn);
    // Typed requests through the sentence parser, each timed: the figures are there, not their values.
    percentilesOf(run.understanding);
    expect(run.understanding.max).toBeGreaterThanOrEqual(run.understanding.p99);
    expect(run.understanding.companiesFound).toBeGreaterThan(run.understanding.companySentences / 2);
    expect(run.understanding.cpuP95).toBeGreaterThan(0);
  }
  expect(report.large.practice.companies).toBeGreaterThan(report.small.practice.companies);
  for (const ratio of Object.values(report.ratios)) expect(ratio).toBeGreaterThan(0);
  expect(report.goals).toHaveLength(7);
  expect(report.goals.map((g: { goal: string }) => g.goal)).toContain('understanding a sentence p95 < 5 ms (large)');
  for (const goal of report.goals) expect(goal).toMatchObject({ goal: expect.any(String), measured: expect.any(String), met: expect.any(Boolean) });
}, 90_000);

const postgres = postgresForTests();

if ('url' in postgres) {
  it('npm run bench -- --engine=postgres --quick --json measures the PostgreSQL engine\'s goals, every change stored exactly once', async () => {
    const { code, stdout, stderr } = await runQuickBench(['--engine=postgres'], { BENCH_DATABASE_URL: postgres.url });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ engine: 'postgres', mode: 'quick', database: { where: 'BENCH_DATABASE_URL', fsync: expect.any(String) } });
    const { large, fiveTimesLarge } = report;
    for (const imported of [large.imported, fiveTimesLarge.imported]) {
      expect(imported.practiceMs).toBeGreaterThan(0);
      expect(imported.conversations).toBeGreaterThan(0);
    }
    expect(fiveTimesLarge.run.practice.companies).toBe(5 * large.postgres.practice.companies);
    for (const run of [large.json, large.postgres, ...large.twoInstances, fiveTimesLarge.run]) {
      expect(run.failures).toEqual([]);
      expect(run.exitCode).toBe(0);
      expect(run.startMs).toBeGreaterThan(0);
      expect(run.server.peakRssMb).toBeGreaterThan(0);
      percentilesOf(run.latencyMs.navigation);
      percentilesOf(run.latencyMs.confirming);
      expect(run.flowsDone).toBe(run.conversations * report.flows);
    }
    // The conversations shared out between the two instances, half each.
    expect(large.twoInstances.map((run: { conversations: number }) => run.conversations)).toEqual([report.conversations / 2, report.conversations / 2]);
    // Warm-up and run on the first instance, then the second's warm-up and the two instances' run: all asked after.
    const confirmed = 2 * report.conversations * (report.warmUpFlows + report.flows);
    expect(large.storedOnce).toEqual({ confirmed, exactlyOnce: confirmed, auditedInAll: confirmed, problems: [] });
    expect(report.goals).toHaveLength(7);
    for (const goal of report.goals) expect(goal).toMatchObject({ goal: expect.any(String), measured: expect.any(String), met: expect.any(Boolean) });
    expect(report.goals.at(-1)).toMatchObject({ met: true });
  }, 120_000);
} else {
  it.skip(postgres.skip, () => {});
}
