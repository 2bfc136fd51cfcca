#!/usr/bin/env node
// The command's entry: everything lives in the compiled package (dist/), built by `npm install`.
let main;
try {
  ({ main } = await import('../dist/src/cli/main.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  process.stderr.write('error: gil-bench is not built; run "npm install" or "npm run build" in its folder\n');
  process.exit(2);
}
process.exitCode = await main(process.argv);
