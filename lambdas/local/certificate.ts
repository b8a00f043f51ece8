/**
 * A self-signed certificate for `--ssl`: the KPL (and anything else that insists on TLS) can reach
 * the local endpoint once the certificate is trusted. Valid for localhost and 127.0.0.1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TlsIdentity } from './server';

export async function selfSignedIdentity(): Promise<TlsIdentity> {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    notAfterDate: new Date(Date.now() + 825 * 86_400_000),
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] }],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Writes the certificate where clients can be pointed at it; returns its path. */
export function writeCertificate(identity: TlsIdentity, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'runnel-local.pem');
  writeFileSync(file, identity.cert);
  return file;
}
