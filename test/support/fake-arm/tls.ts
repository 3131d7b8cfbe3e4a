/**
 * A throwaway certificate for the fake ARM server. HTTPS is not optional: the Azure SDK's bearer
 * token policy refuses to send a token to any URL that is not https://, so a plain-HTTP fake could
 * never be reached by the real clients. Tests trust this certificate by handing it to the clients
 * (`tlsOptions: { ca }`), never by turning verification off.
 */
import { generate } from 'selfsigned';

export interface Certificate {
  key: string;
  cert: string;
}

export async function localCertificate(): Promise<Certificate> {
  const pems = await generate([{ name: 'commonName', value: 'fake-arm.localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
