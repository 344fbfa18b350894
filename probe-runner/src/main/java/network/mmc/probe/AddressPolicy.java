package network.mmc.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/**
 * Which addresses the Hub may send a probe to: public unicast addresses, plus the networks ops allow
 * (e.g. loopback for agents on the Hub's own machine). Cloud metadata services, unspecified, multicast and
 * reserved addresses are never allowed. A host name is resolved once; every address it resolves to must be
 * allowed, and the caller connects to the address returned, so a second DNS answer cannot redirect the probe.
 */
public final class AddressPolicy {

    private record Range(Cidr cidr, String what, boolean allowable) {
        static Range of(String cidr, String what, boolean allowable) {
            return new Range(Cidr.parse(cidr), what, allowable);
        }
    }

    private static final List<Range> NEVER = List.of(
            Range.of("169.254.169.254", "cloud metadata address", false),
            Range.of("169.254.170.2", "cloud metadata address", false),
            Range.of("100.100.100.200", "cloud metadata address", false),
            Range.of("fd00:ec2::254", "cloud metadata address", false),
            Range.of("0.0.0.0/8", "unspecified ('this network') address", false),
            Range.of("224.0.0.0/4", "multicast address", false),
            Range.of("240.0.0.0/4", "reserved or broadcast address", false),
            Range.of("::/128", "unspecified address", false),
            Range.of("ff00::/8", "multicast address", false));

    private static final List<Range> NON_PUBLIC = List.of(
            Range.of("127.0.0.0/8", "loopback address", true),
            Range.of("10.0.0.0/8", "private address", true),
            Range.of("172.16.0.0/12", "private address", true),
            Range.of("192.168.0.0/16", "private address", true),
            Range.of("100.64.0.0/10", "shared (carrier-grade NAT) address", true),
            Range.of("169.254.0.0/16", "link-local address", true),
            Range.of("192.0.0.0/24", "IETF protocol address", true),
            Range.of("192.0.2.0/24", "documentation address", true),
            Range.of("198.51.100.0/24", "documentation address", true),
            Range.of("203.0.113.0/24", "documentation address", true),
            Range.of("198.18.0.0/15", "benchmarking address", true),
            Range.of("::1/128", "loopback address", true),
            Range.of("fe80::/10", "link-local address", true),
            Range.of("fec0::/10", "site-local address", true),
            Range.of("fc00::/7", "unique-local address", true),
            Range.of("100::/64", "discard-only address", true),
            Range.of("2001:db8::/32", "documentation address", true),
            Range.of("2001::/32", "Teredo tunnel address", true),
            Range.of("64:ff9b:1::/48", "local-use NAT64 address", true),
            Range.of("::/96", "IPv4-compatible (deprecated) address", true));

    /** IPv6 ranges that carry an IPv4 address: it is checked as well. */
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Cidr> allowed;

    private AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** Public addresses only. */
    public static AddressPolicy publicOnly() {
        return new AddressPolicy(List.of());
    }

    /** Public addresses and those in {@code networks} (CIDR texts); throws naming a malformed entry. */
    public static AddressPolicy allowing(List<String> networks) {
        return new AddressPolicy(networks == null ? List.of()
                : networks.stream().filter(n -> !n.isBlank()).map(Cidr::parse).toList());
    }

    public List<Cidr> allowed() {
        return allowed;
    }

    /** Null when a probe may go to {@code address}, else why not, e.g. "127.0.0.1 is a loopback address". */
    public String refusal(InetAddress address) {
        byte[] bytes = Cidr.canonical(address);
        String shown = address.getHostAddress();
        for (Range range : NEVER) {
            if (range.cidr().contains(bytes)) {
                return shown + " is a " + range.what();
            }
        }
        if (bytes.length == 16 && (NAT64.contains(bytes) || SIX_TO_FOUR.contains(bytes))) {
            String embedded = refusal(embeddedIpv4(bytes));
            if (embedded != null) {
                return shown + " embeds an IPv4 address: " + embedded;
            }
        }
        if (allowed.stream().anyMatch(network -> network.contains(bytes))) {
            return null;
        }
        for (Range range : NON_PUBLIC) {
            if (range.cidr().contains(bytes)) {
                return shown + " is a " + range.what() + " outside the allowed networks";
            }
        }
        return null;
    }

    /**
     * The address to connect to for {@code endpoint}: its literal address, or the first address its host
     * resolves to, once every address it resolves to has been checked.
     *
     * @throws RefusedAddressException when the host does not resolve or an address is not allowed
     */
    public InetAddress check(NodeEndpoint endpoint) {
        InetAddress literal = endpoint.literalAddress();
        InetAddress[] addresses;
        if (literal != null) {
            addresses = new InetAddress[] {literal};
        } else {
            try {
                addresses = InetAddress.getAllByName(endpoint.hostName());
            } catch (UnknownHostException e) {
                throw new RefusedAddressException("host " + endpoint.hostName() + " does not resolve");
            }
        }
        for (InetAddress address : addresses) {
            String refusal = refusal(address);
            if (refusal != null) {
                throw new RefusedAddressException(literal != null ? refusal : "host " + endpoint.hostName() + ": " + refusal);
            }
        }
        return addresses[0];
    }

    private static InetAddress embeddedIpv4(byte[] bytes) {
        // NAT64 keeps the IPv4 address in the last 4 bytes, 6to4 in bytes 2..5
        byte[] ipv4 = NAT64.contains(bytes) ? Arrays.copyOfRange(bytes, 12, 16) : Arrays.copyOfRange(bytes, 2, 6);
        try {
            return InetAddress.getByAddress(ipv4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A probe target the policy does not let the Hub call; the message says why. */
    public static final class RefusedAddressException extends RuntimeException {
        RefusedAddressException(String message) {
            super(message);
        }
    }
}
