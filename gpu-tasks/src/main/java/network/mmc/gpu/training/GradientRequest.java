package network.mmc.gpu.training;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One shard's gradient work as it travels: the hash of the parameters to use, the parameters themselves or null when
 * the node is expected to hold them from an earlier request, and the shard.
 */
public record GradientRequest(byte[] parametersHash, MlpParameters parameters, Samples shard) {

    public GradientRequest {
        if (parametersHash.length != TrainingWireFormat.HASH_BYTES) {
            throw new IllegalArgumentException("a parameter hash has " + TrainingWireFormat.HASH_BYTES + " bytes, got "
                    + parametersHash.length);
        }
        if (parameters != null && !Arrays.equals(parameters.hash(), parametersHash)) {
            throw new IllegalArgumentException("the parameters sent hash to " + parameters.hashHex() + ", not to "
                    + HexFormat.of().formatHex(parametersHash));
        }
        parametersHash = parametersHash.clone();
    }

    public static GradientRequest withParameters(MlpParameters parameters, Samples shard) {
        return new GradientRequest(parameters.hash(), parameters, shard);
    }

    public static GradientRequest byHash(MlpParameters parameters, Samples shard) {
        return new GradientRequest(parameters.hash(), null, shard);
    }

    @Override
    public byte[] parametersHash() {
        return parametersHash.clone();
    }

    public String hashHex() {
        return HexFormat.of().formatHex(parametersHash);
    }
}
