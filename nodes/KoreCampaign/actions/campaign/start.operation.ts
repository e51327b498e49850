import { defineOperation } from '../operation';
import { triggerOperation } from './campaignTrigger';

/** Start: starts the campaign now (Kore's `trigger=play`). */
export const start = defineOperation(
	triggerOperation('play', {
		name: 'Start',
		value: 'start',
		description: 'Start the campaign now: Kore.ai begins calling or texting its contacts',
		action: 'Start a campaign',
	}),
);
