package network.mmc.jobs.mail;

/** How often a subscribed owner gets a digest: after each settled window, or once a UTC day. */
enum Cadence {
    WINDOW, DAILY
}
