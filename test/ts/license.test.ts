import { expect } from "chai";
import { network } from "hardhat";
import { encodeBytes32String } from "ethers";
import { countryCode, DEFAULT_RESTRICTED, signAttestation } from "../../scripts/lib/compliance.js";

const YEAR = 365 * 86_400;

describe("CheckerLicense", () => {
  async function setup() {
    const connection = await network.create();
    const { ethers, networkHelpers } = connection;
    const [admin, minter, banner, kyc, alice, bob, carol, operator, sale, mallory] = await ethers.getSigners();
    const registry = await ethers.deployContract("ComplianceRegistry", [admin.address, DEFAULT_RESTRICTED.map(countryCode)]);
    await (await registry.grantRole(await registry.KYC_SIGNER_ROLE(), kyc.address)).wait();
    const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
    const lockEnd = now + BigInt(YEAR);
    const license = await ethers.deployContract("CheckerLicense", [admin.address, await registry.getAddress(), lockEnd]);
    await (await license.grantRole(await license.MINTER_ROLE(), minter.address)).wait();
    await (await license.grantRole(await license.BAN_ROLE(), banner.address)).wait();
    const chainId = (await ethers.provider.getNetwork()).chainId;
    const attestTx = async (account: string, country: string, validFor = 10n * BigInt(YEAR)) => {
      const t = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      const a = { account, country, expiry: t + validFor, nonce: await registry.nonces(account), deadline: t + 1000n };
      const sig = await signAttestation(kyc, await registry.getAddress(), chainId, a);
      return registry.attest(account, countryCode(country), a.expiry, a.deadline, sig);
    };
    const attest = async (account: string, country: string, validFor?: bigint) => (await attestTx(account, country, validFor)).wait();
    // Receiving a license needs a valid attestation from an unrestricted place (SPEC §8): the usual receivers have
    // one; mallory never did KYC.
    for (const who of [alice, bob, carol, sale]) await attest(who.address, "DE");
    const later = async (seconds: number) => BigInt((await ethers.provider.getBlock("latest"))!.timestamp + seconds);
    return { ethers, networkHelpers, license, registry, admin, minter, banner, kyc, alice, bob, carol, operator, sale, mallory, lockEnd, attest, attestTx, later };
  }

  describe("minting", () => {
    it("mints sequential ids from 1 and only to minters", async () => {
      const s = await setup();
      await expect(s.license.connect(s.minter).mint(s.alice.address, 3)).to.emit(s.license, "Transfer").withArgs(s.ethers.ZeroAddress, s.alice.address, 1n);
      await (await s.license.connect(s.minter).mint(s.bob.address, 2)).wait();
      expect(await s.license.ownerOf(3)).to.equal(s.alice.address);
      expect(await s.license.ownerOf(4)).to.equal(s.bob.address);
      expect(await s.license.totalSupply()).to.equal(5n);
      await expect(s.license.connect(s.alice).mint(s.alice.address, 1))
        .to.be.revertedWithCustomError(s.license, "AccessControlUnauthorizedAccount")
        .withArgs(s.alice.address, await s.license.MINTER_ROLE());
    });

    it("never passes the 100,000 cap", async () => {
      const s = await setup();
      for (let i = 0; i < 20; i++) await (await s.license.connect(s.minter).mint(s.sale.address, 5_000)).wait();
      expect(await s.license.totalSupply()).to.equal(100_000n);
      await expect(s.license.connect(s.minter).mint(s.alice.address, 1)).to.be.revertedWithCustomError(s.license, "LicenseCapExceeded").withArgs(1n, 0n);
    });

    it("refuses a mint that would cross the cap, naming what is left", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.sale.address, 10)).wait();
      await expect(s.license.connect(s.minter).mint(s.alice.address, 99_991)).to.be.revertedWithCustomError(s.license, "LicenseCapExceeded").withArgs(99_991n, 99_990n);
    });

    it("refuses a zero admin or registry at deployment", async () => {
      const s = await setup();
      const factory = await s.ethers.getContractFactory("CheckerLicense");
      await expect(factory.deploy(s.ethers.ZeroAddress, await s.registry.getAddress(), 0))
        .to.be.revertedWithCustomError(s.license, "ZeroAddress").withArgs(encodeBytes32String("admin"));
      await expect(factory.deploy(s.admin.address, s.ethers.ZeroAddress, 0))
        .to.be.revertedWithCustomError(s.license, "ZeroAddress").withArgs(encodeBytes32String("compliance"));
    });

    it("supports ERC-721, ERC-4907 and AccessControl interfaces", async () => {
      const s = await setup();
      for (const id of ["0x80ac58cd", "0xad092b5c", "0x7965db0b", "0x01ffc9a7"]) expect(await s.license.supportsInterface(id), id).to.equal(true);
      expect(await s.license.supportsInterface("0xffffffff")).to.equal(false);
    });
  });

  describe("delegation (ERC-4907)", () => {
    it("sets and expires an operator", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      const expires = await s.later(1000);
      await expect(s.license.connect(s.alice).setUser(1, s.operator.address, expires)).to.emit(s.license, "UpdateUser").withArgs(1n, s.operator.address, expires);
      expect(await s.license.userOf(1)).to.equal(s.operator.address);
      expect(await s.license.userExpires(1)).to.equal(expires);
      await s.networkHelpers.time.increaseTo(expires + 1n);
      expect(await s.license.userOf(1)).to.equal(s.ethers.ZeroAddress);
    });

    it("clears an operator with a zero user, whatever expiry is passed", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await (await s.license.connect(s.alice).setUser(1, s.operator.address, await s.later(1000))).wait();
      await expect(s.license.connect(s.alice).setUser(1, s.ethers.ZeroAddress, 12345)).to.emit(s.license, "UpdateUser").withArgs(1n, s.ethers.ZeroAddress, 0n);
      expect(await s.license.userOf(1)).to.equal(s.ethers.ZeroAddress);
    });

    it("lets an approved operator of the owner delegate, and nobody else", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 2)).wait();
      const expires = await s.later(1000);
      await expect(s.license.connect(s.bob).setUser(1, s.operator.address, expires)).to.be.revertedWithCustomError(s.license, "NotOwnerNorApproved").withArgs(s.bob.address, 1n);
      await (await s.license.connect(s.alice).setApprovalForAll(s.bob.address, true)).wait();
      await expect(s.license.connect(s.bob).setUser(1, s.operator.address, expires)).to.emit(s.license, "UpdateUser");
      await (await s.license.connect(s.alice).approve(s.carol.address, 2)).wait();
      await expect(s.license.connect(s.carol).setUser(2, s.operator.address, expires)).to.emit(s.license, "UpdateUser");
    });

    it("refuses an expiry in the past or beyond the packed range", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await expect(s.license.connect(s.alice).setUser(1, s.operator.address, 1)).to.be.revertedWithCustomError(s.license, "UserExpiryInPast").withArgs(1n);
      const tooFar = 2n ** 48n;
      await expect(s.license.connect(s.alice).setUser(1, s.operator.address, tooFar)).to.be.revertedWithCustomError(s.license, "TimestampOutOfRange").withArgs(tooFar);
    });

    it("refuses to delegate a license that does not exist", async () => {
      const s = await setup();
      await expect(s.license.connect(s.alice).setUser(7, s.operator.address, await s.later(100))).to.be.revertedWithCustomError(s.license, "OwnerQueryForNonexistentToken");
    });

    it("delegates many licenses in one call, checking the owner of each across purchases and transfers", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 10)).wait(); // 1-10
      await (await s.license.connect(s.minter).mint(s.bob.address, 10)).wait(); // 11-20
      await (await s.license.connect(s.minter).mint(s.alice.address, 5)).wait(); // 21-25
      await (await s.license.connect(s.admin).setTransferAllowlist(s.alice.address, true)).wait();
      await (await s.license.connect(s.alice).transferFrom(s.alice.address, s.carol.address, 5)).wait();
      const expires = await s.later(10_000);
      const ids = [1, 2, 3, 4, 6, 7, 8, 9, 10, 21, 22, 23, 24, 25];
      await (await s.license.connect(s.alice).setUserBatch(ids, s.operator.address, expires)).wait();
      for (const id of ids) expect(await s.license.userOf(id), `license ${id}`).to.equal(s.operator.address);
      await expect(s.license.connect(s.alice).setUserBatch([9, 10, 11], s.operator.address, expires))
        .to.be.revertedWithCustomError(s.license, "NotOwnerNorApproved").withArgs(s.alice.address, 11n);
      await expect(s.license.connect(s.alice).setUserBatch([4, 5], s.operator.address, expires))
        .to.be.revertedWithCustomError(s.license, "NotOwnerNorApproved").withArgs(s.alice.address, 5n);
      await expect(s.license.connect(s.carol).setUserBatch([5, 6], s.operator.address, expires))
        .to.be.revertedWithCustomError(s.license, "NotOwnerNorApproved").withArgs(s.carol.address, 6n);
      await expect(s.license.connect(s.alice).setUserBatch([25, 26], s.operator.address, expires)).to.be.revertedWithCustomError(s.license, "OwnerQueryForNonexistentToken");
    });

    it("bounds the batch size", async () => {
      const s = await setup();
      await expect(s.license.connect(s.alice).setUserBatch([], s.operator.address, 0)).to.be.revertedWithCustomError(s.license, "BatchSizeOutOfRange").withArgs(0n, 500n);
      const ids = Array.from({ length: 501 }, (_, i) => i + 1);
      await expect(s.license.connect(s.alice).setUserBatch(ids, s.operator.address, 0)).to.be.revertedWithCustomError(s.license, "BatchSizeOutOfRange").withArgs(501n, 500n);
    });
  });

  describe("bans", () => {
    it("bans a license: no delegation, no transfer, until unbanned or expired", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await (await s.license.connect(s.admin).setTransferAllowlist(s.alice.address, true)).wait();
      const until = await s.later(1000);
      await expect(s.license.connect(s.banner).ban(1, until)).to.emit(s.license, "LicenseBanned").withArgs(1n, until, s.banner.address);
      expect(await s.license.isBanned(1)).to.equal(true);
      await expect(s.license.connect(s.alice).setUser(1, s.operator.address, until)).to.be.revertedWithCustomError(s.license, "LicenseIsBanned").withArgs(1n, until);
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1)).to.be.revertedWithCustomError(s.license, "LicenseIsBanned").withArgs(1n, until);
      await expect(s.license.connect(s.banner).unban(1)).to.emit(s.license, "LicenseUnbanned").withArgs(1n, s.banner.address);
      expect(await s.license.isBanned(1)).to.equal(false);
      await expect(s.license.connect(s.banner).unban(1)).to.be.revertedWithCustomError(s.license, "LicenseNotBanned").withArgs(1n);
      await (await s.license.connect(s.banner).ban(1, await s.later(100))).wait();
      await s.networkHelpers.time.increase(200);
      expect(await s.license.isBanned(1)).to.equal(false);
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1)).to.emit(s.license, "Transfer");
    });

    it("refuses bans by others, of missing licenses, or ending in the past", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await expect(s.license.connect(s.alice).ban(1, await s.later(100)))
        .to.be.revertedWithCustomError(s.license, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.license.BAN_ROLE());
      await expect(s.license.connect(s.alice).unban(1))
        .to.be.revertedWithCustomError(s.license, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.license.BAN_ROLE());
      await expect(s.license.connect(s.banner).ban(2, await s.later(100))).to.be.revertedWithCustomError(s.license, "OwnerQueryForNonexistentToken");
      await expect(s.license.connect(s.banner).ban(1, 5)).to.be.revertedWithCustomError(s.license, "BanEndInPast").withArgs(5n);
      await expect(s.license.connect(s.banner).ban(1, 2n ** 48n)).to.be.revertedWithCustomError(s.license, "TimestampOutOfRange").withArgs(2n ** 48n);
    });
  });

  describe("transfers", () => {
    it("locks transfers for the first year, except to or from allowlisted addresses", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 2)).wait();
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1))
        .to.be.revertedWithCustomError(s.license, "TransferLocked").withArgs(1n, s.lockEnd);
      await expect(s.license.connect(s.admin).setTransferAllowlist(s.bob.address, true)).to.emit(s.license, "TransferAllowlistSet").withArgs(s.bob.address, true);
      await (await s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1)).wait(); // to allowlisted
      await (await s.license.connect(s.bob).transferFrom(s.bob.address, s.carol.address, 1)).wait(); // from allowlisted
      await expect(s.license.connect(s.carol).transferFrom(s.carol.address, s.alice.address, 1)).to.be.revertedWithCustomError(s.license, "TransferLocked");
      await s.networkHelpers.time.increaseTo(s.lockEnd);
      await expect(s.license.connect(s.carol).transferFrom(s.carol.address, s.alice.address, 1)).to.emit(s.license, "Transfer");
    });

    it("lets governance open transfers earlier, never later", async () => {
      const s = await setup();
      await expect(s.license.connect(s.admin).setTransferableAfter(s.lockEnd + 1n))
        .to.be.revertedWithCustomError(s.license, "TransferUnlockOnlyEarlier").withArgs(s.lockEnd, s.lockEnd + 1n);
      await expect(s.license.connect(s.alice).setTransferableAfter(0))
        .to.be.revertedWithCustomError(s.license, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.license.DEFAULT_ADMIN_ROLE());
      await expect(s.license.connect(s.admin).setTransferableAfter(0)).to.emit(s.license, "TransferableAfterSet").withArgs(0n);
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1)).to.emit(s.license, "Transfer");
    });

    it("clears the operator on transfer", async () => {
      const s = await setup();
      await (await s.license.connect(s.admin).setTransferableAfter(0)).wait();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await (await s.license.connect(s.alice).setUser(1, s.operator.address, await s.later(10_000))).wait();
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1)).to.emit(s.license, "UpdateUser").withArgs(1n, s.ethers.ZeroAddress, 0n);
      expect(await s.license.userOf(1)).to.equal(s.ethers.ZeroAddress);
      expect(await s.license.userExpires(1)).to.equal(0n);
    });

    it("refuses a receiver attested in a restricted country", async () => {
      const s = await setup();
      await (await s.license.connect(s.admin).setTransferableAfter(0)).wait();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await s.attest(s.bob.address, "IR");
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1)).to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.bob.address);
      await expect(s.license.connect(s.minter).mint(s.bob.address, 1)).to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.bob.address);
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.carol.address, 1)).to.emit(s.license, "Transfer");
    });

    it("refuses setApprovalForAll to the zero address (ERC-6093), and approves others", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await expect(s.license.connect(s.alice).setApprovalForAll(s.ethers.ZeroAddress, true))
        .to.be.revertedWithCustomError(s.license, "ERC721InvalidOperator").withArgs(s.ethers.ZeroAddress);
      await expect(s.license.connect(s.alice).setApprovalForAll(s.ethers.ZeroAddress, false))
        .to.be.revertedWithCustomError(s.license, "ERC721InvalidOperator").withArgs(s.ethers.ZeroAddress);
      await expect(s.license.connect(s.alice).setApprovalForAll(s.operator.address, true))
        .to.emit(s.license, "ApprovalForAll").withArgs(s.alice.address, s.operator.address, true);
      expect(await s.license.isApprovedForAll(s.alice.address, s.operator.address)).to.equal(true);
      expect(await s.license.isApprovedForAll(s.alice.address, s.ethers.ZeroAddress)).to.equal(false);
    });

    it("lets governance set the metadata base URI", async () => {
      const s = await setup();
      await (await s.license.connect(s.minter).mint(s.alice.address, 1)).wait();
      await expect(s.license.connect(s.admin).setBaseURI("ipfs://licenses/")).to.emit(s.license, "BaseURISet").withArgs("ipfs://licenses/");
      expect(await s.license.tokenURI(1)).to.equal("ipfs://licenses/1");
      await expect(s.license.connect(s.alice).setBaseURI("x"))
        .to.be.revertedWithCustomError(s.license, "AccessControlUnauthorizedAccount").withArgs(s.alice.address, await s.license.DEFAULT_ADMIN_ROLE());
    });
  });
  // Issue 11, attack 6, from the attacker's side: a restricted resident gets a license without a valid attestation.
  describe("receiving without a valid attestation (SPEC §8)", () => {
    async function unlocked() {
      const s = await setup();
      await (await s.license.connect(s.admin).setTransferableAfter(0)).wait();
      await (await s.license.connect(s.minter).mint(s.alice.address, 2)).wait();
      return s;
    }

    it("refuses a receiver that never attested, by transfer or by mint", async () => {
      const s = await unlocked();
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.mallory.address, 1))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      await expect(s.license.connect(s.alice)["safeTransferFrom(address,address,uint256)"](s.alice.address, s.mallory.address, 1))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      await expect(s.license.connect(s.minter).mint(s.mallory.address, 1))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
    });

    it("keeps refusing a US resident after its attestation is revoked", async () => {
      const s = await unlocked();
      await s.attest(s.mallory.address, "US");
      await expect(s.registry.connect(s.kyc).revoke(s.mallory.address)).to.emit(s.registry, "AttestationRevoked").withArgs(s.mallory.address, s.kyc.address);
      expect(await s.registry.isRestricted(s.mallory.address), "the revocation lifts nothing").to.equal(true);
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.mallory.address, 1))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      await expect(s.license.connect(s.minter).mint(s.mallory.address, 1))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      // Nor can a KYC signer attest it elsewhere: only governance lifts a known restriction.
      await expect(s.attestTx(s.mallory.address, "DE"))
        .to.be.revertedWithCustomError(s.registry, "RestrictedAttestationHeld").withArgs(s.mallory.address, countryCode("US"));
    });

    it("refuses a receiver whose allowed attestation expired or was revoked", async () => {
      const s = await unlocked();
      await s.attest(s.mallory.address, "FR", 100n);
      await (await s.license.connect(s.alice).transferFrom(s.alice.address, s.mallory.address, 1)).wait();
      await s.networkHelpers.time.increase(101);
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.mallory.address, 2))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.mallory.address);
      await (await s.registry.connect(s.kyc).revoke(s.bob.address)).wait();
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 2))
        .to.be.revertedWithCustomError(s.license, "ReceiverNotKycAllowed").withArgs(s.bob.address);
      // A license already held stays, and its holder can always send it on to an allowed account.
      await expect(s.license.connect(s.mallory).transferFrom(s.mallory.address, s.carol.address, 1)).to.emit(s.license, "Transfer");
    });

    it("lets a holder who turns out restricted send its licenses away", async () => {
      const s = await unlocked();
      await s.attest(s.alice.address, "KP");
      await expect(s.license.connect(s.alice).transferFrom(s.alice.address, s.bob.address, 1)).to.emit(s.license, "Transfer");
    });
  });
});
