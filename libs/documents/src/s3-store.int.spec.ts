import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import S3rver from 's3rver';
import { S3DocumentStore, type S3Settings } from '@ntm/documents';
import { describeDocumentStore } from './testing/conformance';

/**
 * The S3 adapter against a real S3 protocol server: s3rver, in this process, by default; or the bucket named by
 * S3_TEST_BUCKET (with S3_TEST_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY), e.g. a MinIO.
 */
let server: S3rver | null = null;
let directory: string | null = null;
let settings: S3Settings;
let lister: S3DocumentStore;

describeDocumentStore(
  process.env.S3_TEST_BUCKET ? `S3 (${process.env.S3_TEST_ENDPOINT ?? 'AWS'})` : 'S3 (s3rver in process)',
  async () => {
    const prefix = `conformance-${Date.now()}/`;
    if (process.env.S3_TEST_BUCKET) {
      settings = {
        bucket: process.env.S3_TEST_BUCKET,
        endpoint: process.env.S3_TEST_ENDPOINT,
        region: process.env.S3_REGION ?? 'us-east-1',
        forcePathStyle: true,
        accessKeyId: process.env.S3_ACCESS_KEY_ID,
        secretAccessKey: process.env.S3_SECRET_ACCESS_KEY,
        prefix,
      };
    } else {
      directory = await mkdtemp(join(tmpdir(), 'ntm-s3rver-'));
      server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory });
      const { port } = await server.run();
      settings = {
        bucket: 'ntm-documents-test',
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        forcePathStyle: true,
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        prefix,
      };
    }
    lister = new S3DocumentStore({ s3: settings, policy: { allowedMediaTypes: [], maxBytes: 1 } });
    if (server) await lister.client.send(new CreateBucketCommand({ Bucket: settings.bucket }));
    return {
      make: ({ policy, now }) => new S3DocumentStore({ s3: settings, policy: policy!, now }),
      // Every object under the prefix, temporary uploads included: a refused upload leaves none.
      footprint: async () => {
        const listed = await lister.client.send(
          new ListObjectsV2Command({ Bucket: settings.bucket, Prefix: settings.prefix }),
        );
        return (listed.Contents ?? []).map((o) => `${o.Key}:${o.Size}`).sort();
      },
    };
  },
  async () => {
    await lister?.close();
    await server?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
  },
);
