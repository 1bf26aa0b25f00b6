// Reads budget's Parquet export with DuckDB (@duckdb/node-api), a reader budget did not write,
// and prints what the Go test (cmd/budget/export_parquet_test.go) checks, as JSON on one line:
// the row count, the amount column's type, and Table 1 computed by a query over the file.
// Usage: node table1.cjs FILE.parquet (NODE_PATH naming the readers' node_modules, as
// .ci/install-parquet-readers installs them).
const { DuckDBInstance } = require('@duckdb/node-api');

// Table 1 as budget adds it: every numbered proposal's catalog contribution and every
// cross-cutting proposal's share, by committee and year. (A cross-cutting proposal's own
// contribution row is the sum of its shares, so it is left out.)
const table1 = `
SELECT committee, year, sum(amount)::VARCHAR AS amount
FROM read_parquet($file)
WHERE "table" = 'catalog' AND source = 'document'
  AND (section = 'share' OR (section = 'contribution' AND kind <> 'cross-cutting'))
GROUP BY committee, year
ORDER BY committee, year`;

async function main() {
  const file = process.argv[2];
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  const all = async (sql) => (await c.runAndReadAll(sql, { file })).getRowObjectsJson();
  const [{ n }] = await all('SELECT count(*)::VARCHAR AS n FROM read_parquet($file)');
  const types = await all('SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($file))');
  const amount = types.find((t) => t.column_name === 'amount');
  const rows = await all(table1);
  process.stdout.write(JSON.stringify({ rows: Number(n), amount_type: amount && amount.column_type, table1: rows }) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
