// Genesis vesting wallets (team, investors, advisors, ecosystem, DAO treasury, airdrop).
import { ponder } from "ponder:registry";
import { bucket, bucketFlow, vestingStep } from "ponder:schema";
import { bucketNameByAddress, tokenAddress } from "./manifest";
import { eventId, lower } from "./shared";

const KINDS = ["Linear", "UpfrontLinear", "Steps"] as const;

ponder.on("VestingWallet:VestingScheduleCreated", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.insert(bucket).values({
    address,
    name: bucketNameByAddress.get(address) ?? address,
    category: "vesting",
    kind: KINDS[event.args.kind] ?? String(event.args.kind),
    allocated: 0n,
    released: 0n,
    drawn: 0n,
    returned: 0n,
    etherReleased: 0n,
    start: event.args.start,
    end: event.args.end,
    period: event.args.end - event.args.start,
    periods: event.args.kind === 2 ? 0 : 1, // step schedules count their VestingStep events
    upfrontBps: event.args.upfrontBps,
    firstBps: 0,
    decayNum: 0,
    decayDen: 0,
    beneficiary: lower(event.args.beneficiary),
    paused: false,
  });
});

ponder.on("VestingWallet:VestingStep", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.insert(vestingStep).values({
    id: eventId(event),
    bucket: address,
    timestamp: event.args.timestamp,
    cumulativeBps: event.args.cumulativeBps,
  });
  // For step schedules, `periods` counts the steps.
  await context.db.update(bucket, { address }).set((r) => ({ periods: r.periods + 1 }));
});

// `release(token)` is permissionless and works for any ERC-20 someone sent to the wallet: only ATH counts as released
// from the bucket; other tokens are recorded as flows of their own kind.
ponder.on("VestingWallet:ERC20Released", async ({ event, context }) => {
  const address = lower(event.log.address);
  const token = lower(event.args.token);
  const isAth = token === tokenAddress;
  if (isAth) await context.db.update(bucket, { address }).set((r) => ({ released: r.released + event.args.amount }));
  await context.db.insert(bucketFlow).values({
    id: eventId(event),
    bucket: address,
    kind: isAth ? "release" : "otherTokenRelease",
    token,
    caller: null,
    recipient: null,
    amount: event.args.amount,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
});

ponder.on("VestingWallet:EtherReleased", async ({ event, context }) => {
  const address = lower(event.log.address);
  await context.db.update(bucket, { address }).set((r) => ({ etherReleased: r.etherReleased + event.args.amount }));
  await context.db.insert(bucketFlow).values({
    id: eventId(event),
    bucket: address,
    kind: "etherRelease",
    token: null,
    caller: null,
    recipient: null,
    amount: event.args.amount,
    timestamp: event.block.timestamp,
    transactionHash: event.transaction.hash,
  });
});

// Ownable emits this in the constructor too, before the schedule event creates the row; that first one carries the
// same beneficiary as the schedule event, so only later hand-overs need recording.
ponder.on("VestingWallet:OwnershipTransferred", async ({ event, context }) => {
  const address = lower(event.log.address);
  const row = await context.db.find(bucket, { address });
  if (row !== null) await context.db.update(bucket, { address }).set({ beneficiary: lower(event.args.newOwner) });
});
