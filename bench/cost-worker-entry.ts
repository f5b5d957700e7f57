// A worker process of the benchmark's cost phase: plays one shard and sends back its counts.
import { type CostShardRequest, runCostShard } from "./phases/cost";

const request = JSON.parse(process.argv[2] ?? "") as CostShardRequest;
const counts = await runCostShard(request);
process.send?.(counts, () => process.disconnect());
