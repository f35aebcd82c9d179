import { Button } from '@nutui/nutui-react-taro';
import type { Paged } from '../hooks/usePaged';

/** "加载更多" under a keyset-paged list, while there is a next page. */
export function LoadMore({
  list,
  testId = 'load-more',
}: {
  list: Pick<Paged<unknown>, 'hasMore' | 'loadingMore' | 'more'>;
  testId?: string;
}) {
  if (!list.hasMore) return null;
  return (
    <Button block size="large" className="big-button" loading={list.loadingMore} onClick={() => void list.more()} data-testid={testId}>
      加载更多
    </Button>
  );
}
