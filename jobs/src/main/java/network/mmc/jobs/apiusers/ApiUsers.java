package network.mmc.jobs.apiusers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import network.mmc.jobs.apikeys.ApiKeys;
import network.mmc.jobs.crypto.SolanaAddress;
import network.mmc.jobs.database.UtcTimestamps;
import network.mmc.jobs.errors.ConflictException;
import network.mmc.jobs.errors.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** API user accounts: created by OPS on the Hub's machine with a first key; more keys later; found by name. */
@Service
public class ApiUsers {

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit: safe in a URL path and a CSV cell. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private final JdbcTemplate jdbc;
    private final ApiKeys keys;
    private final Clock clock;

    ApiUsers(JdbcTemplate jdbc, ApiKeys keys, Clock clock) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
    }

    /** A new user and its first key, whose secret is shown once. */
    public record Created(ApiUser user, ApiKeys.IssuedKey key) {
    }

    @Transactional
    public Created create(String name, String wallet) {
        String checkedName = checkName(name);
        String checkedWallet = SolanaAddress.parse("wallet", wallet).base58();
        try {
            jdbc.update("INSERT INTO api_user (name, wallet, created_at) VALUES (?, ?, ?)", checkedName, checkedWallet,
                    UtcTimestamps.of(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new ConflictException("API user '" + checkedName + "' already exists");
        }
        ApiUser user = find(checkedName);
        return new Created(user, keys.issueForApiUser(user.id(), user.name()));
    }

    /** Another API_USER key for an existing user (the earlier ones keep working until revoked). */
    @Transactional
    public ApiKeys.IssuedKey newKey(String name) {
        ApiUser user = find(name);
        return keys.issueForApiUser(user.id(), user.name());
    }

    @Transactional(readOnly = true)
    public ApiUser find(String name) {
        List<ApiUser> found = jdbc.query("SELECT id, name, wallet, balance, created_at FROM api_user WHERE name = ?",
                ApiUsers::user, checkName(name));
        if (found.isEmpty()) {
            throw new NotFoundException("API user '" + name + "' does not exist");
        }
        return found.get(0);
    }

    @Transactional(readOnly = true)
    public ApiUser byId(long id) {
        return jdbc.queryForObject("SELECT id, name, wallet, balance, created_at FROM api_user WHERE id = ?",
                ApiUsers::user, id);
    }

    @Transactional(readOnly = true)
    public List<ApiUser> list() {
        return jdbc.query("SELECT id, name, wallet, balance, created_at FROM api_user ORDER BY name", ApiUsers::user);
    }

    static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("the API user's name is missing");
        }
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("API user name '" + printable(name) + "' must be 1 to 64 letters, digits,"
                    + " '.', '_' or '-', starting with a letter or digit");
        }
        return name;
    }

    private static String printable(String text) {
        StringBuilder safe = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }

    private static ApiUser user(ResultSet row, int i) throws SQLException {
        return new ApiUser(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                UtcTimestamps.toInstant(row.getTimestamp(5)));
    }
}
