package network.mmc.jobs.apikeys;

/**
 * What an API key may do. OPS may do everything FINANCE may read. An API_USER key belongs to one API user and
 * submits that user's tasks; no other role may, nor may it do anything else.
 */
public enum Role {
    INGEST,
    OPS,
    FINANCE,
    API_USER;

    boolean grants(Role required) {
        return this == required || (this == OPS && required == FINANCE);
    }
}
