package network.mmc.jobs.claims;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import network.mmc.jobs.crypto.Ed25519Signatures;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.database.NamedLocks;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import network.mmc.jobs.rewards.Distribution;
import network.mmc.jobs.rewards.Distributions;
import network.mmc.jobs.token.ChainUnavailableException;
import network.mmc.jobs.token.SolanaChain;
import network.mmc.jobs.token.TokenService;
import network.mmc.ledger.ClaimMessage;
import network.mmc.ledger.ClaimRefusedException;
import network.mmc.ledger.ClaimRules;
import network.mmc.rewards.AuthorityBalance;
import network.mmc.rewards.Claim;
import network.mmc.rewards.MerkleDistribution;
import network.mmc.rewards.MmcToken;
import network.mmc.rewards.Publication;
import network.mmc.rewards.PublishException;
import network.mmc.rewards.TokenAddresses;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

/**
 * Claims (SETTLEMENT.md §9): a wallet's signed claim of a confirmed version is checked (signature, hub, version,
 * Merkle proof against the version's root), stored with the amount it pays ({@code cumulative − claimed}), and paid
 * from the treasury to the wallet's associated token account in a transaction signed by the authority key.
 * <p>
 * One claim of a wallet at a time, across every Hub process: all of it runs holding the wallet's named lock. A
 * claim not yet seen paid is paid before a new one is taken, by the same send / confirm / re-send rule as the
 * distribution publisher: each transaction is stored before it is sent, and a new one is sent only once every earlier
 * one's blockhash expired without it landing. Since a claim in flight counts as claimed, what a wallet's claims pay
 * in all never exceeds the cumulative amount of the version it last claimed, the latest confirmed one at most.
 */
@Service
public class ClaimService {

    private static final Logger log = LoggerFactory.getLogger(ClaimService.class);
    private static final int MAX_PROOF_LENGTH = 64;

    private final Claims claims;
    private final Distributions distributions;
    private final TokenService tokens;
    private final SolanaChain chain;
    private final NamedLocks locks;
    private final String hubId;
    private final Clock clock;

    ClaimService(Claims claims, Distributions distributions, TokenService tokens, SolanaChain chain, NamedLocks locks,
                 @Value("${mmc.hub-id}") String hubId, Clock clock) {
        this.claims = claims;
        this.distributions = distributions;
        this.tokens = tokens;
        this.chain = chain;
        this.locks = locks;
        this.hubId = hubId;
        this.clock = clock;
    }

    /**
     * Checks a signed claim, stores it and pays it. The claim comes back CONFIRMED once paid, or SENT / PENDING with
     * its {@code lastError} while its payout is not seen confirmed (it is never paid twice: the next claim of the
     * wallet, a retry of the same message and {@code serve}'s recovery finish it).
     *
     * @param proof the Merkle proof (hex siblings bottom-up); null to use the one the Hub stored for the version
     */
    public RewardClaim claim(String walletText, Long version, Long cumulative, String signature, List<String> proof) {
        SolanaAddress wallet = SolanaAddress.parse("wallet", walletText);
        try {
            ClaimRules.checkShape(version, cumulative);
            List<byte[]> siblings = proof == null ? null : siblings(proof);
            Ed25519Signatures.verify(wallet, ClaimMessage.of(hubId, wallet.base58(), version, cumulative), signature);
            Optional<Distribution> distribution = distributions.version(version);
            ClaimRules.checkConfirmed(version, distribution.map(Distribution::status).orElse(null));
            Optional<Distributions.Leaf> leaf = distributions.leaf(version, wallet.base58());
            boolean verifies = leaf.isPresent() && MerkleDistribution.verify(
                    HexFormat.of().parseHex(distribution.get().root()),
                    MerkleDistribution.leaf(new Claim(wallet.bytes(), cumulative)),
                    siblings == null ? leaf.get().proof() : siblings);
            ClaimRules.checkLeaf(wallet.base58(), version, cumulative,
                    leaf.map(Distributions.Leaf::cumulative).orElse(null), verifies);
            return locks.whileHolding(lockOf(wallet.base58()), () -> "another claim of wallet " + wallet
                    + " is being processed right now: nothing sent for this one; ask again once it ended"
                    + " (GET /api/rewards/" + wallet + "/claims)",
                    () -> claimHoldingTheLock(wallet.base58(), version, cumulative, signature));
        } catch (ClaimRefusedException e) {
            throw switch (e.reason()) {
                case UNKNOWN_VERSION, NOT_IN_VERSION -> new NotFoundException(e.getMessage());
                case NOT_CONFIRMED, NOTHING_TO_CLAIM -> new ConflictException(e.getMessage());
                case MALFORMED, PROOF_INVALID -> new IllegalArgumentException(e.getMessage());
            };
        }
    }

    private RewardClaim claimHoldingTheLock(String wallet, long version, long cumulative, String signature) {
        Optional<RewardClaim> accepted = claims.bySignature(signature);
        if (accepted.isPresent()) {
            RewardClaim earlier = accepted.get();
            if (earlier.paid()) {
                throw new ConflictException("this claim message was accepted before: claim #" + earlier.id() + " paid "
                        + earlier.amount() + " base units in transaction " + earlier.transaction() + "; nothing sent");
            }
            // the same claim asked again while its payout is not seen confirmed: that payout, never a second one
            return pay(earlier);
        }
        for (RewardClaim open : claims.unfinished(wallet)) {
            RewardClaim now = pay(open);
            if (!now.paid()) {
                throw new ConflictException("claim #" + now.id() + " of this wallet (" + now.amount() + " base units) is"
                        + " not seen paid yet: " + now.lastError() + "; nothing sent for this claim, ask again later");
            }
        }
        long claimed = claims.claimed(wallet);
        long amount = ClaimRules.payable(wallet, version, cumulative, claimed);
        checkPayable(new PublicKey(SolanaAddress.parse("wallet", wallet).bytes()), amount);
        long id;
        try {
            id = claims.insert(wallet, version, cumulative, claimed, signature, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("another claim of wallet " + wallet + " was stored meanwhile: nothing sent");
        }
        return pay(claims.find(id).orElseThrow());
    }

    /**
     * Sends the claim's payout unless an earlier transaction of it can still land, and waits for it; a failure is
     * kept in {@code lastError} and the claim stays as it is, to be finished later.
     */
    private RewardClaim pay(RewardClaim claim) {
        try {
            Account authority = chain.authority();
            TokenAddresses addresses = tokens.addresses();
            Publication publication = chain.send(authority, MmcToken.payFromTreasury(authority.getPublicKey(),
                    addresses, new PublicKey(SolanaAddress.parse("wallet", claim.wallet()).bytes()), claim.amount(),
                    "mmc-claim:" + hubId + ":" + claim.id() + ":v" + claim.version()),
                    new ClaimAttempts(claims, claim.id(), clock));
            claims.confirm(claim.id(), publication.signature(), publication.slot(), clock.instant());
        } catch (PublishException | ChainUnavailableException | IllegalStateException e) {
            log.warn("claim #{} of {} not seen paid: {}", claim.id(), claim.wallet(), e.getMessage());
            claims.recordFailure(claim.id(), publicText(e.getMessage()));
        }
        return claims.find(claim.id()).orElseThrow();
    }

    /**
     * What must hold before a new claim is stored: the treasury holds the amount, and the authority the fee and the
     * rent of the wallet's token account when it has none. Otherwise nothing is stored or sent.
     */
    private void checkPayable(PublicKey wallet, long amount) {
        try {
            TokenAddresses addresses = tokens.addresses();
            long treasury = tokens.treasuryBalance();
            if (treasury < amount) {
                throw unavailable("the treasury " + addresses.treasury() + " holds " + treasury + " base units, less"
                        + " than the " + amount + " this claim pays: nothing sent (ops: `mmc-hub token mint-emission`"
                        + " or a transfer into it)");
            }
            Account authority = chain.authority();
            PublicKey account = TokenAddresses.associatedTokenAccount(wallet, addresses.mint());
            long needed = AuthorityBalance.FEE_LAMPORTS
                    + (chain.account(account).isPresent() ? 0 : chain.rentExemption(MmcToken.ACCOUNT_SIZE));
            long lamports = chain.lamports(authority.getPublicKey());
            if (lamports < needed) {
                throw unavailable("the authority " + authority.getPublicKey() + " holds " + lamports + " lamports, less"
                        + " than the " + needed + " this payout needs (fee, and rent of the wallet's token account when"
                        + " it has none): nothing sent; ops: fund it");
            }
        } catch (ChainUnavailableException | IllegalStateException e) {
            log.warn("a claim of {} cannot be paid now: {}", wallet, e.getMessage());
            throw unavailable("claims cannot be paid now: " + e.getMessage() + "; nothing sent");
        }
    }

    /**
     * A claim's answers and its stored problem are public: the RPC's URL is left out of them (a provider's URL often
     * carries its API key); the log has it.
     */
    private String publicText(String text) {
        return text.replace(chain.rpcUrl(), "the Solana RPC");
    }

    /** Pays every claim not yet seen paid whose wallet no request is claiming right now; for {@code serve}'s loop. */
    public List<RewardClaim> recover() {
        List<RewardClaim> recovered = new ArrayList<>();
        for (RewardClaim open : claims.unfinished(null)) {
            try {
                locks.whileHolding(lockOf(open.wallet()), () -> "busy", () -> claims.find(open.id())
                        .filter(claim -> !claim.paid()).map(this::pay)).ifPresent(recovered::add);
            } catch (ConflictException e) {
                // a request of this wallet holds its lock and pays its open claim first
            }
        }
        return recovered;
    }

    public RewardClaim find(String walletText, long id) {
        String wallet = SolanaAddress.parse("wallet", walletText).base58();
        return claims.find(id).filter(claim -> claim.wallet().equals(wallet))
                .orElseThrow(() -> new NotFoundException("wallet " + wallet + " has no claim #" + id));
    }

    public List<RewardClaim> ofWallet(String walletText) {
        return claims.ofWallet(SolanaAddress.parse("wallet", walletText).base58());
    }

    private static String lockOf(String wallet) {
        return "mmc-claim:" + wallet;
    }

    private static List<byte[]> siblings(List<String> proof) {
        if (proof.size() > MAX_PROOF_LENGTH) {
            throw new IllegalArgumentException("proof has " + proof.size() + " siblings, at most " + MAX_PROOF_LENGTH);
        }
        List<byte[]> siblings = new ArrayList<>(proof.size());
        for (int i = 0; i < proof.size(); i++) {
            String sibling = proof.get(i);
            if (sibling == null || !sibling.matches("[0-9a-fA-F]{64}")) {
                throw new IllegalArgumentException("proof[" + i + "] is not 32 bytes of hex (64 hex digits)");
            }
            siblings.add(HexFormat.of().parseHex(sibling));
        }
        return siblings;
    }

    private ErrorResponseException unavailable(String detail) {
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, publicText(detail)), null);
    }
}
