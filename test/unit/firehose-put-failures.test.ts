/**
 * Storage failures while buffering cannot be produced for real against the local DynamoDB, so the
 * document client is mocked here: records that could not be buffered must be reported failed
 * (never acknowledged), per record for PutRecordBatch and as a 503 for PutRecord.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { putRecord } from '../../lambdas/firehose/actions/put-record';
import { putRecordBatch } from '../../lambdas/firehose/actions/put-record-batch';
import type { ActionContext } from '../../lambdas/runtime/context';

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'us-east-1' }));
const mock = mockClient(ddb);
const ctx = {
  ddb,
  account: '000000000000',
  region: 'us-east-1',
  clock: () => 1_700_000_000_000,
  random: () => 0,
  sleep: async () => undefined,
  config: { tables: { deliveryStreams: 'ds', buffers: 'buf' } },
  workflows: { start: async () => undefined, setSchedule: async () => undefined },
} as unknown as ActionContext;

const item = {
  pk: '000000000000#us-east-1',
  sk: 'orders',
  name: 'orders',
  id: 'abc',
  status: 'ACTIVE',
  type: 'DirectPut',
  versionId: 1,
  destination: { BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 } },
  tags: {},
};

describe('Firehose writes that cannot be buffered', () => {
  it('are reported per record by PutRecordBatch, with FailedPutCount', async () => {
    mock.reset();
    mock.on(GetCommand).resolves({ Item: item });
    mock.on(BatchWriteCommand).rejects(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));
    const res = await putRecordBatch({ DeliveryStreamName: 'orders', Records: [{ Data: Buffer.from('a') }, { Data: Buffer.from('b') }] }, ctx);
    expect(res).toEqual({
      FailedPutCount: 2,
      Encrypted: false,
      RequestResponses: [
        { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' },
        { ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' },
      ],
    });
  });

  it('fail only the records DynamoDB keeps refusing, and report the others stored', async () => {
    mock.reset();
    mock.on(GetCommand).resolves({ Item: item });
    // The buffer packs about 350 KB per item: these two records become two items, and DynamoDB
    // keeps returning the second one as unprocessed (throttled).
    mock.on(BatchWriteCommand).callsFake((input: BatchWriteCommandInput) => {
      const requests = input.RequestItems!.buf;
      return { UnprocessedItems: { buf: requests.filter((r) => r.PutRequest!.Item!.sk.endsWith('#0001')) } };
    });
    mock.on(UpdateCommand).resolves({ Attributes: { bytes: 300_000 } });
    const res = await putRecordBatch({ DeliveryStreamName: 'orders', Records: [{ Data: Buffer.alloc(300_000) }, { Data: Buffer.alloc(300_000) }] }, ctx);
    expect(res.FailedPutCount).toBe(1);
    expect(res.RequestResponses![0].RecordId).toMatch(/^\d{56}$/);
    expect(res.RequestResponses![1]).toEqual({ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' });
    // only the stored record's bytes are counted in the buffer
    expect(mock.commandCalls(UpdateCommand)[0].args[0].input.ExpressionAttributeValues).toEqual({ ':b': 300_000 });
  });

  it('fail PutRecord with a retryable ServiceUnavailableException (503)', async () => {
    mock.reset();
    mock.on(GetCommand).resolves({ Item: item });
    mock.on(BatchWriteCommand).rejects(new Error('network down'));
    await expect(putRecord({ DeliveryStreamName: 'orders', Record: { Data: Buffer.from('a') } }, ctx)).rejects.toMatchObject({ type: 'ServiceUnavailableException', status: 503 });
  });
});
