import pg from 'pg';
import { loadPractice } from '../src/storage/postgres/postgresPractices.ts';
import { validateStore } from '../src/domain/validateStore.ts';
const pool = new pg.Pool({ connectionString: 'postgres://postgres@127.0.0.1:55432/large', max: 2 });
for (let i = 0; i < 3; i++) {
  let t = performance.now(); const { practice } = await loadPractice(pool, (await pool.query('select id from practices')).rows[0].id); const l = performance.now() - t;
  t = performance.now(); validateStore({ schemaVersion: 1, practices: [practice] }); console.log('load', Math.round(l), 'validate', Math.round(performance.now() - t));
}
await pool.end();
