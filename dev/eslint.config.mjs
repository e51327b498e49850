// This folder is linted with the tooling rules: see ../eslint.tooling.config.mjs.
export { default } from '../eslint.tooling.config.mjs';
