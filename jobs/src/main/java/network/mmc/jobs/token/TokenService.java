package network.mmc.jobs.token;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.rewards.MmcToken;
import network.mmc.rewards.Publication;
import network.mmc.rewards.PublishException;
import network.mmc.rewards.SplMint;
import network.mmc.rewards.SplTokenAccount;
import network.mmc.rewards.TokenAddresses;
import org.p2p.solanaj.core.Account;
import org.p2p.solanaj.core.PublicKey;
import org.p2p.solanaj.core.TransactionInstruction;
import org.p2p.solanaj.programs.TokenProgram;
import org.springframework.stereotype.Service;

/**
 * The MMC token on the cluster: where it lives ({@code mmc.token.*}, or the addresses derived from the authority
 * key), creating what is missing of it once ({@link #setup}), minting into the treasury, and token balances.
 */
@Service
public class TokenService {

    private final TokenSettings settings;
    private final SolanaChain chain;
    private final Clock clock;

    TokenService(TokenSettings settings, SolanaChain chain, Clock clock) {
        this.settings = settings;
        this.chain = chain;
        this.clock = clock;
    }

    /** The configured addresses, or those derived from the authority key (which then must be readable). */
    public TokenAddresses addresses() {
        if (!settings.configured()) {
            return TokenAddresses.derivedFrom(chain.authority().getPublicKey());
        }
        return new TokenAddresses(configured("mmc.token.mint", settings.mint()),
                configured("mmc.token.treasury", settings.treasury()), configured("mmc.token.vault", settings.vault()));
    }

    private static PublicKey configured(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(key + " is not set: set all three of mmc.token.mint, mmc.token.treasury"
                    + " and mmc.token.vault for an existing token, or none to use the Hub's own (`token setup`)");
        }
        return new PublicKey(SolanaAddress.parse(key, value).bytes());
    }

    /**
     * Creates, in one transaction, whatever of the Hub's own token is missing on the cluster (mint, stake vault,
     * treasury) and checks what exists; a second setup finds everything and sends nothing. With {@code mmc.token.*}
     * set nothing is created: the configured accounts are checked.
     */
    public TokenSetup setup() {
        Account authority = chain.authority();
        PublicKey key = authority.getPublicKey();
        TokenAddresses addresses = addresses();
        Optional<ChainAccount> mint = chain.account(addresses.mint());
        Optional<ChainAccount> vault = chain.account(addresses.vault());
        Optional<ChainAccount> treasury = chain.account(addresses.treasury());
        if (settings.configured()) {
            List<String> missing = new ArrayList<>();
            mint.ifPresentOrElse(m -> checkMint(m, null), () -> missing.add("mint " + addresses.mint()));
            treasury.ifPresentOrElse(t -> checkTokenAccount("treasury", t, addresses.mint(), key),
                    () -> missing.add("treasury " + addresses.treasury()));
            vault.ifPresentOrElse(v -> checkTokenAccount("stake vault", v, addresses.mint(), key),
                    () -> missing.add("stake vault " + addresses.vault()));
            if (!missing.isEmpty()) {
                throw new IllegalStateException("the configured " + String.join(", ", missing) + " not found on "
                        + chain.rpcUrl() + ": mmc.token.* must name existing accounts (unset them to create the Hub's own)");
            }
            return state(addresses, List.of(), null);
        }
        mint.ifPresent(m -> checkMint(m, key));
        vault.ifPresent(v -> checkTokenAccount("stake vault", v, addresses.mint(), key));
        treasury.ifPresent(t -> checkTokenAccount("treasury", t, addresses.mint(), key));
        List<TransactionInstruction> instructions = new ArrayList<>();
        List<String> created = new ArrayList<>();
        if (mint.isEmpty()) {
            instructions.addAll(MmcToken.createMint(key, addresses, chain.rentExemption(MmcToken.MINT_SIZE)));
            created.add("mint");
        }
        if (vault.isEmpty()) {
            instructions.addAll(MmcToken.createVault(key, addresses, chain.rentExemption(MmcToken.ACCOUNT_SIZE)));
            created.add("stake vault");
        }
        if (treasury.isEmpty()) {
            instructions.add(MmcToken.createTreasury(key, addresses));
            created.add("treasury");
        }
        if (instructions.isEmpty()) {
            return state(addresses, List.of(), null);
        }
        Publication publication = send(authority, instructions, "token setup (" + String.join(", ", created) + ")");
        return state(addresses, created, publication.signature());
    }

    /** Mints {@code amount} base units into the treasury (the demo's emission); the authority must be the mint authority. */
    public MintedEmission mintEmission(long amount) {
        if (amount <= 0) {
            throw new IllegalArgumentException("AMOUNT must be a positive number of base units, got " + amount);
        }
        Account authority = chain.authority();
        TokenAddresses addresses = addresses();
        SplMint mint = mint(addresses);
        if (!authority.getPublicKey().equals(mint.mintAuthority())) {
            throw new IllegalStateException("the mint authority of " + addresses.mint() + " is " + mint.mintAuthority()
                    + ", not this Hub's authority " + authority.getPublicKey() + ": it cannot mint");
        }
        tokenAccount("treasury", addresses.treasury(), addresses.mint());
        Publication publication = send(authority, MmcToken.mintToTreasury(authority.getPublicKey(), addresses, amount,
                "mmc-mint-emission:" + amount + ":" + clock.instant()), "minting " + amount + " base units (it may still land:"
                + " read the treasury's balance before minting again)");
        return new MintedEmission(addresses.treasury().toBase58(), amount, publication.signature(),
                tokenAccount("treasury", addresses.treasury(), addresses.mint()).amount());
    }

    /** The base units held by {@code owner}'s associated token account, 0 when it has none. */
    public long balanceOf(PublicKey owner) {
        TokenAddresses addresses = addresses();
        PublicKey account = TokenAddresses.associatedTokenAccount(owner, addresses.mint());
        return chain.account(account).map(a -> parseTokenAccount("token account of " + owner, a, addresses.mint())
                .amount()).orElse(0L);
    }

    /** The treasury's balance in base units. */
    public long treasuryBalance() {
        TokenAddresses addresses = addresses();
        return tokenAccount("treasury", addresses.treasury(), addresses.mint()).amount();
    }

    private TokenSetup state(TokenAddresses addresses, List<String> created, String signature) {
        return new TokenSetup(addresses.mint().toBase58(), addresses.treasury().toBase58(), addresses.vault().toBase58(),
                settings.configured(), List.copyOf(created), signature, mint(addresses),
                tokenAccount("treasury", addresses.treasury(), addresses.mint()).amount(),
                tokenAccount("stake vault", addresses.vault(), addresses.mint()).amount());
    }

    private Publication send(Account authority, List<TransactionInstruction> instructions, String what) {
        try {
            return chain.send(authority, instructions, new OneRunAttempts());
        } catch (PublishException e) {
            throw new IllegalStateException(what + " not confirmed on " + chain.rpcUrl() + ": " + e.getMessage(), e);
        }
    }

    private SplMint mint(TokenAddresses addresses) {
        ChainAccount account = chain.account(addresses.mint()).orElseThrow(() -> notSetUp("mint " + addresses.mint()));
        return checkMint(account, null);
    }

    private SplTokenAccount tokenAccount(String name, PublicKey address, PublicKey mint) {
        return parseTokenAccount(name, chain.account(address).orElseThrow(() -> notSetUp(name + " " + address)), mint);
    }

    private IllegalStateException notSetUp(String what) {
        return new IllegalStateException("the MMC token is not set up on " + chain.rpcUrl() + ": there is no " + what
                + (settings.configured() ? " (check mmc.token.*)" : "; run `mmc-hub token setup`"));
    }

    private static SplMint checkMint(ChainAccount account, PublicKey expectedAuthority) {
        if (!TokenProgram.PROGRAM_ID.toBase58().equals(account.program()) || account.data().length != MmcToken.MINT_SIZE) {
            throw new IllegalStateException(account.address() + " is not an SPL Token mint (owner program "
                    + account.program() + ", " + account.data().length + " bytes)");
        }
        SplMint mint = SplMint.parse(account.data());
        if (!mint.initialized() || mint.decimals() != MmcToken.DECIMALS) {
            throw new IllegalStateException("mint " + account.address() + (mint.initialized() ? " has " + mint.decimals()
                    + " decimals, MMC has " + MmcToken.DECIMALS : " is not initialized"));
        }
        if (expectedAuthority != null && !expectedAuthority.equals(mint.mintAuthority())) {
            throw new IllegalStateException("mint " + account.address() + " has mint authority " + mint.mintAuthority()
                    + ", not " + expectedAuthority);
        }
        return mint;
    }

    private static void checkTokenAccount(String name, ChainAccount account, PublicKey mint, PublicKey owner) {
        SplTokenAccount parsed = parseTokenAccount(name, account, mint);
        if (!parsed.owner().equals(owner)) {
            throw new IllegalStateException("the " + name + " " + account.address() + " belongs to " + parsed.owner()
                    + ", not to the authority " + owner + ": the Hub could not sign its transfers");
        }
    }

    private static SplTokenAccount parseTokenAccount(String name, ChainAccount account, PublicKey mint) {
        if (!TokenProgram.PROGRAM_ID.toBase58().equals(account.program())
                || account.data().length != MmcToken.ACCOUNT_SIZE) {
            throw new IllegalStateException("the " + name + " " + account.address() + " is not an SPL token account");
        }
        SplTokenAccount parsed = SplTokenAccount.parse(account.data());
        if (!parsed.mint().equals(mint) || !parsed.initialized()) {
            throw new IllegalStateException("the " + name + " " + account.address() + " is not an initialized account of"
                    + " mint " + mint + " (its mint: " + parsed.mint() + ")");
        }
        return parsed;
    }
}
