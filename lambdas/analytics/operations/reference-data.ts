/**
 * Reference tables are read whole from S3, through the reference's own role as the service reads
 * them (locally: the embedded S3). Unlike KDA, which loads them on start and UpdateApplication
 * only, every run reads them again, so a changed object is seen from the next run: keeping a
 * copy of up to 1 GB in the application's state would cost more than one GET a run.
 */
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { Runtime } from '../../runtime/context';
import { mapRecord, type SourceSchema } from '../sql/input-schema';
import type { ApplicationItem } from '../domain/application';
import type { TableRows } from '../domain/configuration';

export async function loadReferenceTables(rt: Runtime, app: ApplicationItem): Promise<TableRows> {
  const tables: TableRows = new Map();
  for (const ref of app.references) {
    const source = ref.S3ReferenceDataSource!;
    const bucket = source.BucketARN!.slice(source.BucketARN!.indexOf(':::') + 3);
    const s3 = await rt.destinations.s3(source.ReferenceRoleARN!, bucket);
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: source.FileKey }));
    const mapped = mapRecord(ref.ReferenceSchema as SourceSchema, await object.Body!.transformToString('utf8'));
    if ('error' in mapped) throw new Error(`reference table ${ref.TableName}: ${mapped.error}`);
    tables.set(ref.TableName!, mapped.rows);
  }
  return tables;
}
