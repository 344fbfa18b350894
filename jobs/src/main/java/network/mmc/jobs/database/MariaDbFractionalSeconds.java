package network.mmc.jobs.database;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.jdbc.interceptors.ConnectionLifecycleInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.a.NativeCapabilities;
import com.mysql.cj.protocol.a.NativePacketPayload;
import com.mysql.cj.protocol.a.NativeServerSession;
import java.sql.Savepoint;
import java.util.Properties;

/**
 * Keeps the fractional seconds of times bound to statements on MariaDB 10.x. Those servers announce themselves as
 * {@code 5.5.5-10.x.y-MariaDB} (a prefix for old replication clients); Connector/J reads 5.5.5, older than MySQL
 * 5.6.4, and then silently drops the fraction of every {@code Timestamp}, {@code Instant} or {@code LocalDateTime}
 * it sends. MariaDB stores microseconds since 5.3, and 11.x dropped the prefix, so only the capability is wrong:
 * this interceptor, installed with Connector/J's {@code connectionLifecycleInterceptors} property, sets it right
 * once the handshake is read. On MySQL, and on MariaDB 11+, it changes nothing.
 */
public final class MariaDbFractionalSeconds implements ConnectionLifecycleInterceptor {

    /** The Connector/J property that installs it on a connection. */
    public static final String PROPERTY = "connectionLifecycleInterceptors";

    @Override
    public ConnectionLifecycleInterceptor init(MysqlConnection connection, Properties properties, Log log) {
        if (connection.getSession().getServerSession() instanceof NativeServerSession session) {
            NativeCapabilities announced = session.getCapabilities();
            if (!announced.serverSupportsFracSecs() && announced.getServerVersion().toString().contains("MariaDB")) {
                session.setCapabilities(withFractionalSeconds(announced));
            }
        }
        return this;
    }

    private static NativeCapabilities withFractionalSeconds(NativeCapabilities announced) {
        NativePacketPayload handshake = announced.getInitialHandshakePacket();
        handshake.setPosition(0);
        NativeCapabilities corrected = new NativeCapabilities(handshake) {
            @Override
            public boolean serverSupportsFracSecs() {
                return true;
            }
        };
        // the driver narrows both after the handshake (to what the client asked for, to the connection's id)
        corrected.setCapabilityFlags(announced.getCapabilityFlags());
        corrected.setThreadId(announced.getThreadId());
        return corrected;
    }

    @Override
    public void destroy() {
    }

    @Override
    public void close() {
    }

    @Override
    public boolean commit() {
        return true;
    }

    @Override
    public boolean rollback() {
        return true;
    }

    @Override
    public boolean rollback(Savepoint savepoint) {
        return true;
    }

    @Override
    public boolean setAutoCommit(boolean flag) {
        return true;
    }

    @Override
    public boolean setDatabase(String database) {
        return true;
    }

    @Override
    public boolean transactionBegun() {
        return true;
    }

    @Override
    public boolean transactionCompleted() {
        return true;
    }
}
