// Writes the Parquet file of bench/parquet_profile.sh with DuckDB: ROWS rows of
// a credit-like table (integers, doubles with nulls, a 5-level and a 200-level
// category, a high-cardinality string, a date and a timestamp, a decimal),
// seeded, in DuckDB's default layout (SNAPPY, row groups of 122,880 rows).
//
// Usage: node parquet_data.mjs OUT.parquet ROWS SEED
import { DuckDBInstance } from '@duckdb/node-api';

const [out, rowsArg, seedArg] = process.argv.slice(2);
const rows = Number(rowsArg);
const seed = Number(seedArg);
if (!out || !Number.isInteger(rows) || rows < 1 || !Number.isFinite(seed)) {
  throw new Error('usage: node parquet_data.mjs OUT.parquet ROWS SEED');
}
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const db = await instance.connect();
// setseed takes [-1, 1]; one thread keeps random() in row order.
await db.run(`SELECT setseed(${(seed % 1000) / 1000})`);
await db.run(`COPY (SELECT
    r AS id,
    (18 + floor(random() * 60))::INTEGER AS age,
    CASE WHEN random() < 0.02 THEN NULL ELSE exp(10 + random() * 2) END AS income,
    random() AS utilization,
    CASE WHEN random() < 0.01 THEN NULL ELSE random() * 1000 - 500 END AS balance,
    ['student', 'employed', 'self-employed', 'retired', 'unemployed'][1 + (r * 7919) % 5] AS segment,
    'region_' || ((r * 104729) % 200) AS region,
    'user_' || r || '_' || floor(random() * 1000)::INTEGER AS user_key,
    DATE '2023-01-01' + (r % 730)::INTEGER AS day,
    TIMESTAMP '2023-01-01' + to_seconds((r * 31)::BIGINT) AS event_time,
    (random() * 10000)::DECIMAL(12, 2) AS amount,
    random() < 0.1 AS defaulted
  FROM range(${rows}) t(r)) TO '${out.replaceAll("'", "''")}' (FORMAT parquet)`);
db.closeSync();
