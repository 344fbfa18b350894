package network.mmc.jobs.database;

/** Connector/J URLs with the options every connection of the Hub relies on. */
public final class JdbcUrls {

    /**
     * Batched inserts become multi-row inserts; LOAD DATA LOCAL streams validated rows; times keep their fraction on
     * MariaDB 10.x ({@link MariaDbFractionalSeconds}). The driver keeps each statement's parse, trusts its own record of
     * auto-commit and read-only (nothing here sets them in SQL) rather than asking the server at every transaction,
     * and makes no OpenTelemetry span per statement (the Hub traces nothing): at a few statements per task unit, each
     * of these cost the dispatcher about as much as the statement itself.
     */
    public static final String OPTIONS = "rewriteBatchedStatements=true&allowLoadLocalInfile=true"
            + "&useServerPrepStmts=false&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
            + "&allowPublicKeyRetrieval=true&useSSL=false"
            + "&cachePrepStmts=true&prepStmtCacheSize=500&prepStmtCacheSqlLimit=4096&useLocalSessionState=true"
            + "&openTelemetry=DISABLED"
            + "&" + MariaDbFractionalSeconds.PROPERTY + "=" + MariaDbFractionalSeconds.class.getName();

    private JdbcUrls() {
    }

    public static String mysql(String host, int port, String database) {
        return "jdbc:mysql://" + host + ":" + port + "/" + database + "?" + OPTIONS;
    }
}
