// Can a reader open an index while a writer has it open? (kstat run during `kstat index`)
import { DuckDBInstance } from '@duckdb/node-api';
import { createRequire } from 'node:module';
import { execFileSync } from 'node:child_process';
const require = createRequire(import.meta.url);
import fs from 'node:fs';
for (const x of ['work/lock.duckdb', 'work/lock.duckdb.wal', 'work/lock.sqlite']) fs.rmSync(x, { force: true });
const f = 'work/lock.duckdb';
const w = await DuckDBInstance.create(f); const c = await w.connect(); await c.run('CREATE TABLE IF NOT EXISTS t(x INT)');
try { execFileSync(process.execPath, ['-e', `import('@duckdb/node-api').then(async m=>{await m.DuckDBInstance.create('${f}',{access_mode:'READ_ONLY'});console.log('duckdb reader opened')}).catch(e=>{console.log('duckdb reader:', e.message.split('\\n')[0]);})`], { stdio: 'inherit' }); } catch {}
c.closeSync(); w.closeSync();
const D = require('better-sqlite3'); const db = new D('work/lock.sqlite'); db.exec('CREATE TABLE IF NOT EXISTS t(x)'); db.exec('BEGIN'); db.exec('INSERT INTO t VALUES (1)');
execFileSync(process.execPath, ['-e', `const D=require('better-sqlite3');console.log('sqlite reader during write txn:', new D('work/lock.sqlite',{readonly:true}).prepare('select count(*) n from t').get())`], { stdio: 'inherit' });
db.exec('COMMIT'); db.close();
