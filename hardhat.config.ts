import { createRequire } from "node:module";
import { defineConfig, configVariable } from "hardhat/config";
import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import hardhatEthersChaiMatchers from "@nomicfoundation/hardhat-ethers-chai-matchers";
import hardhatKeystore from "@nomicfoundation/hardhat-keystore";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";
import hardhatTypechain from "@nomicfoundation/hardhat-typechain";

const require = createRequire(import.meta.url);

// Compilers come from npm (wasm builds), never from the internet: this machine and CI are offline.
const SOLC_VERSION = "0.8.30";
const solc = {
  version: SOLC_VERSION,
  path: require.resolve("solc/soljson.js"),
  settings: {
    // Arbitrum One runs Cancun (ArbOS 20+); Prague opcodes are not guaranteed there.
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 10_000 },
  },
};

// Benchmark anchor only: Synthetix's StakingRewards (npm `synthetix`) is written for solc 0.5.16. It is compiled with
// the same optimizer settings as ours; its EVM target is the newest 0.5.16 knows, and gas is metered by the chain
// (cancun) either way.
const solc0516 = {
  version: "0.5.16",
  path: require.resolve("solc-0.5.16/soljson.js"),
  settings: { evmVersion: "istanbul", optimizer: { enabled: true, runs: 10_000 } },
};

const localPort = process.env.AETHIR_RPC_PORT ?? "8545";

export default defineConfig({
  plugins: [
    hardhatEthers,
    hardhatEthersChaiMatchers,
    hardhatKeystore,
    hardhatMocha,
    hardhatNetworkHelpers,
    hardhatTypechain,
  ],
  solidity: {
    profiles: {
      default: { compilers: [solc, solc0516] },
      production: { compilers: [solc, solc0516] },
    },
    npmFilesToBuild: [
      "@openzeppelin/contracts/governance/TimelockController.sol",
      "synthetix/contracts/StakingRewards.sol",
    ],
  },
  paths: {
    sources: ["contracts", "bench/contracts", "test/contracts"],
    tests: { mocha: "test/ts", solidity: "test/sol" },
  },
  test: {
    mocha: { timeout: 300_000 },
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32, failOnRevert: false },
    },
  },
  networks: {
    default: { type: "edr-simulated", chainType: "generic", allowUnlimitedContractSize: false },
    localhost: { type: "http", chainType: "generic", url: `http://127.0.0.1:${localPort}` },
    arbitrumSepolia: {
      type: "http",
      chainType: "generic",
      chainId: 421614,
      url: configVariable("ARBITRUM_SEPOLIA_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
    arbitrumOne: {
      type: "http",
      chainType: "generic",
      chainId: 42161,
      url: configVariable("ARBITRUM_ONE_RPC_URL"),
      accounts: [configVariable("DEPLOYER_PRIVATE_KEY")],
    },
  },
});
