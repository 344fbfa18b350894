package network.mmc.jobs.database;

/** Connector/J URLs with the options every connection of the Hub relies on. */
public final class JdbcUrls {

    /** Batched inserts become multi-row inserts; LOAD DATA LOCAL streams validated rows. */
    public static final String OPTIONS = "rewriteBatchedStatements=true&allowLoadLocalInfile=true"
            + "&useServerPrepStmts=false&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
            + "&allowPublicKeyRetrieval=true&useSSL=false";

    private JdbcUrls() {
    }

    public static String mysql(String host, int port, String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?" + OPTIONS;
    }
}
