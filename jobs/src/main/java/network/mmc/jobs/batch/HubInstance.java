package network.mmc.jobs.batch;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which Hub process, of all the {@code serve} instances, workers and commands on one database, this is: its host and
 * process id ({@code hub-a:41235}). Recorded with every job execution and step it runs ({@link RunOwnerListener}), so
 * that {@code jobs list} can say which instance runs what, and so that an execution whose process is gone can be
 * told from a running one. The scheduler keeps Quartz's own instance id (host and start time), which
 * {@code /actuator/health} shows.
 */
public final class HubInstance {

    private HubInstance() {
    }

    public static String id() {
        return host() + ":" + ProcessHandle.current().pid();
    }

    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
