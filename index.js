// Entry point for `require('n8n-nodes-kore-campaign')`. n8n itself loads the files listed
// under "n8n" in package.json; this is for code that wants the classes directly.
module.exports = {
	KoreCampaignSchedule: require('./dist/nodes/KoreCampaignSchedule/KoreCampaignSchedule.node.js')
		.KoreCampaignSchedule,
	KoreAiApi: require('./dist/credentials/KoreAiApi.credentials.js').KoreAiApi,
};
