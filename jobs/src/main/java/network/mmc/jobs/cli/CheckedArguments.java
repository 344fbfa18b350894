package network.mmc.jobs.cli;

import java.util.function.Consumer;
import network.mmc.jobs.crypto.SolanaAddress;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * picocli converters that check an argument by the Hub's own rule while the command line is parsed, before a command
 * starts the application and its database, so that a bad argument answers at once; each gives back the text as given.
 */
final class CheckedArguments {

    private CheckedArguments() {
    }

    /** A wallet: base58 text of 32 bytes. */
    static final class Wallet implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return checked(text, value -> SolanaAddress.parse("wallet", value));
        }
    }

    /** A node id: the node's public key, base58 text of 32 bytes. */
    static final class NodeId implements ITypeConverter<String> {
        @Override
        public String convert(String text) {
            return checked(text, value -> SolanaAddress.parse("node id", value));
        }
    }

    private static String checked(String text, Consumer<String> rule) {
        try {
            rule.accept(text);
        } catch (RuntimeException e) {
            throw new TypeConversionException(e.getMessage());
        }
        return text;
    }
}
