// KYC attestations and the restricted-country list.
import { ponder } from "ponder:registry";
import { kycAttestation, countryRestriction } from "ponder:schema";
import { eq } from "ponder";
import { hexToString } from "viem";
import { lower, setRole, setRoleAdmin } from "./shared";

/** bytes8 country code ("0x5553000000000000") to text ("US"). */
const code = (raw: `0x${string}`) => hexToString(raw, { size: 8 }).replace(/\0+$/, "");

ponder.on("ComplianceRegistry:AttestationRecorded", async ({ event, context }) => {
  const a = event.args;
  const countryCode = code(a.countryCode);
  const restricted = (await context.db.find(countryRestriction, { code: countryCode }))?.restricted ?? false;
  const row = { countryCode, expiry: a.expiry, signer: lower(a.signer), nonce: a.nonce, revoked: false, restricted, updatedAt: event.block.timestamp };
  await context.db.insert(kycAttestation).values({ account: lower(a.account), ...row }).onConflictDoUpdate(row);
});

// The registry keeps a revoked attestation (its country still restricts), so the row stays with `revoked` set.
ponder.on("ComplianceRegistry:AttestationRevoked", async ({ event, context }) => {
  await context.db.update(kycAttestation, { account: lower(event.args.account) }).set({ revoked: true, updatedAt: event.block.timestamp });
});

// Governance erased the record (lifting its restriction): the account is unattested, as if it never did KYC.
ponder.on("ComplianceRegistry:AttestationCleared", async ({ event, context }) => {
  await context.db.delete(kycAttestation, { account: lower(event.args.account) });
});

// A list edit applies at once to every record naming the country, revoked and expired ones included.
ponder.on("ComplianceRegistry:CountryRestrictionSet", async ({ event, context }) => {
  const c = code(event.args.countryCode);
  await context.db.insert(countryRestriction).values({ code: c, restricted: event.args.restricted }).onConflictDoUpdate({ restricted: event.args.restricted });
  // A raw read flushes only this table; a raw write would flush every table and mark Ponder's whole in-memory cache
  // incomplete for the rest of the run (docs/decisions.md, "Indexer speed: no raw writes"), so the rows are updated by key.
  const named = await context.db.sql.select({ account: kycAttestation.account }).from(kycAttestation).where(eq(kycAttestation.countryCode, c));
  for (const { account } of named) {
    await context.db.update(kycAttestation, { account }).set({ restricted: event.args.restricted, updatedAt: event.block.timestamp });
  }
});

// EIP-5267: the registry's EIP-712 domain is fixed at deployment, so this never fires; a change would invalidate
// every pending attestation signature, which the indexer must not miss.
ponder.on("ComplianceRegistry:EIP712DomainChanged", async ({ event }) => {
  throw new Error(`unexpected EIP712DomainChanged in ${event.transaction.hash}`);
});

ponder.on("ComplianceRegistry:RoleGranted", async ({ event, context }) => setRole(context, event, true));
ponder.on("ComplianceRegistry:RoleRevoked", async ({ event, context }) => setRole(context, event, false));
ponder.on("ComplianceRegistry:RoleAdminChanged", async ({ event, context }) => setRoleAdmin(context, event));
