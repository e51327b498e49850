import type { INodeProperties } from 'n8n-workflow';

import { disableSchedule } from './disableSchedule.operation';
import { getMany } from './getMany.operation';
import type { KoreOperation } from './operation';
import { schedule } from './schedule.operation';

/** Every operation, in the order the editor lists them. Adding one is one file and one line here. */
export const OPERATIONS: KoreOperation[] = [schedule, disableSchedule, getMany];

/** The operation with this value, if any. */
export function operationNamed(value: unknown): KoreOperation | undefined {
	return OPERATIONS.find((operation) => operation.option.value === value);
}

/** The Operation dropdown. */
export const operationProperty: INodeProperties = {
	displayName: 'Operation',
	name: 'operation',
	type: 'options',
	noDataExpression: true,
	default: 'schedule',
	options: OPERATIONS.map((operation) => operation.option),
};
