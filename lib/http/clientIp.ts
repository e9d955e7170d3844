// The client's address, as rate limits key it. X-Forwarded-For is read from the right: each proxy
// we trust appends the address it received the request from, so the right-most hop that is not
// one of ours is the client; everything to its left was written by the client and proves nothing.
import ipaddr from 'ipaddr.js';

/** TRUST_PROXY: how many proxies stand in front of us, or the address ranges of our proxies. */
export type ProxyTrust = { hops: number } | { cidrs: string[] };

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Range = [Address, number];

/** A ProxyTrust made ready for matching, once at start-up. */
export type CompiledTrust = { hops: number } | { ranges: Range[] };

/** Whether any proxy is trusted at all: only then do X-Forwarded-Proto and -Host mean anything. */
export function trustsAnyProxy(trust: ProxyTrust): boolean {
  return 'hops' in trust ? trust.hops > 0 : trust.cidrs.length > 0;
}

export function compileTrust(trust: ProxyTrust): CompiledTrust {
  return 'hops' in trust ? trust : { ranges: trust.cidrs.map(parseRange) };
}

/** A CIDR, or a bare address meaning that host alone. Throws on anything else. */
export function parseRange(text: string): Range {
  if (ipaddr.isValidCIDR(text)) {
    const [address, bits] = ipaddr.parseCIDR(text);
    // A v4-mapped v6 range (::ffff:10.0.0.0/104) matches the v4 addresses it maps.
    return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96
      ? [(address as ipaddr.IPv6).toIPv4Address(), bits - 96]
      : [address, bits];
  }
  const address = parseAddress(text);
  if (!address) throw new Error(`not an address or CIDR: ${text}`);
  return [address, address.kind() === 'ipv4' ? 32 : 128];
}

/** One hop as proxies write it: `1.2.3.4`, `1.2.3.4:5678`, `::1`, `[::1]:80`. v4-mapped v6 becomes v4. */
export function parseAddress(text: string): Address | null {
  let t = text.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(t);
  if (bracketed) t = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(t)) t = t.slice(0, t.lastIndexOf(':'));
  // Only the usual spellings: ipaddr.js would also read "1", "0x7f.1" or "010.0.0.1" as IPv4.
  if (!ipaddr.IPv4.isValidFourPartDecimal(t) && !ipaddr.IPv6.isValid(t)) return null;
  return ipaddr.process(t);
}

function trusted(address: Address, ranges: Range[]): boolean {
  return ranges.some(([range, bits]) => range.kind() === address.kind() && address.match(range, bits));
}

/**
 * The client's address: the socket's peer when it is not a proxy we trust, else the hop to the
 * left of it in X-Forwarded-For, and so on. With every hop trusted, the left-most. A hop that does
 * not parse stops the walk at the last address a trusted proxy vouched for.
 */
export function clientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trust: CompiledTrust): Address | null {
  let current = remote ? parseAddress(remote) : null;
  if (!current) return null;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '')).split(',').filter((h) => h.trim() !== '');
  for (let step = 0, i = hops.length - 1; i >= 0; step++, i--) {
    const isTrusted = 'hops' in trust ? step < trust.hops : trusted(current, trust.ranges);
    if (!isTrusted) break;
    const next = parseAddress(hops[i]);
    if (!next) break;
    current = next;
  }
  return current;
}

/** The rate-limit key of an address: IPv4 as it is, IPv6 by its /64 (one subscriber's usual allocation). */
export function addressKey(address: Address | null): string {
  if (!address) return 'unknown';
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([...parts.slice(0, 4), 0, 0, 0, 0]).toString()}/64`;
}
