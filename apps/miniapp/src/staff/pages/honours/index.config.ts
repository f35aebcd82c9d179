export default definePageConfig({ navigationBarTitleText: '荣誉推荐' });
