/** The capacity settings as read from the environment: defaults, validation, and TRUST_PROXY's forms. */
import { expect } from 'chai';
import { ConfigError, readConfig } from '../../src/config.js';

describe('capacity configuration', () => {
  it('has defaults a deployment can run with', () => {
    const config = readConfig({});
    expect(config).to.include({ trustProxy: false, rateLimitPerMinute: 600, costlyRateLimitPerMinute: 60, costlyConcurrencyPerClient: 2, sparqlConcurrency: undefined, publicWorkQueue: 16 });
  });

  it('reads TRUST_PROXY as false, a hop count, or proxies by address, subnet or name', () => {
    const trust = (value: string) => readConfig({ TRUST_PROXY: value }).trustProxy;
    expect(trust('false')).to.equal(false);
    expect(trust('1')).to.equal(1);
    expect(trust('loopback, 10.0.0.0/8,2001:db8::/32 , 192.0.2.7, 172.16.0.0/255.240.0.0')).to.deep.equal(['loopback', '10.0.0.0/8', '2001:db8::/32', '192.0.2.7', '172.16.0.0/255.240.0.0']);
  });

  it('refuses TRUST_PROXY=true and what is not an address, and limits that are not whole numbers', () => {
    expect(() => readConfig({ TRUST_PROXY: 'true' })).to.throw(ConfigError, /hop count or the proxies/);
    for (const value of ['proxy.example.org', '10.0.0.0/33', '2001:db8::/129', '10.0.0.1/8/1']) {
      expect(() => readConfig({ TRUST_PROXY: value }), value).to.throw(ConfigError, /TRUST_PROXY/);
    }
    expect(() => readConfig({ COSTLY_RATE_LIMIT_PER_MINUTE: '-1' })).to.throw(ConfigError, /COSTLY_RATE_LIMIT_PER_MINUTE/);
    expect(() => readConfig({ SPARQL_CONCURRENCY: '0' })).to.throw(ConfigError, /SPARQL_CONCURRENCY must be an integer >= 1/);
    expect(readConfig({ SPARQL_CONCURRENCY: '2' }).sparqlConcurrency).to.equal(2);
  });

  it('gives each client twice QUERY_TIMEOUT_MS of query time a minute unless QUERY_TIME_PER_MINUTE_MS says otherwise', () => {
    expect(readConfig({}).queryTimePerMinuteMs).to.equal(60_000);
    expect(readConfig({ QUERY_TIMEOUT_MS: '3000' }).queryTimePerMinuteMs).to.equal(6_000);
    expect(readConfig({ QUERY_TIMEOUT_MS: '3000', QUERY_TIME_PER_MINUTE_MS: '120000' }).queryTimePerMinuteMs).to.equal(120_000);
    expect(readConfig({ QUERY_TIME_PER_MINUTE_MS: '0' }).queryTimePerMinuteMs).to.equal(0);
    expect(() => readConfig({ QUERY_TIME_PER_MINUTE_MS: '1.5' })).to.throw(ConfigError, /QUERY_TIME_PER_MINUTE_MS must be an integer >= 0/);
  });
});
