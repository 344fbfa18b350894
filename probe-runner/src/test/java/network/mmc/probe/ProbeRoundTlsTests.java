package network.mmc.probe;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import network.mmc.gpu.CpuMatmulExecutor;
import network.mmc.gpu.MatmulChallenge;
import network.mmc.gpu.MatmulWireFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https endpoint is called at the checked address, with SNI and the certificate checked against its host name. */
class ProbeRoundTlsTests {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @TempDir
    Path dir;

    private final CpuMatmulExecutor cpu = new CpuMatmulExecutor(1);
    private HttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        cpu.close();
    }

    @Test
    void theCertificateIsCheckedAgainstTheEndpointsHostNameNotTheAddressConnectedTo() throws Exception {
        SSLContext tls = selfSignedFor("localhost");
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext(MatmulWireFormat.TASK_PATH, exchange -> {
            try (exchange) {
                MatmulChallenge challenge = MatmulWireFormat.parseForm(
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                byte[] body = MatmulWireFormat.encode(cpu.multiply(challenge.matrices()).c());
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
        int port = server.getAddress().getPort();

        try (ProbeRound round = new ProbeRound(new ProbeSettings(16, 16, 2, Duration.ofSeconds(5), 3),
                AddressPolicy.allowing(List.of("127.0.0.0/8", "::1/128")), tls.getSocketFactory(), Clock.systemUTC())) {
            List<ProbeOutcome> outcomes = round.probe(List.of(new ProbeTarget("by-name", "https://localhost:" + port),
                    new ProbeTarget("by-address", "https://127.0.0.1:" + port)));

            assertThat(outcomes.get(0).status()).as(outcomes.get(0).detail()).isEqualTo(ProbeStatus.SUCCESS);
            assertThat(outcomes.get(1).status()).isEqualTo(ProbeStatus.FAILED);
            assertThat(outcomes.get(1).detail()).startsWith("TLS with 127.0.0.1 failed:");
        }
    }

    /** A key and certificate for {@code host} only (keytool, as an operator would make one), trusted by itself. */
    private SSLContext selfSignedFor(String host) throws Exception {
        Path store = dir.resolve("node.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + host,
                "-ext", "SAN=dns:" + host, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
