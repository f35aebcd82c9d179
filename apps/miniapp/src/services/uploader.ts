import Taro from '@tarojs/taro';
import type { UploadPurpose, UploadView } from '@union/shared';
import { uploadsApi } from './api/uploads';
import { absoluteUrl } from './request';

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * Let the user take or pick photos, then upload them one by one. Each finished upload is handed to
 * `onUploaded` at once, so a failure half-way keeps what already went up. A cancelled pick does nothing.
 */
export async function pickAndUpload(purpose: UploadPurpose, onUploaded: (upload: UploadView) => void, count = 9): Promise<void> {
  let paths: string[];
  try {
    const picked = await Taro.chooseImage({ count, sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    paths = picked.tempFilePaths;
  } catch {
    return; // the user cancelled
  }
  for (const path of paths) onUploaded(await uploadsApi.upload(path, purpose));
}

/** A link to show an uploaded file (valid for a short while). */
export async function uploadUrl(id: number): Promise<string> {
  return absoluteUrl((await uploadsApi.link(id)).url);
}

/** Open an uploaded file: photos in the image viewer, PDFs in the document viewer (a new tab in the browser). */
export async function openUpload(upload: UploadView): Promise<void> {
  const url = await uploadUrl(upload.id);
  if (upload.kind === 'image') {
    await Taro.previewImage({ urls: [url], current: url });
    return;
  }
  if (isH5) {
    window.open(url, '_blank', 'noopener');
    return;
  }
  const { tempFilePath } = await Taro.downloadFile({ url });
  await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf', showMenu: false });
}
