// @ts-check
// The PostgreSQL servers (clusters) the database tiers run on, one Jest worker per server.
// Transaction ids and snapshots are cluster-wide: a transaction open in one test's database holds
// back pg_snapshot_xmin, below which every log reader of every database on that server reads
// (projections, the checkpointer). Two test files on one server make the lag tests flaky; two on
// two servers do not, so files run in parallel only across servers (test/README.md).
import pg from 'pg';

const MAIN = 'postgres://postgres@127.0.0.1:5432/postgres';
/** The second cluster `.ci/run` makes (`pg_createcluster … tests2 --port 5433`). */
const SECOND = 'postgres://postgres@127.0.0.1:5433/postgres';

/** Whether a server answers, within a second. */
async function answers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The servers of this run, as `postgres` database URLs of a superuser: `TEST_POSTGRES_URLS`
 * (comma-separated) or `TEST_POSTGRES_URL` when set, as given; otherwise the main cluster, and the
 * second one when it answers. Put in `PTA_TEST_SERVERS` for global setup and the test workers.
 */
export async function testServers() {
  const given = process.env.TEST_POSTGRES_URLS ?? process.env.TEST_POSTGRES_URL;
  const servers = given
    ? given
        .split(',')
        .map((url) => url.trim())
        .filter(Boolean)
    : [MAIN, ...((await answers(SECOND)) ? [SECOND] : [])];
  process.env.PTA_TEST_SERVERS = servers.join(',');
  return servers;
}
