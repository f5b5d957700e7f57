// A child process of `npm run bench`: runs the phase it is handed and sends back its figures.
import { type ChildPhase, runChildPhase } from "./child-phases";

const phase = JSON.parse(process.argv[2] ?? "") as ChildPhase;
const result = await runChildPhase(phase);
process.send?.(result, () => process.disconnect());
