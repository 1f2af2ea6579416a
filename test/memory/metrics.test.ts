/**
 * GET /metrics in Prometheus text format and the memory part of /healthz, against the real server: the named
 * counters other parts of the server increment, requests counted by route pattern (never by URL), memory per
 * component, queue depths, the default process metrics.
 */
import { expect } from 'chai';
import { startTestServer, type TestServer } from '../support/server.js';
import { goteborgCatalog, health, putCatalog } from './support.js';

describe('metrics and memory in /healthz', function () {
  this.timeout(180_000);
  let server: TestServer;

  before(async () => {
    server = await startTestServer({ env: { MEMORY_BUDGET_MB: '3000' } });
    expect((await putCatalog(server, goteborgCatalog(5))).status).to.equal(201);
    expect((await fetch(`${server.url}/catalogs/goteborg.ttl`)).status).to.equal(200);
    expect((await fetch(`${server.url}/catalogs/goteborg/no-such-thing`)).status).to.equal(404);
  });
  after(async () => {
    await server?.stop();
  });

  async function metrics(): Promise<string> {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-type')).to.match(/^text\/plain; version=0\.0\.4/);
    return res.text();
  }

  it('serves the named counters, memory per component, queue depths and process metrics', async () => {
    const text = await metrics();
    for (const name of ['dpv_parse_timeouts_total', 'dpv_query_timeouts_total', 'dpv_rate_limited_total']) {
      expect(text, name).to.match(new RegExp(`^# TYPE ${name} counter$`, 'm'));
      expect(text, name).to.match(new RegExp(`^${name} 0$`, 'm'));
    }
    for (const component of ['main', 'replicas', 'parsers', 'validation', 'extraction', 'catalogTexts']) {
      const bytes = new RegExp(`^dpv_memory_bytes\\{component="${component}"\\} (\\d+)`, 'm').exec(text);
      expect(bytes, component).to.not.equal(null);
      expect(text).to.match(new RegExp(`^dpv_memory_share_bytes\\{component="${component}"\\} \\d+`, 'm'));
    }
    // Each replica holds the store: its wasm memory is part of what it reports.
    expect(Number(/^dpv_memory_bytes\{component="replicas"\} (\d+)/m.exec(text)![1])).to.be.greaterThan(2_000_000);
    expect(text).to.match(/^dpv_memory_budget_bytes 3145728000$/m);
    for (const queue of ['replicas', 'parsers', 'validation', 'extraction', 'search_index']) {
      expect(text).to.match(new RegExp(`^dpv_queue_depth\\{queue="${queue}"\\} \\d+$`, 'm'));
    }
    expect(text).to.match(/^process_resident_memory_bytes \d+/m);
    expect(text).to.match(/^nodejs_heap_size_used_bytes \d+/m);
  });

  it('counts requests by route pattern and status, never by URL', async () => {
    const text = await metrics();
    expect(text).to.match(/^dpv_http_requests_total\{method="PUT",route="\/catalogs\/:name",status="201"\} 1$/m);
    expect(text).to.match(/^dpv_http_requests_total\{method="GET",route="\/catalogs\/:name",status="200"\} \d+$/m);
    expect(text).to.match(/^dpv_http_request_duration_seconds_count\{method="PUT",route="\/catalogs\/:name",status="201"\} 1$/m);
    expect(text).to.match(/^dpv_http_requests_total\{method="GET",route="\/catalogs\/:id\/\*path",status="404"\} 1$/m);
    expect(text, 'a label holds a URL').to.not.match(/goteborg|no-such-thing/);
  });

  it('keeps /healthz fields and adds the budget and each component', async () => {
    const body = await health(server);
    for (const field of ['status', 'quads', 'seq', 'replicas', 'replicasReady', 'catalogIndexes', 'search']) expect(body).to.have.property(field);
    const { memory } = body;
    expect(memory.rss).to.be.a('number').greaterThan(0);
    expect(memory.mainHeapUsed).to.be.a('number').greaterThan(0);
    expect(memory.budget).to.deep.equal({ bytes: 3000 * 1024 * 1024, source: 'MEMORY_BUDGET_MB' });
    const { components } = memory;
    expect(components.replicas.replicas).to.have.length(body.replicas);
    for (const replica of components.replicas.replicas) expect(replica.external, replica.name).to.be.greaterThan(0);
    expect(components.validation.threads.length).to.be.greaterThan(0);
    expect(components.parsers.threads.length).to.be.greaterThan(0);
    // The shares divide the budget; none is more than it.
    const shares = Object.values(components).map((c) => c.shareBytes);
    for (const share of shares) expect(share).to.be.greaterThan(0).and.at.most(memory.budget.bytes);
    expect(components.catalogTexts.catalogs).to.equal(1);
    expect(components.catalogTexts.bytes).to.be.greaterThan(0).and.at.most(components.catalogTexts.shareBytes);
    expect(components.searchIndex.datasets).to.be.at.least(0);
  });
});
