#!/usr/bin/env bash
# The one test command (`npm test`): build, lint with n8n's verification rules, unit and
# stand-in tests. Each step stops the run on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== build"
npm run --silent build

echo "== lint (n8n verification rules)"
npx eslint . --max-warnings 0

echo "== unit and stand-in tests (jest)"
npx jest --ci
