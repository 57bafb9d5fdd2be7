import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isForbiddenAddress, type Resolver } from './url-guard';

const resolvesTo = (...addresses: string[]): Resolver => async () => addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
const failing: Resolver = async () => {
  throw new Error('ENOTFOUND');
};

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1', '127.255.0.9', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.254', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '100.127.255.255', '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '255.255.255.255', '198.18.0.1',
    '::1', '::', 'fe80::1', 'febf::1', 'fc00::1', 'fd12:3456::1', 'ff02::1',
    '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.1.2.3', '::ffff:a9fe:a9fe', '::ffff:192.168.0.1', '64:ff9b::7f00:1',
  ])('refuses %s', (address) => expect(isForbiddenAddress(address)).toBe(true));

  it.each(['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '192.169.0.1', '11.0.0.1', '2606:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => expect(isForbiddenAddress(address)).toBe(false),
  );

  it('refuses what is not an address', () => expect(isForbiddenAddress('localhost')).toBe(true));
});

describe('checkWebhookUrl', () => {
  const strict = (resolve: Resolver) => ({ allowPrivate: false, resolve });

  it('accepts an https URL whose every address is public', async () => {
    const r = await checkWebhookUrl('https://hooks.example.com/in', strict(resolvesTo('93.184.216.34', '2606:2800:220:1::1')));
    expect(r).toMatchObject({ ok: true, addresses: ['93.184.216.34', '2606:2800:220:1::1'] });
  });

  it('refuses http:// unless private addresses are allowed', async () => {
    expect(await checkWebhookUrl('http://hooks.example.com/in', strict(resolvesTo('93.184.216.34')))).toMatchObject({ ok: false, reason: expect.stringMatching(/https/) });
    expect(await checkWebhookUrl('http://hooks.example.com/in', { allowPrivate: true, resolve: resolvesTo('93.184.216.34') })).toMatchObject({ ok: true });
  });

  it('refuses other schemes and credentials in the URL', async () => {
    expect((await checkWebhookUrl('ftp://hooks.example.com/', strict(resolvesTo('93.184.216.34')))).ok).toBe(false);
    expect((await checkWebhookUrl('file:///etc/passwd', { allowPrivate: true, resolve: resolvesTo('93.184.216.34') })).ok).toBe(false);
    expect((await checkWebhookUrl('https://u:p@hooks.example.com/', strict(resolvesTo('93.184.216.34')))).ok).toBe(false);
    expect((await checkWebhookUrl('not a url', strict(resolvesTo('93.184.216.34')))).ok).toBe(false);
  });

  it('refuses a host when any of its addresses is private (one bad record is enough)', async () => {
    const r = await checkWebhookUrl('https://mixed.example.com/', strict(resolvesTo('93.184.216.34', '10.0.0.5')));
    expect(r).toMatchObject({ ok: false, reason: expect.stringContaining('10.0.0.5') });
  });

  it('refuses IP literals in private ranges without asking the resolver, IPv6 and mapped forms included', async () => {
    for (const url of ['https://127.0.0.1/', 'https://[::1]:8443/', 'https://[::ffff:127.0.0.1]/', 'https://169.254.169.254/latest/meta-data', 'https://[fd00::1]/'])
      expect((await checkWebhookUrl(url, strict(failing))).ok, url).toBe(false);
    expect((await checkWebhookUrl('https://8.8.8.8/', strict(failing))).ok).toBe(true);
  });

  it('refuses a host that does not resolve', async () => {
    expect(await checkWebhookUrl('https://nowhere.invalid/', strict(failing))).toMatchObject({ ok: false, reason: expect.stringMatching(/could not be resolved/) });
  });

  it('allows loopback and private addresses with the allow flag', async () => {
    expect((await checkWebhookUrl('http://127.0.0.1:9999/hook', { allowPrivate: true, resolve: failing })).ok).toBe(true);
    expect((await checkWebhookUrl('https://intranet.local/', { allowPrivate: true, resolve: resolvesTo('192.168.0.10') })).ok).toBe(true);
  });
});
