import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  type HeadObjectCommandOutput,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { DocumentIntake, type DocumentUpload } from './intake';
import type { DocumentMediaType } from './media-type';
import type { DocumentPolicy } from './policy';
import {
  checkHash,
  verifiedContent,
  type DocumentStore,
  type OpenedDocument,
  type StoredDocument,
} from './port';

export interface S3Settings {
  readonly bucket: string;
  /** e.g. https://s3.hcm.example.vn or http://minio:9000; absent means AWS itself. */
  readonly endpoint?: string;
  readonly region: string;
  /** Path-style addressing (MinIO and most S3-compatible servers). */
  readonly forcePathStyle: boolean;
  /** Absent: the SDK's default chain (environment, profile, instance role). */
  readonly accessKeyId?: string;
  readonly secretAccessKey?: string;
  /** Key prefix, e.g. "ntm/" to share a bucket. */
  readonly prefix: string;
}

export interface S3DocumentStoreOptions {
  readonly s3: S3Settings;
  readonly policy: DocumentPolicy;
  readonly now?: () => Date;
  /** Size of a multipart part (at least 5 MiB, S3's minimum); one part at a time is held. */
  readonly partBytes?: number;
}

const MIN_PART = 5 * 1024 * 1024;

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Documents in an S3-compatible bucket, for deployments whose evidence outgrows the database: one object per
 * content at `<prefix>sha256/<hash>`, its metadata (file name, type, first upload) in the object's metadata.
 *
 * An upload streams to a temporary object `<prefix>uploads/<uuid>` (multipart, one part in memory at a time)
 * while the intake checks it; once the hash is known, the object is copied to its address unless that exists
 * already, and the temporary object is deleted. A refused upload is aborted and deleted. Temporary objects left
 * by a crash are never read: a lifecycle rule on `uploads/` can expire them.
 */
export class S3DocumentStore implements DocumentStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly now: () => Date;

  constructor(private readonly options: S3DocumentStoreOptions) {
    const { s3 } = options;
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      ...(s3.accessKeyId && s3.secretAccessKey
        ? { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }
        : {}),
    });
    this.bucket = s3.bucket;
    this.prefix = s3.prefix;
    this.now = options.now ?? (() => new Date());
  }

  private key(hash: string) {
    return `${this.prefix}sha256/${hash}`;
  }

  async put(upload: DocumentUpload): Promise<StoredDocument> {
    const intake = new DocumentIntake(upload, this.options.policy);
    const chunks = intake.chunks();
    // The first chunk passes the type check before anything is sent to the bucket.
    const first = await chunks.next();
    const body = Readable.from(
      (async function* () {
        if (!first.done) yield first.value;
        yield* chunks;
      })(),
    );
    const temporary = `${this.prefix}uploads/${randomUUID()}`;
    const transfer = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: temporary, Body: body },
      partSize: Math.max(MIN_PART, this.options.partBytes ?? MIN_PART),
      queueSize: 1,
      leavePartsOnError: false,
    });
    try {
      await transfer.done();
      const checked = intake.finish();
      const existing = await this.stat(checked.sha256);
      if (existing) return existing;
      const meta: StoredDocument = { ...checked, storedAt: this.now().toISOString() };
      try {
        await this.copy(temporary, meta);
      } catch (error) {
        // Another put of the same content may have written the key meanwhile (a store may refuse a copy racing
        // another onto one key): then the content is stored, once, and that put's record is the answer.
        const stored = await this.stat(meta.sha256).catch(() => null);
        if (!stored) throw error;
        return stored;
      }
      return meta;
    } catch (error) {
      body.destroy();
      throw error;
    } finally {
      await this.client
        .send(new DeleteObjectCommand({ Bucket: this.bucket, Key: temporary }))
        .catch(() => undefined);
    }
  }

  /** Copies the temporary upload to the content's own key, with its metadata. */
  private async copy(temporary: string, meta: StoredDocument): Promise<void> {
    await this.client.send(
      new CopyObjectCommand({
        Bucket: this.bucket,
        Key: this.key(meta.sha256),
        CopySource: `${this.bucket}/${encodeURIComponent(temporary).replace(/%2F/g, '/')}`,
        MetadataDirective: 'REPLACE',
        ContentType: meta.mediaType,
        Metadata: {
          filename: encodeURIComponent(meta.fileName),
          storedat: meta.storedAt,
          sha256: meta.sha256,
        },
      }),
    );
  }

  private toStored(hash: string, head: HeadObjectCommandOutput): StoredDocument {
    return {
      sha256: hash,
      size: Number(head.ContentLength ?? 0),
      mediaType: head.ContentType as DocumentMediaType,
      fileName: decodeURIComponent(head.Metadata?.filename ?? ''),
      storedAt: head.Metadata?.storedat ?? '',
    };
  }

  async stat(sha256: string): Promise<StoredDocument | null> {
    const hash = checkHash(sha256);
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }),
      );
      return this.toStored(hash, head);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async open(sha256: string): Promise<OpenedDocument | null> {
    const hash = checkHash(sha256);
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.key(hash) }));
      return { meta: this.toStored(hash, got), content: verifiedContent(hash, got.Body as Readable) };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  /** The bucket is provisioned with the deployment (and its lifecycle rule for `uploads/`): nothing to create. */
  async install(): Promise<void> {}

  async close(): Promise<void> {
    this.client.destroy();
  }
}
