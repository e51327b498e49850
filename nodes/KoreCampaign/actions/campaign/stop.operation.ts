import { defineOperation } from '../operation';
import { triggerOperation } from './campaignTrigger';

/** Stop: stops the running campaign (Kore's `trigger=stop`); safe to repeat. */
export const stop = defineOperation(
	triggerOperation('stop', {
		name: 'Stop',
		value: 'stop',
		description: 'Stop the running campaign: Kore.ai stops calling or texting its contacts',
		action: 'Stop a campaign',
	}),
);
