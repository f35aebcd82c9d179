import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { AppException, fail } from '../../common/app-exception';

/** The fields of POST /api/uploads, read from the multipart body (the file name is never kept). */
export interface UploadForm {
  purpose: string | null;
  bytes: Buffer | null;
}

const PART_LIMITS = new Set(['FST_PARTS_LIMIT', 'FST_FIELDS_LIMIT']);

/**
 * Read the `file` and `purpose` fields. The size limit is enforced while reading (the plugin stops
 * at UPLOAD_MAX_BYTES), so an oversized file is never held in memory whole.
 */
export async function readUploadForm(request: FastifyRequest): Promise<UploadForm> {
  if (!request.isMultipart()) {
    fail('validation_failed', '请以表单（multipart/form-data）上传文件', [{ field: 'file', message: '请选择文件' }]);
  }
  const form: UploadForm = { purpose: null, bytes: null };
  const unexpected = new Set<string>();
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname === 'file' && !form.bytes) form.bytes = await part.toBuffer();
        else {
          unexpected.add(part.fieldname);
          part.file.resume();
        }
      } else if (part.fieldname === 'purpose' && form.purpose === null && !part.valueTruncated) {
        form.purpose = String(part.value);
      } else {
        unexpected.add(part.fieldname);
      }
    }
  } catch (err) {
    if (err instanceof AppException) throw err;
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') fail('file_too_large');
    if (code === 'FST_FILES_LIMIT') fail('validation_failed', '一次只能上传一个文件', [{ field: 'file', message: '一次只能上传一个文件' }]);
    if (typeof code === 'string' && PART_LIMITS.has(code)) fail('validation_failed', '表单里的内容太多了');
    fail('validation_failed', '上传的内容不完整，请重新上传', [{ field: 'file', message: '上传的内容不完整' }]);
  }
  if (unexpected.size > 0) {
    fail(
      'validation_failed',
      undefined,
      [...unexpected].map((field) => ({ field, message: '不认识的字段' })),
    );
  }
  return form;
}
