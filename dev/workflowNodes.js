'use strict';
// Building blocks of the n8n workflows the e2e suite and the benchmark import: the nodes every one
// of them starts with.

/** A Manual Trigger named "Start" (what `n8n execute` starts from). */
function startNode(workflowId) {
	return {
		id: `${workflowId}-t`,
		name: 'Start',
		type: 'n8n-nodes-base.manualTrigger',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
}

/** A Code node named "Rows" that returns the items `jsCode` builds. */
function rowsNode(workflowId, jsCode, position = [220, 0]) {
	return {
		id: `${workflowId}-c`,
		name: 'Rows',
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
		parameters: { jsCode },
	};
}

module.exports = { startNode, rowsNode };
