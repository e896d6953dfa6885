// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {AethirToken} from "../../../contracts/token/AethirToken.sol";
import {IAethirToken} from "../../../contracts/interfaces/IAethirToken.sol";
import {Test} from "../utils/Test.sol";
import {Tokenomics as T} from "../utils/Tokenomics.sol";
import {EmptyBucket} from "../utils/TokenFixture.sol";

/// @notice The token's constructor is the only place ATH is ever minted, so its two guards carry the whole
/// "fixed supply, every wei placed in a bucket contract" promise of SPEC §2: exactly 42e9 ATH, only to contracts.
contract AethirTokenConstructorTest is Test {
    address internal bucketA;
    address internal bucketB;

    function setUp() public {
        bucketA = address(new EmptyBucket());
        bucketB = address(new EmptyBucket());
    }

    function _two(uint256 a, uint256 b) internal view returns (IAethirToken.Allocation[] memory list) {
        list = new IAethirToken.Allocation[](2);
        list[0] = IAethirToken.Allocation(bucketA, a);
        list[1] = IAethirToken.Allocation(bucketB, b);
    }

    function test_RevertsWhen_AllocationsPlaceOneWeiTooLittle() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAethirToken.GenesisSupplyMismatch.selector, T.TOTAL_SUPPLY - 1, T.TOTAL_SUPPLY)
        );
        new AethirToken(_two(T.TOTAL_SUPPLY / 2, T.TOTAL_SUPPLY / 2 - 1));
    }

    function test_RevertsWhen_AllocationsPlaceOneWeiTooMuch() public {
        vm.expectRevert(
            abi.encodeWithSelector(IAethirToken.GenesisSupplyMismatch.selector, T.TOTAL_SUPPLY + 1, T.TOTAL_SUPPLY)
        );
        new AethirToken(_two(T.TOTAL_SUPPLY / 2, T.TOTAL_SUPPLY / 2 + 1));
    }

    function test_RevertsWhen_NoAllocationAtAll() public {
        vm.expectRevert(abi.encodeWithSelector(IAethirToken.GenesisSupplyMismatch.selector, 0, T.TOTAL_SUPPLY));
        new AethirToken(new IAethirToken.Allocation[](0));
    }

    /// @dev An EOA bucket would hold its share with no schedule at all; the index says which entry is wrong.
    function test_RevertsWhen_ARecipientIsAnEOA() public {
        address eoa = makeAddr("eoa");
        IAethirToken.Allocation[] memory list = _two(T.TOTAL_SUPPLY / 2, T.TOTAL_SUPPLY / 2);
        list[1].recipient = eoa;
        vm.expectRevert(abi.encodeWithSelector(IAethirToken.GenesisRecipientNotContract.selector, 1, eoa));
        new AethirToken(list);
    }

    /// @dev The zero address has no code either; it fails the same guard before ERC-20's own receiver check.
    function test_RevertsWhen_ARecipientIsTheZeroAddress() public {
        IAethirToken.Allocation[] memory list = _two(T.TOTAL_SUPPLY / 2, T.TOTAL_SUPPLY / 2);
        list[0].recipient = address(0);
        vm.expectRevert(abi.encodeWithSelector(IAethirToken.GenesisRecipientNotContract.selector, 0, address(0)));
        new AethirToken(list);
    }

    /// @dev A pool whose deployment was skipped is an empty address at the predicted spot: refused.
    function test_RevertsWhen_ARecipientIsNotDeployedYet() public {
        address notYet = address(uint160(uint256(keccak256("predicted but never deployed"))));
        IAethirToken.Allocation[] memory list = _two(T.TOTAL_SUPPLY, 0);
        list[1].recipient = notYet;
        vm.expectRevert(abi.encodeWithSelector(IAethirToken.GenesisRecipientNotContract.selector, 1, notYet));
        new AethirToken(list);
    }

    /// @dev An amount beyond ERC20Votes' safe supply (2^208 - 1) is refused by the votes checkpointing while
    /// minting, before the total is compared: still a custom error with its figures.
    function test_RevertsWhen_AnAllocationExceedsTheVotesSafeSupply() public {
        uint256 tooMuch = uint256(type(uint208).max) + 1;
        vm.expectRevert(
            abi.encodeWithSelector(ERC20Votes.ERC20ExceededSafeSupply.selector, tooMuch, uint256(type(uint208).max))
        );
        new AethirToken(_two(tooMuch, 0));
    }

    /// @dev The recipient check comes first: a bad recipient is reported even when the sum is wrong too.
    function test_RecipientCheckComesBeforeTheSupplyCheck() public {
        IAethirToken.Allocation[] memory list = _two(1, 2);
        list[0].recipient = address(0xBEEF);
        vm.expectRevert(abi.encodeWithSelector(IAethirToken.GenesisRecipientNotContract.selector, 0, address(0xBEEF)));
        new AethirToken(list);
    }

    function test_MintsEachAllocationWithTransferAndGenesisAllocationEvents() public {
        uint256 a = T.TOTAL_SUPPLY / 3;
        uint256 b = T.TOTAL_SUPPLY - a;
        vm.expectEmit();
        emit IERC20.Transfer(address(0), bucketA, a);
        vm.expectEmit();
        emit IAethirToken.GenesisAllocation(bucketA, a);
        vm.expectEmit();
        emit IERC20.Transfer(address(0), bucketB, b);
        vm.expectEmit();
        emit IAethirToken.GenesisAllocation(bucketB, b);
        AethirToken token = new AethirToken(_two(a, b));

        assertEq(token.totalSupply(), T.TOTAL_SUPPLY, "total supply");
        assertEq(token.TOTAL_SUPPLY(), 42_000_000_000 ether, "TOTAL_SUPPLY constant");
        assertEq(token.balanceOf(bucketA), a, "bucket A");
        assertEq(token.balanceOf(bucketB), b, "bucket B");
        assertEq(token.balanceOf(address(this)), 0, "deployer keeps nothing");
    }

    function test_HasTheSpecifiedMetadata() public {
        AethirToken token = new AethirToken(_two(T.TOTAL_SUPPLY, 0));
        assertEq(token.name(), "Aethir Token", "name");
        assertEq(token.symbol(), "ATH", "symbol");
        assertEq(token.decimals(), 18, "decimals");
    }

    /// @dev Zero-amount entries and a bucket listed twice are accepted: only the total and the code are checked.
    function test_AcceptsZeroAmountsAndRepeatedRecipients() public {
        IAethirToken.Allocation[] memory list = new IAethirToken.Allocation[](3);
        list[0] = IAethirToken.Allocation(bucketA, 0);
        list[1] = IAethirToken.Allocation(bucketA, T.TOTAL_SUPPLY - 5);
        list[2] = IAethirToken.Allocation(bucketA, 5);
        AethirToken token = new AethirToken(list);
        assertEq(token.balanceOf(bucketA), T.TOTAL_SUPPLY, "one bucket holds all");
    }
}
