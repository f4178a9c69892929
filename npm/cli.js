#!/usr/bin/env node
// `leakscope` from npm: the same tool as the native one, compiled to WebAssembly (built by
// scripts/npm-package). No install script, no native part: it runs wherever Node 18+ does.
'use strict';

const { run_cli } = require('./wasm/leakscope.js');

process.exitCode = run_cli(['leakscope', ...process.argv.slice(2)]);
