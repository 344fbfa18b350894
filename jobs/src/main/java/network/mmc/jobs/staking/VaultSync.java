package network.mmc.jobs.staking;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import network.mmc.jobs.database.NamedLocks;
import network.mmc.jobs.staking.VaultChain.ConfirmedTransaction;
import network.mmc.jobs.staking.VaultChain.SignatureEntry;
import network.mmc.jobs.token.TokenService;
import network.mmc.rewards.TokenAddresses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads the stake vault's confirmed transactions that the Hub has not recorded yet, oldest first, and records each
 * once ({@link StakeCredits}). It reads the history newest first down to the newest transaction recorded, so every
 * sync costs one call when nothing happened. One sync at a time across every Hub process (a named lock).
 */
@Service
public class VaultSync {

    static final String LOCK = "mmc-stake-vault-sync";
    private static final Logger log = LoggerFactory.getLogger(VaultSync.class);

    private final VaultChain chain;
    private final VaultTransfers transfers;
    private final StakeCredits credits;
    private final TokenService tokens;
    private final NamedLocks locks;
    private final StakingSettings settings;

    VaultSync(VaultChain chain, VaultTransfers transfers, StakeCredits credits, TokenService tokens, NamedLocks locks,
              StakingSettings settings) {
        this.chain = chain;
        this.transfers = transfers;
        this.credits = credits;
        this.tokens = tokens;
        this.locks = locks;
        this.settings = settings;
    }

    /** Syncs now; refused (409) while another sync runs. */
    public VaultSyncResult sync() {
        return locks.whileHolding(LOCK, () -> "the stake vault is being synced right now; ask again once that ended",
                this::syncHoldingTheLock);
    }

    private VaultSyncResult syncHoldingTheLock() {
        TokenAddresses token = tokens.addresses();
        String until = transfers.newestSignature().orElse(null);
        List<SignatureEntry> newer = new ArrayList<>();
        String before = null;
        while (true) {
            List<SignatureEntry> page = chain.signatures(token.vault(), settings.pageSize(), before, until);
            newer.addAll(page);
            if (page.size() < settings.pageSize()) {
                break;
            }
            before = page.get(page.size() - 1).signature();
        }
        Collections.reverse(newer);
        int credited = 0;
        int reported = 0;
        int ignored = 0;
        for (SignatureEntry entry : newer) {
            if (transfers.find(entry.signature()).isPresent()) {
                continue;
            }
            ConfirmedTransaction transaction = chain.transaction(entry.signature());
            if (transaction == null) {
                // listed but not readable at the commitment yet: what follows it waits for the next sync
                return new VaultSyncResult(credited + reported + ignored, credited, reported, ignored, false);
            }
            StakeTransfer recorded = record(entry.signature(), transaction, token);
            switch (recorded.status()) {
                case StakeTransfer.CREDITED -> credited++;
                case StakeTransfer.REPORTED -> reported++;
                default -> ignored++;
            }
            if (!StakeTransfer.IGNORED.equals(recorded.status())) {
                log.info("stake vault: {} {} base units from {} for node {}{}", recorded.status(), recorded.amount(),
                        recorded.sender(), recorded.nodeId(), recorded.reason() == null ? "" : ": " + recorded.reason());
            }
        }
        return new VaultSyncResult(credited + reported + ignored, credited, reported, ignored, true);
    }

    private StakeTransfer record(String signature, ConfirmedTransaction transaction, TokenAddresses token) {
        if (transaction.failed()) {
            return credits.recordOther(signature, transaction.slot(), StakeTransfer.IGNORED, "failed on chain");
        }
        VaultReading reading;
        try {
            WireTransaction wire = WireTransaction.parse(transaction.wire());
            reading = VaultReading.read(wire.instructions(transaction.loadedAddresses()), token.vault());
        } catch (IllegalArgumentException | ArithmeticException e) {
            return credits.recordOther(signature, transaction.slot(), StakeTransfer.REPORTED, "unreadable: "
                    + e.getMessage());
        }
        if (!reading.deposit()) {
            return credits.recordOther(signature, transaction.slot(), StakeTransfer.IGNORED,
                    "no transfer into the stake vault");
        }
        return credits.recordDeposit(signature, transaction.slot(), reading, token.mint());
    }
}
