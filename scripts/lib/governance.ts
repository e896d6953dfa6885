// Runs a governance call through the TimelockController on a local chain: schedule, move time past the delay with
// evm_increaseTime, execute. Tests, the benchmark and the simulation use it; live chains go through the multisig.
import type { Signer, ContractRunner } from "ethers";
import { Contract, ZeroHash, id } from "ethers";

const TIMELOCK_ABI = [
  "function getMinDelay() view returns (uint256)",
  "function hashOperation(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt) view returns (bytes32)",
  "function schedule(address target, uint256 value, bytes data, bytes32 predecessor, bytes32 salt, uint256 delay)",
  "function execute(address target, uint256 value, bytes payload, bytes32 predecessor, bytes32 salt) payable",
];

export interface TimelockCall {
  target: string;
  data: string;
  value?: bigint;
  /** Distinguishes otherwise identical operations. */
  salt?: string;
}

/** Schedules `call` on the timelock and, on a local chain, advances time and executes it. Returns the operation id. */
export async function executeViaTimelock(timelockAddress: string, proposer: Signer, call: TimelockCall): Promise<string> {
  const timelock = new Contract(timelockAddress, TIMELOCK_ABI, proposer as ContractRunner);
  const salt = call.salt ?? id(`${call.target}:${call.data}:${Date.now()}:${Math.random()}`);
  const value = call.value ?? 0n;
  const delay: bigint = await timelock.getMinDelay();
  await (await timelock.schedule(call.target, value, call.data, ZeroHash, salt, delay)).wait();
  const provider = proposer.provider!;
  await (provider as unknown as { send(m: string, p: unknown[]): Promise<unknown> }).send("evm_increaseTime", [Number(delay)]);
  await (provider as unknown as { send(m: string, p: unknown[]): Promise<unknown> }).send("evm_mine", []);
  await (await timelock.execute(call.target, value, call.data, ZeroHash, salt)).wait();
  return timelock.hashOperation(call.target, value, call.data, ZeroHash, salt);
}
