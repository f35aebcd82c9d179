import { useEffect, useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import type { UploadView } from '@union/shared';
import { openUpload, uploadUrl } from '../services/uploader';
import { showError } from '../utils/feedback';
import { imageAlt } from '../utils/a11y';

/** Uploaded files as thumbnails (photos) or buttons (PDFs); a tap opens the file. Links are fetched per file and expire. */
export function EvidenceList({ uploads, testId = 'evidence' }: { uploads: UploadView[]; testId?: string }) {
  const [urls, setUrls] = useState<Record<number, string>>({});
  const ids = uploads.map((u) => u.id).join(',');

  useEffect(() => {
    let live = true;
    for (const u of uploads) {
      if (u.kind !== 'image') continue;
      uploadUrl(u.id)
        .then((url) => live && setUrls((prev) => ({ ...prev, [u.id]: url })))
        .catch(() => undefined); // the name and the open button still work
    }
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload only when the set of files changes
  }, [ids]);

  if (uploads.length === 0) return <Text className="muted">没有材料。</Text>;
  return (
    <View className="evidence" data-testid={testId}>
      {uploads.map((u) => (
        <View key={u.id} className="evidence__item" onClick={() => void openUpload(u).catch(showError)} data-testid={`${testId}-${u.id}`}>
          {u.kind === 'image' && urls[u.id] ? (
            <Image className="evidence__thumb" src={urls[u.id]} mode="aspectFill" {...imageAlt(`${u.purposeLabel}照片`)} />
          ) : (
            <View className="evidence__thumb evidence__thumb--file">
              <Text>{u.kind === 'pdf' ? 'PDF' : '照片'}</Text>
            </View>
          )}
          <Text className="evidence__label">{u.purposeLabel}</Text>
        </View>
      ))}
    </View>
  );
}
