'use strict';
// Seen in the real editor, in a real browser: brings up the same local n8n as `npm start`
// (package installed from its tarball, Kore stand-in, example workflow), drives Debian's
// Chromium headless with playwright-core, and fails if "Kore Campaign Schedule" is missing from
// the nodes panel or a field does not render. Saves the screenshots README shows: the parameter
// panel (schedule/daily, schedule/weekly, the Resource dropdown, Contact List → Add Contacts, the
// trigger), the campaign picker, the credential form and an executed example workflow.
//
//   node scripts/screenshots.js            -> docs/*.png (npm run screenshots)
//   node scripts/screenshots.js --check    -> same checks, pictures in a temp folder (npm test)
//
// Chromium comes from Debian's packages; the script installs it with apt-get when it is missing
// (as root, which CI and these machines are). Elsewhere install `chromium` yourself first.

const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const h = require('../dev/n8nHarness');
const { prepareLocalInstance, ownerEnv, OWNER, log } = require('../dev/localN8n');

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHECK_ONLY = process.argv.includes('--check');
const OUT = CHECK_ONLY
	? fs.mkdtempSync(path.join(os.tmpdir(), 'kore-shots-'))
	: path.join(h.ROOT, 'docs');
const PORT = Number(process.env.SCREENSHOT_N8N_PORT || 5698);
const STEP_TIMEOUT = 30_000;

function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`${CHROMIUM} is missing: install Debian's chromium package (sudo apt-get install chromium), or set CHROMIUM_PATH.`,
		);
	}
	log("Installing Debian's chromium (apt-get)...");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env,
	});
}

/** Fails with a message saying what the user would not see. */
async function expectVisible(locator, what) {
	try {
		await locator.first().waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
	} catch {
		throw new Error(`not rendered in the n8n editor: ${what}`);
	}
}

async function shoot(page, name, locator) {
	const file = path.join(OUT, name);
	if (locator) await locator.screenshot({ path: file });
	else await page.screenshot({ path: file });
	log(`  saved ${path.relative(h.ROOT, file)}`);
}

/** The editor checks, in order; each `step` that finishes counts as passed. */
let passedSteps = 0;
let currentStep = '';
function step(name) {
	if (currentStep) passedSteps++;
	currentStep = name;
	if (name) log(name);
}

async function run(page, baseUrl) {
	step('sign in');
	await page.goto(`${baseUrl}/signin`);
	await page.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
	await page.fill('input[name="password"]', OWNER.password);
	await page.click('[data-test-id="form-submit-button"]');
	await page.waitForURL(/\/home/, { timeout: STEP_TIMEOUT });

	step('nodes panel: search "Kore"');
	await page.goto(`${baseUrl}/workflow/new`);
	await page.click('[data-test-id="node-creator-plus-button"]');
	await expectVisible(page.locator('[data-test-id="node-creator-search-bar"]'), 'the nodes panel');
	await page.keyboard.type('Kore');
	const item = page.locator('[data-test-id="node-creator-item-name"]', {
		hasText: 'Kore Campaign Schedule',
	});
	await expectVisible(item, '"Kore Campaign Schedule" in the nodes panel (is the package loaded?)');

	step('open the node: Schedule a campaign');
	await item.first().click();
	await page.getByText('Schedule a campaign', { exact: true }).click();
	const ndv = page.locator('[data-test-id="ndv"]');
	await expectVisible(ndv, 'the node details view');
	const params = [
		'operation',
		'campaignName',
		'startDateTime',
		'endDateTime',
		'recurrence',
		'onceEveryNdays',
	];
	for (const name of params)
		await expectVisible(
			page.locator(`[data-test-id="parameter-input-${name}"]`),
			`the "${name}" field`,
		);
	await expectVisible(
		page.locator('[data-test-id="node-credentials-select"]'),
		'the credential picker',
	);
	// Node version 1.1: the campaign picker, From List, answered by the stand-in through n8n.
	step('campaign picker: From List');
	await page
		.locator('[data-test-id="parameter-input-campaignName"] [data-test-id="rlc-input"]')
		.click();
	const choice = page.locator('[data-test-id="rlc-item"]', {
		hasText: 'Spring Promo 3 | Voice · Voice · Ready',
	});
	await expectVisible(choice, 'the campaign "Spring Promo 3 | Voice" in the picker');
	await expectVisible(
		page.locator('[data-test-id="rlc-item"]', {
			hasText: 'Renewal Reminder | SMS · SMS · Scheduled',
		}),
		'an SMS campaign in the picker',
	);
	await shoot(page, 'campaign-picker.png', ndv);
	await choice.first().click();
	for (const [name, value] of [
		['startDateTime', '2027-03-01 09:00:00'],
		['endDateTime', '2027-03-31 18:00:00'],
	]) {
		const input = page.locator(`[data-test-id="parameter-input-${name}"] input`).first();
		await input.click();
		await input.fill(value);
		await input.press('Enter');
	}
	await page.locator('[data-test-id="node-parameters"]').click({ position: { x: 5, y: 5 } });
	await shoot(page, 'node-schedule-daily.png', ndv);

	step('switch to Weekly');
	await page.click('[data-test-id="parameter-input-recurrence"]');
	await page
		.locator('.el-select-dropdown__item, [data-test-id="parameter-input-item"]', {
			hasText: /^Weekly/,
		})
		.first()
		.click();
	for (const name of ['onceEveryNweeks', 'whichDays'])
		await expectVisible(
			page.locator(`[data-test-id="parameter-input-${name}"]`),
			`the "${name}" field`,
		);
	await page.click('[data-test-id="parameter-input-whichDays"]');
	for (const day of ['Monday', 'Thursday']) {
		await page
			.locator('.el-select-dropdown__item, [data-test-id="parameter-input-item"]', {
				hasText: new RegExp(`^${day}`),
			})
			.first()
			.click();
	}
	await page.keyboard.press('Escape');
	await expectVisible(ndv, 'the node details view after choosing days');
	await shoot(page, 'node-schedule-weekly.png', ndv);

	step('Resource and the Campaign operations: Get, Start, Stop, Get Contact Results');
	await expectVisible(
		page.locator('[data-test-id="parameter-input-resource"]'),
		'the Resource field',
	);
	// Dropdowns opened before stay in the page, hidden: only an entry on screen counts.
	const option = (text) =>
		page
			.locator('.el-select-dropdown__item:visible, [data-test-id="parameter-input-item"]:visible', {
				hasText: text,
			})
			.first();
	await page.click('[data-test-id="parameter-input-resource"]');
	await expectVisible(option(/^Campaign/), 'the Campaign resource');
	await expectVisible(option(/^Contact List/), 'the Contact List resource');
	await shoot(page, 'resource-dropdown.png', ndv);
	await option(/^Campaign/).click();
	// The Operation list is longer than its dropdown: type to filter it, as a user would.
	const chooseOperation = async (name, text, pick) => {
		await page.click('[data-test-id="parameter-input-operation"] input');
		await page.keyboard.type(name);
		await expectVisible(option(text), `the operation "${name}"`);
		if (pick) await option(text).click();
		else await page.keyboard.press('Escape');
	};
	await chooseOperation('Get', /^Get(?! Many| Contact)/);
	await chooseOperation('Stop', /^Stop/);
	await chooseOperation('Get Contact Results', /^Get Contact Results/);
	await chooseOperation('Start', /^Start/, true);
	await expectVisible(
		page.locator('[data-test-id="parameter-input-campaignName"]'),
		'the Campaign field of Start',
	);
	await page
		.locator('[data-test-id="parameter-input-campaignName"] [data-test-id="rlc-mode-selector"]')
		.click();
	await expectVisible(option(/^By ID/), 'the By ID mode of the Campaign field');
	await page.keyboard.press('Escape');
	await chooseOperation('Get Contact Results', /^Get Contact Results/, true);
	for (const name of ['campaignName', 'returnAll', 'limit'])
		await expectVisible(
			page.locator(`[data-test-id="parameter-input-${name}"]`),
			`the "${name}" field of Get Contact Results`,
		);

	step('Contact List resource: Add Contacts');
	await page.click('[data-test-id="parameter-input-resource"]');
	await option(/^Contact List/).click();
	await chooseOperation('Add Contacts', /^Add Contacts/, true);
	for (const name of ['contactList', 'phoneNumber'])
		await expectVisible(
			page.locator(`[data-test-id="parameter-input-${name}"]`),
			`the "${name}" field of Add Contacts`,
		);
	await shoot(page, 'node-contact-list.png', ndv);

	step('credential form');
	await page.click('[data-test-id="credential-edit-button"]');
	const modal = page.locator('[data-test-id="editCredential-modal"]');
	await expectVisible(modal, 'the credential form');
	for (const field of ['host', 'accountId', 'botId', 'authMode', 'clientId', 'clientSecret']) {
		await expectVisible(
			modal.locator(`[data-test-id="parameter-input-${field}"]`),
			`the credential field "${field}"`,
		);
	}
	// n8n runs the credential's test when the form opens: it must reach the stand-in and pass.
	await expectVisible(
		modal.locator('[data-test-id="credentials-config-container-test-success"]'),
		'a successful credential test against the stand-in',
	);
	await shoot(page, 'credential.png', modal);
	await page.keyboard.press('Escape');

	step('the trigger: Kore Campaign Trigger');
	await page.goto(`${baseUrl}/workflow/new`);
	await page.click('[data-test-id="node-creator-plus-button"]');
	await expectVisible(page.locator('[data-test-id="node-creator-search-bar"]'), 'the nodes panel');
	await page.keyboard.type('Kore Campaign Trigger');
	// The trigger list shows a trigger's name without "Trigger".
	const trigger = page.locator('[data-test-id="node-creator-item-name"]', {
		hasText: 'Kore Campaign',
		hasNotText: 'Schedule',
	});
	await expectVisible(trigger, '"Kore Campaign Trigger" in the nodes panel');
	await trigger.first().click();
	await page.getByText('On campaign status changed', { exact: true }).click();
	await expectVisible(ndv, 'the node details view of the trigger');
	for (const name of ['event', 'statuses', 'campaignType'])
		await expectVisible(
			page.locator(`[data-test-id="parameter-input-${name}"]`),
			`the trigger's "${name}" field`,
		);
	await shoot(page, 'node-trigger.png', ndv);
	await page.keyboard.press('Escape');

	step('run the example workflow');
	await page.goto(`${baseUrl}/workflow/koreExampleSheet`);
	await expectVisible(page.locator('[data-test-id="canvas-node"]'), 'the example workflow');
	await page.click('[data-test-id="execute-workflow-button"]');
	await expectVisible(
		page.getByText(/Workflow executed successfully/),
		'the example workflow finishing successfully',
	);
	await shoot(page, 'example-workflow.png');

	step("open the node's output");
	await page
		.locator('[data-test-id="canvas-node"]', { hasText: 'Kore Campaign Schedule' })
		.dblclick();
	await expectVisible(ndv, 'the node details view of the example');
	await page.locator('[data-test-id="output-panel"] [data-test-id="radio-button-table"]').click();
	for (const name of [
		'Spring Promo | Voice',
		'Renewal reminders & SMS',
		'Product Feedback | Jan 9',
	]) {
		await expectVisible(
			page.locator('[data-test-id="output-panel"]').getByText(name, { exact: true }),
			`the output row of "${name}"`,
		);
	}
	await expectVisible(
		page.locator('[data-test-id="output-panel"]').getByText(/^cd-/),
		'a campaign id in the output',
	);
	await shoot(page, 'example-output.png', ndv);
	step('');
}

async function main() {
	ensureChromium();
	const { chromium } = require('playwright-core');
	// The example ships with Dry Run on; the pictures show it after Dry Run is switched off (it
	// talks only to the stand-in), with each campaign's id.
	const local = await prepareLocalInstance({ dryRun: false });
	let server;
	let browser;
	try {
		server = await h.startN8nServer(local.n8n, local.userFolder, {
			port: PORT,
			env: ownerEnv(local.n8n),
		});
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			headless: true,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
			],
		});
		const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
		page.setDefaultTimeout(STEP_TIMEOUT);
		fs.mkdirSync(OUT, { recursive: true });
		try {
			await run(page, server.url);
		} catch (error) {
			// Leave evidence: what the browser showed, and which test ids were on the page.
			const failure = path.join(os.tmpdir(), 'kore-editor-check-failure.png');
			await page.screenshot({ path: failure }).catch(() => undefined);
			const ids = await page
				.$$eval('[data-test-id]', (els) => [
					...new Set(els.map((e) => e.getAttribute('data-test-id'))),
				])
				.catch(() => []);
			error.message += `\n  page: ${page.url()}\n  screenshot: ${failure}\n  test ids on the page: ${ids.join(' ')}`;
			throw error;
		}
		log(
			`editor checks passed; screenshots in ${CHECK_ONLY ? '(temporary folder, removed)' : path.relative(h.ROOT, OUT)}`,
		);
		log(`${passedSteps} passed, 0 failed`);
	} finally {
		await browser?.close();
		await server?.stop();
		await local.cleanup();
		if (CHECK_ONLY) fs.rmSync(OUT, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(`editor check failed at "${currentStep}": ${error.message}`);
	console.log(`${passedSteps} passed, 1 failed`);
	process.exit(1);
});
