import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Config } from '../../config/configuration';
import { type FileStore, isStorageKey } from './file-store';

type S3 = typeof import('@aws-sdk/client-s3');

/**
 * The uploads in an S3-compatible object store (MinIO in the compose file, AWS S3, COS, OSS), so
 * that every server process reads and writes the same files: the bytes are already encrypted by
 * the upload service before they get here. The AWS SDK is loaded on first use only (a server on
 * local disk never loads it). Checksums are sent only where the API requires them, as third-party
 * stores expect.
 */
export class S3FileStore implements FileStore {
  private client: Promise<{ s3: S3; client: S3Client }> | null = null;

  constructor(private readonly config: S3Config) {}

  private sdk(): Promise<{ s3: S3; client: S3Client }> {
    this.client ??= import('@aws-sdk/client-s3').then((s3) => ({
      s3,
      client: new s3.S3Client({
        region: this.config.region,
        endpoint: this.config.endpoint ?? undefined,
        forcePathStyle: this.config.forcePathStyle,
        credentials: this.config.credentials ?? undefined,
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
        maxAttempts: 3,
      }),
    }));
    return this.client;
  }

  private keyOf(key: string): string {
    if (!isStorageKey(key)) throw new Error('invalid storage key');
    return this.config.prefix ? `${this.config.prefix}/${key}` : key;
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(
      new s3.PutObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(key), Body: bytes, ContentType: 'application/octet-stream' }),
    );
  }

  async get(key: string): Promise<Buffer | null> {
    const { s3, client } = await this.sdk();
    try {
      const answer = await client.send(new s3.GetObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(key) }));
      if (!answer.Body) return null;
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (err) {
      if (err instanceof s3.NoSuchKey || (err as { name?: string }).name === 'NoSuchKey') return null;
      throw err;
    }
  }

  async delete(key: string): Promise<void> {
    const { s3, client } = await this.sdk();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.config.bucket, Key: this.keyOf(key) }));
  }

  /** Close the client's connections (the app's shutdown). */
  async close(): Promise<void> {
    if (this.client) (await this.client).client.destroy();
  }
}
