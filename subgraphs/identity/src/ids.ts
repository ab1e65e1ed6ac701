import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789';

/** Random, opaque ids: never derived from a phone number, a name or a row number. */
export function randomId(prefix: string, length = 16): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += BASE32[byte % BASE32.length];
  return id;
}

export const newUnionId = () => randomId('un_');
export const newOpenId = () => randomId('o_', 24);
export const newAppId = () => randomId('app_', 12);
export const newAppSecret = () => randomBytes(24).toString('base64url');

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** App secrets are stored as salted scrypt hashes; the plain secret is shown once at registration. */
export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(secret, salt, 32);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(secret, Buffer.from(salt, 'base64url'), expected.length);
  return timingSafeEqual(actual, expected);
}
