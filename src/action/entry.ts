/** The action's entry (`node dist/src/action/entry.js base|gate`, from action.yml): no logic. */
import { main } from './main.js';

process.exitCode = await main(process.argv[2]);
