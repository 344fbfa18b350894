package network.mmc.jobs.database;

/** Connector/J URLs with the options every connection of the Hub relies on. */
public final class JdbcUrls {

    /**
     * Batched inserts become multi-row inserts; LOAD DATA LOCAL streams validated rows; times keep their fraction on
     * MariaDB 10.x ({@link MariaDbFractionalSeconds}). The driver keeps each statement's parse, trusts its own record of
     * auto-commit and read-only (nothing here sets them in SQL) rather than asking the server at every transaction,
     * and makes no OpenTelemetry span per statement (the Hub traces nothing): the task dispatcher runs a few statements
     * per unit, and each of these cost it CPU on every statement or transaction (and a query per transaction).
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
