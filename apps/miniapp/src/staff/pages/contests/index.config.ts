export default definePageConfig({ navigationBarTitleText: '劳动竞赛管理' });
