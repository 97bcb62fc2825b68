// Peer baselines through the official Node.js client (@duckdb/node-api):
//   for `airm profile`: DuckDB's SUMMARIZE over read_csv_auto of the same CSV;
//   for `airm drift` (--count): SELECT count(*) over read_csv_auto of each file,
//   the bare scan of the bytes that every drift tool must at least read.
//
// Usage: node duckdb_summarize.mjs FILE.csv|FILE.parquet [--threads N] [--json OUT]
//        node duckdb_summarize.mjs --count FILE.csv FILE2.csv... [--threads N] [--json OUT]
//
// SUMMARIZE computes per column: min, max, approx_unique, avg, std, q25, q50,
// q75 (approximate), count and null_percentage. The query runs in an in-memory
// database with N worker threads (default 2, the benchmark machine's cores).
// Prints one line per column to stderr and the in-process timings (instance
// start, query) as JSON to OUT or stdout, so run.sh can separate DuckDB's
// query time from Node.js start-up.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

function parseArgs(argv) {
  const args = { files: [], threads: 2, json: null, count: false };
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '--threads') args.threads = Number(argv[++i]);
    else if (arg === '--json') args.json = argv[++i];
    else if (arg === '--count') args.count = true;
    else if (arg.startsWith('--')) throw new Error(`unexpected argument ${arg}`);
    else args.files.push(arg);
  }
  const fileCountOk = args.count ? args.files.length >= 1 : args.files.length === 1;
  if (!fileCountOk || !Number.isInteger(args.threads) || args.threads < 1) {
    throw new Error(
      'usage: node duckdb_summarize.mjs FILE.csv [--threads N] [--json OUT]\n' +
        '       node duckdb_summarize.mjs --count FILE.csv... [--threads N] [--json OUT]',
    );
  }
  return args;
}

// Single quotes are the only character that needs escaping in a SQL string literal.
// A .parquet file is read with read_parquet (bench/parquet_profile.sh).
function csvSource(file) {
  const reader = file.endsWith('.parquet') ? 'read_parquet' : 'read_csv_auto';
  return `${reader}('${file.replaceAll("'", "''")}')`;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const t0 = performance.now();
  const instance = await DuckDBInstance.create(':memory:', { threads: String(args.threads) });
  const connection = await instance.connect();
  const t1 = performance.now();
  let rows;
  if (args.count) {
    // One scan per file, all in one query, as a drift tool reads both batches.
    const counts = args.files.map((f, i) => `(SELECT count(*) FROM ${csvSource(f)}) AS n${i}`);
    rows = (await connection.runAndReadAll(`SELECT ${counts.join(', ')}`)).getRowObjectsJson();
  } else {
    const reader = await connection.runAndReadAll(`SUMMARIZE SELECT * FROM ${csvSource(args.files[0])}`);
    rows = reader.getRowObjectsJson();
  }
  const t2 = performance.now();
  connection.closeSync();
  instance.closeSync();

  let rowsScanned;
  if (args.count) {
    const row = rows[0];
    rowsScanned = args.files.reduce((sum, _, i) => sum + Number(row[`n${i}`]), 0);
    console.error(`count(*) over ${args.files.length} files: ${rowsScanned} rows`);
  } else {
    for (const row of rows) {
      console.error(
        `${String(row.column_name).padStart(14)} ${String(row.column_type).padEnd(9)} ` +
          `count=${row.count} null%=${row.null_percentage} min=${row.min} max=${row.max} ` +
          `q50=${row.q50}`,
      );
    }
    rowsScanned = rows.length > 0 ? Number(rows[0].count) : 0;
  }
  const result = {
    engine: 'duckdb',
    query: args.count ? 'count' : 'summarize',
    version: (await import('@duckdb/node-api/package.json', { with: { type: 'json' } })).default
      .version,
    threads: args.threads,
    columns: args.count ? null : rows.length,
    rows_scanned: rowsScanned,
    startup_seconds: (t1 - t0) / 1000,
    query_seconds: (t2 - t1) / 1000,
  };
  const text = JSON.stringify(result, null, 2) + '\n';
  if (args.json) writeFileSync(args.json, text);
  else process.stdout.write(text);
}

main().catch((error) => {
  console.error(`duckdb_summarize: ${error.message}`);
  process.exit(1);
});
