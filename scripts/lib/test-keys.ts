// The private keys of a local Hardhat node's accounts, for importing them into a browser wallet. They are derived
// from Hardhat's public test mnemonic, so they are shown only on a local chain (31337) whose accounts are exactly
// those: anything else is refused with a sentence.
import { HDNodeWallet, Mnemonic, type Provider } from "ethers";

const HARDHAT_MNEMONIC = "test test test test test test test test test test test junk";

export async function localTestKeys(provider: Provider, addresses: string[]): Promise<string[]> {
  const { chainId } = await provider.getNetwork();
  if (chainId !== 31337n) throw new Error(`--keys shows only a local node's public test keys; this is chain ${chainId}. Import your own key into your wallet instead.`);
  const mnemonic = Mnemonic.fromPhrase(HARDHAT_MNEMONIC);
  return addresses.map((address, i) => {
    const wallet = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${i}`);
    if (wallet.address.toLowerCase() !== address.toLowerCase()) throw new Error(`account ${i} of this node is not Hardhat's default test account, so its key is unknown here: --keys works only on a node started with Hardhat's default accounts (npm start's).`);
    return wallet.privateKey;
  });
}
