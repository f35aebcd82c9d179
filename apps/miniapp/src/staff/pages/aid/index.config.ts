export default definePageConfig({ navigationBarTitleText: '困难档案与帮扶发放' });
