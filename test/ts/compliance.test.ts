import { expect } from "chai";
import { network } from "hardhat";
import { countryCode, DEFAULT_RESTRICTED, signAttestation } from "../../scripts/lib/compliance.js";

describe("ComplianceRegistry", () => {
  async function setup() {
    const connection = await network.create();
    const { ethers, networkHelpers } = connection;
    const [admin, kyc, alice, bob, relayer, impostor] = await ethers.getSigners();
    const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), kyc.address)).wait();
    const chainId = (await ethers.provider.getNetwork()).chainId;
    const now = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    const sign = async (signer = kyc, account = alice.address, country = "DE", expiryIn = 365n * 86_400n, deadlineIn = 3600n, nonce?: bigint) => {
      const t = await now();
      const a = { account, country, expiry: t + expiryIn, nonce: nonce ?? (await registry.nonces(account)), deadline: t + deadlineIn };
      return { ...a, signature: await signAttestation(signer, await registry.getAddress(), chainId, a) };
    };
    const submit = (a: Awaited<ReturnType<typeof sign>>, by = relayer) =>
      registry.connect(by).attest(a.account, countryCode(a.country), a.expiry, a.deadline, a.signature);
    return { ethers, networkHelpers, registry, admin, kyc, alice, bob, relayer, impostor, sign, submit, now };
  }

  it("records a valid attestation submitted by anyone and allows the account", async () => {
    const s = await setup();
    const a = await s.sign();
    await expect(s.submit(a))
      .to.emit(s.registry, "AttestationRecorded")
      .withArgs(s.alice.address, countryCode("DE"), a.expiry, s.kyc.address, 0n);
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(true);
    expect(await s.registry.isAllowed(s.bob.address)).to.equal(false);
    expect(await s.registry.nonces(s.alice.address)).to.equal(1n);
  });

  it("starts with SPEC §8's restricted list and refuses those residents", async () => {
    const s = await setup();
    for (const code of DEFAULT_RESTRICTED) expect(await s.registry.isRestrictedCountry(countryCode(code)), code).to.equal(true);
    expect(await s.registry.isRestricted(s.alice.address)).to.equal(false);
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "UA-43", 100n))).wait();
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(false);
    expect(await s.registry.isRestricted(s.alice.address)).to.equal(true);
    await s.networkHelpers.time.increase(101);
    expect(await s.registry.isRestricted(s.alice.address), "still restricted once expired").to.equal(true);
  });

  it("lets governance edit the list, with an event", async () => {
    const s = await setup();
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "US"))).wait();
    await expect(s.registry.setRestricted(countryCode("US"), false)).to.emit(s.registry, "CountryRestrictionSet").withArgs(countryCode("US"), false);
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(true);
    await expect(s.registry.connect(s.kyc).setRestricted(countryCode("FR"), true))
      .to.be.revertedWithCustomError(s.registry, "AccessControlUnauthorizedAccount")
      .withArgs(s.kyc.address, await s.registry.DEFAULT_ADMIN_ROLE());
  });

  it("stops allowing an account when its attestation expires", async () => {
    const s = await setup();
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "DE", 100n))).wait();
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(true);
    await s.networkHelpers.time.increase(101);
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(false);
  });

  it("refuses a replayed attestation (the nonce was used)", async () => {
    const s = await setup();
    const a = await s.sign();
    await (await s.submit(a)).wait();
    // The same signature now verifies against nonce 1 and recovers some other address.
    await expect(s.submit(a)).to.be.revertedWithCustomError(s.registry, "InvalidKycSigner");
  });

  it("refuses a signature by a key that is not a KYC signer", async () => {
    const s = await setup();
    const a = await s.sign(s.impostor);
    await expect(s.submit(a)).to.be.revertedWithCustomError(s.registry, "InvalidKycSigner").withArgs(s.impostor.address);
  });

  it("refuses a signature made for another chain id", async () => {
    const s = await setup();
    const t = await s.now();
    const a = { account: s.alice.address, country: "DE", expiry: t + 1000n, nonce: 0n, deadline: t + 1000n };
    const signature = await signAttestation(s.kyc, await s.registry.getAddress(), 1n, a);
    await expect(s.registry.attest(a.account, countryCode("DE"), a.expiry, a.deadline, signature)).to.be.revertedWithCustomError(s.registry, "InvalidKycSigner");
  });

  it("refuses a submission after its deadline", async () => {
    const s = await setup();
    const a = await s.sign(s.kyc, s.alice.address, "DE", 10_000n, 10n);
    await s.networkHelpers.time.increase(20);
    await expect(s.submit(a)).to.be.revertedWithCustomError(s.registry, "AttestationDeadlinePassed");
  });

  it("refuses an attestation that is already expired", async () => {
    const s = await setup();
    const t = await s.now();
    const a = { account: s.alice.address, country: "DE", expiry: t, nonce: 0n, deadline: t + 1000n };
    const signature = await signAttestation(s.kyc, await s.registry.getAddress(), (await s.ethers.provider.getNetwork()).chainId, a);
    await s.networkHelpers.time.setNextBlockTimestamp(t + 1n);
    await expect(s.registry.attest(a.account, countryCode("DE"), a.expiry, a.deadline, signature))
      .to.be.revertedWithCustomError(s.registry, "AttestationAlreadyExpired")
      .withArgs(t, t + 1n);
  });

  it("refuses a zero account or an empty country code", async () => {
    const s = await setup();
    const far = (await s.now()) + 1000n;
    await expect(s.registry.attest(s.ethers.ZeroAddress, countryCode("DE"), far, far, "0x"))
      .to.be.revertedWithCustomError(s.registry, "InvalidAttestationSubject")
      .withArgs(s.ethers.ZeroAddress, countryCode("DE"));
    await expect(s.registry.attest(s.alice.address, "0x0000000000000000", far, far, "0x"))
      .to.be.revertedWithCustomError(s.registry, "InvalidAttestationSubject")
      .withArgs(s.alice.address, "0x0000000000000000");
  });

  it("lets a KYC signer revoke, keeping the record, and refuses revoking nothing, twice or by others", async () => {
    const s = await setup();
    await expect(s.registry.connect(s.kyc).revoke(s.alice.address)).to.be.revertedWithCustomError(s.registry, "NoAttestation").withArgs(s.alice.address);
    const a = await s.sign();
    await (await s.submit(a)).wait();
    await expect(s.registry.connect(s.bob).revoke(s.alice.address))
      .to.be.revertedWithCustomError(s.registry, "AccessControlUnauthorizedAccount")
      .withArgs(s.bob.address, await s.registry.KYC_SIGNER_ROLE());
    await expect(s.registry.connect(s.kyc).revoke(s.alice.address)).to.emit(s.registry, "AttestationRevoked").withArgs(s.alice.address, s.kyc.address);
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(false);
    const [code, expiry, revoked] = await s.registry.attestations(s.alice.address);
    expect([code, expiry, revoked]).to.deep.equal([countryCode("DE"), a.expiry, true]);
    await expect(s.registry.connect(s.kyc).revoke(s.alice.address)).to.be.revertedWithCustomError(s.registry, "AttestationAlreadyRevoked").withArgs(s.alice.address);
    // An unrestricted account's revocation is the provider's to undo: a new attestation allows it again.
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "FR"))).wait();
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(true);
    expect((await s.registry.attestations(s.alice.address))[2], "a new attestation is not revoked").to.equal(false);
  });

  // Issue 11, attack 6: a US resident's attestation is revoked (at its request, or the provider's data-retention
  // policy) and the account walked free of the restriction. Now the revoked record still restricts, and no KYC
  // signer can replace it with an unrestricted country.
  it("keeps a revoked US attestation restricting, and refuses attesting the account elsewhere", async () => {
    const s = await setup();
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "US"))).wait();
    await (await s.registry.connect(s.kyc).revoke(s.alice.address)).wait();
    expect(await s.registry.isRestricted(s.alice.address), "revoked, still restricted").to.equal(true);
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(false);
    await expect(s.submit(await s.sign(s.kyc, s.alice.address, "DE")))
      .to.be.revertedWithCustomError(s.registry, "RestrictedAttestationHeld")
      .withArgs(s.alice.address, countryCode("US"));
    // Renewing within restricted places lifts nothing, so it is recorded.
    await expect(s.submit(await s.sign(s.kyc, s.alice.address, "CU"))).to.emit(s.registry, "AttestationRecorded");
    expect(await s.registry.isRestricted(s.alice.address)).to.equal(true);
  });

  it("keeps an expired restricted attestation restricting, even against a new attestation elsewhere", async () => {
    const s = await setup();
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "UA-14", 100n))).wait();
    await s.networkHelpers.time.increase(101);
    await expect(s.submit(await s.sign(s.kyc, s.alice.address, "PL")))
      .to.be.revertedWithCustomError(s.registry, "RestrictedAttestationHeld")
      .withArgs(s.alice.address, countryCode("UA-14"));
    expect(await s.registry.isRestricted(s.alice.address)).to.equal(true);
  });

  it("lets only governance clear a record, after which the account is unattested and may attest anew", async () => {
    const s = await setup();
    await expect(s.registry.clearAttestation(s.alice.address)).to.be.revertedWithCustomError(s.registry, "NoAttestation").withArgs(s.alice.address);
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "US"))).wait();
    await (await s.registry.connect(s.kyc).revoke(s.alice.address)).wait();
    await expect(s.registry.connect(s.kyc).clearAttestation(s.alice.address))
      .to.be.revertedWithCustomError(s.registry, "AccessControlUnauthorizedAccount")
      .withArgs(s.kyc.address, await s.registry.DEFAULT_ADMIN_ROLE());
    await expect(s.registry.clearAttestation(s.alice.address))
      .to.emit(s.registry, "AttestationCleared")
      .withArgs(s.alice.address, countryCode("US"), s.admin.address);
    expect(await s.registry.isRestricted(s.alice.address)).to.equal(false);
    expect(await s.registry.isAllowed(s.alice.address), "unattested is not allowed").to.equal(false);
    expect(await s.registry.attestations(s.alice.address)).to.deep.equal(["0x0000000000000000", 0n, false]);
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "DE"))).wait();
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(true);
  });

  it("applies list edits to revoked records too", async () => {
    const s = await setup();
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "FR"))).wait();
    await (await s.registry.setRestricted(countryCode("FR"), true)).wait();
    await (await s.registry.connect(s.kyc).revoke(s.alice.address)).wait();
    expect(await s.registry.isRestricted(s.alice.address), "FR restricted after the attestation").to.equal(true);
    await expect(s.submit(await s.sign(s.kyc, s.alice.address, "DE")))
      .to.be.revertedWithCustomError(s.registry, "RestrictedAttestationHeld")
      .withArgs(s.alice.address, countryCode("FR"));
    await (await s.registry.setRestricted(countryCode("FR"), false)).wait();
    expect(await s.registry.isRestricted(s.alice.address), "governance delisted FR").to.equal(false);
    await (await s.submit(await s.sign(s.kyc, s.alice.address, "DE"))).wait();
    expect(await s.registry.isAllowed(s.alice.address)).to.equal(true);
  });

  it("never counts an unattested account as restricted, whatever the list holds for the empty code", async () => {
    const s = await setup();
    await (await s.registry.setRestricted("0x0000000000000000", true)).wait();
    expect(await s.registry.isRestricted(s.bob.address)).to.equal(false);
    await (await s.submit(await s.sign(s.kyc, s.bob.address, "DE"))).wait();
    expect(await s.registry.isAllowed(s.bob.address)).to.equal(true);
  });

  it("refuses a zero admin at deployment", async () => {
    const s = await setup();
    const factory = await s.ethers.getContractFactory("ComplianceRegistry");
    await expect(factory.deploy(s.ethers.ZeroAddress, [])).to.be.revertedWithCustomError(s.registry, "ZeroAdmin");
  });
});
