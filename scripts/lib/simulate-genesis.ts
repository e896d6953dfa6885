// A small, deterministic slice of genesis-era activity on a local node: vesting releases, holders receiving and
// moving ATH, delegations, an allowance spent, a governance-authorized pool draw and return, a guardian pause.
// The main job and the end-to-end tests run it; the tests then compare the indexer with the chain.
import { Contract, JsonRpcProvider, parseEther, type JsonRpcSigner } from "ethers";
import { executeViaTimelock } from "./governance.js";
import type { Manifest } from "./manifest.js";
import { DAY, MONTH } from "./tokenomics.js";

export async function simulateGenesis(rpcUrl: string, manifest: Manifest, log: (line: string) => void = () => {}): Promise<void> {
  const provider = new JsonRpcProvider(rpcUrl, undefined, { cacheTimeout: -1 });
  const accounts: string[] = await provider.send("eth_accounts", []);
  const signer = (i: number): Promise<JsonRpcSigner> => provider.getSigner(accounts[i]);
  const at = (name: string, s: JsonRpcSigner) => new Contract(manifest.contracts[name].address, manifest.contracts[name].abi as never, s);
  const send = async (p: Promise<{ wait(): Promise<unknown> }>) => (await p).wait();
  const advance = async (seconds: number) => {
    await provider.send("evm_increaseTime", [seconds]);
    await provider.send("evm_mine", []);
  };
  const [deployer, guardian, , , , ecosystem, airdrop, distributor] = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(signer));
  const holders = await Promise.all([10, 11, 12, 13, 14, 15].map(signer));
  const token = manifest.contracts.AethirToken.address;

  log("releasing the TGE tranches (ecosystem 50%, airdrop 25%, DAO treasury)");
  await send(at("EcosystemVesting", deployer)["release(address)"](token));
  await send(at("AirdropVesting", deployer)["release(address)"](token));
  await send(at("TreasuryVesting", deployer)["release(address)"](token));

  log("airdrop and ecosystem grants to holders");
  for (const [i, h] of holders.entries()) {
    await send(at("AethirToken", airdrop).transfer(h.address, parseEther(String(1_000_000 * (i + 1)))));
  }
  await send(at("AethirToken", ecosystem).transfer(holders[0].address, parseEther("25000000")));

  log("delegations and transfers");
  await send(at("AethirToken", holders[0]).delegate(holders[0].address));
  await send(at("AethirToken", holders[1]).delegate(holders[0].address));
  await send(at("AethirToken", holders[2]).delegate(holders[2].address));
  await send(at("AethirToken", holders[3]).delegate(holders[4].address));
  await send(at("AethirToken", holders[1]).transfer(holders[2].address, parseEther("123456.789")));
  await send(at("AethirToken", holders[2]).transfer(holders[3].address, parseEther("5000")));
  await send(at("AethirToken", holders[3]).approve(holders[5].address, parseEther("70000")));
  await send(at("AethirToken", holders[5]).transferFrom(holders[3].address, holders[1].address, parseEther("20000")));
  await send(at("AethirToken", holders[0]).delegate(holders[2].address));

  log("governance authorizes a distributor on the checker base and Edge pools (timelock)");
  for (const pool of ["CheckerBaseRewardPool", "EdgeRewardPool"]) {
    const c = at(pool, deployer);
    await executeViaTimelock(manifest.contracts.Timelock.address, deployer, {
      target: manifest.contracts[pool].address,
      data: c.interface.encodeFunctionData("grantRole", [await c.DISTRIBUTOR_ROLE(), distributor.address]),
    });
  }

  log("30 days later: pool draws and a return");
  await advance(30 * DAY);
  await send(at("CheckerBaseRewardPool", distributor).draw(distributor.address, parseEther("50000000")));
  await send(at("EdgeRewardPool", distributor).draw(holders[4].address, parseEther("10000000")));
  await send(at("AethirToken", distributor).approve(manifest.contracts.CheckerBaseRewardPool.address, parseEther("15000000")));
  await send(at("CheckerBaseRewardPool", distributor).returnFunds(parseEther("15000000")));

  log("month 8: the airdrop's second step, more ecosystem and treasury vesting; the guardian pauses the bonus pool");
  await advance(8 * MONTH - 30 * DAY);
  for (const bucket of ["AirdropVesting", "EcosystemVesting", "TreasuryVesting"]) {
    await send(at(bucket, deployer)["release(address)"](token));
  }
  await send(at("AethirToken", airdrop).transfer(holders[5].address, parseEther("2500000")));
  await send(at("CheckerBonusRewardPool", guardian).pause());
  provider.destroy();
}
