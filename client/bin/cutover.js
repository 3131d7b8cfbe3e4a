#!/usr/bin/env node
// The `cutover` command, without a build step: tsx compiles the TypeScript as it is required (and
// caches it), so `npx cutover` runs the sources in this checkout.
'use strict';
require('tsx/cjs/api').register();
require('../cli.ts').run(process.argv);
