// npm start's whole simulated story, in the order it must run (each step builds on the state the previous one left):
// the license sale, checker work and rewards, genesis-era activity, referral payouts, staking and slashes, then holder
// governance (its holders vote with the stATH staking left). The main job (scripts/main.ts) and the browser tests'
// stack (test/ts/web/stack.ts) run exactly this.
import type { Manifest } from "./manifest.js";
import { simulateGenesis } from "./simulate-genesis.js";
import { simulateLicenses, withdrawReferralRewards } from "./simulate-licenses.js";
import { simulateRewards, type CheckerWork, type CheckerWorkOptions } from "./simulate-rewards.js";
import { simulateStaking } from "./simulate-staking.js";
import { simulateGovernance } from "./simulate-governance.js";

export async function simulateAll(rpcUrl: string, manifest: Manifest, rewardsDir: string, log: (line: string) => void = () => {}, options: CheckerWorkOptions = {}): Promise<CheckerWork> {
  await simulateLicenses(rpcUrl, manifest, "config/whitelist.local.csv", log);
  const checkerWork = await simulateRewards(rpcUrl, manifest, rewardsDir, log, options);
  await simulateGenesis(rpcUrl, manifest, log);
  await withdrawReferralRewards(rpcUrl, manifest, log);
  await simulateStaking(rpcUrl, manifest, log, rewardsDir);
  await simulateGovernance(rpcUrl, manifest, log);
  return checkerWork;
}
