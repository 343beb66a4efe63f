import { runGmBench } from './gmBench';

describe('runGmBench', () => {
  it('measures every operation', async () => {
    const results = await runGmBench({ seconds: 0.01 });
    expect(results.map(r => r.name)).toEqual(
      expect.arrayContaining(['SM2 sign (ours, @noble/curves)', 'SM2 sign (sm-crypto 0.5.8)', 'SM2 certificate: encode TBS + sign', 'SM2 OCSP response: encode + sign (1 SingleResponse)', 'SM2 timestamp token: encode + sign', 'SES_Signature v4: check seal + build + sign (1 KiB data)']),
    );
    expect(results).toHaveLength(16);
    for (const r of results) expect(r.opsPerSecond).toBeGreaterThan(0);
  }, 60_000);
});
