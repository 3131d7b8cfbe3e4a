import { createWorkerProviders } from '../../worker/providers';

describe('the providers a worker serves', () => {
  it('include DMS and Prometheus replication, and SQS and Service Bus queues', () => {
    const providers = createWorkerProviders();
    expect(Object.keys(providers.replication).sort()).toEqual(['dms', 'prometheus']);
    expect(Object.keys(providers.queues).sort()).toEqual(['servicebus', 'sqs']);
    expect(Object.keys(providers.dns).sort()).toEqual(['azure', 'route53']);
  });
});
