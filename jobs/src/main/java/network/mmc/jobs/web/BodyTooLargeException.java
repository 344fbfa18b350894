package network.mmc.jobs.web;

import java.io.IOException;

/** A request body went past its endpoint's limit while it was read (an IOException, so a stream can throw it). */
class BodyTooLargeException extends IOException {

    BodyTooLargeException(String message) {
        super(message);
    }
}
