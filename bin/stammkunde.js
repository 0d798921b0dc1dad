#!/usr/bin/env node
// The `stammkunde` command: runs the TypeScript CLI through tsx, no build step needed.
'use strict';
require('tsx/cjs');
require('../cli/main.ts');
