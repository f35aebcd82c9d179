export default definePageConfig({ navigationBarTitleText: '本县节假日' });
