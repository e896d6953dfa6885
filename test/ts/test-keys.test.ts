// `accounts --keys` shows a local node's public test keys and nothing else: another chain, or a node whose accounts
// are not Hardhat's defaults, is refused with a sentence.
import { expect } from "chai";
import { HDNodeWallet, Mnemonic, type Provider } from "ethers";
import { localTestKeys } from "../../scripts/lib/test-keys.js";

const on = (chainId: bigint) => ({ getNetwork: async () => ({ chainId }) }) as unknown as Provider;
const account = (i: number) => HDNodeWallet.fromMnemonic(Mnemonic.fromPhrase("test test test test test test test test test test test junk"), `m/44'/60'/0'/0/${i}`);

describe("local test keys (accounts --keys)", () => {
  it("derives each local account's key, which signs as that account", async () => {
    const keys = await localTestKeys(on(31337n), [account(0).address, account(1).address]);
    expect(keys).to.deep.equal([account(0).privateKey, account(1).privateKey]);
  });
  it("refuses on any chain but 31337", async () => {
    const error = await localTestKeys(on(42161n), [account(0).address]).catch((e: Error) => e);
    expect((error as Error).message).to.equal("--keys shows only a local node's public test keys; this is chain 42161. Import your own key into your wallet instead.");
  });
  it("refuses a node whose accounts are not Hardhat's defaults", async () => {
    const error = await localTestKeys(on(31337n), [account(0).address, account(5).address]).catch((e: Error) => e);
    expect((error as Error).message).to.equal("account 1 of this node is not Hardhat's default test account, so its key is unknown here: --keys works only on a node started with Hardhat's default accounts (npm start's).");
  });
});
