export default definePageConfig({ navigationBarTitleText: '竞赛、荣誉、建议统计' });
