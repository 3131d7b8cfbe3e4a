/**
 * The Route 53 budget serves a rollback's requests before routine ones still waiting: the worker runs
 * its rollback lane's activities inside asRollback, and every request they make takes the rollback
 * turn. A client whose HTTP handler answers at once, in process, shows the order requests went.
 */
import { Readable } from 'node:stream';
import { GetChangeCommand, Route53Client } from '@aws-sdk/client-route-53';
import { asRollback, setRoute53CallsPerSecond, throughRoute53Budget } from '../../../activities/aws/route53-budget';

const IN_SYNC = (id: string) =>
  `<?xml version="1.0"?><GetChangeResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><ChangeInfo><Id>${id}</Id><Status>INSYNC</Status><SubmittedAt>2026-01-01T00:00:00Z</SubmittedAt></ChangeInfo></GetChangeResponse>`;

function recordingClient(went: string[]): Route53Client {
  const client = new Route53Client({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' },
    maxAttempts: 1,
    requestHandler: {
      handle: async (request: { path: string }) => {
        const id = request.path.split('/').pop()!;
        went.push(id);
        return { response: { statusCode: 200, headers: { 'content-type': 'text/xml' }, body: Readable.from([IN_SYNC(id)]) } };
      },
    } as never,
  });
  throughRoute53Budget(client);
  return client;
}

describe('Route 53 budget order', () => {
  afterAll(() => setRoute53CallsPerSecond(5));

  test("sends a rollback's requests before routine requests that asked earlier", async () => {
    setRoute53CallsPerSecond(10);
    const went: string[] = [];
    const client = recordingClient(went);
    const get = (id: string) => client.send(new GetChangeCommand({ Id: id }));

    const routine = ['canary-0', 'canary-1', 'canary-2', 'canary-3'].map(get);
    const rollback = asRollback(() => get('rollback'));
    await Promise.all([...routine, rollback]);

    expect(went).toEqual(['canary-0', 'rollback', 'canary-1', 'canary-2', 'canary-3']);
  });
});
