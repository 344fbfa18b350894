package network.mmc.jobs.staking;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A 503 for a request the cluster (or the token's setup) cannot serve now. Its text is public: the RPC's URL is left
 * out (a provider's URL often carries its API key); the log has it.
 */
final class ChainRefusals {

    private ChainRefusals() {
    }

    static ErrorResponseException unavailable(String rpcUrl, String detail) {
        String text = detail.replace(rpcUrl, "the Solana RPC");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE,
                ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, text), null);
    }
}
