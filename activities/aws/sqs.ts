/**
 * Queues on SQS (`drain.provider: sqs`). A queue is named by its name (looked up with GetQueueUrl,
 * once per queue) or by its URL. Its depth counts every message still to be handled: visible,
 * received but not yet deleted (in flight), and delayed.
 */
import { GetQueueAttributesCommand, GetQueueUrlCommand, type QueueAttributeName } from '@aws-sdk/client-sqs';
import type { SqsDrain } from '../../workflows/runbook/provider-sections';
import type { DrainConfig, QueueConfig, QueueProvider } from '../providers';
import type { AwsClients } from './clients';
import { awsCall, type Permanent, permanentFailure } from './errors';

const DEPTH_ATTRIBUTES: QueueAttributeName[] = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];

const queueMissing: Permanent = { type: 'QueueNotFound', hint: 'check the queue name in drain.queues (and drain.region)' };
/** JSON-protocol SQS names the error QueueDoesNotExist; the query protocol's code is the long one. */
const SQS_ERRORS: Record<string, Permanent> = { QueueDoesNotExist: queueMissing, 'AWS.SimpleQueueService.NonExistentQueue': queueMissing };

function asSqs(drain: DrainConfig): SqsDrain {
  if (drain.provider !== 'sqs') throw permanentFailure(`drain.provider is "${drain.provider}", not sqs`, 'UnknownProvider');
  return drain;
}

const isUrl = (name: string) => /^https?:\/\//i.test(name);

export function sqsQueues(clients: AwsClients): QueueProvider {
  const urls = new Map<string, string>();

  async function queueUrl(drain: SqsDrain, queue: QueueConfig): Promise<string> {
    if (isUrl(queue.name)) return queue.name;
    const key = JSON.stringify([drain.region ?? null, drain.endpoint ?? null, queue.name]);
    let url = urls.get(key);
    if (!url) {
      const answer = await awsCall(`looking up queue ${queue.name}`, () => clients.sqs(drain).send(new GetQueueUrlCommand({ QueueName: queue.name })), SQS_ERRORS);
      if (!answer.QueueUrl) throw new Error(`SQS returned no URL for queue ${queue.name}`);
      url = answer.QueueUrl;
      urls.set(key, url);
    }
    return url;
  }

  async function attributes(drain: SqsDrain, queue: QueueConfig, names: QueueAttributeName[]): Promise<Partial<Record<QueueAttributeName, string>>> {
    const url = await queueUrl(drain, queue);
    const answer = await awsCall(
      `reading the attributes of queue ${queue.name}`,
      () => clients.sqs(drain).send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: names })),
      SQS_ERRORS,
    );
    return answer.Attributes ?? {};
  }

  return {
    async check(config, queue) {
      await attributes(asSqs(config), queue, ['QueueArn']);
    },

    async depth(config, queue) {
      const found = await attributes(asSqs(config), queue, DEPTH_ATTRIBUTES);
      return DEPTH_ATTRIBUTES.reduce((sum, name) => {
        const count = Number(found[name] ?? 0);
        if (!Number.isFinite(count)) throw new Error(`SQS returned ${name} "${found[name]}" for queue ${queue.name}`);
        return sum + count;
      }, 0);
    },
  };
}
