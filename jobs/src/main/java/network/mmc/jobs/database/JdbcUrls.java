package network.mmc.jobs.database;

/** Connector/J URLs with the options every connection of the Hub relies on. */
public final class JdbcUrls {

    /**
     * Batched inserts become multi-row inserts; LOAD DATA LOCAL streams validated rows; times keep their fraction on
     * MariaDB 10.x ({@link MariaDbFractionalSeconds}).
     */
    public static final String OPTIONS = "rewriteBatchedStatements=true&allowLoadLocalInfile=true"
            + "&useServerPrepStmts=false&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
            + "&allowPublicKeyRetrieval=true&useSSL=false"
            + "&" + MariaDbFractionalSeconds.PROPERTY + "=" + MariaDbFractionalSeconds.class.getName();

    private JdbcUrls() {
    }

    public static String mysql(String host, int port, String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?" + OPTIONS;
    }
}
