export default definePageConfig({ navigationBarTitleText: '查找案件' });
