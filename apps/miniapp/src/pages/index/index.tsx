import { useEffect, useState } from 'react';
import { isTerminalState, type OrganizationView } from '@union/shared';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Choice } from '../../components/Choice';
import { applicationsApi } from '../../services/api/membership';
import { organizationsApi } from '../../services/api/organizations';
import { chooseCounty, chosenCountyId } from '../../services/county';
import { meApi } from '../../services/api/me';
import { refreshUnreadBadge } from '../../services/badge';
import { isLoggedIn } from '../../services/tokens';
import { showError, toast } from '../../utils/feedback';
import { route } from '../../utils/nav';
import { asButton } from '../../utils/a11y';

interface Tile {
  key: string;
  title: string;
  desc: string;
  soon: boolean;
}

const TILES: Tile[] = [
  { key: 'join', title: '入会', desc: '加入工会，领电子会员证', soon: false },
  { key: 'hardship', title: '困难帮扶', desc: '生活困难，向工会申请帮扶', soon: false },
  { key: 'legal', title: '法律服务', desc: '预约律师、在线咨询、法律援助', soon: false },
  { key: 'contest', title: '劳动竞赛', desc: '报名比赛、看结果、提合理化建议', soon: false },
];

export default function Index() {
  const [busy, setBusy] = useState(false);
  // A province's deployment serves several counties: the worker says which is theirs once (kept on the phone).
  const [counties, setCounties] = useState<OrganizationView[]>([]);
  const [countyId, setCountyId] = useState(chosenCountyId());

  useDidShow(() => {
    void refreshUnreadBadge();
  });
  useEffect(() => {
    organizationsApi.counties().then(setCounties, () => setCounties([]));
  }, []);
  const pickCounty = (id: number) => {
    chooseCounty(id);
    setCountyId(id);
  };

  // 入会 goes to where the worker stands: the card, the open application, or a new one.
  const openJoin = async () => {
    if (!isLoggedIn()) {
      // After logging in the worker lands back here and taps 入会 again with their status known.
      await Taro.navigateTo({ url: '/pages/login/index' });
      return;
    }
    setBusy(true);
    try {
      const me = await meApi.get();
      if (me.isMember) {
        await Taro.navigateTo({ url: '/pages/membership/card/index' });
        return;
      }
      // An open application is the newest: the first page holds it.
      const mine = await applicationsApi.mine();
      const open = mine.items.find((a) => !isTerminalState('membership_application', a.state));
      if (open) {
        await Taro.navigateTo({ url: route('/pages/membership/application/index', { id: open.id }) });
        return;
      }
      await Taro.navigateTo({ url: '/pages/membership/apply/index' });
    } catch (e) {
      await showError(e);
    } finally {
      setBusy(false);
    }
  };

  const onTile = (tile: Tile) => {
    if (tile.soon) {
      toast(`${tile.title}即将开放，敬请期待`);
      return;
    }
    if (tile.key === 'contest') {
      void Taro.navigateTo({ url: '/pages/contest/index/index' });
      return;
    }
    if (tile.key === 'legal') {
      void Taro.navigateTo({ url: '/pages/legal/index/index' });
      return;
    }
    if (tile.key === 'hardship') {
      // Open to everyone: the entry explains, and the self-test needs no login.
      void Taro.navigateTo({ url: '/pages/hardship/index/index' });
      return;
    }
    if (!busy) void openJoin();
  };

  return (
    <View className="page">
      <View className="card">
        <Text className="card__title">职工之家，服务到身边</Text>
        <Text className="muted">点下面的服务开始办理。入会大约需要 3 分钟。</Text>
      </View>
      {counties.length > 1 ? (
        <View className="card" data-testid="county-choice">
          <Text className="card__title">您在哪个县(市、区)工作</Text>
          <Text className="muted">帮扶标准、法律援助中心和律师按县(市、区)安排，选一次就记住了。</Text>
          {counties.map((c) => (
            <Choice
              key={c.id}
              title={c.name}
              desc={c.pathNames.slice(0, -1).join(' · ')}
              selected={countyId === c.id}
              onSelect={() => pickCounty(c.id)}
              testId={`county-${c.id}`}
            />
          ))}
        </View>
      ) : null}
      <View className="tiles">
        {TILES.map((tile) => (
          <View
            key={tile.key}
            className={`tile${tile.soon ? ' tile--soon' : ''}`}
            onClick={() => onTile(tile)}
            data-testid={`tile-${tile.key}`}
            {...asButton(`${tile.title}：${tile.desc}`)}
          >
            <Text className="tile__title">{tile.title}</Text>
            <Text className="tile__desc">{tile.desc}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
