/** SQS queue provider against moto: depth counts visible, in-flight and delayed messages. */
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { awsProviders } from '../../../activities/aws';
import { failureOf, sdkConfig, sqsSection, useMoto } from './fixtures';

const moto = useMoto();
let sqs: SQSClient;

beforeAll(() => {
  sqs = new SQSClient(sdkConfig(moto().endpoint));
});

const { sqs: queues } = awsProviders().queues;

async function createQueue(name: string): Promise<string> {
  return (await sqs.send(new CreateQueueCommand({ QueueName: name }))).QueueUrl!;
}

describe('SQS queue depth', () => {
  test('follows messages sent, received (in flight), deleted and delayed', async () => {
    const url = await createQueue('orders-events');
    const drain = sqsSection(moto().endpoint, ['orders-events']);
    const queue = drain.queues[0]!;
    await queues.check(drain, queue);
    expect(await queues.depth(drain, queue)).toBe(0);

    for (const body of ['a', 'b', 'c']) await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: body }));
    expect(await queues.depth(drain, queue)).toBe(3);

    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 1, VisibilityTimeout: 60 }));
    expect(received.Messages).toHaveLength(1);
    // Received but not deleted: still to be handled, so still counted.
    expect(await queues.depth(drain, queue)).toBe(3);

    await sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: received.Messages![0]!.ReceiptHandle! }));
    expect(await queues.depth(drain, queue)).toBe(2);

    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 }));
    expect(await queues.depth(drain, queue)).toBe(3);
  });

  test('takes a queue URL as well as a name', async () => {
    const url = await createQueue('billing-events');
    await sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'x' }));
    const drain = sqsSection(moto().endpoint, [url]);
    await queues.check(drain, drain.queues[0]!);
    expect(await queues.depth(drain, drain.queues[0]!)).toBe(1);
  });

  test('a queue that does not exist is a non-retryable error naming it', async () => {
    const drain = sqsSection(moto().endpoint, ['orders-evnts']);
    const failure = await failureOf(queues.check(drain, drain.queues[0]!));
    expect(failure).toMatchObject({ type: 'QueueNotFound', nonRetryable: true });
    expect(failure.message).toContain('orders-evnts');
    expect(failure.message).toContain('check the queue name in drain.queues');

    const missingUrl = `${moto().endpoint}/123456789012/no-such-queue`;
    const byUrl = sqsSection(moto().endpoint, [missingUrl]);
    expect(await failureOf(queues.depth(byUrl, byUrl.queues[0]!))).toMatchObject({ type: 'QueueNotFound', nonRetryable: true });
  });
});
