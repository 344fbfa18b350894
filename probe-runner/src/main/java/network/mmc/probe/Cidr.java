package network.mmc.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network, {@code address/prefix}; an IPv4-mapped IPv6 address is compared as its IPv4 address. */
public record Cidr(byte[] network, int prefix) {

    private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F:.]+");

    public Cidr {
        if (network.length != 4 && network.length != 16) {
            throw new IllegalArgumentException("a network address has 4 or 16 bytes, not " + network.length);
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("prefix /" + prefix + " is outside 0.." + network.length * 8);
        }
        network = network.clone();
    }

    /** {@code 10.0.0.0/8}, {@code ::1/128}, or a single address without a prefix. */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        // only literals: InetAddress would look a name up in DNS
        if (!ADDRESS.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a network (ADDRESS/PREFIX, e.g. 127.0.0.0/8)");
        }
        byte[] bytes;
        try {
            bytes = canonical(InetAddress.getByName(address));
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a network (ADDRESS/PREFIX, e.g. 127.0.0.0/8)");
        }
        if (slash < 0) {
            return new Cidr(bytes, bytes.length * 8);
        }
        try {
            return new Cidr(bytes, Integer.parseInt(trimmed.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length after '/'");
        }
    }

    public boolean contains(InetAddress address) {
        return contains(canonical(address));
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefix / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    /** The address's bytes, with an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}) as its 4 IPv4 bytes. */
    static byte[] canonical(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 16 && isMapped(bytes)) {
            return Arrays.copyOfRange(bytes, 12, 16);
        }
        return bytes;
    }

    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
