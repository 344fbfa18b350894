package network.mmc.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTests {

    private final AddressPolicy publicOnly = AddressPolicy.publicOnly();

    @ParameterizedTest
    @CsvSource({
            "127.0.0.1, loopback",
            "127.255.0.9, loopback",
            "::1, loopback",
            "::ffff:127.0.0.1, loopback",
            "10.1.2.3, private",
            "172.16.0.1, private",
            "172.31.255.255, private",
            "192.168.1.1, private",
            "100.64.0.1, carrier-grade NAT",
            "169.254.1.1, link-local",
            "169.254.169.254, cloud metadata",
            "::ffff:169.254.169.254, cloud metadata",
            "100.100.100.200, cloud metadata",
            "fd00:ec2::254, cloud metadata",
            "fe80::1, link-local",
            "fc00::1, unique-local",
            "fd12:3456::1, unique-local",
            "0.0.0.0, unspecified",
            "::, unspecified",
            "224.0.0.1, multicast",
            "ff02::1, multicast",
            "255.255.255.255, broadcast",
            "64:ff9b::7f00:1, loopback",
            "2002:a00:1::1, private",
            "::7f00:1, IPv4-compatible"})
    void refusesEveryAddressThatIsNotPublic(String address, String kind) throws Exception {
        assertThat(publicOnly.refusal(InetAddress.getByName(address))).contains(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "64:ff9b::808:808"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(publicOnly.refusal(InetAddress.getByName(address))).isNull();
    }

    @Test
    void anAllowListOpensItsNetworksButNeverMetadataUnspecifiedOrMulticast() throws Exception {
        AddressPolicy loopback = AddressPolicy.allowing(List.of("127.0.0.0/8", "::1/128", "169.254.0.0/16", "0.0.0.0/0"));

        assertThat(loopback.refusal(InetAddress.getByName("127.0.0.1"))).isNull();
        assertThat(loopback.refusal(InetAddress.getByName("::ffff:127.0.0.2"))).isNull();
        assertThat(loopback.refusal(InetAddress.getByName("::1"))).isNull();
        assertThat(loopback.refusal(InetAddress.getByName("10.0.0.1"))).isNull();
        assertThat(loopback.refusal(InetAddress.getByName("169.254.169.254"))).contains("cloud metadata");
        assertThat(loopback.refusal(InetAddress.getByName("0.0.0.0"))).contains("unspecified");
        assertThat(loopback.refusal(InetAddress.getByName("239.1.1.1"))).contains("multicast");
        assertThat(AddressPolicy.allowing(List.of("127.0.0.0/8")).refusal(InetAddress.getByName("::1")))
                .isEqualTo("0:0:0:0:0:0:0:1 is a loopback address outside the allowed networks");
    }

    @Test
    void aHostIsRefusedWhenItResolvesToAnAddressThatIsNotAllowed() {
        NodeEndpoint endpoint = NodeEndpoint.parse("http://localhost:7070");

        assertThatThrownBy(() -> publicOnly.check(endpoint))
                .hasMessage("host localhost: 127.0.0.1 is a loopback address outside the allowed networks");
        assertThat(AddressPolicy.allowing(List.of("127.0.0.0/8", "::1")).check(endpoint).isLoopbackAddress()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "example.com/8", "10.0.0.0/x", "::1/129", ""})
    void aMalformedAllowedNetworkIsRefusedWithItsText(String network) {
        if (network.isEmpty()) {
            assertThat(AddressPolicy.allowing(List.of(network)).allowed()).isEmpty();
            return;
        }
        assertThatThrownBy(() -> AddressPolicy.allowing(List.of(network))).isInstanceOf(IllegalArgumentException.class);
    }
}
