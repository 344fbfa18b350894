package network.mmc.jobs.console;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import network.mmc.jobs.apikeys.Role;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** Someone who signs in to the web console; the password is kept only as its BCrypt hash. */
@Entity
@Table(name = "console_user")
public class ConsoleUser {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String username;

    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.VARCHAR)
    private Role role;

    private Instant createdAt;

    private Instant credentialsChangedAt;

    private Instant disabledAt;

    private int failedSignIns;

    private Instant lockedUntil;

    private Instant lastSignInAt;

    protected ConsoleUser() {
        // for Hibernate
    }

    ConsoleUser(String username, String passwordHash, Role role, Instant createdAt) {
        this.username = username;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
        this.credentialsChangedAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    String getPasswordHash() {
        return passwordHash;
    }

    public Role getRole() {
        return role;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** When the password last changed or the account was disabled: sessions signed in before then are ended. */
    public Instant getCredentialsChangedAt() {
        return credentialsChangedAt;
    }

    public Instant getDisabledAt() {
        return disabledAt;
    }

    public Instant getLockedUntil() {
        return lockedUntil;
    }

    public Instant getLastSignInAt() {
        return lastSignInAt;
    }

}
