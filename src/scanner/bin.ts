#!/usr/bin/env node
/** The `pilotstatus-scan` executable (the process wiring is in `main.ts`). */
import { main } from './main.js';

await main(process.argv.slice(2));
