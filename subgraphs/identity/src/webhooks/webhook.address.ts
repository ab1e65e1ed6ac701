import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { Agent } from 'undici';

/**
 * Whether an IP address is anything but public unicast: loopback, private (RFC 1918), link-local (with the
 * cloud metadata address 169.254.169.254), unique-local IPv6, carrier-grade NAT, unspecified, multicast,
 * reserved, and IPv6 forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo). A webhook sent there
 * would let whoever sets the URL probe the hub's own network (SSRF).
 */
export function isInternalAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return false;
  // `process` turns ::ffff:a.b.c.d into a.b.c.d, so a mapped address gets its IPv4 range
  return ipaddr.process(bare).range() !== 'unicast';
}

/** Why a webhook URL is refused as it stands (its host is an internal IP literal), or null. Hostnames are checked at delivery. */
export function internalWebhookUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return null; // not a URL at all: the input's own validation says so
  }
  return isInternalAddress(host) ? `webhookUrl points at the internal address ${host}` : null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A DNS lookup for outgoing connections that refuses a name resolving to an internal address. It runs at
 * connect time, on the very addresses the socket then uses, so a name that resolved to a public address at
 * registration and to 127.0.0.1 now (DNS rebinding) is refused too.
 */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const internal = addresses.find((entry) => isInternalAddress(entry.address));
    if (internal) {
      const refused: NodeJS.ErrnoException = new Error(`${hostname} resolves to the internal address ${internal.address}`);
      refused.code = 'EINTERNALADDRESS';
      return callback(refused, []);
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/** The HTTP client's connection pool for webhook deliveries; with `allowPrivate` false it reaches public addresses only. */
export function webhookAgent(allowPrivate: boolean): Agent {
  return new Agent(allowPrivate ? {} : { connect: { lookup: publicOnlyLookup } });
}
