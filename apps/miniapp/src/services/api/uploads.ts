import type { UploadLink, UploadPurpose, UploadView } from '@union/shared';
import { http, uploadFile } from '../request';

export const uploadsApi = {
  /** POST /api/uploads (multipart: `file` and `purpose`). */
  upload: (filePath: string, purpose: UploadPurpose) => uploadFile<UploadView>('/uploads', filePath, 'file', { purpose }),
  /** A short-lived link to the file's bytes. */
  link: (id: number) => http.get<UploadLink>(`/uploads/${id}/link`),
};
