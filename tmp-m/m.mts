import pg from 'pg';
import { generatePractice, LARGE } from '../test/bench/generatePractice.ts';
import { migrate } from '../src/storage/postgres/migrations.ts';
import { insertPractices, PostgresPractices } from '../src/storage/postgres/postgresPractices.ts';
const url = 'postgres://postgres@127.0.0.1:55432/large';
const mode = process.argv[2];
const pool = new pg.Pool({ connectionString: url, max: 2 });
if (mode === 'insert') {
  const data = generatePractice(LARGE);
  console.log('audit', data.practices[0].audit.length, 'grants', data.practices[0].grants.length);
  await migrate(pool);
  let t = performance.now(); await insertPractices(pool, data.practices); console.log('insert ms', Math.round(performance.now() - t));
} else {
  const before = process.memoryUsage();
  let t = performance.now();
  const p = await PostgresPractices.open(pool);
  console.log('open ms', Math.round(performance.now() - t));
  globalThis.gc?.();
  const after = process.memoryUsage();
  console.log('heap MB', ((after.heapUsed - before.heapUsed) / 1e6).toFixed(1), 'rss MB', (after.rss / 1e6).toFixed(1), 'rss before', (before.rss/1e6).toFixed(1), p.data.practices.length);
}
await pool.end();
