// EIP-2612 permits of ATH: one signature instead of an approve transaction (stake and add with permit).
import { hexToSignature, type Address, type Hash } from "viem";
import { usePublicClient, useSignTypedData, useWriteContract } from "wagmi";
import { permitAbi } from "../config/abis";
import { contractOf } from "../config/deployment";
import { useDeployment } from "./useDeployment";

const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export function usePermit() {
  const d = useDeployment();
  const client = usePublicClient();
  const { signTypedDataAsync } = useSignTypedData();
  const ath = { address: contractOf(d, "AethirToken").address, abi: permitAbi } as const;
  /** A permit of `value` ATH from `owner` to `spender`, valid for an hour of chain time (the token's own domain). */
  async function signPermit(owner: Address, spender: Address, value: bigint) {
    const [domain, nonce, block] = await Promise.all([
      client!.readContract({ ...ath, functionName: "eip712Domain" }),
      client!.readContract({ ...ath, functionName: "nonces", args: [owner] }),
      client!.getBlock(),
    ]);
    const deadline = block.timestamp + 3_600n;
    const signature = await signTypedDataAsync({
      domain: { name: domain[1], version: domain[2], chainId: Number(domain[3]), verifyingContract: domain[4] },
      types: PERMIT_TYPES,
      primaryType: "Permit",
      message: { owner, spender, value, nonce, deadline },
    });
    const { v, r, s } = hexToSignature(signature);
    return { v: Number(v), r, s, deadline };
  }
  const { writeContractAsync } = useWriteContract();
  type Permit = Awaited<ReturnType<typeof signPermit>>;
  /**
   * Sends `withPermit(permit)` (one signature, one transaction); if the wallet won't sign the permit, calls
   * `onFallback`, approves `value` to `spender`, waits for it, and sends `plain()`.
   */
  async function sendWithPermit(o: { owner: Address; spender: Address; value: bigint; withPermit: (p: Permit) => Promise<Hash>; plain: () => Promise<Hash>; onFallback: () => void }): Promise<Hash> {
    const permit = await signPermit(o.owner, o.spender, o.value).catch(() => undefined);
    if (permit) return o.withPermit(permit);
    o.onFallback();
    const approval = await writeContractAsync({ ...ath, functionName: "approve", args: [o.spender, o.value] });
    await client!.waitForTransactionReceipt({ hash: approval });
    return o.plain();
  }
  return { signPermit, sendWithPermit };
}
