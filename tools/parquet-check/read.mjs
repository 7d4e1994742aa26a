// Reads a Parquet file with DuckDB's own Parquet reader (not the library that wrote it) and prints one JSON object:
// { "rows": N, "columns": [{ "name", "type" }], "data": [ { column: value } ] }.
// Usage: node read.mjs FILE.parquet [MAX_ROWS]
import { DuckDBInstance } from '@duckdb/node-api';

const [file, maxRows = '1000000'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node read.mjs FILE.parquet [MAX_ROWS]');
  process.exit(2);
}
const instance = await DuckDBInstance.create(':memory:');
const db = await instance.connect();
const described = await db.runAndReadAll('DESCRIBE SELECT * FROM read_parquet($1)', [file]);
const columns = described.getRowObjectsJson().map(r => ({ name: r.column_name, type: r.column_type }));
const count = await db.runAndReadAll('SELECT count(*) AS n FROM read_parquet($1)', [file]);
const rows = await db.runAndReadAll('SELECT * FROM read_parquet($1) LIMIT $2', [file, Number(maxRows)]);
console.log(JSON.stringify({ rows: Number(count.getRowObjectsJson()[0].n), columns, data: rows.getRowObjectsJson() }));
