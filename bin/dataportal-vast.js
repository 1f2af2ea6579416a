#!/usr/bin/env node
// `npx dataportal-vast <command>`: the built CLI (npm ci builds it; otherwise run `npm run build` first).
import '../dist/src/cli/main.js';
