package network.mmc.gpu;

/** No usable GPU: no driver, no device, too little memory, or a CUDA error, with the reason in words. */
public class GpuUnavailableException extends RuntimeException {

    public GpuUnavailableException(String message) {
        super(message);
    }

    public GpuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
