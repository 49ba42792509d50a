/**
 * Which IP addresses a server-side request (a webhook delivery) must not reach: loopback, private
 * networks, link-local (where cloud instance metadata lives), carrier-grade NAT, multicast and the
 * other special-purpose ranges. Answers what kind of address it is, or null for a public one.
 */
export function nonPublicAddressKind(address: string): string | null {
  const v4 = parseIpv4(address);
  if (v4 !== null) return ipv4Kind(v4);
  const v6 = parseIpv6(address);
  if (v6 === null) return 'not an IP address';
  return ipv6Kind(v6);
}

interface Ipv4Range {
  base: number;
  bits: number;
  kind: string;
}

const ip4 = (a: number, b: number, c: number, d: number) => ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;

const IPV4_RANGES: readonly Ipv4Range[] = [
  { base: ip4(0, 0, 0, 0), bits: 8, kind: 'an unspecified address' },
  { base: ip4(10, 0, 0, 0), bits: 8, kind: 'a private network address' },
  { base: ip4(100, 64, 0, 0), bits: 10, kind: 'a carrier-grade NAT address' },
  { base: ip4(127, 0, 0, 0), bits: 8, kind: 'a loopback address' },
  { base: ip4(169, 254, 0, 0), bits: 16, kind: 'a link-local address (cloud instance metadata)' },
  { base: ip4(172, 16, 0, 0), bits: 12, kind: 'a private network address' },
  { base: ip4(192, 0, 0, 0), bits: 24, kind: 'a special-purpose address' },
  { base: ip4(192, 0, 2, 0), bits: 24, kind: 'a documentation address' },
  { base: ip4(192, 168, 0, 0), bits: 16, kind: 'a private network address' },
  { base: ip4(198, 18, 0, 0), bits: 15, kind: 'a benchmarking address' },
  { base: ip4(198, 51, 100, 0), bits: 24, kind: 'a documentation address' },
  { base: ip4(203, 0, 113, 0), bits: 24, kind: 'a documentation address' },
  { base: ip4(224, 0, 0, 0), bits: 4, kind: 'a multicast address' },
  { base: ip4(240, 0, 0, 0), bits: 4, kind: 'a reserved address' },
];

function ipv4Kind(value: number): string | null {
  for (const range of IPV4_RANGES) {
    const mask = range.bits === 0 ? 0 : (0xffffffff << (32 - range.bits)) >>> 0;
    if ((value & mask) >>> 0 === range.base) return range.kind;
  }
  return null;
}

function parseIpv4(address: string): number | null {
  const parts = address.split('.');
  if (parts.length !== 4) return null;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return null;
    const octet = Number(part);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value;
}

/** Eight 16-bit groups, or null when the text is not an IPv6 address. A zone (`%eth0`) is ignored. */
function parseIpv6(text: string): number[] | null {
  let address = text.replace(/^\[|\]$/g, '').split('%')[0] ?? '';
  // A trailing dotted IPv4 address (::ffff:127.0.0.1) stands for the last two groups.
  const lastColon = address.lastIndexOf(':');
  const embedded = lastColon >= 0 ? parseIpv4(address.slice(lastColon + 1)) : null;
  if (embedded !== null) {
    address = `${address.slice(0, lastColon + 1)}${(embedded >>> 16).toString(16)}:${(embedded & 0xffff).toString(16)}`;
  }
  const halves = address.split('::');
  if (halves.length > 2) return null;
  const groupsOf = (part: string | undefined) => (part ? part.split(':') : []);
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const given = head.length + rest.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  const parse = (group: string) => (/^[0-9a-f]{1,4}$/i.test(group) ? Number.parseInt(group, 16) : null);
  const groups = [...head.map(parse), ...Array(8 - given).fill(0), ...rest.map(parse)];
  return groups.some((group) => group === null) ? null : (groups as number[]);
}

function ipv6Kind(groups: number[]): string | null {
  const [first = 0] = groups;
  const isZeroUntil = (index: number) => groups.slice(0, index).every((group) => group === 0);
  if (isZeroUntil(8)) return 'an unspecified address';
  if (isZeroUntil(7) && groups[7] === 1) return 'a loopback address';
  const embeddedV4 = ((groups[6] ?? 0) * 0x10000 + (groups[7] ?? 0)) >>> 0;
  // IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses reach the IPv4 address inside.
  if (isZeroUntil(5) && groups[5] === 0xffff) return ipv4Kind(embeddedV4);
  if (first === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0)) {
    return ipv4Kind(embeddedV4);
  }
  if ((first & 0xfe00) === 0xfc00) return 'a private network address';
  if ((first & 0xffc0) === 0xfe80) return 'a link-local address';
  if ((first & 0xff00) === 0xff00) return 'a multicast address';
  if (first === 0x2001 && groups[1] === 0x0db8) return 'a documentation address';
  return null;
}
