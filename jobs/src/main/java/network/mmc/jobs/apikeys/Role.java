package network.mmc.jobs.apikeys;

/** What an API key may do. OPS may do everything FINANCE may read. */
public enum Role {
    INGEST,
    OPS,
    FINANCE;

    boolean grants(Role required) {
        return this == required || (this == OPS && required == FINANCE);
    }
}
