import { expect } from "chai";
import { genesisFixture } from "./fixtures.js";
import { executeViaTimelock } from "../../scripts/lib/governance.js";

describe("Governance of the reward pools", () => {
  let f: Awaited<ReturnType<typeof genesisFixture>>;
  beforeEach(async () => {
    f = await genesisFixture();
  });

  async function authorize(distributor: string) {
    const pool = f.checkerBase;
    await executeViaTimelock(await f.timelock.getAddress(), f.signers.deployer, {
      target: await pool.getAddress(),
      data: pool.interface.encodeFunctionData("grantRole", [await pool.DISTRIBUTOR_ROLE(), distributor]),
    });
  }

  it("makes the timelock the only admin: the deployer keeps no role", async () => {
    const admin = await f.checkerBase.DEFAULT_ADMIN_ROLE();
    expect(await f.checkerBase.hasRole(admin, await f.timelock.getAddress())).to.equal(true);
    expect(await f.checkerBase.hasRole(admin, f.signers.deployer.address)).to.equal(false);
    const timelockAdmin = await f.timelock.DEFAULT_ADMIN_ROLE();
    expect(await f.timelock.hasRole(timelockAdmin, f.signers.deployer.address)).to.equal(false);
    expect(await f.checkerBase.hasRole(await f.checkerBase.GUARDIAN_ROLE(), f.signers.guardian.address)).to.equal(true);
  });

  it("refuses a draw from an address governance did not authorize", async () => {
    const [stranger] = f.signers.others;
    await expect(f.checkerBase.connect(stranger).draw(stranger.address, 1n))
      .to.be.revertedWithCustomError(f.checkerBase, "AccessControlUnauthorizedAccount")
      .withArgs(stranger.address, await f.checkerBase.DISTRIBUTOR_ROLE());
  });

  it("refuses a direct role grant that bypasses the timelock", async () => {
    const pool = f.checkerBase.connect(f.signers.deployer);
    await expect(pool.grantRole(await pool.DISTRIBUTOR_ROLE(), f.signers.deployer.address))
      .to.be.revertedWithCustomError(pool, "AccessControlUnauthorizedAccount")
      .withArgs(f.signers.deployer.address, await pool.DEFAULT_ADMIN_ROLE());
  });

  it("lets an authorized distributor draw exactly what the schedule released, and not a wei more", async () => {
    const [distributor, recipient] = f.signers.others;
    await authorize(distributor.address);
    await f.networkHelpers.time.increase(86_400);
    const now = (await f.ethers.provider.getBlock("latest"))!.timestamp + 1;
    await f.networkHelpers.time.setNextBlockTimestamp(now);
    const releasable = await f.checkerBase.releasableAt(now);
    await expect(f.checkerBase.connect(distributor).draw(recipient.address, releasable + 1n))
      .to.be.revertedWithCustomError(f.checkerBase, "ExceedsReleasable")
      .withArgs(releasable + 1n, releasable);
    await f.networkHelpers.time.setNextBlockTimestamp(now + 1);
    const releasableNext = await f.checkerBase.releasableAt(now + 1);
    await expect(f.checkerBase.connect(distributor).draw(recipient.address, releasableNext))
      .to.emit(f.checkerBase, "Drawn")
      .withArgs(distributor.address, recipient.address, releasableNext);
    expect(await f.token.balanceOf(recipient.address)).to.equal(releasableNext);
    expect(await f.checkerBase.releasableAt(now + 1)).to.equal(0n);
  });

  it("lets returned funds be drawn again", async () => {
    const [distributor] = f.signers.others;
    await authorize(distributor.address);
    await f.networkHelpers.time.increase(3600);
    await (await f.checkerBase.connect(distributor).draw(distributor.address, 1000n)).wait();
    await (await f.token.connect(distributor).approve(await f.checkerBase.getAddress(), 400n)).wait();
    await expect(f.checkerBase.connect(distributor).returnFunds(400n)).to.emit(f.checkerBase, "Returned").withArgs(distributor.address, 400n);
    expect(await f.checkerBase.returned()).to.equal(400n);
    expect(await f.checkerBase.drawn()).to.equal(1000n);
  });

  it("lets the guardian pause draws but only governance unpause them", async () => {
    const [distributor] = f.signers.others;
    await authorize(distributor.address);
    await f.networkHelpers.time.increase(3600);
    await expect(f.checkerBase.connect(f.signers.guardian).pause()).to.emit(f.checkerBase, "Paused");
    await expect(f.checkerBase.connect(distributor).draw(distributor.address, 1n)).to.be.revertedWithCustomError(f.checkerBase, "EnforcedPause");
    await expect(f.checkerBase.connect(f.signers.guardian).unpause())
      .to.be.revertedWithCustomError(f.checkerBase, "AccessControlUnauthorizedAccount")
      .withArgs(f.signers.guardian.address, await f.checkerBase.DEFAULT_ADMIN_ROLE());
    await executeViaTimelock(await f.timelock.getAddress(), f.signers.deployer, {
      target: await f.checkerBase.getAddress(),
      data: f.checkerBase.interface.encodeFunctionData("unpause"),
    });
    await expect(f.checkerBase.connect(distributor).draw(distributor.address, 1n)).to.emit(f.checkerBase, "Drawn");
  });

  it("releases the DAO treasury's vesting to the timelock, which only governance can spend", async () => {
    await f.networkHelpers.time.increase(30 * 86_400);
    const token = await f.token.getAddress();
    await (await f.treasuryVesting["release(address)"](token)).wait();
    const held = await f.token.balanceOf(await f.timelock.getAddress());
    expect(held).to.equal(await f.treasuryVesting["released(address)"](token));
    expect(held > 0n).to.equal(true);
  });
});
