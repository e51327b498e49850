// The node and credential classes from the build, for code in this repository that wants them
// directly (`npm run bench` times loading them through this file). n8n itself loads the files
// listed under "n8n" in package.json, so this file is not part of the published tarball.
module.exports = {
	KoreCampaignSchedule: require('./dist/nodes/KoreCampaign/KoreCampaignSchedule.node.js')
		.KoreCampaignSchedule,
	KoreAiApi: require('./dist/credentials/KoreAiApi.credentials.js').KoreAiApi,
};
