// Copies the icons next to the compiled JavaScript in dist/, where n8n looks for them
// (tsc emits only .js and .d.ts).
const path = require('path');
const { src, dest, parallel } = require('gulp');

const copyIconsOf = (folder) =>
	function copyIcons() {
		return src(`${folder}/**/*.{png,svg}`, { encoding: false, allowEmpty: true }).pipe(
			dest(path.resolve('dist', folder)),
		);
	};

exports['build:icons'] = parallel(copyIconsOf('icons'));
